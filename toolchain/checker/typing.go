package checker

import (
	"encoding/hex"
	"regexp/syntax"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
	"github.com/aeriesec/aerie/toolchain/ast"
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
