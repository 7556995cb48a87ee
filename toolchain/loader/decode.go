package loader

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Falco's generic YAML-shape messages.
const (
	msgNotScalar = "Value is not a scalar value"
	msgEmpty     = "Value must be non-empty"
	msgDecode    = "Can't decode YAML scalar value"
	msgNotSeq    = "Value is not a sequence"
	msgSeqScalar = "sequence value is not scalar"
)

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = deref(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// mapping is a YAML mapping with its keys in order.
type mapping struct {
	node *yaml.Node
	keys []*yaml.Node
	vals map[string]*yaml.Node
}

func newMapping(n *yaml.Node) *mapping {
	m := &mapping{node: n, vals: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := deref(n.Content[i])
		if _, dup := m.vals[k.Value]; !dup {
			m.keys = append(m.keys, k)
		}
		m.vals[k.Value] = deref(n.Content[i+1])
	}
	return m
}

func (m *mapping) has(k string) bool { _, ok := m.vals[k]; return ok }

func (m *mapping) key(k string) *yaml.Node {
	for _, n := range m.keys {
		if n.Value == k {
			return n
		}
	}
	return m.node
}

// scalar decodes a required (or optional) non-empty scalar. ok is false
// when an optional key is absent.
func (r *reader) scalar(m *mapping, key string, optional bool) (*Scalar, bool) {
	v, present := m.vals[key]
	if !present {
		if optional {
			return nil, false
		}
		r.throw(m.node, "Item has no mapping for key '"+key+"'")
	}
	if isNull(v) {
		r.throw(m.key(key), "Mapping for key '"+key+"' is empty")
	}
	if v.Kind != yaml.ScalarNode {
		r.throw(v, msgNotScalar)
	}
	if v.Value == "" {
		r.throw(v, msgEmpty)
	}
	return &Scalar{File: r.file, Node: v, Value: v.Value}, true
}

func (r *reader) str(m *mapping, key string) string {
	s, _ := r.scalar(m, key, false)
	return s.Value
}

// boolean decodes an optional bool as yaml-cpp does (true/false, yes/no,
// on/off, y/n in lower, Title or UPPER case).
func (r *reader) boolean(m *mapping, key string, def bool) bool {
	s, ok := r.scalar(m, key, true)
	if !ok {
		return def
	}
	switch s.Value {
	case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y":
		return true
	case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N":
		return false
	}
	r.throw(s.Node, msgDecode)
	return false
}

func (r *reader) integer(m *mapping, key string) int {
	s, ok := r.scalar(m, key, true)
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s.Value), 0, 64)
	if err != nil {
		r.throw(s.Node, msgDecode)
	}
	return int(n)
}

// scalarSeq decodes an optional sequence of scalars.
func (r *reader) scalarSeq(m *mapping, key string) ([]*Scalar, bool) {
	v, ok := m.vals[key]
	if !ok {
		return nil, false
	}
	if isNull(v) {
		r.throw(m.key(key), "Mapping for key '"+key+"' is empty")
	}
	if v.Kind != yaml.SequenceNode {
		r.throw(v, msgNotSeq)
	}
	out := []*Scalar{}
	for _, e := range v.Content {
		e = deref(e)
		if e.Kind != yaml.ScalarNode {
			r.throw(e, msgSeqScalar)
		}
		out = append(out, &Scalar{File: r.file, Node: e, Value: e.Value})
	}
	return out, true
}
