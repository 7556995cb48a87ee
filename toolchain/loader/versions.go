package loader

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch) }

// Less orders versions.
func (v Version) Less(w Version) bool {
	if v.Major != w.Major {
		return v.Major < w.Major
	}
	if v.Minor != w.Minor {
		return v.Minor < w.Minor
	}
	return v.Patch < w.Patch
}

// ParseVersion reads "x.y.z" the way Falco's sscanf("%u.%u.%u") does:
// trailing text after the patch number is ignored.
func ParseVersion(s string) (Version, bool) {
	var v Version
	var err error
	rest := s
	for i, dst := range []*uint64{&v.Major, &v.Minor, &v.Patch} {
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == 0 {
			return v, false
		}
		if *dst, err = strconv.ParseUint(rest[:j], 10, 32); err != nil {
			return v, false
		}
		rest = rest[j:]
		if i < 2 {
			if rest == "" || rest[0] != '.' {
				return v, false
			}
			rest = rest[1:]
		}
	}
	return v, true
}

// CompatibleWith reports whether v satisfies a requirement: same major
// and not older.
func (v Version) CompatibleWith(req Version) bool {
	return v.Major == req.Major && !v.Less(req)
}

func (r *reader) engineVersion(m *mapping) {
	s := r.str(m, "required_engine_version")
	node := m.vals["required_engine_version"]
	var req Version
	if n, err := strconv.ParseUint(s, 10, 32); err == nil {
		req = Version{0, n, 0}
	} else if v, ok := ParseVersion(s); ok {
		req = v
	} else {
		r.throw(node, "Unable to parse engine version '"+s+"' as a semver string. Expected \"x.y.z\" semver format.")
	}
	if !EngineVersion.CompatibleWith(req) {
		r.throwCode(node, CodeValidate, "Rules require engine version "+req.String()+
			", but engine version is "+EngineVersion.String())
	}
	if r.c.RequiredEngine.Less(req) {
		r.c.RequiredEngine = req
	}
}

func (r *reader) pluginVersions(m *mapping) {
	seq := m.vals["required_plugin_versions"]
	if isNull(seq) {
		r.throw(m.key("required_plugin_versions"), "Mapping for key 'required_plugin_versions' is empty")
	}
	if seq.Kind != yaml.SequenceNode {
		r.throw(seq, "Value of required_plugin_versions must be a sequence")
	}
	for _, e := range seq.Content {
		r.pluginReq(deref(e))
	}
}

func (r *reader) pluginReq(e *yaml.Node) {
	if e.Kind != yaml.MappingNode {
		r.throw(e, "Plugin version must be a mapping")
	}
	req := PluginReq{Pos: r.nodePos(e)}
	seen := map[string]bool{}
	add := func(pm *mapping) {
		name, ver := r.str(pm, "name"), r.str(pm, "version")
		if _, ok := ParseVersion(ver); !ok {
			r.throw(pm.vals["version"], "Invalid required version '"+ver+"' for plugin '"+name+"'")
		}
		if seen[name] {
			r.throw(pm.node, "Defined multiple alternative version requirements for plugin '"+name+"'")
		}
		seen[name] = true
		req.Alts = append(req.Alts, PluginAlt{Name: name, Version: ver})
	}
	pm := newMapping(e)
	add(pm)
	if alts, ok := pm.vals["alternatives"]; ok {
		if alts.Kind != yaml.SequenceNode {
			r.throw(alts, msgNotSeq)
		}
		for _, a := range alts.Content {
			if a = deref(a); a.Kind != yaml.MappingNode {
				r.throw(a, "Plugin version must be a mapping")
			}
			add(newMapping(a))
		}
	}
	r.c.PluginReqs = append(r.c.PluginReqs, req)
}
