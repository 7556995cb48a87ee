package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
)

// replayArgs runs aerie replay's flag parsing and replay in process.
func replayArgs(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	f, err := parseReplayFlags(args, &errb)
	if err != nil {
		return "", errb.String(), err
	}
	err = replayEvents(f, &out, &errb)
	return out.String(), errb.String(), err
}

func falcoRules(t *testing.T) []string {
	return []string{
		"--rules", testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		"--rules", testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}
}

func events(t *testing.T, name string) string { return testenv.Compat(t, "k8saudit", "events", name) }

func TestReplayEnginesPrintTheSame(t *testing.T) {
	ev := events(t, "create_configmap_sensitive_values.json")
	var outs []string
	for _, engine := range []string{"interp", "wasm"} {
		out, stderr, err := replayArgs(t, append(falcoRules(t), "--events", ev, "--engine", engine)...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", engine, err, stderr)
		}
		outs = append(outs, out)
	}
	if n := strings.Count(outs[0], "\n"); n != 6 {
		t.Errorf("interp printed %d alerts, want 6:\n%s", n, outs[0])
	}
	if !strings.Contains(outs[0], ": Warning K8s configmap with private credential (user=minikube-user verb=create configmap=my-config") {
		t.Errorf("unexpected text line:\n%s", outs[0])
	}
	if outs[0] != outs[1] {
		t.Errorf("engines differ:\ninterp:\n%s\nwasm:\n%s", outs[0], outs[1])
	}
}

func TestReplayJSON(t *testing.T) {
	out, stderr, err := replayArgs(t, append(falcoRules(t), "--events", events(t, "create_nginx_pod_privileged.json"), "--json")...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("want 1 alert, got:\n%s", out)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
		t.Fatal(err)
	}
	if a["rule"] != "Create Privileged Pod" || a["priority"] != "Warning" || a["source"] != "k8s_audit" ||
		a["time"] != "2018-10-25T14:09:12.581541000Z" {
		t.Errorf("alert = %v", a)
	}
	if !strings.HasPrefix(lines[0], `{"hostname":`) || !strings.Contains(lines[0], `,"output":`) {
		t.Errorf("keys not in Falco's order: %s", lines[0])
	}
}

func TestReplayRuleMatchingAll(t *testing.T) {
	args := append(falcoRules(t), "--events", events(t, "anonymous_creates_namespace_foo.json"))
	for _, engine := range []string{"interp", "wasm"} {
		first, _, err1 := replayArgs(t, append(args, "--engine", engine)...)
		all, _, err2 := replayArgs(t, append(args, "--engine", engine, "--rule-matching", "all")...)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if n, m := strings.Count(first, "\n"), strings.Count(all, "\n"); n != 1 || m != 3 {
			t.Errorf("%s: first printed %d alerts (want 1), all %d (want 3)", engine, n, m)
		}
	}
}

func TestReplayBadLine(t *testing.T) {
	for _, engine := range []string{"interp", "wasm"} {
		out, stderr, err := replayArgs(t, append(falcoRules(t), "--events", events(t, "fal_01_003.json"), "--engine", engine)...)
		if err != nil {
			t.Fatalf("%s: a bad line must not fail the replay: %v", engine, err)
		}
		want := `Could not read k8s audit event line #1, "{"kind": 0}": Data not recognized as a k8s audit event, stopping`
		if out != "" || !strings.Contains(stderr, want) {
			t.Errorf("%s: stdout %q, stderr %q", engine, out, stderr)
		}
	}
}

func TestReplayKeepGoing(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(events(t, "create_nginx_pod_privileged.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "mixed.json")
	if err := os.WriteFile(path, append([]byte("not json\n"), good...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := replayArgs(t, append(falcoRules(t), "--events", path, "--keep-going")...)
	if err != nil || strings.Count(out, "\n") != 1 || !strings.Contains(stderr, "line #1") || !strings.Contains(stderr, "skipping") {
		t.Errorf("err %v, stdout %q, stderr %q", err, out, stderr)
	}
}

func TestReplayDefaultRules(t *testing.T) {
	out, stderr, err := replayArgs(t, "--events", events(t, "create_nginx_pod_privileged.json"), "--engine", "interp")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(out, "Warning") && !strings.Contains(out, "Critical") && !strings.Contains(out, "Notice") {
		t.Errorf("the default rules raised no alert on a privileged pod:\n%s", out)
	}
}

func TestReplayModule(t *testing.T) {
	rules := []string{falcoRules(t)[1], falcoRules(t)[3]}
	mods, _, ds := toolchain.Compile(rules, toolchain.CompileOptions{})
	if ds.HasErrors() || mods["k8s_audit"] == nil {
		t.Fatalf("compile: %v", ds.Err())
	}
	path := filepath.Join(t.TempDir(), "k8s_audit.wasm")
	if err := os.WriteFile(path, mods["k8s_audit"], 0o644); err != nil {
		t.Fatal(err)
	}
	ev := events(t, "create_nginx_pod_privileged.json")
	fromModule, stderr, err := replayArgs(t, "--module", path, "--events", ev)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	fromRules, _, err := replayArgs(t, append(falcoRules(t), "--events", ev)...)
	if err != nil || fromModule != fromRules || fromModule == "" {
		t.Errorf("module printed %q, rules printed %q (%v)", fromModule, fromRules, err)
	}
}

func TestReplayFlagErrors(t *testing.T) {
	cases := map[string][]string{
		"--events is required":                    {},
		"--engine lua: want wasm or interp":       {"--events", "x", "--engine", "lua"},
		"--rule-matching most":                    {"--events", "x", "--rule-matching", "most"},
		"--module needs --engine wasm":            {"--events", "x", "--engine", "interp", "--module", "m.wasm"},
		"--module and --rules exclude":            {"--events", "x", "--module", "m.wasm", "--rules", "r.yaml"},
		"--source nosuch: replay reads k8s_audit": {"--events", "x", "--source", "nosuch"},
		`unexpected argument "extra"`:             {"--events", "x", "extra"},
	}
	for want, args := range cases {
		_, _, err := replayArgs(t, args...)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: err = %v, want %q", args, err, want)
		}
	}
	_, stderr, err := replayArgs(t, "--events", events(t, "create_secret.json"), "--rules", filepath.Join(t.TempDir(), "missing.yaml"))
	if err == nil || !strings.Contains(stderr, "missing.yaml") {
		t.Errorf("missing rules file: err %v, stderr %q", err, stderr)
	}
}
