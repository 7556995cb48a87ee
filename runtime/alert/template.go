package alert

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/output"
)

// part is a piece of an output template: literal text or a %token.
type part struct {
	lit   string
	tok   *token // nil for literal text
	name  string // the token's field as written (output_fields key)
	width int    // %Nfield: pad or truncate to N bytes; 0 = as is
}

// token is a field reference, or a transformer applied to a token.
type token struct {
	field int // index into the metadata's field table; -1 when absent
	ref   fields.Ref
	typ   fields.Type
	list  bool
	fn    string   // transformer name; "" for a field
	args  []*token // the transformer's argument
}

// parseTemplate parses an output template with guest/output (the same
// parser the toolchain validates outputs with) and resolves its fields
// against the metadata's field table.
func parseTemplate(tmpl string, cat *fields.Catalog, table []abi.Field) ([]part, error) {
	if cat == nil {
		return nil, fmt.Errorf("parse output %q: no field catalog for the source", tmpl)
	}
	f, err := output.Parse(tmpl, cat)
	if err != nil {
		return nil, fmt.Errorf("parse output %q: %w", tmpl, err)
	}
	parts := make([]part, 0, len(f.Parts))
	for _, p := range f.Parts {
		if p.Token == nil {
			parts = append(parts, part{lit: p.Literal})
			continue
		}
		parts = append(parts, part{tok: convert(p.Token, table), name: p.Token.Ref.String(), width: p.Token.Width})
	}
	return parts, nil
}

// convert turns a guest/output token into a token tree: the field, wrapped
// in its transformers from the innermost out.
func convert(t *output.Token, table []abi.Field) *token {
	tok := &token{field: indexOf(table, t.Ref), ref: t.Ref, typ: t.Field.Type, list: t.Field.List}
	for i := len(t.Funcs) - 1; i >= 0; i-- {
		tok = &token{field: -1, fn: t.Funcs[i], args: []*token{tok}}
	}
	return tok
}

func indexOf(table []abi.Field, r fields.Ref) int {
	for i, f := range table {
		if f.Name == r.Name && f.Arg == r.Arg && f.HasArg == r.HasArg {
			return i
		}
	}
	return -1
}
