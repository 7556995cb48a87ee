package codegen

import (
	"fmt"
	"strings"

	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/ir"
)

// Predicate memo: rules share macros (Falco's k8s rules all start with
// `kevt`), so the same comparison is evaluated for every rule of an event.
// Each distinct predicate gets a byte per event (0 not yet evaluated,
// 1 false, 2 true), cleared with the field cache.

// predKey renders a predicate canonically; equal keys compute equal results.
func predKey(p *ir.Pred) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%d/", p.Op, p.Mod)
	valueKey(&b, p.LHS)
	if p.RHS != nil {
		b.WriteString("/rhs:")
		valueKey(&b, p.RHS)
	}
	for i, c := range p.Consts {
		fmt.Fprintf(&b, "/%x:%d", c.Text, c.Num)
		if p.Regex != nil {
			fmt.Fprintf(&b, ":re%d", p.Regex[i])
		}
	}
	return b.String()
}

func valueKey(b *strings.Builder, v *ir.Value) {
	switch {
	case v.Field >= 0:
		fmt.Fprintf(b, "f%d", v.Field)
	case v.Lit != nil:
		fmt.Fprintf(b, "l%x", v.Lit.Text)
	default:
		b.WriteString(v.Func + "(")
		for _, a := range v.Args {
			valueKey(b, a)
			b.WriteByte(',')
		}
		b.WriteByte(')')
	}
}

// memoPreds numbers the distinct memoizable predicates of m in first-use
// order. exists needs no memo: it is one cached field lookup.
func memoPreds(m *ir.Module) map[string]int {
	slots := map[string]int{}
	var walk func(ir.Block)
	walk = func(b ir.Block) {
		for _, s := range b {
			switch s := s.(type) {
			case *ir.Test:
				if s.Pred.Op == ast.OpExists {
					continue
				}
				if k := predKey(s.Pred); slots[k] == 0 {
					slots[k] = len(slots) + 1
				}
			case *ir.Any:
				for _, a := range s.Alts {
					walk(a)
				}
			case *ir.Not:
				walk(s.Body)
			}
		}
	}
	for _, r := range m.Rules {
		walk(r.Body)
	}
	for k := range slots {
		slots[k]--
	}
	return slots
}
