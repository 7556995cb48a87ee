package main

import (
	"testing"

	"github.com/aeriesec/aerie/runtime/ruletest"
	"github.com/aeriesec/aerie/toolchain"
)

// BenchmarkCompileDefaults measures what `aerie run` pays at start for
// compiling the embedded default rules: load and check both files, then
// generate and encode one Wasm module per source (docs/rules.md).
func BenchmarkCompileDefaults(b *testing.B) {
	files := defaultRuleFiles()
	for b.Loop() {
		prog, err := loadTestRules(files)
		if err != nil {
			b.Fatal(err)
		}
		mods, ds := toolchain.CompileProgram(prog)
		if len(ds) > 0 || len(mods) != 2 {
			b.Fatalf("compile defaults: %d modules, %v", len(mods), ds)
		}
	}
}

// BenchmarkBuildDefaultsWasm adds hosting: compiling each module in wazero
// and instantiating it, as `aerie test --engine wasm` and `aerie run` do.
func BenchmarkBuildDefaultsWasm(b *testing.B) {
	files := defaultRuleFiles()
	e := testEngine{"wasm"}
	for b.Loop() {
		for _, src := range []string{"k8s_audit", "syscall"} {
			ev, closeFn, err := e.Build(files, src)
			if err != nil || ev == nil {
				b.Fatalf("build %s: %v", src, err)
			}
			closeFn()
		}
	}
}

func TestEnginesBuildDefaults(t *testing.T) {
	files := defaultRuleFiles()
	for _, name := range []string{"wasm", "interp"} {
		for _, src := range []string{"k8s_audit", "syscall"} {
			ev, closeFn, err := testEngine{name}.Build(files, src)
			if err != nil || ev == nil {
				t.Fatalf("%s %s: %v", name, src, err)
			}
			if n := len(ev.Metadata().Rules); n < 20 {
				t.Errorf("%s %s: %d rules", name, src, n)
			}
			for _, r := range ev.Metadata().Rules {
				if src == "syscall" && len(r.EventTypes) == 0 {
					t.Errorf("%s: syscall rule %q does not restrict evt.type: the probe would capture everything for it", name, r.Name)
				}
			}
			closeFn()
		}
	}
	_, _, err := testEngine{"wasm"}.Build([]ruletest.RuleFile{{Name: "bad.yaml", Data: []byte("- rule: x\n")}}, "syscall")
	if err == nil {
		t.Error("a broken rules file built")
	}
}
