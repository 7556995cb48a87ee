package interp

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// val is an evaluated operand: a value with its type and list-ness.
type val = match.Typed

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
	case v.T == t || (v.T.Textual() && t.Textual()):
		return v.V, true
	case v.T.Textual():
		return match.ParseValue(t, string(v.V.S))
	case t.Textual():
		return fields.Value{S: match.AppendText(nil, v.T, false, &v.V)}, true
	case v.T.Numeric() && t.Numeric():
		return match.ParseValue(t, string(match.AppendText(nil, v.T, false, &v.V)))
	}
	return fields.Value{}, false
}

// members is the right side of in/intersects given by an operand: its list
// elements, or its single value, converted to type t.
func members(v val, t fields.Type) []fields.Value {
	if !v.List {
		c, ok := coerce(v, t)
		if !ok {
			return nil
		}
		return []fields.Value{c}
	}
	var out []fields.Value
	for _, e := range v.V.L {
		if ev, ok := elemValue(t, e); ok {
			out = append(out, ev)
		}
	}
	return out
}
