package callgraph_test

import (
	"errors"
	"testing"

	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/runtime/wasmhost/internal/callgraph"
	"github.com/aeriesec/aerie/tests/hostile"
	"github.com/aeriesec/aerie/toolchain"
)

// defaultModules compiles Aerie's default rules: one module per source.
func defaultModules(tb testing.TB) map[string][]byte {
	var files []toolchain.File
	for _, f := range rules.Defaults() {
		files = append(files, toolchain.File{Name: f.Name, Data: f.Data})
	}
	p, ds := toolchain.LoadFiles(files, toolchain.LoadOptions{})
	if p == nil || ds.HasErrors() {
		tb.Fatalf("load default rules: %v", ds.Err())
	}
	mods, errs := toolchain.CompileProgram(p)
	if len(errs) > 0 || len(mods) == 0 {
		tb.Fatalf("compile default rules: %d modules, %v", len(mods), errs.Err())
	}
	return mods
}

func TestDefaultModulesPass(t *testing.T) {
	for src, wasm := range defaultModules(t) {
		if err := callgraph.Check(wasm, callgraph.Limits{}); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}

var sentinels = []error{callgraph.ErrInvalid, callgraph.ErrImport, callgraph.ErrSection,
	callgraph.ErrInstruction, callgraph.ErrLimit, callgraph.ErrRecursion}

// FuzzCallGraph: Check never panics, every error wraps exactly one
// sentinel, and an accepted module's graph is acyclic with calls in range.
func FuzzCallGraph(f *testing.F) {
	for _, fx := range hostile.All() {
		f.Add(fx.Bytes())
	}
	for _, wasm := range defaultModules(f) {
		f.Add(wasm)
	}
	f.Fuzz(func(t *testing.T, wasm []byte) {
		err := callgraph.Check(wasm, callgraph.Limits{})
		if err != nil {
			n := 0
			for _, s := range sentinels {
				if errors.Is(err, s) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("error %q wraps %d sentinels", err, n)
			}
			return
		}
		g, err := callgraph.Decode(wasm, callgraph.Limits{})
		if err != nil {
			t.Fatalf("Check accepts, Decode refuses: %v", err)
		}
		if c := g.Cycle(); c != nil {
			t.Fatalf("accepted with cycle %v", c)
		}
		for _, calls := range g.Calls {
			for _, c := range calls {
				if int(c) < g.Imports || int(c) >= g.Imports+len(g.Calls) {
					t.Fatalf("call to %d outside the defined functions", c)
				}
			}
		}
	})
}
