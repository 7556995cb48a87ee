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
		return val{t: fields.String, v: fields.Value{S: []byte(o.Lit.Text)}}, true
	case o.Func == ast.FuncList:
		return in.listOperand(o)
	}
	return in.transform(o)
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
	return val{t: t, list: list, v: *v}, true
}

// listOperand evaluates a transformer list `(a, b, …)`: the text of each
// element, lists flattened. Any missing element makes it missing.
func (in *Interp) listOperand(o *ast.Operand) (val, bool) {
	out := val{t: fields.String, list: true, v: fields.Value{L: [][]byte{}}}
	for _, a := range o.Args {
		v, ok := in.operand(a)
		if !ok {
			return val{}, false
		}
		if v.list {
			out.v.L = append(out.v.L, v.v.L...)
		} else {
			out.v.L = append(out.v.L, v.text())
		}
	}
	return out, true
}

// transform evaluates a transformer call.
func (in *Interp) transform(o *ast.Operand) (val, bool) {
	switch o.Func {
	case "val":
		return in.operand(o.Args[0])
	case "tolower", "toupper", "b64", "basename":
		x, ok := in.operand(o.Args[0])
		if !ok {
			return val{}, false
		}
		return eachText(x, unaryFunc(o.Func))
	case "len":
		x, ok := in.operand(o.Args[0])
		return length(x), ok
	case "join":
		return in.join(o)
	case "concat":
		return in.concat(o)
	case "getopt":
		return in.getopt(o)
	}
	return val{}, false
}

// unaryFunc returns the text function of a one-argument transformer.
func unaryFunc(name string) func([]byte) ([]byte, bool) {
	switch name {
	case "tolower":
		return func(s []byte) ([]byte, bool) { return match.ToLower(nil, s), true }
	case "toupper":
		return func(s []byte) ([]byte, bool) { return match.ToUpper(nil, s), true }
	case "b64":
		return func(s []byte) ([]byte, bool) { return match.B64Decode([]byte{}, s) }
	}
	return func(s []byte) ([]byte, bool) { return append([]byte{}, match.Basename(s)...), true }
}

// eachText applies f to a text value, or to each element of a list; any
// failure fails the whole operand.
func eachText(x val, f func([]byte) ([]byte, bool)) (val, bool) {
	out := val{t: x.t, list: x.list}
	if !x.t.Textual() {
		out.t = fields.String
	}
	if !x.list {
		s, ok := f(x.text())
		out.v.S = s
		return out, ok
	}
	out.v.L = make([][]byte, 0, len(x.v.L))
	for _, e := range x.v.L {
		s, ok := f(e)
		if !ok {
			return val{}, false
		}
		out.v.L = append(out.v.L, s)
	}
	return out, true
}

// length is len(): a list's element count, a byte buffer's size, a
// string's length up to its first NUL.
func length(x val) val {
	n := uint64(len(x.v.L))
	switch {
	case x.list:
	case x.t == fields.Bytes:
		n = uint64(len(x.v.S))
	default:
		n = match.StrLen(x.text())
	}
	return val{t: fields.Uint, v: fields.Value{N: n}}
}

// join(sep, list) joins the list's elements with sep.
func (in *Interp) join(o *ast.Operand) (val, bool) {
	if len(o.Args) != 2 {
		return val{}, false
	}
	sep, ok1 := in.operand(o.Args[0])
	l, ok2 := in.operand(o.Args[1])
	if !ok1 || !ok2 {
		return val{}, false
	}
	elems := l.v.L
	if !l.list {
		elems = [][]byte{l.text()}
	}
	return val{t: fields.String, v: fields.Value{S: match.Join([]byte{}, sep.text(), elems)}}, true
}

// concat(a, b, …) concatenates the text of its arguments.
func (in *Interp) concat(o *ast.Operand) (val, bool) {
	s := []byte{}
	for _, a := range o.Args {
		v, ok := in.operand(a)
		if !ok || v.list {
			return val{}, false
		}
		s = append(s, v.text()...)
	}
	return val{t: fields.String, v: fields.Value{S: s}}, true
}

// getopt(args, optstring) yields the option letters found; with [c], the
// value of option c ("" for a flag), missing when c was not given.
func (in *Interp) getopt(o *ast.Operand) (val, bool) {
	if len(o.Args) != 2 {
		return val{}, false
	}
	args, ok1 := in.operand(o.Args[0])
	optstr, ok2 := in.operand(o.Args[1])
	if !ok1 || !ok2 {
		return val{}, false
	}
	list := args.v.L
	if !args.list {
		list = [][]byte{args.text()}
	}
	opts, vals := match.GetOpt(list, optstr.text())
	if !o.HasFuncArg {
		out := val{t: fields.String, list: true, v: fields.Value{L: [][]byte{}}}
		for _, c := range opts {
			out.v.L = append(out.v.L, []byte{c})
		}
		return out, true
	}
	for i := len(opts) - 1; i >= 0; i-- {
		if o.FuncArg == string(opts[i]) {
			return val{t: fields.String, v: fields.Value{S: vals[i]}}, true
		}
	}
	return val{}, false
}
