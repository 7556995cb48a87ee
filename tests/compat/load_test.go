// Package compat holds the tests that hold Aerie to Falco's own rules and
// regression cases from the shared compatibility corpus.
package compat

import (
	"os"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/diag"
)

// ruleWarningCodes are the warnings Falco prints as "Rule X: warning (…)"
// lines about a rule's condition or output (the k8s-audit runner fails
// on those); unused macros/lists and deprecations are not rule warnings.
var ruleWarningCodes = map[string]bool{
	"LOAD_NO_EVTTYPE": true, "LOAD_UNKNOWN_FILTER": true, "LOAD_COMPILE_CONDITION": true,
	"LOAD_UNSAFE_NA_CHECK": true, "LOAD_UNKNOWN_SOURCE": true,
}

func load(t *testing.T, files ...string) diag.List {
	t.Helper()
	_, ds := toolchain.Load(files, toolchain.LoadOptions{})
	for _, d := range ds.Errors() {
		t.Errorf("%s", d.Error())
	}
	return ds
}

func TestCompatRuleSetsLoad(t *testing.T) {
	k := func(p ...string) string { return testenv.Compat(t, append([]string{"k8saudit"}, p...)...) }
	s := func(p string) string { return testenv.Compat(t, "syscall", "rules", p) }
	sets := map[string][]string{
		"falco031+k8saudit":  {k("rules", "extra", "falco_rules.yaml"), k("rules", "k8s_audit_rules.yaml")},
		"falco031+engine_v4": {k("rules", "extra", "falco_rules.yaml"), k("rules", "extra", "engine_v4_k8s_audit_rules.yaml")},
		"plugin k8saudit":    {k("rules", "upstream-plugins", "k8s_audit_rules.yaml")},
		"stable syscall":     {s("falco_rules.yaml")},
		"stable+incubating":  {s("falco_rules.yaml"), s("falco-incubating_rules.yaml")},
	}
	for name, files := range sets {
		t.Run(name, func(t *testing.T) { load(t, files...) })
	}
}

type expectations struct {
	Tests []struct {
		Name       string   `yaml:"name"`
		RulesFiles []string `yaml:"rules_files"`
	} `yaml:"tests"`
}

func TestCompatExpectationRuleFilesLoad(t *testing.T) {
	data, err := os.ReadFile(testenv.Compat(t, "k8saudit", "expectations.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var exp expectations
	if err := yaml.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	if len(exp.Tests) != 66 {
		t.Fatalf("expectations: %d tests, want 66", len(exp.Tests))
	}
	for _, tc := range exp.Tests {
		t.Run(tc.Name, func(t *testing.T) {
			var files []string
			for _, f := range tc.RulesFiles {
				files = append(files, testenv.Compat(t, "k8saudit", f))
			}
			for _, d := range load(t, files...).Warnings() {
				if ruleWarningCodes[d.Code] {
					t.Errorf("rule warning: %s", d.Error())
				}
			}
		})
	}
}
