package loader

import (
	"strings"

	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/parser"
	"gopkg.in/yaml.v3"
)

// exceptions reads a rule's `exceptions:`; ok is false when absent.
func (r *reader) exceptions(m *mapping, appending bool) ([]*Exception, bool) {
	n, ok := m.vals["exceptions"]
	if !ok || isNull(n) {
		return nil, ok
	}
	if n.Kind != yaml.SequenceNode {
		r.throw(n, "Rule exceptions must be a sequence")
	}
	var out []*Exception
	seen := map[string]bool{}
	for _, e := range n.Content {
		ex := r.exception(deref(e), appending)
		if seen[ex.Name] {
			r.warn(e, CodeExcNotUnique, "Multiple definitions of exception '"+ex.Name+"' in the same rule")
		}
		seen[ex.Name] = true
		out = append(out, ex)
	}
	return out, true
}

func (r *reader) exception(e *yaml.Node, appending bool) *Exception {
	if e.Kind != yaml.MappingNode {
		r.throw(e, "Rule exception must be a mapping")
	}
	em := newMapping(e)
	ex := &Exception{Name: r.str(em, "name"), Pos: r.nodePos(e)}
	if f, ok := em.vals["fields"]; ok {
		ex.Fields, ex.HasFields = r.entry(f), true
	}
	if c, ok := em.vals["comps"]; ok {
		ex.Comps, ex.HasComps = r.entry(c), true
	}
	vals, ok := em.vals["values"]
	switch {
	case ok && vals.Kind != yaml.SequenceNode && !isNull(vals):
		r.throw(vals, "Rule exception values must be a sequence")
	case ok:
		for _, v := range vals.Content {
			ex.Values = append(ex.Values, r.entry(deref(v)))
		}
	case appending:
		r.warn(e, CodeAppendNoVals, "Overriding/appending exception with no values")
	}
	return ex
}

func (r *reader) entry(n *yaml.Node) Entry {
	n = deref(n)
	e := Entry{Pos: r.nodePos(n)}
	switch n.Kind {
	case yaml.ScalarNode:
		e.Item = n.Value
	case yaml.SequenceNode:
		e.IsList = true
		for _, c := range n.Content {
			e.Items = append(e.Items, r.entry(c))
		}
	default:
		r.throw(n, msgNotScalar)
	}
	return e
}

// validateException checks an exception against its rule's source, as
// Falco's collector does when a rule is defined or exceptions appended.
func (r *reader) validateException(source string, ex *Exception, known bool) {
	fail := func(msg string) {
		r.report(diag.Error, CodeValidate, ex.Pos, msg)
		panic(itemError{})
	}
	if !ex.HasFields {
		fail("Rule exception item must have fields property with a list of fields")
	}
	if ex.Fields.IsList {
		r.validateListForm(source, ex, known, fail)
		return
	}
	if !ex.HasComps {
		ex.Comps = Entry{Item: "in"}
	}
	if ex.Comps.IsList {
		fail("Fields and comps must both be strings")
	}
	ex.Comps.Item = strings.TrimSpace(ex.Comps.Item)
	if c := ex.Comps.Item; c != "in" && c != "pmatch" && c != "intersects" && !modifierOp(c) {
		fail("When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)")
	}
	if known && !r.c.FieldOK(source, ex.Fields.Item) {
		fail("'" + ex.Fields.Item + "' is not a supported filter field")
	}
}

func (r *reader) validateListForm(source string, ex *Exception, known bool, fail func(string)) {
	if !ex.HasComps {
		ex.Comps = Entry{IsList: true}
		for range ex.Fields.Items {
			ex.Comps.Items = append(ex.Comps.Items, Entry{Item: "="})
		}
	}
	if !ex.Comps.IsList || len(ex.Comps.Items) != len(ex.Fields.Items) {
		fail("Fields and comps lists must have equal length")
	}
	for i := range ex.Comps.Items {
		c := strings.TrimSpace(ex.Comps.Items[i].Item)
		ex.Comps.Items[i].Item = c
		if _, ok := parser.LookupOp(c); !ok && !modifierOp(c) {
			fail("'" + c + "' is not a supported comparison operator")
		}
	}
	for _, f := range ex.Fields.Items {
		if known && !r.c.FieldOK(source, f.Item) {
			fail("'" + f.Item + "' is not a supported filter field")
		}
	}
}

// modifierOp reports whether c is "<string operator> <modifier>".
func modifierOp(c string) bool {
	parts := strings.Fields(c)
	if len(parts) != 2 {
		return false
	}
	op, ok := parser.LookupOp(parts[0])
	_, mok := parser.LookupModifier(parts[1])
	return ok && mok && parser.StringOp(op)
}
