package interp

import (
	"encoding/hex"
	"math"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/parser"
	"github.com/aeriesec/aerie/toolchain/program"
)

// testCatalog has one field of each type.
var testCatalog = fields.NewCatalog("test", []fields.Field{
	{Name: "s.str", Type: fields.String},
	{Name: "s.other", Type: fields.String},
	{Name: "s.path", Type: fields.Path},
	{Name: "s.bytes", Type: fields.Bytes},
	{Name: "s.arg", Type: fields.String, Arg: fields.ArgRequired},
	{Name: "n.int", Type: fields.Int},
	{Name: "n.uint", Type: fields.Uint},
	{Name: "n.dbl", Type: fields.Double},
	{Name: "n.txt", Type: fields.String},
	{Name: "b.bool", Type: fields.Bool},
	{Name: "ip.addr", Type: fields.IPAddr},
	{Name: "ip.net", Type: fields.IPNet},
	{Name: "l.list", Type: fields.String, List: true},
	{Name: "l.nums", Type: fields.Uint, List: true},
	{Name: "evt.type", Type: fields.String},
})

// tev is a test event: field name (as written, with [arg]) → value.
type tev map[string]fields.Value

func str(s string) fields.Value  { return fields.Value{S: []byte(s)} }
func num(n int64) fields.Value   { return fields.Value{N: uint64(n)} }
func dbl(f float64) fields.Value { return fields.Value{N: math.Float64bits(f)} }
func ip(s string) fields.Value   { b, _ := match.ParseIP(s); return fields.Value{S: b} }
func lst(items ...string) fields.Value {
	v := fields.Value{L: [][]byte{}}
	for _, i := range items {
		v.L = append(v.L, []byte(i))
	}
	return v
}

// boundEvent binds a tev to a field table.
type boundEvent struct {
	table []abi.Field
	vals  tev
}

func (b boundEvent) Field(i int, dst *fields.Value) bool {
	ref := fields.Ref{Name: b.table[i].Name, Arg: b.table[i].Arg, HasArg: b.table[i].HasArg}
	v, ok := b.vals[ref.String()]
	if ok {
		dst.S = append(dst.S, v.S...)
		dst.N = v.N
		dst.L = append(dst.L, v.L...)
	}
	return ok
}

// checked parses conditions and types them against testCatalog, standing
// in for the checker: one rule per condition.
func checked(t testing.TB, conds ...string) *program.Program {
	t.Helper()
	src := &program.Source{Name: "test"}
	for i, c := range conds {
		e, err := parser.Parse(c)
		if err != nil {
			t.Fatalf("parse %q: %v", c, err)
		}
		typeExpr(t, e, src)
		src.Rules = append(src.Rules, &program.Rule{Name: "r" + string(rune('0'+i)), Expr: e, Enabled: true,
			Source: "test", Output: "out", Priority: program.Warning, Condition: c})
	}
	return &program.Program{Sources: []*program.Source{src}, Hash: "h"}
}

func typeExpr(t testing.TB, e ast.Expr, src *program.Source) {
	switch e := e.(type) {
	case *ast.And:
		for _, x := range e.Terms {
			typeExpr(t, x, src)
		}
	case *ast.Or:
		for _, x := range e.Terms {
			typeExpr(t, x, src)
		}
	case *ast.Not:
		typeExpr(t, e.X, src)
	case *ast.Check:
		typeOperand(t, e.LHS, src)
		if e.RHS != nil {
			typeOperand(t, e.RHS, src)
		}
		for _, l := range e.Values {
			typeLiteral(t, e, l)
		}
	default:
		t.Fatalf("unexpected %T", e)
	}
}

func typeLiteral(t testing.TB, c *ast.Check, l *ast.Literal) {
	if c.Op == ast.OpBContains || c.Op == ast.OpBStartsWith {
		b, err := hex.DecodeString(l.Text)
		if err != nil {
			t.Fatalf("hex %q: %v", l.Text, err)
		}
		l.Value = fields.Value{S: b}
		return
	}
	v, ok := match.ParseValue(c.LHS.Type, l.Text)
	if !ok {
		t.Fatalf("literal %q is not a %v", l.Text, c.LHS.Type)
	}
	l.Value = v
}

func typeOperand(t testing.TB, o *ast.Operand, src *program.Source) {
	for _, a := range o.Args {
		typeOperand(t, a, src)
	}
	switch {
	case o.Field != nil:
		f, _, ok := testCatalog.Lookup(o.Field.Name)
		if !ok {
			t.Fatalf("unknown field %s", o.Field.Name)
		}
		o.Field.Def, o.Type, o.List = f, f.Type, f.List
		o.Field.Index = fieldIndex(src, o.Field.Ref)
	case o.Lit != nil:
		o.Type = fields.String
	case o.Func == "val" || o.Func == "tolower" || o.Func == "toupper" || o.Func == "basename" || o.Func == "b64":
		o.Type, o.List = o.Args[0].Type, o.Args[0].List
	case o.Func == "len":
		o.Type = fields.Uint
	case o.Func == ast.FuncList || (o.Func == "getopt" && !o.HasFuncArg):
		o.Type, o.List = fields.String, true
	default:
		o.Type = fields.String
	}
}

func fieldIndex(src *program.Source, r fields.Ref) int {
	for i, f := range src.Fields {
		if f == r {
			return i
		}
	}
	src.Fields = append(src.Fields, r)
	return len(src.Fields) - 1
}

// matches evaluates one event and returns the matching rule indexes.
func matches(t testing.TB, in *Interp, e tev) []int {
	t.Helper()
	out, err := in.Eval([]fields.Event{boundEvent{in.Metadata().Fields, e}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var rs []int
	for _, m := range out {
		rs = append(rs, m.Rule)
	}
	return rs
}
