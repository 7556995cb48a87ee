package parser

import (
	"testing"

	"github.com/aeriesec/aerie/toolchain/ast"
)

func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{
		"evt.type = open and proc.name in (bash, sh)",
		"not (a or b) and c",
		`proc.cmdline contains "a\"b" or fd.name glob '/tmp/*'`,
		"tolower(proc.name) = val(proc.pname)",
		`join(",", (proc.name, "x")) = a`,
		"proc.name startswith oneof (a, b)",
		"ka.uri.param[x] exists and jevt.value[/a/b] > 0x1F",
		"(((((a)))))",
		"a andb",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			pe, ok := err.(*Error)
			if !ok || pe.Pos < 0 || pe.Pos > len(s) || pe.Msg == "" {
				t.Fatalf("Parse(%q): bad error %#v", s, err)
			}
			return
		}
		checkPositions(t, s, e)
	})
}

// checkPositions asserts every node's offset lies inside the text.
func checkPositions(t *testing.T, s string, e ast.Expr) {
	in := func(p ast.Pos) {
		if int(p) < 0 || int(p) > len(s) {
			t.Fatalf("Parse(%q): position %d out of range", s, p)
		}
	}
	var walk func(ast.Expr)
	walk = func(e ast.Expr) {
		in(e.Position())
		switch e := e.(type) {
		case *ast.And:
			for _, x := range e.Terms {
				walk(x)
			}
		case *ast.Or:
			for _, x := range e.Terms {
				walk(x)
			}
		case *ast.Not:
			walk(e.X)
		case *ast.Check:
			in(e.LHS.At)
			for _, v := range e.Values {
				in(v.At)
			}
		}
	}
	walk(e)
}
