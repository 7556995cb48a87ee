package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/tests/testenv"
)

const regenerate = "go run ./cmd/aerie config-reference > docs/configuration.md"

// docs/configuration.md is generated from runtime/config: it must be what
// the command prints today.
func TestConfigurationReferenceIsFresh(t *testing.T) {
	got, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "docs", "configuration.md"))
	if err != nil {
		t.Fatalf("%v: generate it with `%s`", err, regenerate)
	}
	if string(got) != configReference() {
		t.Fatalf("docs/configuration.md is stale: regenerate it with `%s`", regenerate)
	}
}

// The reference's YAML example is a configuration config.Load accepts.
func TestConfigurationExampleLoads(t *testing.T) {
	ref := configReference()
	_, rest, ok := strings.Cut(ref, "```yaml\n")
	body, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("the reference has no yaml example")
	}
	p := filepath.Join(t.TempDir(), "aerie.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, err := config.Load([]string{"--config", p}, io.Discard)
	if err != nil {
		t.Fatalf("example: %v", err)
	}
	if c.Priority != "notice" || !c.HTTPOutput.Enabled || c.K8sAudit.QueueEvents != 200000 {
		t.Errorf("example loaded as %+v", c)
	}
}

// The reference's flag example parses as `aerie run` parses its arguments.
func TestConfigurationFlagExampleParses(t *testing.T) {
	_, rest, ok := strings.Cut(configReference(), "```sh\n")
	body, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("the reference has no shell example")
	}
	args := strings.Fields(strings.ReplaceAll(body, "\\\n", " "))
	if len(args) < 2 || args[0] != "aerie" || args[1] != "run" {
		t.Fatalf("example %q: want aerie run …", body)
	}
	c, rest2, err := config.Load(args[2:], io.Discard)
	if err != nil || len(rest2) > 0 {
		t.Fatalf("example: %v %v", err, rest2)
	}
	if c.Priority != "notice" || !c.JSONOutput || c.HTTPOutput.URL == "" || len(c.Rules) != 1 || c.Rules[0].Disable.Tag != "lifecycle" {
		t.Errorf("example parsed as %+v", c)
	}
}
