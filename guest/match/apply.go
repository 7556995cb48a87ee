package match

import "github.com/aeriesec/aerie/guest/fields"

// Typed is an evaluated operand: a value with its type and list-ness.
type Typed struct {
	T    fields.Type
	List bool
	V    fields.Value
}

// Text is the value as text: text types as they are, others in display form.
func (x Typed) Text() []byte {
	if x.T.Textual() {
		return x.V.S
	}
	return AppendText(nil, x.T, false, &x.V)
}

// Apply evaluates transformer fn over its evaluated arguments (every
// transformer is strict: a caller with a missing argument has no value).
// arg and hasArg are the bracketed argument after the call (getopt(…)[c]).
// It reports false when the transformer fails (invalid base64, a getopt
// option not given, a wrong argument count) or fn is unknown.
//
//	val(f)                     f unchanged
//	tolower, toupper, basename text → text; lists element by element
//	b64                        base64 → decoded text; any invalid element fails
//	len                        list → element count; bytes → size; text → strnlen
//	join(sep, list)            the elements joined by sep
//	concat(a, b, …)            the texts of its single-valued arguments
//	getopt(args, optstring)    the option letters found; [c]: option c's value
//	list (ast.FuncList)        the texts of its arguments, lists flattened
func Apply(fn string, args []Typed, arg string, hasArg bool) (Typed, bool) {
	switch fn {
	case "val":
		return one(args)
	case "tolower", "toupper", "b64", "basename":
		x, ok := one(args)
		if !ok {
			return Typed{}, false
		}
		return eachText(x, unary(fn))
	case "len":
		x, ok := one(args)
		return length(x), ok
	case "join":
		return join(args)
	case "concat":
		return concat(args)
	case "getopt":
		return getopt(args, arg, hasArg)
	case "list":
		return flatten(args), true
	}
	return Typed{}, false
}

func one(args []Typed) (Typed, bool) {
	if len(args) != 1 {
		return Typed{}, false
	}
	return args[0], true
}

func unary(name string) func([]byte) ([]byte, bool) {
	switch name {
	case "tolower":
		return func(s []byte) ([]byte, bool) { return ToLower([]byte{}, s), true }
	case "toupper":
		return func(s []byte) ([]byte, bool) { return ToUpper([]byte{}, s), true }
	case "b64":
		return func(s []byte) ([]byte, bool) { return B64Decode([]byte{}, s) }
	}
	return func(s []byte) ([]byte, bool) { return append([]byte{}, Basename(s)...), true }
}

// eachText applies f to a value's text, or to each element of a list.
func eachText(x Typed, f func([]byte) ([]byte, bool)) (Typed, bool) {
	out := Typed{T: x.T, List: x.List}
	if !x.T.Textual() {
		out.T = fields.String
	}
	if !x.List {
		s, ok := f(x.Text())
		out.V.S = s
		return out, ok
	}
	out.V.L = make([][]byte, 0, len(x.V.L))
	for _, e := range x.V.L {
		s, ok := f(e)
		if !ok {
			return Typed{}, false
		}
		out.V.L = append(out.V.L, s)
	}
	return out, true
}

func length(x Typed) Typed {
	n := uint64(len(x.V.L))
	switch {
	case x.List:
	case x.T == fields.Bytes:
		n = uint64(len(x.V.S))
	default:
		n = StrLen(x.Text())
	}
	return Typed{T: fields.Uint, V: fields.Value{N: n}}
}

// elems is a value as a list of texts (a single value is a one-element list).
func (x Typed) elems() [][]byte {
	if x.List {
		return x.V.L
	}
	return [][]byte{x.Text()}
}

func join(args []Typed) (Typed, bool) {
	if len(args) != 2 || args[0].List {
		return Typed{}, false
	}
	return Typed{T: fields.String, V: fields.Value{S: Join([]byte{}, args[0].Text(), args[1].elems())}}, true
}

func concat(args []Typed) (Typed, bool) {
	s := []byte{}
	for _, a := range args {
		if a.List {
			return Typed{}, false
		}
		s = append(s, a.Text()...)
	}
	return Typed{T: fields.String, V: fields.Value{S: s}}, true
}

func flatten(args []Typed) Typed {
	out := Typed{T: fields.String, List: true, V: fields.Value{L: [][]byte{}}}
	for _, a := range args {
		out.V.L = append(out.V.L, a.elems()...)
	}
	return out
}

func getopt(args []Typed, arg string, hasArg bool) (Typed, bool) {
	if len(args) != 2 || args[1].List {
		return Typed{}, false
	}
	opts, vals := GetOpt(args[0].elems(), args[1].Text())
	if !hasArg {
		out := Typed{T: fields.String, List: true, V: fields.Value{L: [][]byte{}}}
		for _, c := range opts {
			out.V.L = append(out.V.L, []byte{c})
		}
		return out, true
	}
	for i := len(opts) - 1; i >= 0; i-- {
		if arg == string(opts[i]) {
			return Typed{T: fields.String, V: fields.Value{S: vals[i]}}, true
		}
	}
	return Typed{}, false
}
