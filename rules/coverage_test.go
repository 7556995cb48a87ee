package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aeriesec/aerie/rules"
)

// TestEveryRuleHasFixtures checks that the tests under testdata/ name every
// default rule in a case where it must fire (expect) and in one where it
// must not (forbid).
func TestEveryRuleHasFixtures(t *testing.T) {
	pos, neg := map[string]bool{}, map[string]bool{}
	paths, _ := filepath.Glob(filepath.Join("testdata", "*_test.yaml"))
	for _, p := range paths {
		var spec struct {
			Cases []struct {
				Skip   string                  `yaml:"skip"`
				Expect []struct{ Rule string } `yaml:"expect"`
				Forbid []struct{ Rule string } `yaml:"forbid"`
			} `yaml:"cases"`
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(data, &spec); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, c := range spec.Cases {
			if c.Skip != "" {
				continue
			}
			for _, e := range c.Expect {
				pos[e.Rule] = true
			}
			for _, f := range c.Forbid {
				neg[f.Rule] = true
			}
		}
	}
	for _, f := range rules.Defaults() {
		var items []struct{ Rule string }
		if err := yaml.Unmarshal(f.Data, &items); err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.Rule == "" {
				continue
			}
			if !pos[it.Rule] {
				t.Errorf("%s: rule %q has no positive fixture", f.Name, it.Rule)
			}
			if !neg[it.Rule] {
				t.Errorf("%s: rule %q has no negative fixture", f.Name, it.Rule)
			}
		}
	}
}
