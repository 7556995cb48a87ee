package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSIGHUPReloadUnderLoad rewrites the rules file and sends SIGHUP while
// clients post events: every event alerts exactly once (old rules or new),
// and a reload with broken rules keeps the running ones.
func TestSIGHUPReloadUnderLoad(t *testing.T) {
	dir := t.TempDir()
	rules := writeFile(t, filepath.Join(dir, "rules.yaml"), everyEventRule("Before Reload"))
	alerts := filepath.Join(dir, "alerts.json")
	a := start(t, nil, "--no-syscall", "--json", "--rules", rules, "--stdout_output.enabled=false",
		"--file_output.enabled", "--file_output.filename", alerts)

	const total = 40000
	s := &sender{url: a.URL, client: a.client}
	done := make(chan struct{})
	go func() { defer close(done); s.run(t, 3, total, 400) }()
	poll(t, "load under way", func() bool { return a.evaluated() > total/10 })
	writeFile(t, rules, everyEventRule("After Reload"))
	a.signal(syscall.SIGHUP)
	poll(t, "reload", func() bool { return a.metric(`aerie_reloads_total{result="success"}`) == 1 })
	<-done
	poll(t, "every event evaluated", func() bool { return a.evaluated() >= total })

	writeFile(t, rules, "- rule: broken\n  condition: ka.nope = 1\n")
	a.signal(syscall.SIGHUP)
	poll(t, "failed reload", func() bool { return a.metric(`aerie_reloads_total{result="failure"}`) == 1 })
	s2 := &sender{url: a.URL, client: a.client}
	s2.next.Store(total)
	s2.run(t, 1, total+1, 1)
	poll(t, "one more event evaluated", func() bool { return a.evaluated() == total+1 })
	if code := a.stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	perRule := exactlyOnce(t, readAlerts(t, alerts), total+1)
	if perRule["Before Reload"] == 0 || perRule["After Reload"] < 2 {
		t.Errorf("alerts per rule %v: want both rule sets, the new one kept after the failed reload", perRule)
	}
	if !strings.Contains(a.Stderr(), "reload failed, keeping the running configuration") {
		t.Errorf("no reload failure on stderr:\n%s", a.Stderr())
	}
	t.Logf("alerts per rule %v", perRule)
}

// TestSIGTERMDrains posts events and stops the daemon at once: every event
// the webhook accepted is evaluated and its alert written before exit 0.
func TestSIGTERMDrains(t *testing.T) {
	dir := t.TempDir()
	rules := writeFile(t, filepath.Join(dir, "rules.yaml"), everyEventRule("Every Event"))
	alerts := filepath.Join(dir, "alerts.json")
	a := start(t, nil, "--no-syscall", "--json", "--rules", rules, "--stdout_output.enabled=false",
		"--file_output.enabled", "--file_output.filename", alerts, "--k8s_audit.workers", "1")
	const total = 30000
	s := &sender{url: a.URL, client: a.client}
	s.run(t, 4, total, 400)
	queued := a.metric(`aerie_queue_depth{source="k8s_audit"}`)
	if code := a.stop(); code != 0 {
		t.Fatalf("exit %d\n%s", code, a.Stderr())
	}
	exactlyOnce(t, readAlerts(t, alerts), total)
	if !strings.Contains(a.Stderr(), "stopped: 30000 events evaluated") {
		t.Errorf("stderr lacks the drain summary:\n%s", a.Stderr())
	}
	t.Logf("%v events were still queued at SIGTERM", queued)
}

// TestSIGUSR1ReopensFile rotates the alert file: after SIGUSR1 new alerts
// go to a new file at the configured path.
func TestSIGUSR1ReopensFile(t *testing.T) {
	dir := t.TempDir()
	rules := writeFile(t, filepath.Join(dir, "rules.yaml"), everyEventRule("Every Event"))
	alerts := filepath.Join(dir, "alerts.json")
	a := start(t, nil, "--no-syscall", "--json", "--rules", rules, "--stdout_output.enabled=false",
		"--file_output.enabled", "--file_output.filename", alerts)
	s := &sender{url: a.URL, client: a.client}
	s.run(t, 1, 1, 1)
	poll(t, "first alert written", func() bool { b, _ := os.ReadFile(alerts); return len(b) > 0 })
	if err := os.Rename(alerts, alerts+".1"); err != nil {
		t.Fatal(err)
	}
	a.signal(syscall.SIGUSR1)
	poll(t, "file reopened", func() bool { _, err := os.Stat(alerts); return err == nil })
	s2 := &sender{url: a.URL, client: a.client}
	s2.next.Store(1)
	s2.run(t, 1, 2, 1)
	poll(t, "second event evaluated", func() bool { return a.evaluated() == 2 })
	a.stop()
	if n := len(readAlerts(t, alerts+".1")); n != 1 {
		t.Errorf("rotated file has %d alerts, want 1", n)
	}
	if n := len(readAlerts(t, alerts)); n != 1 {
		t.Errorf("new file has %d alerts, want 1", n)
	}
}
