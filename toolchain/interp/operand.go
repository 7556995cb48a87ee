package interp

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// operand evaluates a field, literal or transformer; false means the value
// cannot be extracted (a missing field, an invalid base64 text, …).
func (in *Interp) operand(o *ast.Operand) (val, bool) {
	switch {
	case o.Field != nil:
		return in.fieldOperand(o)
	case o.Lit != nil:
		return val{T: fields.String, V: fields.Value{S: []byte(o.Lit.Text)}}, true
	}
	args := make([]match.Typed, len(o.Args))
	for i, a := range o.Args {
		x, ok := in.operand(a)
		if !ok {
			return val{}, false
		}
		args[i] = x
	}
	return match.Apply(o.Func, args, o.FuncArg, o.HasFuncArg)
}

func (in *Interp) fieldOperand(o *ast.Operand) (val, bool) {
	v, ok := in.ev.field(o.Field.Index)
	if !ok {
		return val{}, false
	}
	t, list := o.Type, o.List
	if t == 0 && o.Field.Def != nil { // an operand the checker did not type
		t, list = o.Field.Def.Type, o.Field.Def.List
	}
	if o.Field.Def.MatchesAny(o.Field.Ref) { // every ancestor's value
		list = true
	}
	x := val{T: t, List: list, V: *v}
	if !list && len(x.V.S) == 0 && len(x.V.L) == 1 { // an indexed list field
		x.V.S = x.V.L[0]
	}
	return x, true
}
