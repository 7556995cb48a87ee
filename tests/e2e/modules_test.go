package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// compileRule writes an every-event rule and compiles it with aerie
// compile; it returns the rules file and the k8s_audit module.
func compileRule(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	rules := writeFile(t, filepath.Join(dir, name+".yaml"), everyEventRule(name))
	out := filepath.Join(dir, name)
	if b, err := exec.Command(aerieBin, "compile", "--rules", rules, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("aerie compile: %v\n%s", err, b)
	}
	return rules, filepath.Join(out, "k8s_audit.wasm")
}

func upload(t *testing.T, url, token string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(aerieBin, append([]string{"upload", "--server", url, "--token-file", token}, args...)...)
	b, err := cmd.CombinedOutput()
	return string(b), err
}

type moduleInfo struct {
	Source, SHA256, Origin string
	Rules                  int
}

func listModules(t *testing.T, url, token string) []moduleInfo {
	t.Helper()
	out, err := upload(t, url, token, "--list")
	if err != nil {
		t.Fatalf("aerie upload --list: %v\n%s", err, out)
	}
	var infos []moduleInfo
	if err := json.Unmarshal([]byte(out), &infos); err != nil {
		t.Fatalf("list: %v: %s", err, out)
	}
	return infos
}

// TestModuleUploadUnderLoad uploads a module while clients post events:
// every event alerts exactly once, from the old module or the new one.
// A restart keeps the upload; deleting it reverts to the default.
func TestModuleUploadUnderLoad(t *testing.T) {
	dir := t.TempDir()
	rulesA, _ := compileRule(t, dir, "Every Event A")
	_, wasmB := compileRule(t, dir, "Every Event B")
	token := writeFile(t, filepath.Join(dir, "token"), "api-token")
	state := filepath.Join(dir, "state")
	alerts := filepath.Join(dir, "alerts.json")
	args := []string{"--no-syscall", "--json", "--rules", rulesA, "--state-dir", state, "--api-token-file", token,
		"--stdout_output.enabled=false", "--file_output.enabled", "--file_output.filename", alerts,
		"--k8s_audit.queue_events", "20000"}
	a := start(t, nil, args...)

	const total = 60000
	s := &sender{url: a.URL, client: a.client}
	done := make(chan struct{})
	go func() { defer close(done); s.run(t, 4, total, 400) }()
	poll(t, "load under way", func() bool { return a.evaluated() > total/10 })
	if out, err := upload(t, a.URL, token, wasmB); err != nil {
		t.Fatalf("aerie upload: %v\n%s", err, out)
	}
	<-done
	poll(t, "every event evaluated", func() bool { return a.evaluated() >= total })
	if n := a.evaluated(); n != total || s.accepted.Load() != total {
		t.Fatalf("evaluated %v, accepted %d, sent %d", n, s.accepted.Load(), total)
	}
	b, _ := os.ReadFile(wasmB)
	sum := sha256.Sum256(b)
	mods := listModules(t, a.URL, token)
	if len(mods) != 1 || mods[0].Origin != "uploaded" || mods[0].SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("modules after upload: %+v", mods)
	}
	if code := a.stop(); code != 0 {
		t.Fatalf("exit %d\n%s", code, a.Stderr())
	}
	perRule := exactlyOnce(t, readAlerts(t, alerts), total)
	if perRule["Every Event A"] == 0 || perRule["Every Event B"] == 0 {
		t.Errorf("alerts per rule %v: want both modules to have evaluated some", perRule)
	}
	t.Logf("%d events, %d retries after 429/503, alerts per rule %v", total, s.retries.Load(), perRule)

	// A restart finds the upload; deleting it reverts to the default.
	os.Remove(alerts)
	a = start(t, nil, args...)
	if mods := listModules(t, a.URL, token); mods[0].Origin != "uploaded" || mods[0].SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("modules after restart: %+v", mods)
	}
	(&sender{url: a.URL, client: a.client}).run(t, 1, 1, 1)
	poll(t, "the first event evaluated", func() bool { return a.evaluated() == 1 })
	if out, err := upload(t, a.URL, token, "--delete", "k8s_audit"); err != nil || !strings.Contains(out, `"origin":"default"`) {
		t.Fatalf("delete: %v %s", err, out)
	}
	s2 := &sender{url: a.URL, client: a.client}
	s2.next.Store(1)
	s2.run(t, 1, 2, 1)
	poll(t, "2 events evaluated", func() bool { return a.evaluated() == 2 })
	if out, err := upload(t, a.URL, token, writeFile(t, filepath.Join(dir, "junk.wasm"), "\x00asm\x01\x00\x00\x00\x05")); err == nil || !strings.Contains(out, "400") {
		t.Errorf("junk upload: %v %s", err, out)
	}
	if out, err := upload(t, a.URL, writeFile(t, filepath.Join(dir, "bad"), "wrong"), "--list"); err == nil || !strings.Contains(out, "401") {
		t.Errorf("wrong token: %v %s", err, out)
	}
	a.stop()
	perRule = exactlyOnce(t, readAlerts(t, alerts), 2)
	if perRule["Every Event B"] != 1 || perRule["Every Event A"] != 1 {
		t.Errorf("after restart and delete, alerts per rule %v: want one from B (uploaded) then one from A (default)", perRule)
	}
}
