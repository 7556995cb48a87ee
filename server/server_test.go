package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/output"
	"github.com/aeriesec/aerie/runtime/pipeline"
)

const event = `{"level":"Request","auditID":"%d","stage":"ResponseComplete","verb":"create","stageTimestamp":"2026-01-15T10:00:00.000000Z","objectRef":{"resource":"pods"}}`

func eventList(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = strings.Replace(event, "%d", "x", 1)
	}
	return `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[` + strings.Join(items, ",") + `]}`
}

type fixture struct {
	srv    *Server
	ts     *httptest.Server
	alerts *alerts
	mods   *Modules
	block  chan struct{}
}

func newFixture(t testing.TB, queue int, block bool) *fixture {
	t.Helper()
	f := &fixture{alerts: &alerts{}}
	if block {
		f.block = make(chan struct{})
	}
	f.mods = NewModules(fakeLoader{block: f.block}, t.TempDir(), map[string][]byte{k8sSource: []byte("fake:k8s_audit:Default Rule")}, t.Logf)
	_, err := f.mods.Start(context.Background(), k8sSource, pipeline.Config{Source: k8sSource, Workers: 1, QueueEvents: queue,
		Bind: K8sBinder(alert.DefaultOptions, f.alerts.add)})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMetrics(f.mods.Pipelines, func() []*output.Output { return nil })
	f.mods.onChange = m.Module
	f.srv = New(Config{APIToken: "s3cret", MaxBodyBytes: 1 << 20, MaxEventBytes: 4096, Logf: t.Logf}, f.mods, m)
	f.srv.started.Store(true)
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(func() {
		if f.block != nil {
			select {
			case <-f.block:
			default:
				close(f.block)
			}
		}
		f.ts.Close()
		for _, p := range f.mods.Pipelines() {
			p.Close(context.Background())
		}
	})
	return f
}

func (f *fixture) do(t *testing.T, method, path string, body []byte, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, f.ts.URL+path, bytes.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestWebhookAcceptsAndEvaluates(t *testing.T) {
	f := newFixture(t, 1000, false)
	resp, body := f.do(t, "POST", "/k8s-audit/prod?timeout=30s", []byte(eventList(3)), "Content-Type", "application/json")
	if resp.StatusCode != 200 || body != "{\"accepted\":3}\n" {
		t.Fatalf("status %d body %q", resp.StatusCode, body)
	}
	resp, _ = f.do(t, "POST", "/k8s-audit", gz(eventList(2)), "Content-Type", "application/json; charset=utf-8", "Content-Encoding", "gzip")
	if resp.StatusCode != 200 {
		t.Fatalf("gzip body: status %d", resp.StatusCode)
	}
	waitFor(t, "5 alerts", func() bool { return len(f.alerts.snapshot()) == 5 })
	got := f.alerts.snapshot()
	if !strings.HasSuffix(got[0], "Warning verb=create cluster=prod") || !strings.HasSuffix(got[4], "cluster=<NA>") {
		t.Errorf("alerts %q", got)
	}
}

func TestWebhookRefusals(t *testing.T) {
	f := newFixture(t, 1000, false)
	big := `{"kind":"Event","stageTimestamp":"2026-01-15T10:00:00Z","x":"` + strings.Repeat("a", 5000) + `"}`
	cases := []struct {
		name string
		body []byte
		hdr  []string
		code int
		msg  string
	}{
		{"no content type", []byte(eventList(1)), nil, 415, "Content-Type must be application/json"},
		{"text/plain", []byte(eventList(1)), []string{"Content-Type", "text/plain"}, 415, ""},
		{"truncated", []byte(eventList(1)[:40]), []string{"Content-Type", "application/json"}, 400, "decode audit body"},
		{"wrong kind", []byte(`{"kind":"Pod"}`), []string{"Content-Type", "application/json"}, 400, "Data not recognized as a k8s audit event"},
		{"empty", nil, []string{"Content-Type", "application/json"}, 400, ""},
		{"bad gzip", []byte("not gzip"), []string{"Content-Type", "application/json", "Content-Encoding", "gzip"}, 400, "gzip"},
		{"brotli", []byte(eventList(1)), []string{"Content-Type", "application/json", "Content-Encoding", "br"}, 415, "Content-Encoding"},
		{"over body limit", []byte(strings.Repeat(" ", 2<<20)), []string{"Content-Type", "application/json"}, 413, "limit"},
		{"gzip bomb", gz(strings.Repeat(" ", 8<<20)), []string{"Content-Type", "application/json", "Content-Encoding", "gzip"}, 413, "limit"},
		{"event too large", []byte(big), []string{"Content-Type", "application/json"}, 413, "too large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := f.do(t, "POST", "/k8s-audit", c.body, c.hdr...)
			if resp.StatusCode != c.code || !strings.Contains(body, c.msg) {
				t.Errorf("status %d body %q, want %d containing %q", resp.StatusCode, body, c.code, c.msg)
			}
		})
	}
	if st := f.mods.Pipelines()[k8sSource].Stats(); st.Received != 0 {
		t.Errorf("refused bodies queued %d events", st.Received)
	}
}

