package loader

// ruleOverride applies `override:` — appends first, then replaces.
func (r *reader) ruleOverride(m *mapping, name string, o overrides) {
	if len(o.append) > 0 {
		prev := r.previous(m, name, msgNoRuleAppend)
		r.overrideAppend(m, prev, o)
		prev.Visibility = r.c.next()
	}
	if len(o.replace) > 0 {
		prev := r.previous(m, name, msgNoRuleReplace)
		r.overrideReplace(m, prev, o)
		prev.Visibility = r.c.next()
	}
}

func (r *reader) overrideAppend(m *mapping, prev *Rule, o overrides) {
	if _, ok := o.append["condition"]; ok {
		s, _ := r.scalar(m, "condition", false)
		prev.Cond = Cat(prev.Cond, Plain(" "), TextOf(s))
	}
	if _, ok := o.append["output"]; ok {
		s, _ := r.scalar(m, "output", false)
		prev.Output = Cat(prev.Output, Plain(" "), trimText(TextOf(s)))
	}
	if _, ok := o.append["desc"]; ok {
		prev.Desc += " " + r.str(m, "desc")
	}
	if _, ok := o.append["tags"]; ok {
		set := map[string]bool{}
		for _, t := range append(prev.Tags, r.tags(m)...) {
			set[t] = true
		}
		prev.Tags = sortedSet(set)
	}
	if _, ok := o.append["exceptions"]; ok {
		exs, _ := r.exceptions(m, true)
		r.appendExceptions(prev, exs)
	}
}

func (r *reader) overrideReplace(m *mapping, prev *Rule, o overrides) {
	has := func(k string) bool { _, ok := o.replace[k]; return ok }
	if has("condition") {
		s, _ := r.scalar(m, "condition", false)
		prev.Cond = TextOf(s)
	}
	if has("output") {
		s, _ := r.scalar(m, "output", false)
		prev.Output = trimText(TextOf(s))
	}
	if has("desc") {
		prev.Desc = r.str(m, "desc")
	}
	if has("priority") {
		prev.Priority = r.priority(m)
	}
	if has("tags") {
		prev.Tags = r.tags(m)
	}
	if has("exceptions") {
		exs, _ := r.exceptions(m, false)
		for _, ex := range exs {
			r.validateException(prev.Source, ex, !prev.UnknownSource)
		}
		prev.Exceptions = exs
	}
	r.replaceFlags(m, prev, has)
}

func (r *reader) replaceFlags(m *mapping, prev *Rule, has func(string) bool) {
	if has("enabled") {
		prev.Enabled = r.boolean(m, "enabled", true)
	}
	if has("warn_evttypes") {
		prev.WarnEvttypes = r.boolean(m, "warn_evttypes", true)
	}
	if has("skip-if-unknown-filter") {
		prev.SkipIfUnknownFilter = r.boolean(m, "skip-if-unknown-filter", false)
	}
	if has("capture") {
		prev.Capture = r.boolean(m, "capture", false)
	}
	if has("capture_duration") {
		prev.CaptureDuration = r.integer(m, "capture_duration")
	}
}
