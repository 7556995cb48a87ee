package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/aeriesec/aerie/toolchain/diag"
	"gopkg.in/yaml.v3"
)

// reader reads one file's items into a collection.
type reader struct {
	file *File
	c    *Collection
	item string // the item being read, for diagnostics: "rule 'x'"
}

// itemError aborts the item being read.
type itemError struct{}

func (r *reader) report(sev diag.Severity, code string, p diag.Pos, msg string) {
	r.c.diags = append(r.c.diags, diag.Diagnostic{Severity: sev, Code: code, Pos: p,
		Item: r.item, Message: msg, Snippet: r.file.Snippet(p)})
}

func (r *reader) nodePos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: r.file.Name, Line: n.Line, Col: n.Column}
}

func (r *reader) warn(n *yaml.Node, code, msg string) {
	r.report(diag.Warning, code, r.nodePos(n), msg)
}

// throw reports a YAML-shape error and abandons the item.
func (r *reader) throw(n *yaml.Node, msg string) { r.throwCode(n, CodeYAMLValidate, msg) }

func (r *reader) throwCode(n *yaml.Node, code, msg string) {
	r.report(diag.Error, code, r.nodePos(n), msg)
	panic(itemError{})
}

// Read reads a rules file into the collection. Errors are collected in
// the collection's diagnostics; after an error in an item, reading goes
// on with the next item.
func (c *Collection) Read(f *File) {
	r := &reader{file: f, c: c}
	c.files[f.Name] = f
	docs, err := decodeAll(f.Data)
	if err != nil {
		r.report(diag.Error, CodeYAMLParse, yamlErrPos(f, err), err.Error())
		return
	}
	for _, d := range docs {
		if n := expandedSize(d, map[*yaml.Node]int{}); n > MaxNodes {
			r.report(diag.Error, CodeYAMLParse, r.nodePos(d), fmt.Sprintf("YAML document expands to more than %d nodes through aliases", MaxNodes))
			return
		}
		r.document(d)
	}
}

func decodeAll(data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, &n)
	}
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func yamlErrPos(f *File, err error) diag.Pos {
	p := diag.Pos{File: f.Name, Line: 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
	}
	return p
}

func (r *reader) document(d *yaml.Node) {
	if len(d.Content) == 0 || isNull(d.Content[0]) {
		return
	}
	root := deref(d.Content[0])
	switch root.Kind {
	case yaml.SequenceNode:
	case yaml.MappingNode:
		r.report(diag.Error, CodeYAMLValidate, r.nodePos(root), "Rules content is not yaml array of objects")
		return
	default:
		r.report(diag.Error, CodeYAMLValidate, r.nodePos(root), "Rules content is not yaml")
		return
	}
	for _, e := range root.Content {
		r.safeItem(deref(e))
	}
}

func (r *reader) safeItem(n *yaml.Node) {
	r.item = ""
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(itemError); !ok {
				panic(x)
			}
		}
	}()
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.throw(n, "Unexpected element type. Each element should be a yaml associative array.")
	}
	r.readItem(newMapping(n))
}

func (r *reader) readItem(m *mapping) {
	switch {
	case m.has("required_engine_version"):
		r.checkKeys(m, engineKeys)
		r.engineVersion(m)
	case m.has("required_plugin_versions"):
		r.checkKeys(m, pluginKeys)
		r.pluginVersions(m)
	case m.has("list"):
		r.list(m)
	case m.has("macro"):
		r.macro(m)
	case m.has("rule"):
		r.rule(m)
	default:
		r.warn(m.node, CodeUnknownItem, "Unknown top level item")
	}
}

var (
	engineKeys = []string{"required_engine_version"}
	pluginKeys = []string{"required_plugin_versions"}
	listKeys   = []string{"list", "items", "append", "override"}
	macroKeys  = []string{"macro", "condition", "append", "override"}
	ruleKeys   = []string{"rule", "condition", "output", "desc", "priority", "source", "enabled",
		"tags", "exceptions", "warn_evttypes", "skip-if-unknown-filter", "capture",
		"capture_duration", "append", "override"}
)

// checkKeys warns about keys the item type does not know.
func (r *reader) checkKeys(m *mapping, known []string) {
	for _, k := range m.keys {
		if !contains(known, k.Value) {
			r.warn(k, CodeUnknownKey, "Unknown key '"+k.Value+"'. The key will be ignored.")
		}
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
