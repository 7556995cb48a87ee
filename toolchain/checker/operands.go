package checker

import (
	"strconv"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// operand resolves an operand's fields and computes its type; it returns
// an error message and the offset it applies to.
func (rc *ruleCheck) operand(o *ast.Operand) (string, int) {
	switch {
	case o.Field != nil:
		return rc.field(o)
	case o.Lit != nil:
		o.Type = fields.String
		return "", 0
	}
	for _, a := range o.Args {
		if msg, at := rc.operand(a); msg != "" {
			return msg, at
		}
	}
	return transformerType(o)
}

func (rc *ruleCheck) field(o *ast.Operand) (string, int) {
	r := o.Field
	f, rest, ok := rc.cat.Lookup(r.Name)
	at := int(o.At)
	switch {
	case !ok:
		return "filter_check called with nonexistent field " + r.Name, at
	case f.Arg == fields.ArgRequired && !r.HasArg && !f.Prefix:
		return "field '" + r.Name + "' requires an argument", at
	case f.Arg == fields.ArgNone && r.HasArg:
		return "field '" + r.Name + "' does not accept an argument", at
	case f.ArgKind == fields.ArgIndex && r.HasArg && !isIndex(r.Arg):
		return "field '" + r.Name + "' requires a numeric argument, got '" + r.Arg + "'", at
	}
	r.Def, r.Dyn = f, rest
	o.Type, o.List = f.Type, f.List
	return "", 0
}

func isIndex(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

// transformerType types a transformer whose arguments are typed.
func transformerType(o *ast.Operand) (string, int) {
	at := int(o.At)
	bad := func(why string) (string, int) {
		return "transformer '" + o.Func + "' " + why, at
	}
	a := o.Args
	for _, x := range a {
		if x.Field != nil && x.Field.Def.MatchesAny(x.Field.Ref) {
			return bad("cannot take " + x.Field.Name + " without an index: it matches any ancestor; use " + x.Field.Name + "[1] for the parent")
		}
	}
	switch o.Func {
	case "val":
		if a[0].Field.HasArg {
			return bad("takes a plain field without an argument")
		}
		o.Type, o.List = a[0].Type, a[0].List
	case "tolower", "toupper", "basename", "b64", "len":
		if len(a) != 1 || a[0].Lit != nil || a[0].Func == ast.FuncList {
			return bad("takes exactly one field or transformer argument")
		}
		return unaryTransformer(o, bad)
	case "join":
		if len(a) != 2 || a[0].Lit == nil || !a[0].Lit.Quoted || !a[1].List {
			return bad("takes a quoted separator and a list")
		}
		o.Type = fields.String
	case "concat":
		if len(a) < 2 {
			return bad("takes at least two arguments")
		}
		o.Type = fields.String
	case "getopt":
		if len(a) != 2 || a[1].Lit == nil || !a[1].Lit.Quoted {
			return bad("takes a field and a quoted option string")
		}
		o.Type, o.List = fields.String, !o.HasFuncArg
	case ast.FuncList:
		o.Type, o.List = fields.String, true
	default:
		return bad("is unknown")
	}
	return "", 0
}

func unaryTransformer(o *ast.Operand, bad func(string) (string, int)) (string, int) {
	in := o.Args[0]
	switch o.Func {
	case "len":
		if !in.List && !in.Type.Textual() {
			return bad("is not supported for type " + in.Type.String())
		}
		o.Type = fields.Uint
		return "", 0
	case "b64":
		if in.List || in.Type != fields.String && in.Type != fields.Bytes {
			return bad("is not supported for type " + in.Type.String())
		}
	default:
		if in.List || in.Type != fields.String && in.Type != fields.Path {
			return bad("is not supported for type " + in.Type.String())
		}
	}
	o.Type = in.Type
	return "", 0
}
