package toolchain

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// operandOK reports whether a parsed `F exists` names known fields.
func operandOK(cat *fields.Catalog, e ast.Expr) bool {
	c, ok := e.(*ast.Check)
	if !ok {
		return false
	}
	var walk func(o *ast.Operand) bool
	walk = func(o *ast.Operand) bool {
		if o.Field != nil {
			_, _, ok := cat.Lookup(o.Field.Name)
			return ok
		}
		for _, a := range o.Args {
			if !walk(a) {
				return false
			}
		}
		return true
	}
	return walk(c.LHS)
}
