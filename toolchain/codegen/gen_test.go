package codegen_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/tests/wasmtest"
	"github.com/aeriesec/aerie/toolchain"
)

const threeRules = `
- rule: a
  desc: d
  condition: ka.verb = create
  output: a
  priority: WARNING
  source: k8s_audit
- rule: b
  desc: d
  condition: ka.user.name = admin
  output: b
  priority: WARNING
  source: k8s_audit
- rule: c
  desc: d
  condition: ka.verb exists
  output: c
  priority: WARNING
  source: k8s_audit
  enabled: false
`

func mt(e, r int) abi.Match { return abi.Match{Event: e, Rule: r} }

func TestRuleMatchingAndEnabled(t *testing.T) {
	p, err := wasmtest.Load(toolchain.File{Name: "r.yaml", Data: []byte(threeRules)})
	if err != nil {
		t.Fatal(err)
	}
	e := wasmtest.MustBuild(t, p, "k8s_audit")
	batch := wasmtest.Bind(e.Wasm.Metadata(), events...)
	for _, tc := range []struct {
		name string
		opts abi.Options
		want []abi.Match
	}{
		{"first", abi.Options{}, []abi.Match{mt(0, 0)}},
		{"all", abi.Options{MatchAll: true}, []abi.Match{mt(0, 0), mt(0, 1)}},
		{"all enabled", abi.Options{MatchAll: true, Enabled: []bool{true, true, true}},
			[]abi.Match{mt(0, 0), mt(0, 1), mt(0, 2), mt(1, 2), mt(3, 2)}},
		{"only c", abi.Options{Enabled: []bool{false, false, true}}, []abi.Match{mt(0, 2), mt(1, 2), mt(3, 2)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.SetOptions(tc.opts)
			w, ref, err := e.Eval(batch)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w, tc.want) || !slices.Equal(ref, tc.want) {
				t.Errorf("wasm %v, interpreter %v, want %v", w, ref, tc.want)
			}
		})
	}
}

// TestLargeBatch crosses the module's batch size.
func TestLargeBatch(t *testing.T) {
	p, err := wasmtest.Load(toolchain.File{Name: "r.yaml", Data: []byte(threeRules)})
	if err != nil {
		t.Fatal(err)
	}
	e := wasmtest.MustBuild(t, p, "k8s_audit")
	var evs []wasmtest.Event
	for range 700 {
		evs = append(evs, events...)
	}
	w, ref, err := e.Eval(wasmtest.Bind(e.Wasm.Metadata(), evs...))
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 700 || !slices.Equal(w, ref) {
		t.Errorf("wasm %d matches, interpreter %d; equal %v", len(w), len(ref), slices.Equal(w, ref))
	}
}

func TestDeterministic(t *testing.T) {
	rules := []string{
		testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}
	var prev []byte
	for i := range 3 {
		mods, _, ds := toolchain.Compile(rules, toolchain.CompileOptions{})
		m := mods["k8s_audit"]
		if m == nil {
			t.Fatalf("no k8s_audit module: %v", ds)
		}
		if i > 0 && !bytes.Equal(m, prev) {
			t.Fatalf("compile %d differs from the previous one (%d vs %d bytes)", i, len(m), len(prev))
		}
		prev = m
	}
}
