package interp

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// literalCompare compares an extracted left side with the check's literals.
func (in *Interp) literalCompare(c *ast.Check, lhs val) bool {
	switch {
	case c.Op == ast.OpIn || c.Op == ast.OpIntersects:
		return membership(c.Op, lhs, literalValues(lhs.T, c.Values))
	case c.Op == ast.OpPMatch:
		return anyElem(lhs, func(v *fields.Value) bool { return pmatchAny(v, c.Values) })
	case c.Modifier != ast.ModNone:
		return anyElem(lhs, func(v *fields.Value) bool { return in.modified(c, lhs.T, v) })
	case len(c.Values) != 1:
		return false
	}
	rhs := literalValue(lhs.T, c.Values[0])
	return anyElem(lhs, func(v *fields.Value) bool { return in.scalarOp(c.Op, lhs.T, v, &rhs, c.Values[0].Text) })
}

// fieldCompare compares the left side with another operand (val(f) or a
// transformer), converted to the left side's type.
func (in *Interp) fieldCompare(c *ast.Check, lhs, rhs val) bool {
	if c.Op == ast.OpIn || c.Op == ast.OpIntersects {
		return membership(c.Op, lhs, members(rhs, lhs.T))
	}
	if rhs.List {
		return false
	}
	r, ok := coerce(rhs, lhs.T)
	if !ok {
		return false
	}
	return anyElem(lhs, func(v *fields.Value) bool { return in.scalarOp(c.Op, lhs.T, v, &r, string(r.S)) })
}

// modified applies `op oneof|anyof|allof (values)` to one value.
func (in *Interp) modified(c *ast.Check, t fields.Type, v *fields.Value) bool {
	n := 0
	for _, l := range c.Values {
		r := literalValue(t, l)
		if in.scalarOp(c.Op, t, v, &r, l.Text) {
			n++
		}
	}
	switch c.Modifier {
	case ast.ModOneOf:
		return n == 1
	case ast.ModAnyOf:
		return n > 0
	}
	return n == len(c.Values) // allof
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

// pmatchAny reports whether path v lies under any of the prefixes.
func pmatchAny(v *fields.Value, prefixes []*ast.Literal) bool {
	for _, p := range prefixes {
		if match.PathPrefix(literalValue(fields.Path, p).S, v.S) {
			return true
		}
	}
	return false
}

// anyElem applies f to a single value, or to each element of a list (true
// when one element satisfies f) for operators the checker lets through on
// list operands.
func anyElem(lhs val, f func(*fields.Value) bool) bool {
	if !lhs.List {
		return f(&lhs.V)
	}
	for _, e := range lhs.V.L {
		if ev, ok := elemValue(lhs.T, e); ok && f(&ev) {
			return true
		}
	}
	return false
}
