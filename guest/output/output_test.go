package output

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
)

var cat = fields.NewCatalog("test", []fields.Field{
	{Name: "proc.name", Type: fields.String},
	{Name: "proc.aname", Type: fields.String, Arg: fields.ArgOptional, ArgKind: fields.ArgIndex},
	{Name: "user.name", Type: fields.String},
	{Name: "ka.uri.param", Type: fields.String, Arg: fields.ArgRequired},
	{Name: "evt.arg", Type: fields.String, Prefix: true},
})

// render shows parts as [literal] and {ref|funcs|width}.
func render(f *Format) string {
	var b strings.Builder
	for _, p := range f.Parts {
		if p.Token == nil {
			b.WriteString("[" + p.Literal + "]")
			continue
		}
		t := p.Token
		b.WriteString("{" + t.Ref.String())
		if len(t.Funcs) > 0 {
			b.WriteString("|" + strings.Join(t.Funcs, ","))
		}
		if t.Width > 0 {
			b.WriteString("|w" + strconv.Itoa(t.Width))
		}
		b.WriteString("}")
	}
	return b.String()
}

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"shell %proc.name by %user.name", "[shell ]{proc.name}[ by ]{user.name}"},
		{"%proc.name_x", "{proc.name}[_x]"},
		{"(%proc.name)", "[(]{proc.name}[)]"},
		{"%20proc.name|", "{proc.name|w20}[|]"},
		{"%proc.aname[2] %proc.aname", "{proc.aname[2]}[ ]{proc.aname}"},
		{"%ka.uri.param[cmd]", "{ka.uri.param[cmd]}"},
		{"%toupper(user.name)!", "{user.name|toupper}[!]"},
		{"%toupper(basename(proc.name))", "{proc.name|toupper,basename}"},
		{"%evt.arg.flags.", "{evt.arg.flags}[.]"},
		{"plain text", "[plain text]"},
	}
	for _, tt := range tests {
		f, err := Parse(tt.in, cat)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := render(f); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if f.Text != tt.in {
			t.Errorf("Text = %q", f.Text)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in  string
		pos int
		msg string
	}{
		{"", 0, "empty formatting token"},
		{"x %", 2, "invalid formatting syntax: formatting cannot end with a %"},
		{"x %12", 2, "invalid formatting syntax: formatting cannot end with a %"},
		{"x %(proc.name)", 3, "unknown filter: (proc.name)"},
		{"x %proc.nme y", 3, "invalid formatting token %proc.nme"},
		{"x %nofield", 3, "invalid formatting token %nofield"},
		{"%ka.uri.param x", 13, "field 'ka.uri.param' requires an argument"},
		{"%toupper(proc.name", 18, "expected a ')' token closing the transformer"},
		{"%proc.aname[2", 11, "expected a ']' token"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in, cat)
		e, ok := err.(*Error)
		if !ok || e.Pos != tt.pos || e.Msg != tt.msg {
			t.Errorf("Parse(%q) error = %v, want %d: %s", tt.in, err, tt.pos, tt.msg)
		}
	}
}
