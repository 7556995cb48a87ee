package e2e

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
	auditinternal "k8s.io/apiserver/pkg/apis/audit"
	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
	"k8s.io/apiserver/plugin/pkg/audit/buffered"
	"k8s.io/apiserver/plugin/pkg/audit/webhook"

	"github.com/aeriesec/aerie/tests/testenv"
)

// kubeconfig writes a webhook kubeconfig as an apiserver operator would:
// the server URL, its CA, a client certificate and a bearer token.
func kubeconfig(t *testing.T, path, url string, p *testenv.PKI, token string) string {
	t.Helper()
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	return writeFile(t, path, fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: aerie
  cluster:
    server: %s
    certificate-authority-data: %s
users:
- name: kube-apiserver
  user:
    client-certificate-data: %s
    client-key-data: %s
    token: %s
contexts:
- name: webhook
  context: {cluster: aerie, user: kube-apiserver}
current-context: webhook
`, url, b64(p.CAPEM), b64(p.ClientPEM), b64(p.ClientKeyPEM), token))
}

// apiserverBackend is the apiserver's audit webhook backend loaded from the
// kubeconfig, in batch mode (buffered, the apiserver's defaults) or
// blocking mode (the webhook backend called per event).
func apiserverBackend(t *testing.T, kubeconfig string, batch bool) (send func([]*auditinternal.Event), stop func()) {
	t.Helper()
	backoff := wait.Backoff{Duration: 200 * time.Millisecond, Factor: 1.5, Jitter: 0.2, Steps: 5}
	hook, err := webhook.NewBackend(kubeconfig, auditv1.SchemeGroupVersion, backoff, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !batch {
		return func(evs []*auditinternal.Event) {
			for _, ev := range evs {
				if !hook.ProcessEvents(ev) {
					t.Errorf("webhook backend gave up on event %s", ev.AuditID)
				}
			}
		}, func() {}
	}
	b := buffered.NewBackend(hook, buffered.BatchConfig{BufferSize: 10000, MaxBatchSize: 400,
		MaxBatchWait: 30 * time.Second, ThrottleEnable: true, ThrottleQPS: 10, ThrottleBurst: 15, AsyncDelegate: true})
	stopCh := make(chan struct{})
	if err := b.Run(stopCh); err != nil {
		t.Fatal(err)
	}
	return func(evs []*auditinternal.Event) {
			b.ProcessEvents(evs...)
		}, func() {
			close(stopCh) // flushes what is buffered
			b.Shutdown()
		}
}

// TestApiserverWebhook drives a real `aerie run` (TLS, client certificate
// required, webhook bearer token) with kube-apiserver's webhook backend in
// batch and blocking mode: every event is evaluated exactly once and the
// alerts equal `aerie replay`'s (wasm) for the same events, also when the
// daemon evaluates with the reference interpreter (--engine interp).
func TestApiserverWebhook(t *testing.T) {
	p := testenv.NewPKI(t)
	rules := falcoRules(t)
	for _, mode := range []struct {
		name   string
		batch  bool
		copies int
		engine string
	}{{"batch", true, 24, "wasm"}, {"blocking", false, 4, "wasm"}, {"interp", true, 8, "interp"}} {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			evs := corpus(t, mode.copies)
			want := replay(t, writeJSONLines(t, filepath.Join(dir, "events.jsonl"), evs), rules)
			if len(want) < len(evs)/2 {
				t.Fatalf("replay raised %d alerts for %d events; the comparison would be weak", len(want), len(evs))
			}
			alerts := filepath.Join(dir, "alerts.json")
			token := writeFile(t, filepath.Join(dir, "token"), "hook-token-123\n")
			args := append([]string{"--no-syscall", "--json", "--engine", mode.engine, "--stdout_output.enabled=false",
				"--file_output.enabled", "--file_output.filename", alerts,
				"--tls-cert", p.ServerCert, "--tls-key", p.ServerKey, "--client-ca", p.CAFile,
				"--webhook-token-file", token}, rulesArgs(rules)...)
			a := start(t, tlsClient(p.Pool, nil), args...)
			if interp := strings.Contains(a.Stderr(), "reference interpreter"); interp != (mode.engine == "interp") {
				t.Fatalf("--engine %s, stderr says interp: %v:\n%s", mode.engine, interp, a.Stderr())
			}
			kc := kubeconfig(t, filepath.Join(dir, "kubeconfig"), a.URL+"/k8s-audit", p, "hook-token-123")
			send, stop := apiserverBackend(t, kc, mode.batch)
			send(internal(t, evs))
			stop()
			poll(t, "every event evaluated", func() bool { return a.evaluated() >= float64(len(evs)) })
			if n := a.evaluated(); n != float64(len(evs)) {
				t.Errorf("%v events evaluated, %d sent", n, len(evs))
			}
			if n := a.metric(`aerie_webhook_requests_total{code="200"}`); n == 0 {
				t.Error("no webhook request answered 200")
			}
			if code := a.stop(); code != 0 {
				t.Fatalf("aerie run exited %d:\n%s", code, a.Stderr())
			}
			b, err := os.ReadFile(alerts)
			if err != nil {
				t.Fatal(err)
			}
			got := sortedLines(string(b))
			if !slices.Equal(got, want) {
				t.Fatalf("aerie run raised %d alerts, replay %d; first difference:\n%s", len(got), len(want), firstDiff(got, want))
			}
			t.Logf("%d events, %d alerts, identical to replay", len(evs), len(got))
		})
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return "run:    " + a[i] + "\nreplay: " + b[i]
		}
	}
	if len(a) > len(b) {
		return "run has extra: " + a[len(b)]
	}
	if len(b) > len(a) {
		return "replay has extra: " + b[len(a)]
	}
	return ""
}

// TestClientCertRequired: with --client-ca the webhook and module API
// refuse clients without a certificate the CA signed; probes need none.
func TestClientCertRequired(t *testing.T) {
	p, other := testenv.NewPKI(t), testenv.NewPKI(t)
	a := start(t, tlsClient(p.Pool, nil), "--no-syscall", "--tls-cert", p.ServerCert, "--tls-key", p.ServerKey, "--client-ca", p.CAFile)
	post := func(c *http.Client) int {
		resp, err := c.Post(a.URL+"/k8s-audit", "application/json", strings.NewReader(goodEvent))
		if err != nil {
			return 0 // the handshake refused the certificate
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(tlsClient(p.Pool, nil)); code != 401 {
		t.Errorf("no client certificate: %d, want 401", code)
	}
	if n := a.metric(`aerie_webhook_requests_total{code="401"}`); n != 1 {
		t.Errorf("aerie_webhook_requests_total{code=\"401\"} = %v after one refusal, want 1", n)
	}
	if code := post(tlsClient(p.Pool, &other.Client)); code != 0 && code != 401 {
		t.Errorf("certificate of another CA: %d, want a refused handshake or 401", code)
	}
	if code := post(tlsClient(p.Pool, &p.Client)); code != 200 {
		t.Errorf("valid client certificate: %d, want 200", code)
	}
	a.stop()
}
