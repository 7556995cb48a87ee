package interp

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// literalCompare compares an extracted left side with the check's literals
// (typed once, in New). A list left side satisfies a single-value operator
// when one of its elements does.
func (in *Interp) literalCompare(c *ast.Check, lhs val) bool {
	lits := in.lits[c]
	if c.Op == ast.OpIn || c.Op == ast.OpIntersects {
		return membership(memberOp(c), lhs, lits)
	}
	if !lhs.List {
		return in.literalOp(c, lhs.T, &lhs.V, lits)
	}
	for _, e := range lhs.V.L {
		if ev, ok := elemValue(lhs.T, e); ok && in.literalOp(c, lhs.T, &ev, lits) {
			return true
		}
	}
	return false
}

// literalOp applies a single-value operator (with its modifier, or pmatch
// over its prefixes) to one value.
func (in *Interp) literalOp(c *ast.Check, t fields.Type, v *fields.Value, lits []fields.Value) bool {
	switch {
	case c.Op == ast.OpPMatch:
		for i := range lits {
			if match.PathPrefix(lits[i].S, v.S) {
				return true
			}
		}
		return false
	case c.Modifier != ast.ModNone:
		return in.modified(c, t, v, lits)
	case len(lits) != 1:
		return false
	}
	return in.scalarOp(c.Op, t, v, &lits[0], c.Values[0].Text)
}

// fieldCompare compares the left side with another operand (val(f) or a
// transformer), converted to the left side's type.
func (in *Interp) fieldCompare(c *ast.Check, lhs, rhs val) bool {
	if c.Op == ast.OpIn || c.Op == ast.OpIntersects {
		return membership(memberOp(c), lhs, members(rhs, lhs.T))
	}
	if rhs.List {
		return false
	}
	r, ok := coerce(rhs, lhs.T)
	if !ok {
		return false
	}
	if !lhs.List {
		return in.scalarOp(c.Op, lhs.T, &lhs.V, &r, string(r.S))
	}
	for _, e := range lhs.V.L {
		if ev, ok := elemValue(lhs.T, e); ok && in.scalarOp(c.Op, lhs.T, &ev, &r, string(r.S)) {
			return true
		}
	}
	return false
}

// modified applies `op oneof|anyof|allof (values)` to one value.
func (in *Interp) modified(c *ast.Check, t fields.Type, v *fields.Value, lits []fields.Value) bool {
	n := 0
	for i := range lits {
		if in.scalarOp(c.Op, t, v, &lits[i], c.Values[i].Text) {
			n++
		}
	}
	switch c.Modifier {
	case ast.ModOneOf:
		return n == 1
	case ast.ModAnyOf:
		return n > 0
	}
	return n == len(lits) // allof
}

// scalarOp applies a single-value operator: a op b. pattern is the regex
// text for OpRegex.
func (in *Interp) scalarOp(op ast.Op, t fields.Type, a, b *fields.Value, pattern string) bool {
	switch op {
	case ast.OpEq, ast.OpIn, ast.OpIntersects:
		return match.Relate(t, match.Eq, a, b)
	case ast.OpNe:
		return match.Relate(t, match.Ne, a, b)
	case ast.OpLt:
		return match.Relate(t, match.Lt, a, b)
	case ast.OpLe:
		return match.Relate(t, match.Le, a, b)
	case ast.OpGt:
		return match.Relate(t, match.Gt, a, b)
	case ast.OpGe:
		return match.Relate(t, match.Ge, a, b)
	}
	return in.textOp(op, a.S, b.S, pattern)
}

// textOp applies a string operator to text a with operand b.
func (in *Interp) textOp(op ast.Op, a, b []byte, pattern string) bool {
	switch op {
	case ast.OpContains, ast.OpBContains:
		return match.Contains(a, b)
	case ast.OpIContains:
		return match.IContains(a, b)
	case ast.OpStartsWith, ast.OpBStartsWith:
		return match.StartsWith(a, b)
	case ast.OpEndsWith:
		return match.EndsWith(a, b)
	case ast.OpGlob:
		return match.Glob(b, a, false)
	case ast.OpIGlob:
		return match.Glob(b, a, true)
	case ast.OpPMatch:
		return match.PathPrefix(b, a)
	case ast.OpRegex:
		re := in.regexes[pattern]
		return re != nil && re.Match(a)
	}
	return false
}

// memberOp is the check's in/intersects, with `in` on a field matching any
// of several values (fields.Field.AnyOf) as intersects: some value is in
// the set, as Falco compares proc.aname against each ancestor.
func memberOp(c *ast.Check) ast.Op {
	if f := c.LHS.Field; f != nil && f.Def.MatchesAny(f.Ref) {
		return ast.OpIntersects
	}
	return c.Op
}

// membership is `in` and `intersects`: for a single value, whether it is
// one of set; for a list, whether all (in; an empty list is in any set) or
// any (intersects) of its elements are.
func membership(op ast.Op, lhs val, set []fields.Value) bool {
	if !lhs.List {
		return inSet(lhs.T, &lhs.V, set)
	}
	for _, e := range lhs.V.L {
		ev, ok := elemValue(lhs.T, e)
		hit := ok && inSet(lhs.T, &ev, set)
		if op == ast.OpIn && !hit {
			return false
		}
		if op == ast.OpIntersects && hit {
			return true
		}
	}
	return op == ast.OpIn
}

func inSet(t fields.Type, v *fields.Value, set []fields.Value) bool {
	for i := range set {
		if match.Relate(t, match.Eq, v, &set[i]) {
			return true
		}
	}
	return false
}
