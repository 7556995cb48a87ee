package alert

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

// part is a piece of an output template: literal text or a %token.
type part struct {
	lit   string
	tok   *token // nil for literal text
	name  string // the token as written (output_fields key)
	width int    // %Nfield: pad or truncate to N bytes; 0 = as is
}

// token is a field reference or a transformer call.
type token struct {
	field  int // index into the metadata's field table; -1 when absent
	ref    fields.Ref
	typ    fields.Type
	list   bool
	lit    *string // a quoted literal argument
	fn     string  // transformer name; "" for a field
	args   []*token
	arg    string // getopt(…)[arg]
	hasArg bool
}

// parseTemplate splits an output template into parts. A token is the
// longest prefix after % (and an optional width) that names a field of the
// catalog, or a transformer call; fields resolve against the metadata's
// field table.
func parseTemplate(tmpl string, cat *fields.Catalog, table []abi.Field) ([]part, error) {
	p := &tparser{s: tmpl, cat: cat, table: table}
	var parts []part
	lit := strings.Builder{}
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c != '%' {
			lit.WriteByte(c)
			p.i++
			continue
		}
		pt, err := p.token()
		if err != nil {
			return nil, err
		}
		if lit.Len() > 0 {
			parts = append(parts, part{lit: lit.String()})
			lit.Reset()
		}
		parts = append(parts, pt)
	}
	if lit.Len() > 0 {
		parts = append(parts, part{lit: lit.String()})
	}
	return parts, nil
}

type tparser struct {
	s     string
	i     int
	cat   *fields.Catalog
	table []abi.Field
}

func (p *tparser) token() (part, error) {
	at := p.i
	p.i++ // '%'
	if p.i >= len(p.s) {
		return part{}, fmt.Errorf("parse output %q: formatting cannot end with a %%", p.s)
	}
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	width, _ := strconv.Atoi(p.s[start:p.i])
	nameAt := p.i
	t, ok := p.operand(true)
	if !ok {
		return part{}, fmt.Errorf("parse output %q at %d: invalid formatting token", p.s, at)
	}
	return part{tok: t, name: p.s[nameAt:p.i], width: width}, nil
}

var transformers = []string{"tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt", "val"}

// operand parses a transformer call or a field at p.i.
func (p *tparser) operand(top bool) (*token, bool) {
	for _, fn := range transformers {
		if strings.HasPrefix(p.s[p.i:], fn+"(") {
			p.i += len(fn) + 1
			return p.call(fn)
		}
	}
	return p.field()
}

// call parses a transformer's arguments after "fn(".
func (p *tparser) call(fn string) (*token, bool) {
	t := &token{fn: fn, field: -1}
	for {
		p.blanks()
		a, ok := p.arg()
		if !ok {
			return nil, false
		}
		t.args = append(t.args, a)
		p.blanks()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		break
	}
	if p.i >= len(p.s) || p.s[p.i] != ')' {
		return nil, false
	}
	p.i++
	if p.i < len(p.s) && p.s[p.i] == '[' {
		end := strings.IndexByte(p.s[p.i:], ']')
		if end < 0 {
			return nil, false
		}
		t.arg, t.hasArg = p.s[p.i+1:p.i+end], true
		p.i += end + 1
	}
	return t, true
}

// arg parses one transformer argument: a quoted literal, a list, a call or a field.
func (p *tparser) arg() (*token, bool) {
	if p.i >= len(p.s) {
		return nil, false
	}
	switch q := p.s[p.i]; q {
	case '"', '\'':
		end := strings.IndexByte(p.s[p.i+1:], q)
		if end < 0 {
			return nil, false
		}
		lit := p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return &token{field: -1, lit: &lit}, true
	case '(':
		p.i++
		return p.call("list")
	}
	return p.operand(false)
}

func (p *tparser) blanks() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// field takes the longest run of field-name characters (and a bracketed
// argument) that the catalog knows, shortening it until it does.
func (p *tparser) field() (*token, bool) {
	end := p.i
	for end < len(p.s) && isNameByte(p.s[end]) {
		end++
	}
	for ; end > p.i; end-- {
		name := p.s[p.i:end]
		if f, ok := p.lookup(name); ok {
			return p.fieldToken(name, end, f), true
		}
	}
	return nil, false
}

func (p *tparser) lookup(name string) (*fields.Field, bool) {
	if !strings.Contains(name, ".") || name[len(name)-1] == '.' {
		return nil, false
	}
	if p.cat == nil {
		return &fields.Field{Name: name, Type: fields.String}, true
	}
	f, _, ok := p.cat.Lookup(name)
	return f, ok
}

func (p *tparser) fieldToken(name string, end int, f *fields.Field) *token {
	p.i = end
	ref := fields.Ref{Name: name}
	if p.i < len(p.s) && p.s[p.i] == '[' {
		if close := strings.IndexByte(p.s[p.i:], ']'); close > 0 {
			ref.Arg, ref.HasArg = p.s[p.i+1:p.i+close], true
			p.i += close + 1
		}
	}
	return &token{field: indexOf(p.table, ref), ref: ref, typ: f.Type, list: f.List}
}

func isNameByte(c byte) bool {
	return c == '.' || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func indexOf(table []abi.Field, r fields.Ref) int {
	for i, f := range table {
		if f.Name == r.Name && f.Arg == r.Arg && f.HasArg == r.HasArg {
			return i
		}
	}
	return -1
}
