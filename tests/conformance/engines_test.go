package conformance

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/program"
)

// TestEnginesAgreeOnOtherRuleSets replays every corpus event file with
// rule_matching all on every engine and compares the text and JSON alert
// lines with the interpreter's, line for line, for the current plugin's
// rules and Aerie's defaults (wasm_test.go covers Falco 0.31.1's).
func TestEnginesAgreeOnOtherRuleSets(t *testing.T) {
	dir := testenv.Compat(t, "k8saudit")
	events, err := filepath.Glob(filepath.Join(dir, "events", "*.json"))
	if err != nil || len(events) != 47 {
		t.Fatalf("event files: %d, %v", len(events), err)
	}
	for name, prog := range ruleSets(t, dir) {
		t.Run(name, func(t *testing.T) {
			total := 0
			for _, ev := range events {
				total += compareEngines(t, prog, ev)
			}
			if total == 0 {
				t.Fatal("no alerts at all: the comparison proves nothing")
			}
			t.Logf("%d identical alerts per engine", total)
		})
	}
}

func ruleSets(t *testing.T, dir string) map[string]*program.Program {
	load := func(files ...string) *program.Program {
		p, ds := toolchain.Load(paths(dir, files), toolchain.LoadOptions{})
		if p == nil {
			t.Fatalf("load %v: %v", files, ds.Err())
		}
		return p
	}
	var defs []toolchain.File
	for _, f := range rules.Defaults() {
		defs = append(defs, toolchain.File{Name: f.Name, Data: f.Data})
	}
	aerie, ds := toolchain.LoadFiles(defs, toolchain.LoadOptions{})
	if aerie == nil {
		t.Fatalf("load default rules: %v", ds.Err())
	}
	return map[string]*program.Program{
		"plugin-current": load("rules/upstream-plugins/k8s_audit_rules.yaml"),
		"aerie-defaults": aerie,
	}
}

// compareEngines replays one file on every engine and returns the number of
// alerts, after checking every engine printed what the interpreter printed.
func compareEngines(t *testing.T, prog *program.Program, eventFile string) int {
	want := lines(t, "interp", prog, eventFile)
	for name := range engines {
		if name == "interp" {
			continue
		}
		got := lines(t, name, prog, eventFile)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: %s printed\n%s\ninterp printed\n%s", filepath.Base(eventFile), name,
				strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	return len(want) / 2
}

func lines(t *testing.T, engine string, prog *program.Program, eventFile string) []string {
	o, err := ReplayProgram(engines[engine], prog, nil, eventFile, abi.Options{MatchAll: true})
	if err != nil {
		t.Fatalf("%s on %s: %v", engine, eventFile, err)
	}
	var out []string
	for _, a := range o.Alerts {
		out = append(out, string(a.Text), string(a.JSON))
	}
	return out
}
