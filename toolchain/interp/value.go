package interp

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// val is an evaluated operand: a value with its type and list-ness.
type val struct {
	t    fields.Type
	list bool
	v    fields.Value
}

// literalValue is a literal as a value of type t: the checker's typed form,
// or for text types the literal's text when the checker left it empty.
func literalValue(t fields.Type, l *ast.Literal) fields.Value {
	if t.Textual() && l.Value.S == nil {
		return fields.Value{S: []byte(l.Text)}
	}
	return l.Value
}

func literalValues(t fields.Type, ls []*ast.Literal) []fields.Value {
	vs := make([]fields.Value, len(ls))
	for i, l := range ls {
		vs[i] = literalValue(t, l)
	}
	return vs
}

// elemValue reads one element of a list (always text) as a value of type t.
func elemValue(t fields.Type, e []byte) (fields.Value, bool) {
	if t.Textual() {
		return fields.Value{S: e}, true
	}
	return match.ParseValue(t, string(e))
}

// coerce converts a value to type t for a field-to-field comparison: text
// is parsed as t, numbers print as text, like types pass unchanged.
func coerce(v val, t fields.Type) (fields.Value, bool) {
	switch {
	case v.t == t || (v.t.Textual() && t.Textual()):
		return v.v, true
	case v.t.Textual():
		return match.ParseValue(t, string(v.v.S))
	case t.Textual():
		return fields.Value{S: match.AppendText(nil, v.t, false, &v.v)}, true
	case v.t.Numeric() && t.Numeric():
		return match.ParseValue(t, string(match.AppendText(nil, v.t, false, &v.v)))
	}
	return fields.Value{}, false
}

// members is the right side of in/intersects given by an operand: its list
// elements, or its single value, converted to type t.
func (v val) members(t fields.Type) []fields.Value {
	if !v.list {
		c, ok := coerce(v, t)
		if !ok {
			return nil
		}
		return []fields.Value{c}
	}
	var out []fields.Value
	for _, e := range v.v.L {
		if ev, ok := elemValue(t, e); ok {
			out = append(out, ev)
		}
	}
	return out
}

// text renders a value as text (a transformer argument or join element).
func (v val) text() []byte {
	if v.t.Textual() {
		return v.v.S
	}
	return match.AppendText(nil, v.t, false, &v.v)
}
