package checker

import (
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/parser"
)

// rhs checks a field-to-field comparison.
func (rc *ruleCheck) rhs(ch *ast.Check, t *loader.Text) {
	if msg, at := rc.operand(ch.RHS); msg != "" {
		rc.errorAt(t, at, CodeCompileCondition, msg)
		return
	}
	msg := ""
	switch {
	case ch.Op == ast.OpRegex || ch.Op == ast.OpPMatch:
		msg = "'" + ch.Op.String() + "' operator does not support a field on its right side"
	case ch.LHS.Type == fields.IPNet:
		msg = "a field of type ip network can't be compared with another field"
	case ch.RHS.Func == "val" && ch.RHS.Args[0].Field.Def.NoRHS:
		msg = "field '" + ch.RHS.Args[0].Field.Name + "' can't be used on the right side of a comparison"
	}
	if msg != "" {
		rc.errorAt(t, int(ch.RHS.At), CodeCompileCondition, msg)
	}
}

// warnings emits Falco's condition warnings for a typed check.
func (rc *ruleCheck) warnings(ch *ast.Check, t *loader.Text) {
	f := ch.LHS.Field
	naOp := ch.Op == ast.OpEq || ch.Op == ast.OpNe || ch.Op == ast.OpIn || ch.Op == ast.OpIntersects || ch.Op == ast.OpPMatch
	for _, v := range ch.Values {
		if f != nil && naOp && v.Text == "<NA>" && (strings.HasPrefix(f.Name, "ka.") || strings.HasPrefix(f.Name, "jevt.")) {
			rc.warnAt(t, int(v.At), CodeUnsafeNA, "Comparing a field value with <NA> is unsafe and can lead to unwanted results. Use the 'exists' operator instead.")
		}
		if msg := constWarning(rc.cat, v.Text); msg != "" {
			rc.warnAt(t, int(v.At), CodeCondWarning, msg)
		}
		if ch.Op == ast.OpRegex && !strings.ContainsAny(v.Text, `.^$*+?()[]{}|\`) {
			rc.warnAt(t, int(v.At), CodeCondWarning, "regex check with '"+v.Text+"' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'")
		}
	}
}

// constWarning is Falco's warning for a constant that looks like a field
// or a transformer call (quoted or not: its AST keeps no quotes).
func constWarning(cat *fields.Catalog, v string) string {
	if n := len(v); n > 0 && strings.Contains(v, ".") && !strings.ContainsAny(v, " ()[]") {
		if _, _, ok := cat.Lookup(v); ok {
			return "'" + v + "' may be a valid field misused as a const string value"
		}
	}
	if strings.HasSuffix(v, ")") && strings.Contains(v, "(") {
		if e, err := parser.Parse(v + " exists"); err == nil {
			if c, ok := e.(*ast.Check); ok && c.LHS.Func != "" {
				return "'" + v + "' may be a valid field transformer misused as a const string value"
			}
		}
	}
	return ""
}

// evtTypeIndexable rejects what would break the event-type index:
// evt.type under a transformer or compared with a field.
func evtTypeIndexable(ch *ast.Check) string {
	isEvt := func(o *ast.Operand) bool {
		return o != nil && o.Field != nil && (o.Field.Name == "evt.type" || o.Field.Name == "syscall.type")
	}
	var under func(o *ast.Operand) bool
	under = func(o *ast.Operand) bool {
		for _, a := range o.Args {
			if isEvt(a) || under(a) {
				return true
			}
		}
		return false
	}
	if (isEvt(ch.LHS) && ch.RHS != nil) || under(ch.LHS) {
		return "evt.type can't be used with transformers or compared with another field: it breaks the event-type index"
	}
	return ""
}
