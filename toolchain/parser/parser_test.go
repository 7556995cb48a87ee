package parser

import (
	"strings"
	"testing"

	"github.com/aeriesec/aerie/toolchain/ast"
)

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a", "a"},
		{"proc.name = bash", "proc.name = bash"},
		{"proc.name=bash", "proc.name = bash"},
		{"proc.name==bash", "proc.name = bash"},
		{"proc.name != 'a b'", `proc.name != "a b"`},
		{"a and b or c", "((a and b) or c)"},
		{"a or b and c", "(a or (b and c))"},
		{"a and (b or c)", "(a and (b or c))"},
		{"a and(b or c)", "(a and (b or c))"},
		{"a or(b)", "(a or b)"},
		{"not a and b", "(not a and b)"},
		{"not not a", "a"},
		{"not(a or b)", "not (a or b)"},
		{"not  not  not a", "not a"},
		{"a and b and c", "(a and b and c)"},
		{"(((a)))", "a"},
		{"\ta\nand\r\nb ", "(a and b)"},
		{"fd.num >= 0", "fd.num >= 0"},
		{"fd.num<-1.5e+3", "fd.num < -1.5e+3"},
		{"evt.arg.flags > 0x1F", "evt.arg.flags > 0x1F"},
		{"evt.type in (open, openat)", "evt.type in (open, openat)"},
		{"evt.type in(open,openat)", "evt.type in (open, openat)"},
		{"evt.type in ()", "evt.type in ()"},
		{"evt.type in ( )", "evt.type in ()"},
		{"proc.name in my_list", "proc.name in (my_list)"},
		{"ka.uri.param[x] exists", "ka.uri.param[x] exists"},
		{`proc.env["HOME"] = /root`, "proc.env[HOME] = /root"},
		{"jevt.value[/spec/replicas] > 3", "jevt.value[/spec/replicas] > 3"},
		{"proc.aname[2] startswith sh", "proc.aname[2] startswith sh"},
		{"fd.name pmatch (/tmp, /var)", "fd.name pmatch (/tmp, /var)"},
		{"x.y intersects (a)", "x.y intersects (a)"},
		{"proc.name startswith oneof (sshd, sudo)", "proc.name startswith oneof (sshd, sudo)"},
		{"proc.name = anyof lst", "proc.name = anyof (lst)"},
		{"proc.name = oneof", "proc.name = oneof"},
		{"proc.name = allof and x", "(proc.name = allof and x)"},
		{"tolower(proc.name) = bash", "tolower(proc.name) = bash"},
		{"toupper( basename( proc.exepath ) ) = X", "toupper(basename(proc.exepath)) = X"},
		{"proc.name = val(proc.pname)", "proc.name = val(proc.pname)"},
		{"proc.name = tolower(proc.pname)", "proc.name = tolower(proc.pname)"},
		{"len(proc.args) > 3", "len(proc.args) > 3"},
		{"proc.name = proc.pname", "proc.name = proc.pname"},
		{`join(",", (proc.name, "x")) = a`, `join(",", (proc.name, "x")) = a`},
		{`concat(proc.name, "-", user.name) = a`, `concat(proc.name, "-", user.name) = a`},
		{`getopt(proc.args, "ab:")[b] = 1`, `getopt(proc.args, "ab:")[b] = 1`},
		{"fd.name regex '^/tmp/.*$'", `fd.name regex "^/tmp/.*$"`},
		{"proc.cmdline contains \"a\\\"b\"", `proc.cmdline contains "a\"b"`},
		{`a.b = "x\ y"`, `a.b = "x\\y"`},
		{`a.b = 'it\'s'`, `a.b = "it's"`},
		{`a.b = "\t\/"`, `a.b = "\t/"`},
		{"a.b glob /var/*", "a.b glob /var/*"},
		{"a.b icontains X", "a.b icontains X"},
		{"a.b bcontains CAFE", "a.b bcontains CAFE"},
		{"a.b inx", "a.b in (x)"},
		{"andx", "andx"},
		{"notx", "notx"},
		{"a.b = c:d/e*f<g>!h", "a.b = c:d/e*f<g>!h"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := ast.Format(e); got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	transf := "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'"
	ops := "'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'"
	tests := []struct {
		in  string
		pos int
		msg string
	}{
		{"", 0, "filter input string is empty"},
		{"   ", 3, "expected a '(' token, a field check, or an identifier"},
		{"a andb", 5, "expected blank or '(' after 'and'"},
		{"a orb", 4, "expected blank or '(' after 'or'"},
		{"a b", 2, "unexpected token after 'a', expecting 'or', 'and'"},
		{"(a", 2, "expected a ')' token"},
		{"a)", 1, "unexpected token after 'a', expecting 'or', 'and'"},
		{"proc.name bash", 10, "expected a valid check operator: one of " + ops},
		{`proc.name contains"x"`, 10, "expected a valid check operator: one of " + ops},
		{"proc.pid > abc", 11, "expected a number value or a field with a valid transformer: " + transf},
		{`proc.pid > "5"`, 11, "expected a number value or a field with a valid transformer: " + transf},
		{"proc.pid > 1e3", 12, "unexpected token after '1', expecting 'or', 'and'"},
		{"proc.name = ", 12, "expected a string value or a field with a valid transformer: " + transf},
		{`proc.name = "abc`, 12, "expected a string value or a field with a valid transformer: " + transf},
		{`proc.name = "a\qb"`, 18, `unsupported string escape sequence: \q`},
		{`proc.name = 'a\"b'`, 18, `invalid \" escape in '-quoted string`},
		{"proc.name in (a, )", 17, "expected a string value"},
		{"proc.name in (a b)", 16, "expected a ')' token"},
		{"proc.name in =", 13, "expected a list, an identifier, or a field with a valid transformer: " + transf},
		{"proc.env[HOME = x", 13, "expected a ']' token"},
		{"proc.env[] = x", 9, "expected a valid field argument: a quoted string or a bare string"},
		{"tolower(x) = a", 8, "expected a field or a nested valid transformer: " + transf},
		{"tolower(proc.name = a", 18, "expected a ')' token closing the transformer"},
		{"proc.name = val(x)", 16, "expected a field within 'val' transformer"},
		{"a and not ", 10, "expected a '(' token, a field check, or an identifier"},
		{"a = b", 2, "unexpected token after 'a', expecting 'or', 'and'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			pe, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse(%q) error = %v, want *Error", tt.in, err)
			}
			if pe.Msg != tt.msg || pe.Pos != tt.pos {
				t.Errorf("Parse(%q) = %d %q\nwant %d %q", tt.in, pe.Pos, pe.Msg, tt.pos, tt.msg)
			}
		})
	}
}

func TestDepthLimit(t *testing.T) {
	deep := strings.Repeat("(", 300) + "a" + strings.Repeat(")", 300)
	_, err := Parse(deep)
	if err == nil || err.(*Error).Msg != "exceeded max depth limit of 1000" {
		t.Fatalf("deep nesting: got %v", err)
	}
	ok := strings.Repeat("(", 150) + "a" + strings.Repeat(")", 150)
	if _, err := Parse(ok); err != nil {
		t.Fatalf("150 levels: %v", err)
	}
}

func TestPositions(t *testing.T) {
	e, err := Parse("a and  proc.name in (x, 'y')")
	if err != nil {
		t.Fatal(err)
	}
	and := e.(*ast.And)
	c := and.Terms[1].(*ast.Check)
	if c.At != 7 || c.LHS.At != 7 || c.Values[0].At != 21 || c.Values[1].At != 24 {
		t.Errorf("positions: check %d lhs %d v0 %d v1 %d", c.At, c.LHS.At, c.Values[0].At, c.Values[1].At)
	}
	if !c.Values[1].Quoted || c.Values[0].Quoted {
		t.Errorf("quoted flags wrong")
	}
}
