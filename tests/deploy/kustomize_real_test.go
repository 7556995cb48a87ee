package deploy

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// The test's kustomize emulation (render) must produce what the real
// kustomize (kubectl kustomize) does, object for object, so the invariants
// checked on it hold for what users apply. Runs where kubectl is installed;
// AERIE_REQUIRE_KUBECTL=1 makes its absence a failure.
func TestRenderMatchesKubectlKustomize(t *testing.T) {
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		if os.Getenv("AERIE_REQUIRE_KUBECTL") == "1" {
			t.Fatal("kubectl not found and AERIE_REQUIRE_KUBECTL=1")
		}
		t.Skip("kubectl not installed: cannot compare with the real kustomize")
	}
	for name, dir := range kustomizations(t) {
		t.Run(name, func(t *testing.T) {
			out, err := exec.Command(kubectl, "kustomize", dir).Output()
			if err != nil {
				t.Fatalf("kubectl kustomize %s: %v", dir, err)
			}
			p := filepath.Join(t.TempDir(), "rendered.yaml")
			if err := os.WriteFile(p, out, 0o600); err != nil {
				t.Fatal(err)
			}
			real, ours := byKindName(t, splitDocs(t, p)), byKindName(t, render(t, dir))
			for k, want := range real {
				if got, ok := ours[k]; !ok {
					t.Errorf("%s: rendered by kustomize, missing from the test's render", k)
				} else if !reflect.DeepEqual(got, want) {
					g, _ := json.Marshal(got)
					w, _ := json.Marshal(want)
					t.Errorf("%s differs:\nours:      %s\nkustomize: %s", k, g, w)
				}
			}
			for k := range ours {
				if _, ok := real[k]; !ok {
					t.Errorf("%s: in the test's render, not in kustomize's", k)
				}
			}
		})
	}
}

func byKindName(t *testing.T, objs []object) map[string]any {
	t.Helper()
	m := map[string]any{}
	for _, o := range objs {
		var v any
		if err := json.Unmarshal(o.JSON, &v); err != nil {
			t.Fatal(err)
		}
		m[o.Kind+"/"+o.Name] = v
	}
	return m
}
