package loader

import (
	"sort"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/program"
)

var (
	ruleAppendable  = []string{"condition", "output", "desc", "tags", "exceptions"}
	ruleReplaceable = []string{"condition", "output", "desc", "priority", "tags", "exceptions",
		"enabled", "warn_evttypes", "skip-if-unknown-filter", "capture", "capture_duration"}
)

func (r *reader) rule(m *mapping) {
	r.checkKeys(m, ruleKeys)
	name := r.str(m, "rule")
	r.item = "rule '" + name + "'"
	o := r.overrides(m, ruleAppendable, ruleReplaceable)
	app := r.appendFlag(m, o)
	switch {
	case o.any():
		r.checkOverridden(m, o, ruleReplaceable)
		r.ruleOverride(m, name, o)
	case app:
		r.ruleAppend(m, name)
	case !m.has("condition") && !m.has("output") && !m.has("desc") && !m.has("priority"):
		r.ruleEnable(m, name)
	default:
		r.ruleDefine(m, name)
	}
}

func (r *reader) ruleDefine(m *mapping, name string) {
	ru := &Rule{Name: name, Pos: r.nodePos(m.node), Source: fields.SourceSyscall}
	cond, _ := r.scalar(m, "condition", false)
	out, _ := r.scalar(m, "output", false)
	ru.Cond, ru.Output = TextOf(cond), trimText(TextOf(out))
	ru.Desc = r.str(m, "desc")
	ru.Priority = r.priority(m)
	if s, ok := r.scalar(m, "source", true); ok {
		ru.Source, ru.SourceSet = s.Value, true
	}
	ru.Enabled = r.boolean(m, "enabled", true)
	ru.WarnEvttypes = r.boolean(m, "warn_evttypes", true)
	ru.SkipIfUnknownFilter = r.boolean(m, "skip-if-unknown-filter", false)
	ru.Capture = r.boolean(m, "capture", false)
	ru.CaptureDuration = r.integer(m, "capture_duration")
	ru.Tags = r.tags(m)
	ru.Exceptions, _ = r.exceptions(m, false)
	ru.UnknownSource = !r.c.Sources[ru.Source]
	for _, ex := range ru.Exceptions {
		r.validateException(ru.Source, ex, !ru.UnknownSource)
	}
	if ru.UnknownSource {
		r.warn(m.node, CodeUnknownSource, "Unknown source "+ru.Source+", skipping")
	}
	r.c.defineRule(ru)
}

func (r *reader) priority(m *mapping) program.Priority {
	s, _ := r.scalar(m, "priority", false)
	p, ok := program.ParsePriority(s.Value)
	if !ok {
		r.throw(s.Node, "Invalid priority")
	}
	return p
}

func (r *reader) tags(m *mapping) []string {
	items, _ := r.scalarSeq(m, "tags")
	set := map[string]bool{}
	for _, s := range items {
		set[s.Value] = true
	}
	return sortedSet(set)
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// trimText trims blanks around a text, keeping its map.
func trimText(t Text) Text {
	s := strings.TrimLeft(t.S, " \t\r\n\f\v")
	i := len(t.S) - len(s)
	j := i + len(strings.TrimRight(s, " \t\r\n\f\v"))
	return t.Slice(i, j)
}

// ruleEnable is the deprecated standalone `enabled:` form.
func (r *reader) ruleEnable(m *mapping, name string) {
	if !m.has("enabled") {
		r.throw(m.node, "Item has no mapping for key 'enabled'")
	}
	en := r.boolean(m, "enabled", true)
	r.warn(m.node, CodeDeprecated, "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').")
	prev := r.c.Rule(name)
	if prev == nil {
		r.throwCode(m.node, CodeValidate, "Rule has 'enabled' key but no rule by that name already exists")
	}
	prev.Enabled = en
}

// previous finds the rule an append or replace applies to.
func (r *reader) previous(m *mapping, name, missing string) *Rule {
	prev := r.c.Rule(name)
	if prev == nil {
		r.throwCode(m.node, CodeValidate, missing)
	}
	if s, ok := r.scalar(m, "source", true); ok && s.Value != prev.Source {
		r.throwCode(m.node, CodeValidate, "Rule has been re-defined with a different source")
	}
	return prev
}

const (
	msgNoRuleAppend  = "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists"
	msgNoRuleReplace = "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists"
)

// ruleAppend is the deprecated `append: true` form: condition and
// exceptions only.
func (r *reader) ruleAppend(m *mapping, name string) {
	prev := r.previous(m, name, msgNoRuleAppend)
	cond, hasCond := r.scalar(m, "condition", true)
	exs, hasExs := r.exceptions(m, true)
	if !hasCond && !hasExs {
		r.throwCode(m.node, CodeValidate, "Appended rule must have exceptions or condition property")
	}
	if hasCond {
		prev.Cond = Cat(prev.Cond, Plain(" "), TextOf(cond))
	}
	r.appendExceptions(prev, exs)
	prev.Visibility = r.c.next()
}

func (r *reader) appendExceptions(prev *Rule, exs []*Exception) {
	for _, ex := range exs {
		var old *Exception
		for _, pe := range prev.Exceptions {
			if pe.Name == ex.Name {
				old = pe
			}
		}
		if old == nil {
			r.newException(prev, ex)
			continue
		}
		if ex.HasFields {
			r.throwAt(ex, "Can not append exception fields to existing exception, only values")
		}
		if ex.HasComps {
			r.throwAt(ex, "Can not append exception comps to existing exception, only values")
		}
		old.Values = append(old.Values, ex.Values...)
	}
}

func (r *reader) newException(prev *Rule, ex *Exception) {
	if !ex.HasFields {
		r.throwAt(ex, "Rule exception must have fields property with a list of fields")
	}
	if len(ex.Values) == 0 {
		r.throwAt(ex, "Rule exception must have values property with a list of values")
	}
	r.validateException(prev.Source, ex, !prev.UnknownSource)
	prev.Exceptions = append(prev.Exceptions, ex)
}

func (r *reader) throwAt(ex *Exception, msg string) {
	r.report(diag.Error, CodeValidate, ex.Pos, msg)
	panic(itemError{})
}
