package deploy

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"
	"sigs.k8s.io/yaml"
)

// kustomization is the subset of kustomize's Kustomization our manifests
// use; decoding is strict, so a key outside it fails the test instead of
// being silently ignored.
type kustomization struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace,omitempty"`
	Labels     []struct {
		Pairs            map[string]string `json:"pairs"`
		IncludeSelectors bool              `json:"includeSelectors"`
	} `json:"labels,omitempty"`
	Resources []string `json:"resources"`
	Images    []struct {
		Name   string `json:"name"`
		NewTag string `json:"newTag"`
	} `json:"images,omitempty"`
	Patches []struct {
		Target struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
		} `json:"target"`
		Patch string `json:"patch"`
	} `json:"patches,omitempty"`
}

// object is one rendered manifest: its kind, name and JSON body.
type object struct {
	Kind, Name, File string
	JSON             []byte
}

// render builds a kustomization the way `kubectl kustomize` does for the
// features we use: resources (files and bases), namespace, common labels on
// metadata, image tags, and JSON 6902 patches.
func render(t *testing.T, dir string) []object {
	t.Helper()
	var k kustomization
	decodeStrict(t, filepath.Join(dir, "kustomization.yaml"), &k)
	var objs []object
	for _, r := range k.Resources {
		p := filepath.Join(dir, r)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			objs = append(objs, render(t, p)...)
			continue
		}
		objs = append(objs, splitDocs(t, p)...)
	}
	for i := range objs {
		objs[i].JSON = transform(t, objs[i], k)
	}
	return objs
}

func transform(t *testing.T, o object, k kustomization) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(o.JSON, &m); err != nil {
		t.Fatalf("%s: %v", o.File, err)
	}
	meta, _ := m["metadata"].(map[string]any)
	if k.Namespace != "" && !clusterScoped[o.Kind] {
		meta["namespace"] = k.Namespace
	}
	for _, l := range k.Labels {
		labels, _ := meta["labels"].(map[string]any)
		if labels == nil {
			labels = map[string]any{}
			meta["labels"] = labels
		}
		for key, v := range l.Pairs {
			labels[key] = v
		}
	}
	for _, img := range k.Images {
		retag(m, img.Name, img.NewTag)
	}
	body, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range k.Patches {
		if p.Target.Kind != o.Kind || p.Target.Name != o.Name {
			continue
		}
		pj, err := yaml.YAMLToJSON([]byte(p.Patch))
		if err != nil {
			t.Fatalf("patch for %s/%s: %v", o.Kind, o.Name, err)
		}
		patch, err := jsonpatch.DecodePatch(pj)
		if err != nil {
			t.Fatalf("patch for %s/%s: %v", o.Kind, o.Name, err)
		}
		if body, err = patch.Apply(body); err != nil {
			t.Fatalf("apply patch to %s/%s: %v", o.Kind, o.Name, err)
		}
	}
	return body
}

// retag sets the tag of every "image" naming the given repository.
func retag(v any, name, newTag string) {
	switch v := v.(type) {
	case map[string]any:
		for key, x := range v {
			if s, ok := x.(string); ok && key == "image" && (s == name || strings.HasPrefix(s, name+":")) {
				v[key] = name + ":" + newTag
				continue
			}
			retag(x, name, newTag)
		}
	case []any:
		for _, x := range v {
			retag(x, name, newTag)
		}
	}
}

func splitDocs(t *testing.T, path string) []object {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var objs []object
	for _, doc := range strings.Split(string(data), "\n---\n") {
		if strings.TrimSpace(stripComments(doc)) == "" {
			continue
		}
		j, err := yaml.YAMLToJSON([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var head struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal(j, &head); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		objs = append(objs, object{Kind: head.Kind, Name: head.Metadata.Name, File: path, JSON: j})
	}
	return objs
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// decodeStrict reads a YAML file into v, failing on unknown fields.
func decodeStrict(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// strictJSON decodes JSON into v, failing on unknown fields.
func strictJSON(o object, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(o.JSON)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s %s/%s: %w", o.File, o.Kind, o.Name, err)
	}
	return nil
}

// clusterScoped are the kinds we use that have no namespace.
var clusterScoped = map[string]bool{"Namespace": true, "ClusterRole": true, "ClusterRoleBinding": true}
