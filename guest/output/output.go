// Package output parses rule output templates ("%proc.name opened %fd.name")
// into literal text and field tokens, the way Falco's event formatter
// does: %field, %field[arg], a width (%20proc.name pads or truncates), and
// transformer tokens (%toupper(user.name)); a token extends over the
// longest prefix that names a known field; %(field) is not a syntax.
//
// The toolchain validates outputs with it and the runtime formats alerts
// with it. It may import only guest/fields.
package output

import (
	"fmt"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
)

// Format is a parsed output template.
type Format struct {
	Text  string
	Parts []Part
}

// Part is literal text (Token nil) or a field token.
type Part struct {
	Literal string
	Token   *Token
	// Index is the position of Token.Ref in the field table the format is
	// bound to (set by the toolchain; -1 for literal parts).
	Index int
}

// Token is one %-token.
type Token struct {
	Text  string        // as written, without the % and width: "toupper(user.name)"
	Ref   fields.Ref    // the field the value comes from
	Field *fields.Field // its catalog entry
	// Funcs are the transformers applied to the field's value, outermost
	// first: toupper(basename(proc.exe)) is ["toupper", "basename"].
	Funcs []string
	Width int // 0: no width
}

// Error is a template error at a byte offset of the template.
type Error struct {
	Pos int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%d: %s", e.Pos, e.Msg) }

// Transformers that may appear in output tokens (one argument each).
var Transformers = []string{"tolower", "toupper", "b64", "basename", "len"}

// Parse parses a template against a source's catalog.
func Parse(text string, cat *fields.Catalog) (*Format, error) {
	if text == "" {
		return nil, &Error{0, "empty formatting token"}
	}
	f := &Format{Text: text}
	var lit strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		if c != '%' {
			lit.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(text) {
			return nil, &Error{i, "invalid formatting syntax: formatting cannot end with a %"}
		}
		tok, n, err := parseToken(text, i+1, cat)
		if err != nil {
			return nil, err
		}
		if lit.Len() > 0 {
			f.Parts = append(f.Parts, Part{Literal: lit.String(), Index: -1})
			lit.Reset()
		}
		f.Parts = append(f.Parts, Part{Token: tok, Index: -1})
		i = n
	}
	if lit.Len() > 0 {
		f.Parts = append(f.Parts, Part{Literal: lit.String(), Index: -1})
	}
	return f, nil
}

// Tokens returns the format's field tokens in order.
func (f *Format) Tokens() []*Token {
	var out []*Token
	for _, p := range f.Parts {
		if p.Token != nil {
			out = append(out, p.Token)
		}
	}
	return out
}
