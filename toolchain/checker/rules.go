package checker

import (
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/output"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/program"
)

// ruleCheck holds the state of checking one rule.
type ruleCheck struct {
	c       *checker
	rule    *loader.Rule
	item    string
	cat     *fields.Catalog
	origin  map[*ast.Check]*loader.Text
	diags   diag.List // errors, held back for skip-if-unknown-filter
	outText string    // the output template as the program keeps it
}

func (c *checker) compileRule(r *loader.Rule) *program.Rule {
	rc := &ruleCheck{c: c, rule: r, item: "rule '" + r.Name + "'", cat: fields.For(r.Source),
		origin: map[*ast.Check]*loader.Text{}, outText: r.Output.S}
	cond, exErr := FoldExceptions(r.Cond, r.Exceptions)
	if exErr != nil {
		c.report(diag.Error, CodeValidate, rc.item, exErr.ex.Pos, exErr.msg)
		return nil
	}
	text, e := c.substituteAndParse(cond, rc.item)
	if e == nil {
		return nil
	}
	x := &expander{c: c, item: rc.item, vis: maxVisibility, clone: true, origin: rc.origin}
	e, ok := x.expand(e, &text)
	if !ok {
		return nil
	}
	ast.Checks(e, rc.check)
	format := rc.output()
	if rc.failed() {
		return nil
	}
	pr := &program.Rule{Name: r.Name, Desc: r.Desc, Output: rc.outText, Format: format,
		Priority: r.Priority, Tags: r.Tags, Enabled: r.Enabled, Source: r.Source, Pos: r.Pos,
		Condition: text.S, Expr: e, WarnEvttypes: r.WarnEvttypes,
		SkipIfUnknownFilter: r.SkipIfUnknownFilter, Capture: r.Capture, CaptureDuration: r.CaptureDuration}
	if pr.Tags == nil {
		pr.Tags = []string{}
	}
	rc.eventTypes(pr)
	return pr
}

// errorf reports an error at a byte offset of the text a check came from.
func (rc *ruleCheck) errorAt(t *loader.Text, off int, code, msg string) {
	p, _ := t.Locate(off)
	rc.diags = append(rc.diags, diag.Diagnostic{Severity: diag.Error, Code: code, Pos: p,
		Item: rc.item, Message: msg, Snippet: rc.c.col.Snippet(p)})
}

func (rc *ruleCheck) warnAt(t *loader.Text, off int, code, msg string) {
	rc.c.reportText(diag.Warning, code, rc.item, *t, off, msg)
}

// unknownFilter is Falco's test for errors skip-if-unknown-filter downgrades.
func unknownFilter(msg string) bool {
	for _, s := range []string{"nonexistent field", "invalid formatting token", "unknown event type", "unknown filter:"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// failed moves the rule's errors to the checker; with
// skip-if-unknown-filter, unknown fields and event types become a
// warning and the rule is skipped.
func (rc *ruleCheck) failed() bool {
	if len(rc.diags) == 0 {
		return false
	}
	for _, d := range rc.diags {
		if rc.rule.SkipIfUnknownFilter && unknownFilter(d.Message) {
			d.Severity, d.Code = diag.Warning, CodeUnknownFilter
		}
		rc.c.diags = append(rc.c.diags, d)
	}
	return true
}

// output validates the rule's output template against the catalog.
// As Falco 0.41+, %container.info is replaced by nothing, with a warning.
func (rc *ruleCheck) output() *output.Format {
	text := rc.rule.Output.S
	if i := strings.Index(text, "%container.info"); i >= 0 {
		rc.warnAt(&rc.rule.Output, i, CodeDeprecated, "%container.info is deprecated and is replaced by an empty string")
		text = strings.ReplaceAll(text, "%container.info", "")
		rc.outText = text
	}
	f, err := output.Parse(text, rc.cat)
	if err != nil {
		oe := err.(*output.Error)
		rc.errorAt(&rc.rule.Output, oe.Pos, CodeCompileOutput, oe.Msg)
		return nil
	}
	for _, tok := range f.Tokens() {
		if deprecatedField[tok.Ref.Name] {
			rc.warnAt(&rc.rule.Output, strings.Index(text, tok.Ref.Name), CodeDeprecated, deprecatedMsg(tok.Ref.Name))
		}
	}
	return f
}

// deprecatedField lists the fields Falco 0.42 deprecated (every syscall
// event is an exit event now, so direction and latency mean nothing).
var deprecatedField = map[string]bool{"evt.dir": true, "evt.latency": true, "evt.latency.s": true,
	"evt.latency.ns": true, "evt.latency.quantized": true, "evt.latency.human": true, "evt.wait_latency": true}

func deprecatedMsg(name string) string {
	return "field '" + name + "' is deprecated: syscall events are exit events only"
}

// deprecatedFields warns about deprecated fields in an operand.
func (rc *ruleCheck) deprecatedFields(o *ast.Operand, t *loader.Text) {
	if o == nil {
		return
	}
	if o.Field != nil && deprecatedField[o.Field.Name] && rc.rule.Source == fields.SourceSyscall {
		rc.warnAt(t, int(o.At), CodeDeprecated, deprecatedMsg(o.Field.Name))
	}
	for _, a := range o.Args {
		rc.deprecatedFields(a, t)
	}
}
