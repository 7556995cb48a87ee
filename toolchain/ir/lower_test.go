package ir_test

import (
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/ir"
)

const rules = `
- rule: a
  desc: d
  condition: evt.type in (open, openat) and (proc.name = bash or not proc.name regex "z.*") and proc.name regex "z.*"
  output: o
  priority: WARNING
- rule: b
  desc: d
  condition: proc.name startswith anyof (a, b) and evt.type = connect
  output: o
  priority: WARNING
- rule: c
  desc: d
  condition: proc.name exists
  output: o
  priority: WARNING
`

func lower(t *testing.T) *ir.Module {
	p, ds := toolchain.LoadFiles([]toolchain.File{{Name: "r.yaml", Data: []byte(rules)}}, toolchain.LoadOptions{})
	if p == nil {
		t.Fatal(ds.Err())
	}
	m, err := ir.Lower(p.Source("syscall"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLowerShapes(t *testing.T) {
	m := lower(t)
	a := m.Rules[0].Body
	if len(a) != 3 {
		t.Fatalf("rule a: %d statements, want 3 (and flattened)", len(a))
	}
	if _, ok := a[0].(*ir.Test); !ok {
		t.Errorf("a[0] is %T, want Test", a[0])
	}
	any, ok := a[1].(*ir.Any)
	if !ok || len(any.Alts) != 2 {
		t.Fatalf("a[1] is %T, want Any of 2", a[1])
	}
	if _, ok := any.Alts[1][0].(*ir.Not); !ok {
		t.Errorf("second alternative is %T, want Not", any.Alts[1][0])
	}
	if len(m.Regexes) != 1 {
		t.Errorf("regex table %q, want one deduplicated entry", m.Regexes)
	}
	b := m.Rules[1].Body[0].(*ir.Test).Pred
	if b.Mod != ast.ModAnyOf || len(b.Consts) != 2 || string(b.Consts[1].Text) != "b" {
		t.Errorf("rule b's modifier test: %+v", b)
	}
	if m.Rules[2].Body[0].(*ir.Test).Pred.LHS.Kind != abi.KindText {
		t.Errorf("proc.name is not a text value")
	}
}

func TestLowerEventTypes(t *testing.T) {
	m := lower(t)
	want := []string{"connect", "open", "openat"}
	if len(m.EventTypes) != len(want) {
		t.Fatalf("event types %v, want %v", m.EventTypes, want)
	}
	for i := range want {
		if m.EventTypes[i] != want[i] {
			t.Fatalf("event types %v, want %v", m.EventTypes, want)
		}
	}
	if c := m.Rules[0].Codes; len(c) != 2 || c[0] != 1 || c[1] != 2 {
		t.Errorf("rule a codes %v, want [1 2]", c)
	}
	if c := m.Rules[1].Codes; len(c) != 1 || c[0] != 0 {
		t.Errorf("rule b codes %v, want [0]", c)
	}
	if m.Rules[2].Codes != nil {
		t.Errorf("rule c codes %v, want nil (every event)", m.Rules[2].Codes)
	}
}
