package ast

import (
	"strconv"
	"strings"
)

// Format renders an expression in a canonical, fully parenthesised form
// for tests and debugging: (a and (b or not c)), proc.name in (x, "y z").
func Format(e Expr) string {
	var b strings.Builder
	formatExpr(&b, e)
	return b.String()
}

func formatExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *And:
		formatTerms(b, e.Terms, " and ")
	case *Or:
		formatTerms(b, e.Terms, " or ")
	case *Not:
		b.WriteString("not ")
		formatExpr(b, e.X)
	case *MacroRef:
		b.WriteString(e.Name)
	case *Check:
		formatCheck(b, e)
	default:
		b.WriteString("<nil>")
	}
}

func formatTerms(b *strings.Builder, terms []Expr, sep string) {
	b.WriteByte('(')
	for i, t := range terms {
		if i > 0 {
			b.WriteString(sep)
		}
		formatExpr(b, t)
	}
	b.WriteByte(')')
}

func formatCheck(b *strings.Builder, c *Check) {
	b.WriteString(FormatOperand(c.LHS))
	b.WriteString(" " + c.Op.String())
	if c.Modifier != ModNone {
		b.WriteString(" " + c.Modifier.String())
	}
	switch {
	case c.RHS != nil:
		b.WriteString(" " + FormatOperand(c.RHS))
	case c.Op.ListOp() || c.Modifier != ModNone:
		b.WriteString(" (")
		for i, v := range c.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(formatLit(v))
		}
		b.WriteByte(')')
	case len(c.Values) == 1:
		b.WriteString(" " + formatLit(c.Values[0]))
	}
}

func formatLit(l *Literal) string {
	if l.Quoted {
		return strconv.Quote(l.Text)
	}
	return l.Text
}

// FormatOperand renders an operand as a rule would write it.
func FormatOperand(o *Operand) string {
	switch {
	case o == nil:
		return "<nil>"
	case o.Field != nil:
		return o.Field.Ref.String()
	case o.Lit != nil:
		return formatLit(o.Lit)
	}
	parts := make([]string, len(o.Args))
	for i, a := range o.Args {
		parts[i] = FormatOperand(a)
	}
	s := "(" + strings.Join(parts, ", ") + ")"
	if o.Func != FuncList {
		s = o.Func + s
	}
	if o.HasFuncArg {
		s += "[" + o.FuncArg + "]"
	}
	return s
}
