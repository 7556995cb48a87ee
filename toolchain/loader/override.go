package loader

import (
	"sort"

	"gopkg.in/yaml.v3"
)

// overrides is a decoded `override:` map: key → "append" | "replace".
type overrides struct {
	append, replace map[string]*yaml.Node // the key nodes
}

func (o overrides) any() bool { return len(o.append)+len(o.replace) > 0 }

// overrides decodes `override:`, checking each key against what may be
// appended and replaced for the item type.
func (r *reader) overrides(m *mapping, canAppend, canReplace []string) overrides {
	o := overrides{append: map[string]*yaml.Node{}, replace: map[string]*yaml.Node{}}
	n, ok := m.vals["override"]
	if !ok {
		return o
	}
	if n.Kind != yaml.MappingNode {
		r.throw(n, "Value of override must be a map")
	}
	om := newMapping(n)
	for _, k := range om.keys {
		v := om.vals[k.Value]
		if v.Kind != yaml.ScalarNode {
			r.throw(v, msgNotScalar)
		}
		switch v.Value {
		case "append":
			if !contains(canAppend, k.Value) {
				r.throwCode(k, CodeYAMLValidate, "Key '"+k.Value+"' cannot be appended to, use 'replace' instead")
			}
			o.append[k.Value] = k
		case "replace":
			if !contains(canReplace, k.Value) {
				r.throw(k, "Key '"+k.Value+"' cannot be replaced")
			}
			o.replace[k.Value] = k
		default:
			r.throw(v, "Invalid override operation for key '"+k.Value+"': '"+v.Value+
				"'. Allowed values are: append replace ")
		}
	}
	return o
}

// checkOverridden enforces that every overridden key is present and every
// present overridable key is overridden.
func (r *reader) checkOverridden(m *mapping, o overrides, overridable []string) {
	for _, kind := range []struct {
		name string
		keys map[string]*yaml.Node
	}{{"append", o.append}, {"replace", o.replace}} {
		for _, k := range sortedKeys(kind.keys) {
			if !m.has(k) {
				r.throw(kind.keys[k], "An "+kind.name+" override for '"+k+"' was specified but '"+k+"' is not defined")
			}
		}
	}
	for _, k := range m.keys {
		_, a := o.append[k.Value]
		_, p := o.replace[k.Value]
		if contains(overridable, k.Value) && !a && !p {
			r.throw(k, "Unexpected key '"+k.Value+"': no corresponding entry under 'override' is defined.")
		}
	}
}

func sortedKeys(m map[string]*yaml.Node) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const (
	msgOverrideAppend = "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."
	msgAppendDeprec   = "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead."
)

// appendFlag decodes the deprecated `append:` key and checks it is not
// combined with overrides.
func (r *reader) appendFlag(m *mapping, o overrides) bool {
	app := r.boolean(m, "append", false)
	if app {
		r.warn(m.key("append"), CodeDeprecated, msgAppendDeprec)
		if o.any() {
			r.throw(m.node, msgOverrideAppend)
		}
	}
	return app
}
