package deploy

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/replay"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
)

// baseConfigMap is the rendered aerie-config ConfigMap of the base.
func baseConfigMap(t *testing.T) *corev1.ConfigMap {
	t.Helper()
	r := decodeAll(t, render(t, kustomizations(t)["base"]))
	for _, c := range r.ConfigMaps {
		if c.Name == "aerie-config" {
			return c
		}
	}
	t.Fatal("ConfigMap aerie-config not found")
	return nil
}

// The ConfigMap's aerie.yaml loads with runtime/config's loader, which
// rejects unknown keys and settings that cannot work.
func TestConfigMapConfigLoads(t *testing.T) {
	cm := baseConfigMap(t)
	p := filepath.Join(t.TempDir(), "aerie.yaml")
	if err := os.WriteFile(p, []byte(cm.Data["aerie.yaml"]), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, err := config.Load([]string{"--config", p}, io.Discard)
	if err != nil {
		t.Fatalf("ConfigMap aerie.yaml: %v", err)
	}
	if !c.JSONOutput || c.StateDir == "" || c.APITokenFile == "" {
		t.Errorf("ConfigMap aerie.yaml loaded as %+v: want JSON alerts, a state dir and an API token file", c)
	}
}

// The unknown-key check the test above relies on really rejects typos.
func TestConfigLoaderRejectsUnknownKeys(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aerie.yaml")
	if err := os.WriteFile(p, []byte("json_outptu: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := config.Load([]string{"--config", p}, io.Discard); err == nil {
		t.Fatal("a misspelt key loaded without error")
	}
}

// loadDefaults loads the embedded default rules, then extra files.
func loadDefaults(t *testing.T, extra ...toolchain.File) *program.Program {
	t.Helper()
	var files []toolchain.File
	for _, f := range rules.Defaults() {
		files = append(files, toolchain.File{Name: f.Name, Data: f.Data})
	}
	prog, ds := toolchain.LoadFiles(append(files, extra...), toolchain.LoadOptions{})
	if ds.HasErrors() || prog == nil {
		t.Fatalf("load rules:\n%v", ds.Errors())
	}
	for _, d := range ds.Warnings() {
		if strings.Contains(d.Pos.File, "overrides.yaml") {
			t.Errorf("overrides.yaml: %s", d.Error())
		}
	}
	return prog
}

func overrides(t *testing.T) toolchain.File {
	t.Helper()
	cm := baseConfigMap(t)
	data, ok := cm.Data["overrides.yaml"]
	if !ok {
		t.Fatal("ConfigMap aerie-config has no overrides.yaml")
	}
	return toolchain.File{Name: "/etc/aerie/overrides.yaml", Data: []byte(data)}
}

// overrides.yaml loads on top of the default rules without errors or
// warnings, and does what it is there for: the agent's own pods (hostPID,
// /proc from the host) raise no alert when the DaemonSet controller creates
// them, while the same pod in another namespace does.
func TestConfigMapOverridesTuneTheDefaults(t *testing.T) {
	withOverrides := loadDefaults(t, overrides(t))
	plain := loadDefaults(t)
	ds := decodeAll(t, render(t, kustomizations(t)["base"])).DaemonSets[0]
	inAerie := podCreated(t, ds, "aerie")
	if got := alertsFor(t, plain, inAerie); len(got) == 0 {
		t.Fatal("the default rules raise nothing for the agent's pod: this test no longer tests anything")
	}
	if got := alertsFor(t, withOverrides, inAerie); len(got) != 0 {
		t.Errorf("with overrides.yaml the agent's pod still raises %v", got)
	}
	if got := alertsFor(t, withOverrides, podCreated(t, ds, "shop")); len(got) == 0 {
		t.Error("overrides.yaml exempts the agent's pod spec everywhere, not only in its namespace")
	}
}

// podCreated is the audit event of the DaemonSet controller creating one of
// ds's pods in namespace ns, as the audit policy records it (Request level).
func podCreated(t *testing.T, ds *appsv1.DaemonSet, ns string) []byte {
	t.Helper()
	pod := corev1.Pod{TypeMeta: ds.TypeMeta, ObjectMeta: ds.Spec.Template.ObjectMeta, Spec: ds.Spec.Template.Spec}
	pod.APIVersion, pod.Kind, pod.Namespace = "v1", "Pod", ns
	ev := map[string]any{
		"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Request", "auditID": "6e1c1b7f-0000-4000-8000-000000000001",
		"stage": "ResponseComplete", "verb": "create", "requestURI": "/api/v1/namespaces/" + ns + "/pods",
		"user":      map[string]any{"username": "system:serviceaccount:kube-system:daemon-set-controller"},
		"sourceIPs": []string{"10.0.0.1"}, "userAgent": "kube-controller-manager/v1.31.0",
		"objectRef":                map[string]any{"resource": "pods", "namespace": ns, "apiVersion": "v1"},
		"responseStatus":           map[string]any{"code": 201},
		"requestObject":            pod,
		"requestReceivedTimestamp": "2026-01-01T00:00:00.000000Z", "stageTimestamp": "2026-01-01T00:00:00.010000Z",
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// alertsFor evaluates one audit event line with the reference evaluator
// and returns the rules that alerted at WARNING or above.
func alertsFor(t *testing.T, prog *program.Program, line []byte) []string {
	t.Helper()
	ev, err := interp.New(prog, "k8s_audit")
	if err != nil {
		t.Fatal(err)
	}
	f, err := alert.New(ev.Metadata(), alert.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	st, err := replay.K8sAudit(bytes.NewReader(line), replay.Config{Eval: ev, Format: f,
		Warn: func(m string) { t.Errorf("replay: %s", m) }}, func(a *alert.Alert) error {
		if a.Priority <= 4 { // Warning
			got = append(got, a.Rule)
		}
		return nil
	})
	if err != nil || st.Events != 1 {
		t.Fatalf("replay: %v (%d events)", err, st.Events)
	}
	return got
}
