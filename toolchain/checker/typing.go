package checker

import (
	"encoding/hex"
	"regexp/syntax"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/parser"
)

// check resolves and types one check of a rule's expanded condition.
func (rc *ruleCheck) check(ch *ast.Check) {
	t := rc.origin[ch]
	if msg, at := rc.operand(ch.LHS); msg != "" {
		rc.errorAt(t, at, CodeCompileCondition, msg)
		return
	}
	rc.deprecatedFields(ch.LHS, t)
	if msg := evtTypeIndexable(ch); msg != "" && rc.rule.Source == fields.SourceSyscall {
		rc.errorAt(t, int(ch.At), CodeCompileCondition, msg)
		return
	}
	if msg := opAllowed(ch.Op, ch.LHS, rc.rule.Source); msg != "" {
		rc.errorAt(t, int(ch.At), CodeCompileCondition, msg)
		return
	}
	if ch.RHS != nil {
		rc.rhs(ch, t)
		return
	}
	for _, v := range ch.Values {
		if msg := typeLiteral(ch, v); msg != "" {
			rc.errorAt(t, int(v.At), CodeCompileCondition, msg)
			return
		}
	}
	rc.warnings(ch, t)
}

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

var typeWords = map[fields.Type]string{fields.String: "string", fields.Path: "string",
	fields.Bytes: "buffer", fields.Int: "numeric", fields.Uint: "numeric", fields.Double: "numeric",
	fields.Bool: "boolean", fields.IPAddr: "ip address", fields.IPNet: "ip network"}

// opAllowed applies Falco's operator/type table; "" when allowed.
//
// One exception keeps Falco 0.31's k8s audit rules loading: there, list
// fields such as ka.req.role.rules.verbs were text (the JSON array) and
// rules apply string operators to them (`contains '"*"'`); for the
// k8s_audit source, list fields accept every string operator.
func opAllowed(op ast.Op, lhs *ast.Operand, source string) string {
	ok := false
	common := op == ast.OpEq || op == ast.OpNe || op == ast.OpIn || op == ast.OpIntersects || op == ast.OpExists
	switch t := lhs.Type; {
	case lhs.List && source == fields.SourceK8sAudit:
		ok = op != ast.OpBContains && op != ast.OpBStartsWith
	case lhs.List:
		ok = op == ast.OpIn || op == ast.OpIntersects || op == ast.OpExists
		if !ok {
			return "'" + op.String() + "' operator not supported for list filters"
		}
		return ""
	case t.Numeric():
		ok = common || op == ast.OpLt || op == ast.OpLe || op == ast.OpGt || op == ast.OpGe
	case t == fields.Bool || t == fields.IPAddr || t == fields.IPNet:
		ok = common
	case t == fields.Bytes:
		ok = common || op == ast.OpContains || op == ast.OpStartsWith || op == ast.OpEndsWith ||
			op == ast.OpBContains || op == ast.OpBStartsWith
	default:
		ok = op != ast.OpBContains && op != ast.OpBStartsWith
	}
	if !ok {
		return "'" + op.String() + "' operator not supported for " + typeWords[lhs.Type] + " filters"
	}
	return ""
}

// typeLiteral converts a literal to the type of the check's left side.
func typeLiteral(ch *ast.Check, v *ast.Literal) string {
	t := ch.LHS.Type
	if f := ch.LHS.Field; f != nil && (f.Name == "evt.type" || f.Name == "syscall.type") && !f.HasArg {
		if !fields.IsEventType(v.Text) {
			return "unknown event type " + v.Text
		}
	}
	switch {
	case ch.Op == ast.OpBContains || ch.Op == ast.OpBStartsWith:
		b, err := hex.DecodeString(v.Text)
		if err != nil {
			return "bcontains and bstartswith operator support hex strings only"
		}
		v.Value.S = b
	case ch.Op == ast.OpRegex:
		if _, err := syntax.Parse(v.Text, syntax.Perl&^syntax.PerlX|syntax.UnicodeGroups); err != nil {
			return "invalid regex pattern: " + err.Error()
		}
		v.Value.S = []byte(v.Text)
	case t.Numeric() || t == fields.Bool || t == fields.IPAddr || t == fields.IPNet:
		return typeValue(t, v)
	default:
		v.Value.S = []byte(v.Text)
	}
	return ""
}

// typeValue parses a numeric, boolean or IP literal with the value model
// the evaluators share (guest/match).
func typeValue(t fields.Type, v *ast.Literal) string {
	val, ok := match.ParseValue(t, v.Text)
	if ok {
		v.Value = val
		return ""
	}
	switch {
	case t == fields.Bool:
		return "'" + v.Text + "' is not a valid boolean value"
	case t == fields.IPAddr:
		return "'" + v.Text + "' is not a valid IP address"
	case t == fields.IPNet:
		return "'" + v.Text + "' is not a valid IP network"
	}
	return "'" + v.Text + "' is not a valid number"
}
