package interp

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// typeLiterals converts every check's literals to the type of its left
// side once, so evaluation only compares.
func (in *Interp) typeLiterals(e ast.Expr) {
	switch e := e.(type) {
	case *ast.And:
		for _, t := range e.Terms {
			in.typeLiterals(t)
		}
	case *ast.Or:
		for _, t := range e.Terms {
			in.typeLiterals(t)
		}
	case *ast.Not:
		in.typeLiterals(e.X)
	case *ast.Check:
		in.lits[e] = literalValues(lhsType(e.LHS), e.Values)
	}
}

// lhsType is an operand's type as the checker set it, or its field's.
func lhsType(o *ast.Operand) fields.Type {
	if o.Type == 0 && o.Field != nil && o.Field.Def != nil {
		return o.Field.Def.Type
	}
	return o.Type
}