func TestWebhookQueueFull(t *testing.T) {
	f := newFixture(t, 4, true)
	ct := []string{"Content-Type", "application/json"}
	if resp, _ := f.do(t, "POST", "/k8s-audit", []byte(eventList(3)), ct...); resp.StatusCode != 200 {
		t.Fatalf("first: %d", resp.StatusCode)
	}
	resp, _ := f.do(t, "POST", "/k8s-audit", []byte(eventList(3)), ct...)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("full queue: status %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	close(f.block)
	waitFor(t, "3 alerts", func() bool { return len(f.alerts.snapshot()) == 3 })
}

func TestModuleAPI(t *testing.T) {
	f := newFixture(t, 1000, false)
	auth := []string{"Authorization", "Bearer s3cret", "Content-Type", "application/wasm"}
	if resp, _ := f.do(t, "GET", "/v1/modules", nil); resp.StatusCode != 401 {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	if resp, _ := f.do(t, "GET", "/v1/modules", nil, "Authorization", "Bearer wrong"); resp.StatusCode != 401 {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	if resp, _ := f.do(t, "POST", "/v1/modules", []byte("fake:k8s_audit:New"), "Authorization", "Bearer s3cret"); resp.StatusCode != 415 {
		t.Errorf("no content type: %d", resp.StatusCode)
	}
	resp, body := f.do(t, "POST", "/v1/modules", []byte("\x00asm junk"), auth...)
	if resp.StatusCode != 400 || !strings.Contains(body, "magic number mismatch") {
		t.Errorf("invalid module: %d %q", resp.StatusCode, body)
	}
	resp, body = f.do(t, "POST", "/v1/modules", []byte("fake:syscall:X"), auth...)
	if resp.StatusCode != 400 || !strings.Contains(body, "not running") {
		t.Errorf("other source: %d %q", resp.StatusCode, body)
	}
	resp, body = f.do(t, "POST", "/v1/modules", []byte("fake:k8s_audit:Uploaded Rule"), auth...)
	var info ModuleInfo
	json.Unmarshal([]byte(body), &info)
	if resp.StatusCode != 200 || info.Origin != "uploaded" || info.Rules != 1 || len(info.SHA256) != 64 {
		t.Fatalf("upload: %d %q", resp.StatusCode, body)
	}
	f.do(t, "POST", "/k8s-audit", []byte(eventList(1)), "Content-Type", "application/json")
	waitFor(t, "alert", func() bool { return len(f.alerts.snapshot()) == 1 })
	if a := f.alerts.snapshot()[0]; !strings.HasPrefix(a, "Uploaded Rule |") {
		t.Errorf("alert from %q, want the uploaded rule", a)
	}
	if b, _ := f.mods.store.load(k8sSource); string(b) != "fake:k8s_audit:Uploaded Rule" {
		t.Errorf("stored module %q", b)
	}
	_, body = f.do(t, "GET", "/metrics", nil)
	if !strings.Contains(body, `aerie_module_info{origin="uploaded",rules="1",sha256="`+info.SHA256+`",source="k8s_audit"} 1`) {
		t.Errorf("metrics lack the module info:\n%s", grep(body, "aerie_module_info"))
	}
	resp, body = f.do(t, "DELETE", "/v1/modules/k8s_audit", nil, auth...)
	if resp.StatusCode != 200 || !strings.Contains(body, `"origin":"default"`) {
		t.Errorf("delete: %d %q", resp.StatusCode, body)
	}
	if b, _ := f.mods.store.load(k8sSource); b != nil {
		t.Errorf("stored module survived the delete")
	}
	if resp, _ := f.do(t, "DELETE", "/v1/modules/nope", nil, auth...); resp.StatusCode != 404 {
		t.Errorf("delete unknown: %d", resp.StatusCode)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	f := newFixture(t, 1000, false)
	for _, p := range []string{"/healthz", "/readyz"} {
		if resp, body := f.do(t, "GET", p, nil); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
	f.srv.SetProbe(probe{})
	if resp, body := f.do(t, "GET", "/readyz", nil); resp.StatusCode != 503 || !strings.Contains(body, "no BTF") {
		t.Errorf("readyz with a detached probe: %d %s", resp.StatusCode, body)
	}
	f.do(t, "POST", "/k8s-audit", []byte("{"), "Content-Type", "application/json")
	_, body := f.do(t, "GET", "/metrics", nil)
	for _, want := range []string{`aerie_webhook_requests_total{code="400"} 1`, `aerie_events_received_total{source="k8s_audit"} 0`, "go_goroutines"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

type probe struct{}

func (probe) Attached() (bool, string) { return false, "no BTF" }

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestConcurrencyLimit(t *testing.T) {
	f := newFixture(t, 1000, false)
	f.srv.slots = make(chan struct{}, 1)
	// Hold the only slot with a request whose body never finishes.
	pr, pw := io.Pipe()
	defer pw.Close()
	go func() {
		req, _ := http.NewRequest("POST", f.ts.URL+"/k8s-audit", pr)
		req.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	pw.Write([]byte("["))
	waitFor(t, "slot taken", func() bool { return len(f.srv.slots) == 1 })
	resp, body := f.do(t, "POST", "/k8s-audit", []byte(eventList(1)), "Content-Type", "application/json")
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "too many concurrent") {
		t.Errorf("over the limit: %d %q Retry-After %q", resp.StatusCode, body, resp.Header.Get("Retry-After"))
	}
	if resp, _ := f.do(t, "GET", "/healthz", nil); resp.StatusCode != 200 {
		t.Errorf("healthz under the webhook limit: %d", resp.StatusCode)
	}
}
