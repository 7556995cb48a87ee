package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aeriesec/aerie/rules"
)

func TestDefaultsMatchFiles(t *testing.T) {
	fs := rules.Defaults()
	if len(fs) != 2 {
		t.Fatalf("Defaults() = %d files, want 2", len(fs))
	}
	want := []string{"rules/k8s_audit_rules.yaml", "rules/syscall_rules.yaml"}
	for i, f := range fs {
		if f.Name != want[i] {
			t.Errorf("Defaults()[%d].Name = %q, want %q", i, f.Name, want[i])
		}
		disk, err := os.ReadFile(filepath.Base(f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(disk, f.Data) {
			t.Errorf("%s: embedded content differs from the file", f.Name)
		}
	}
	fs[0].Data[0] = 'X'
	if rules.Defaults()[0].Data[0] == 'X' {
		t.Error("Defaults() shares storage between calls")
	}
}

// item is the shape every rule in the defaults must have.
type item struct {
	Rule     string   `yaml:"rule"`
	Desc     string   `yaml:"desc"`
	Output   string   `yaml:"output"`
	Priority string   `yaml:"priority"`
	Tags     []string `yaml:"tags"`
	Source   string   `yaml:"source"`
}

func TestEveryRuleIsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rules.Defaults() {
		var items []item
		if err := yaml.Unmarshal(f.Data, &items); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		n := 0
		for _, it := range items {
			if it.Rule == "" {
				continue
			}
			n++
			if it.Desc == "" || it.Output == "" || it.Priority == "" || len(it.Tags) == 0 {
				t.Errorf("%s: rule %q lacks desc, output, priority or tags", f.Name, it.Rule)
			}
			if !bytes.Contains(doc, []byte("### "+it.Rule+"\n")) {
				t.Errorf("docs/rules.md has no section \"### %s\"", it.Rule)
			}
		}
		if n == 0 {
			t.Errorf("%s: no rules", f.Name)
		}
	}
}
