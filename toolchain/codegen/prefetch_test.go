package codegen

import (
	"slices"
	"testing"

	"github.com/aeriesec/aerie/toolchain/ir"
)

func test(field int) *ir.Test { return &ir.Test{Pred: &ir.Pred{LHS: &ir.Value{Field: field}}} }

// The common fields of a module without event types are those at least a
// quarter of the rules read among their first three tests: alternatives
// count as deep as their deepest, a negation's body counts, and a test past
// the third does not.
func TestCommonIDs(t *testing.T) {
	rule := func(b ...ir.Stmt) *ir.Rule { return &ir.Rule{Body: b} }
	m := &ir.Module{Rules: []*ir.Rule{
		rule(test(0), test(1), test(2), test(9)),                                // 9 is fourth
		rule(test(0), &ir.Any{Alts: []ir.Block{{test(3)}, {test(1), test(4)}}}), // 3, 1, 4 within depth
		rule(test(0), &ir.Not{Body: ir.Block{test(5)}}, test(6), test(7)),       // 7 is fourth
		rule(test(0), test(1)),
		rule(test(8)),
		rule(&ir.Test{Pred: &ir.Pred{LHS: &ir.Value{Field: -1, Func: "f"}}}, test(2)),
		rule(test(0)),
		rule(test(0)),
	}}
	g := &gen{m: m}
	// 8 rules: a field is common when 2 or more read it early.
	if got, want := g.commonIDs(), []uint32{0, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("common fields %v, want %v", got, want)
	}
}
