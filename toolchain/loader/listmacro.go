package loader

import "regexp"

var (
	listName  = regexp.MustCompile(`^[^()"'\s=,]+$`)
	macroName = regexp.MustCompile(`^[a-zA-Z]+[a-zA-Z0-9_]*$`)
)

func (r *reader) list(m *mapping) {
	r.checkKeys(m, listKeys)
	name := r.str(m, "list")
	r.item = "list '" + name + "'"
	if !listName.MatchString(name) {
		r.warn(m.key("list"), CodeInvalidList, `List has an invalid name. List names should match a regular expression: ([^()"'[:space:]=,]+)`)
	}
	o := r.overrides(m, []string{"items"}, []string{"items"})
	app := r.appendFlag(m, o)
	if o.any() {
		r.checkOverridden(m, o, []string{"items"})
	}
	items, ok := r.scalarSeq(m, "items")
	if !ok {
		r.throw(m.node, "Item has no mapping for key 'items'")
	}
	l := &List{Name: name, Pos: r.nodePos(m.node), Items: items}
	if _, a := o.append["items"]; a || app {
		prev := r.c.List(name)
		if prev == nil {
			r.throwCode(m.node, CodeValidate, "List uses 'append' or 'override.items: append' but no list by that name already exists")
		}
		prev.Items = append(prev.Items, items...)
		prev.Visibility = r.c.next()
		return
	}
	r.c.defineList(l)
}

func (r *reader) macro(m *mapping) {
	r.checkKeys(m, macroKeys)
	name := r.str(m, "macro")
	r.item = "macro '" + name + "'"
	if !macroName.MatchString(name) {
		r.warn(m.key("macro"), CodeInvalidMacro, "Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)")
	}
	o := r.overrides(m, []string{"condition"}, []string{"condition"})
	app := r.appendFlag(m, o)
	if o.any() {
		r.checkOverridden(m, o, []string{"condition"})
	}
	cond, _ := r.scalar(m, "condition", false)
	if _, a := o.append["condition"]; a || app {
		prev := r.c.Macro(name)
		if prev == nil {
			r.throwCode(m.node, CodeValidate, "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists")
		}
		prev.Cond = Cat(prev.Cond, Plain(" "), TextOf(cond))
		prev.Visibility = r.c.next()
		return
	}
	r.c.defineMacro(&Macro{Name: name, Pos: r.nodePos(m.node), Cond: TextOf(cond)})
}
