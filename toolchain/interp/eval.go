package interp

import "github.com/aeriesec/aerie/toolchain/ast"

// expr evaluates a boolean expression left to right with short-circuit.
func (in *Interp) expr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.And:
		for _, t := range e.Terms {
			if !in.expr(t) {
				return false
			}
		}
		return true
	case *ast.Or:
		for _, t := range e.Terms {
			if in.expr(t) {
				return true
			}
		}
		return false
	case *ast.Not:
		return !in.expr(e.X)
	case *ast.Check:
		return in.check(e)
	}
	// A MacroRef (or anything else) cannot reach a checked program.
	panic("BUG: interp: unexpected expression " + ast.Format(e))
}

// check evaluates one comparison. A left (or right) operand that cannot be
// extracted makes the check false for every operator but exists.
func (in *Interp) check(c *ast.Check) bool {
	lhs, ok := in.operand(c.LHS)
	if c.Op == ast.OpExists {
		return ok
	}
	if !ok {
		return false
	}
	if c.RHS != nil {
		rhs, ok := in.operand(c.RHS)
		return ok && in.fieldCompare(c, lhs, rhs)
	}
	return in.literalCompare(c, lhs)
}
