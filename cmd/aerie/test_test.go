package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
)

// TestDefaultRules runs `aerie test rules/` on both engines: every default
// rule against its positive and negative fixtures, and the noise stream.
func TestDefaultRules(t *testing.T) {
	dir := filepath.Join(testenv.RepoRoot(t), "rules")
	var out, errOut bytes.Buffer
	code := testMain([]string{"--engine", "all", dir}, &out, &errOut)
	if code != 0 {
		t.Fatalf("aerie test rules/ = %d\n%s%s", code, out.String(), errOut.String())
	}
	for _, f := range []string{"k8s_audit_test.yaml", "allowlists_test.yaml", "noise_test.yaml", "syscall_test.yaml"} {
		if !strings.Contains(out.String(), "ok  \t"+filepath.Join(dir, "testdata", f)) {
			t.Errorf("no ok line for %s:\n%s", f, out.String())
		}
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const oneRule = `
- rule: Exec
  desc: exec into a pod
  condition: ka.target.subresource = exec
  output: exec by %ka.user.name
  priority: WARNING
  source: k8s_audit
`

const execEvent = `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseStarted","requestURI":"/api/v1/namespaces/x/pods/p/exec","verb":"create","user":{"username":"bob"},"objectRef":{"resource":"pods","namespace":"x","name":"p","subresource":"exec"},"responseStatus":{"code":101},"requestReceivedTimestamp":"2026-01-02T03:04:05.000000Z","stageTimestamp":"2026-01-02T03:04:05.100000Z"}
`

// TestFailingCase checks the report and exit status of a failing case on
// both engines: the unmet expectation, the diff, the FAIL lines.
func TestFailingCase(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"r.yaml":  oneRule,
		"ev.json": execEvent,
		"x_test.yaml": `
rules: [r.yaml]
cases:
- name: wrong count
  events: ev.json
  expect:
  - {rule: Exec, count: 2, output_fields: {ka.user.name: alice}}
- name: passes
  events: ev.json
  expect:
  - {rule: Exec, count: 1, output_fields: {ka.user.name: bob}}
`,
	})
	var out, errOut bytes.Buffer
	code := testMain([]string{"--engine", "all", dir}, &out, &errOut)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errOut.String())
	}
	got := out.String()
	for _, want := range []string{
		"--- FAIL: x_test.yaml/wrong_count/wasm (",
		"--- FAIL: x_test.yaml/wrong_count/interp (",
		"x_test.yaml:7: Exec: want 2 alert(s), got 1",
		"    alerts (want → got):\n      - Exec: 2 → 1\n",
		"Warning exec by bob",
		"--- PASS: x_test.yaml/passes/wasm (",
		"FAIL\t" + filepath.Join(dir, "x_test.yaml"),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if !strings.HasSuffix(got, "\nFAIL\n") {
		t.Errorf("report does not end with FAIL:\n%s", got)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"--engine", "jit", "."}, {"--run", "(", "."}, {"/does/not/exist"}} {
		var out, errOut bytes.Buffer
		if code := testMain(args, &out, &errOut); code != 2 {
			t.Errorf("aerie test %q = %d, want 2 (stderr %q)", args, code, errOut.String())
		}
		if !strings.HasPrefix(errOut.String(), "aerie test: ") {
			t.Errorf("aerie test %q: stderr %q", args, errOut.String())
		}
	}
}
