package e2e

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestInterpEngineReloadsAndRefusesUploads: with --engine interp, SIGHUP
// swaps the rules under load as with wasm (every event alerts exactly
// once), and the module API refuses a valid module with 409.
func TestInterpEngineReloadsAndRefusesUploads(t *testing.T) {
	dir := t.TempDir()
	rules := writeFile(t, filepath.Join(dir, "rules.yaml"), everyEventRule("Before Reload"))
	_, wasm := compileRule(t, dir, "Uploaded")
	token := writeFile(t, filepath.Join(dir, "token"), "api-token")
	alerts := filepath.Join(dir, "alerts.json")
	a := start(t, nil, "--no-syscall", "--json", "--engine", "interp", "--rules", rules, "--api-token-file", token,
		"--stdout_output.enabled=false", "--file_output.enabled", "--file_output.filename", alerts)

	const total = 20000
	s := &sender{url: a.URL, client: a.client}
	done := make(chan struct{})
	go func() { defer close(done); s.run(t, 2, total, 200) }()
	poll(t, "load under way", func() bool { return a.evaluated() > total/10 })
	writeFile(t, rules, everyEventRule("After Reload"))
	a.signal(syscall.SIGHUP)
	poll(t, "reload", func() bool { return a.metric(`aerie_reloads_total{result="success"}`) == 1 })
	<-done
	poll(t, "every event evaluated", func() bool { return a.evaluated() >= total })

	code, body := postModule(t, a, wasm)
	if code != http.StatusConflict || !strings.Contains(body, "uploads need the wasm engine") {
		t.Errorf("upload to an interp daemon: %d %s, want 409 saying uploads need the wasm engine", code, body)
	}
	if mods := listModules(t, a.URL, token); len(mods) != 1 || mods[0].Origin != "default" {
		t.Errorf("modules after the refused upload: %+v", mods)
	}
	if code := a.stop(); code != 0 {
		t.Fatalf("exit %d\n%s", code, a.Stderr())
	}
	perRule := exactlyOnce(t, readAlerts(t, alerts), total)
	if perRule["Before Reload"] == 0 || perRule["After Reload"] == 0 {
		t.Errorf("alerts per rule %v: want both rule sets", perRule)
	}
	t.Logf("alerts per rule %v", perRule)
}

func postModule(t *testing.T, a *proc, path string) (int, string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/v1/modules", f)
	req.Header.Set("Content-Type", "application/wasm")
	req.Header.Set("Authorization", "Bearer api-token")
	resp, err := a.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
