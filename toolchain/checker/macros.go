package checker

import (
	"fmt"

	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/parser"
)

// macro is a parsed macro.
type macro struct {
	src    *loader.Macro
	text   loader.Text // condition after list substitution
	expr   ast.Expr    // nil when it does not parse
	used   bool
	broken bool
}

// compileMacros parses every macro, then checks its references against
// the macros defined before its latest (re)definition, used or not.
func (c *checker) compileMacros() {
	for _, m := range c.col.Macros {
		cm := &macro{src: m}
		c.macros[m.Name] = cm
		cm.text, cm.expr = c.substituteAndParse(m.Cond, "macro '"+m.Name+"'")
		cm.broken = cm.expr == nil
	}
	for _, m := range c.col.Macros {
		cm := c.macros[m.Name]
		if cm.broken {
			continue
		}
		x := &expander{c: c, item: "macro '" + m.Name + "'", vis: m.Visibility}
		if _, ok := x.expand(cm.expr, &cm.text); !ok {
			cm.broken = true
		}
	}
}

// substituteAndParse substitutes lists in a condition and parses it.
func (c *checker) substituteAndParse(t loader.Text, item string) (loader.Text, ast.Expr) {
	t, ok := c.resolveLists(t)
	if !ok {
		c.reportText(diag.Error, CodeValidate, item, t, 0, fmt.Sprintf("condition grows beyond %d bytes through list substitution", MaxText))
		return t, nil
	}
	return t, c.parse(t, item)
}

// parse parses a condition text, reporting a parse error at its position.
func (c *checker) parse(t loader.Text, item string) ast.Expr {
	e, err := parser.Parse(t.S)
	if err != nil {
		pe := err.(*parser.Error)
		c.reportText(diag.Error, CodeCompileCondition, item, t, pe.Pos, pe.Msg)
		return nil
	}
	return e
}

// expander replaces macro references by (copies of) macro bodies.
type expander struct {
	c     *checker
	item  string
	vis   int  // only macros first defined before this id are visible
	clone bool // copy bodies (rules), or only check them (macros)
	// origin records, for every check of the result, the text its
	// positions refer to.
	origin map[*ast.Check]*loader.Text
	stack  []string
	checks int // checks produced so far, bounded by MaxChecks
}

// MaxChecks bounds the size of a condition with its macros expanded, so
// that macros doubling each other are an error instead of an endless load.
const MaxChecks = 10000

const maxVisibility = int(^uint(0) >> 1)

func (x *expander) expand(e ast.Expr, t *loader.Text) (ast.Expr, bool) {
	switch e := e.(type) {
	case *ast.And:
		terms, ok := x.terms(e.Terms, t)
		return &ast.And{At: e.At, Terms: terms}, ok
	case *ast.Or:
		terms, ok := x.terms(e.Terms, t)
		return &ast.Or{At: e.At, Terms: terms}, ok
	case *ast.Not:
		inner, ok := x.expand(e.X, t)
		return &ast.Not{At: e.At, X: inner}, ok
	case *ast.MacroRef:
		return x.macroRef(e, t)
	case *ast.Check:
		if x.checks++; x.checks == MaxChecks+1 {
			x.c.reportText(diag.Error, CodeValidate, x.item, *t, int(e.At), fmt.Sprintf("condition expands to more than %d checks through macros", MaxChecks))
		}
		if x.checks > MaxChecks {
			return e, false
		}
		if x.clone {
			e = cloneCheck(e)
		}
		if x.origin != nil {
			x.origin[e] = t
		}
		return e, true
	}
	return e, false
}

func (x *expander) terms(in []ast.Expr, t *loader.Text) ([]ast.Expr, bool) {
	out := make([]ast.Expr, len(in))
	ok := true
	for i, e := range in {
		if x.checks > MaxChecks {
			return out, false
		}
		var k bool
		out[i], k = x.expand(e, t)
		ok = ok && k
	}
	return out, ok
}

func (x *expander) macroRef(r *ast.MacroRef, t *loader.Text) (ast.Expr, bool) {
	if x.checks > MaxChecks {
		return r, false
	}
	m := x.c.macros[r.Name]
	if m == nil || m.src.Index >= x.vis {
		x.c.reportText(diag.Error, CodeValidate, x.item, *t, int(r.At), "Undefined macro '"+r.Name+"' used in filter.")
		return r, false
	}
	for _, s := range x.stack {
		if s == r.Name {
			x.c.reportText(diag.Error, CodeValidate, x.item, *t, int(r.At), "reference loop in macro '"+r.Name+"'")
			return r, false
		}
	}
	m.used = true
	if m.expr == nil {
		return r, false // already reported
	}
	x.stack = append(x.stack, r.Name)
	e, ok := x.expand(m.expr, &m.text)
	x.stack = x.stack[:len(x.stack)-1]
	return e, ok
}

func cloneCheck(c *ast.Check) *ast.Check {
	n := *c
	n.LHS = cloneOperand(c.LHS)
	n.RHS = cloneOperand(c.RHS)
	n.Values = make([]*ast.Literal, len(c.Values))
	for i, v := range c.Values {
		l := *v
		n.Values[i] = &l
	}
	return &n
}

func cloneOperand(o *ast.Operand) *ast.Operand {
	if o == nil {
		return nil
	}
	n := *o
	if o.Field != nil {
		f := *o.Field
		n.Field = &f
	}
	if o.Lit != nil {
		l := *o.Lit
		n.Lit = &l
	}
	n.Args = make([]*ast.Operand, len(o.Args))
	for i, a := range o.Args {
		n.Args[i] = cloneOperand(a)
	}
	return &n
}
