package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"

	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
)

// TestAlertsReachHTTPAndProgram sends the corpus to aerie run with an HTTP
// output pointed at a real receiver and a program output: both get Falco's
// JSON alerts, the same as replay's.
func TestAlertsReachHTTPAndProgram(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	var bodies []string
	var types []string
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies, types = append(bodies, string(b)), append(types, r.Header.Get("Content-Type"))
		mu.Unlock()
	}))
	defer recv.Close()
	rules := falcoRules(t)
	evs := corpus(t, 1)
	want := replay(t, writeJSONLines(t, filepath.Join(dir, "events.jsonl"), evs), rules)
	prog := filepath.Join(dir, "program.json")
	a := start(t, nil, append([]string{"--no-syscall", "--json", "--stdout_output.enabled=false",
		"--http_output.enabled", "--http_output.url", recv.URL + "/",
		"--program_output.enabled", "--program_output.program", "cat >> " + prog}, rulesArgs(rules)...)...)
	for _, ev := range evs {
		postEvent(t, a, ev)
	}
	poll(t, "every alert at the receiver", func() bool { mu.Lock(); defer mu.Unlock(); return len(bodies) >= len(want) })
	if code := a.stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	mu.Lock()
	got := append([]string(nil), bodies...)
	mu.Unlock()
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Fatalf("HTTP receiver got %d alerts, replay %d:\n%s", len(got), len(want), firstDiff(got, want))
	}
	for _, ct := range types {
		if ct != "application/json" {
			t.Fatalf("Content-Type %q", ct)
		}
	}
	var a0 map[string]any
	json.Unmarshal([]byte(got[0]), &a0)
	for _, k := range []string{"hostname", "output", "output_fields", "priority", "rule", "source", "tags", "time"} {
		if _, ok := a0[k]; !ok {
			t.Errorf("alert lacks Falco key %q: %s", k, got[0])
		}
	}
	if lines := readAlertLines(t, prog); !slices.Equal(lines, want) {
		t.Errorf("program output got %d alerts, want %d", len(lines), len(want))
	}
}

func readAlertLines(t *testing.T, path string) []string {
	b, err := readFileString(path)
	if err != nil {
		t.Fatal(err)
	}
	return sortedLines(b)
}

func postEvent(t *testing.T, a *proc, ev auditv1.Event) {
	t.Helper()
	ev.Kind, ev.APIVersion = "Event", "audit.k8s.io/v1"
	b, _ := json.Marshal(ev)
	s := &sender{url: a.URL, client: a.client}
	if !s.postRaw(t, b) {
		t.Fatal("post failed")
	}
}
