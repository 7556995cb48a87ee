package config

import (
	"fmt"
	"io"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// decode reads a configuration file's YAML into c. Unknown keys are errors
// with their position, except falco.yaml keys Aerie does not implement
// (falcoOnly): each is dropped with one warning on stderr.
func (c *Config) decode(path string, b []byte, stderr io.Writer) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	warn := func(k *yaml.Node, key, why string) {
		if why != "" {
			why = " (" + why + ")"
		}
		fmt.Fprintf(stderr, "aerie: config %s:%d: ignoring %s, a falco.yaml key Aerie does not implement%s\n", path, k.Line, key, why)
	}
	if err := prune(root, reflect.TypeOf(*c), "", warn); err != nil {
		return fmt.Errorf("config %s:%w", path, err)
	}
	if err := root.Decode(c); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	return nil
}

// prune checks the keys of n against the type t decodes it into, removing
// falco.yaml-only keys (told to warn) and failing on any other unknown key.
// Values of the wrong shape are left for Decode to report.
func prune(n *yaml.Node, t reflect.Type, prefix string, warn func(k *yaml.Node, key, why string)) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		kept := n.Content[:0:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := prefix + k.Value
			if f, ok := fieldByKey(t, k.Value); ok {
				if err := prune(v, f.Type, key+".", warn); err != nil {
					return err
				}
				kept = append(kept, k, v)
				continue
			}
			if why, ok := falcoOnly[key]; ok {
				warn(k, key, why)
				continue
			}
			msg := fmt.Sprintf("%d:%d: unknown key %s", k.Line, k.Column, key)
			if hint, ok := falcoHints[key]; ok {
				msg += " (" + hint + ")"
			}
			return fmt.Errorf("%s", msg)
		}
		n.Content = kept
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for _, e := range n.Content {
			if err := prune(e, t.Elem(), prefix, warn); err != nil {
				return err
			}
		}
	}
	return nil
}

// fieldByKey finds the struct field whose yaml name is key.
func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if strings.Split(f.Tag.Get("yaml"), ",")[0] == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
