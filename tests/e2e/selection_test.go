package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRuleSelectionAndPriority runs the corpus with falco.yaml-style rule
// selection and a priority threshold from a config file plus a flag: only
// selected rules at or above the threshold alert, and they do alert.
func TestRuleSelectionAndPriority(t *testing.T) {
	dir := t.TempDir()
	rules := falcoRules(t)
	cfg := writeFile(t, filepath.Join(dir, "aerie.yaml"), `
json_output: true
stdout_output: {enabled: false}
priority: warning
rule_matching: all
rules:
  - disable: {rule: "*"}
  - enable: {rule: "*Pod*"}
`)
	alerts := filepath.Join(dir, "alerts.json")
	a := start(t, nil, append([]string{"--config", cfg, "--no-syscall", "--select", "enable:rule=Create Disallowed Namespace",
		"--file_output.enabled", "--file_output.filename", alerts}, rulesArgs(rules)...)...)
	evs := corpus(t, 1)
	for _, ev := range evs {
		postEvent(t, a, ev)
	}
	poll(t, "corpus evaluated", func() bool { return a.evaluated() == float64(len(evs)) })
	a.stop()
	got := readAlerts(t, alerts)
	rulesSeen := map[string]int{}
	for _, al := range got {
		rulesSeen[al.Rule]++
		if !strings.Contains(al.Rule, "Pod") && al.Rule != "Create Disallowed Namespace" {
			t.Errorf("alert from unselected rule %q", al.Rule)
		}
		switch al.Priority {
		case "Emergency", "Alert", "Critical", "Error", "Warning":
		default:
			t.Errorf("rule %q alerted at %s, below the warning threshold", al.Rule, al.Priority)
		}
	}
	if len(rulesSeen) < 3 || rulesSeen["Create Disallowed Namespace"] == 0 {
		t.Errorf("alerts per rule %v: want several selected rules, the flag's included", rulesSeen)
	}
	t.Logf("alerts per rule %v", rulesSeen)
}
