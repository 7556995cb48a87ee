package interp

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// typeLiterals converts every check's literals to the type of its left
// side once, so evaluation only compares.
func (in *Interp) typeLiterals(e ast.Expr) {
	ast.Checks(e, func(c *ast.Check) { in.lits[c] = literalValues(lhsType(c.LHS), c.Values) })
}

// lhsType is an operand's type as the checker set it, or its field's.
func lhsType(o *ast.Operand) fields.Type {
	if o.Type == 0 && o.Field != nil && o.Field.Def != nil {
		return o.Field.Def.Type
	}
	return o.Type
}
