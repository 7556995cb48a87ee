package k8saudit

import (
	"github.com/valyala/fastjson"

	"github.com/aeriesec/aerie/guest/fields"
)

// render appends v's text to dst: a string as-is, anything else as compact
// JSON (Falco's rule for non-string values).
func render(dst []byte, v *fastjson.Value) []byte {
	if v.Type() == fastjson.TypeString {
		s, _ := v.StringBytes()
		return append(dst, s...)
	}
	return appendJSON(dst, v)
}

// present reports whether v holds a value: absent and null are missing.
func present(v *fastjson.Value) bool {
	return v != nil && v.Type() != fastjson.TypeNull
}

// putScalar sets dst.S to v's text; false when v is missing.
func putScalar(dst *fields.Value, v *fastjson.Value) bool {
	if !present(v) {
		return false
	}
	dst.S = render(dst.S[:0], v)
	return true
}

// putText sets dst.S to a fixed text.
func putText(dst *fields.Value, s string) bool {
	dst.S = append(dst.S[:0], s...)
	return true
}

// list builds a list value in dst: entries are rendered into dst.S, used as
// an arena, and each entry is a capped slice of it. Entries stay valid when
// the arena grows (they keep the old array).
type list struct{ dst *fields.Value }

func (l list) add(v *fastjson.Value) {
	if !present(v) {
		return
	}
	start := len(l.dst.S)
	l.dst.S = render(l.dst.S, v)
	l.seal(start)
}

func (l list) addBytes(b []byte) {
	start := len(l.dst.S)
	l.dst.S = append(l.dst.S, b...)
	l.seal(start)
}

func (l list) seal(start int) {
	end := len(l.dst.S)
	l.dst.L = append(l.dst.L, l.dst.S[start:end:end])
}

// addFlat adds v, or each element of v when v is an array.
func (l list) addFlat(v *fastjson.Value) {
	if v != nil && v.Type() == fastjson.TypeArray {
		for _, el := range v.GetArray() {
			l.add(el)
		}
		return
	}
	l.add(v)
}

// done finishes the list: present when it has at least one entry.
func (l list) done() bool {
	l.dst.S = l.dst.S[:0]
	return len(l.dst.L) > 0
}

// elems returns the elements of the array at x.path, or only element x.idx
// when the field was indexed; nil when there is no such array or element.
func (x *extractor) elems(e *Event) []*fastjson.Value {
	arr := x.get(e)
	if arr == nil || arr.Type() != fastjson.TypeArray {
		return nil
	}
	all := arr.GetArray()
	if x.idx < 0 {
		return all
	}
	if x.idx >= len(all) {
		return nil
	}
	return all[x.idx : x.idx+1]
}
