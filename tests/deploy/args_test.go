package deploy

import (
	"crypto/tls"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/tests/testenv"
)

// workload is one container of the base with the objects its volumes name.
type workload struct {
	name string
	spec *corev1.PodSpec
	r    *rendered
}

func baseWorkloads(t *testing.T) []workload {
	r := decodeAll(t, render(t, kustomizations(t)["base"]))
	return []workload{
		{"agent", &r.DaemonSets[0].Spec.Template.Spec, r},
		{"webhook", &r.Deployments[0].Spec.Template.Spec, r},
	}
}

// Every argument of the containers is a flag `aerie run` accepts, with the
// ConfigMap's aerie.yaml as --config.
func TestContainerArgsParseAsRunFlags(t *testing.T) {
	for _, w := range baseWorkloads(t) {
		t.Run(w.name, func(t *testing.T) {
			root := t.TempDir()
			args := materialize(t, w, root, nil)
			if args[0] != "run" {
				t.Fatalf("args %v: want the run subcommand first", args)
			}
			c, rest, err := config.Load(args[1:], io.Discard)
			if err != nil || len(rest) > 0 {
				t.Fatalf("aerie run %v: %v (left over %v)", args[1:], err, rest)
			}
			if w.name == "webhook" && (c.Syscall.Enabled || c.Webserver.ClientCA == "" || c.Webserver.TLSCert == "") {
				t.Errorf("webhook: want TLS with client certificates and no syscall source, got %+v", c.Webserver)
			}
			if c.StateDir == "" || c.APITokenFile == "" {
				t.Errorf("%s: want a state dir and an API token file", w.name)
			}
		})
	}
}

// The manifests load the built-in rules by name before their overrides;
// a --rules list naming "default" must give the built-in rules plus the
// file, and an unknown name must still fail as a missing file.
func TestRulesDefaultLoadsTheBuiltinRules(t *testing.T) {
	cmd := startProcess(t, "run", "--rules=no-such-rules", "--no-syscall", "--listen=127.0.0.1:0")
	select {
	case err := <-cmd.exited:
		cmd.exited <- err
	case <-time.After(60 * time.Second):
		t.Fatal("aerie run --rules=no-such-rules did not exit")
	}
	if !strings.Contains(cmd.stderr.String(), "no-such-rules") {
		t.Fatalf("aerie run --rules=no-such-rules: want an error naming the file, got:\n%s", cmd.stderr.String())
	}
}

// Each container, started with its real arguments, files and secrets (paths
// moved under a temporary root, --listen on a free port), becomes ready;
// the webhook then demands a client certificate signed by its CA on
// /k8s-audit, serves /metrics to a scraper that has only the CA (as the
// ServiceMonitor does), and the module API accepts the Secret's token.
func TestContainersStartWithTheirArgs(t *testing.T) {
	for _, w := range baseWorkloads(t) {
		t.Run(w.name, func(t *testing.T) {
			root := t.TempDir()
			p := testenv.NewPKI(t)
			args := materialize(t, w, root, p)
			caOnly := http.DefaultClient
			if slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--tls-cert") }) {
				caOnly = tlsClient(&tls.Config{RootCAs: p.Pool})
			}
			d := startDaemon(t, caOnly, args...)
			token := secretValue(t, w.r, "aerie-api-token", "api-token")
			checkServing(t, d, p, caOnly != http.DefaultClient, token)
		})
	}
}

func checkServing(t *testing.T, d *daemon, p *testenv.PKI, mTLS bool, token string) {
	t.Helper()
	event, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "deploy", "examples", "exec-into-pod.json"))
	if err != nil {
		t.Fatal(err)
	}
	withCert := d.client
	if mTLS {
		if code := post(t, d.client, d.base+"/k8s-audit", "", event); code != http.StatusUnauthorized {
			t.Errorf("webhook without a client certificate: %d, want 401", code)
		}
		withCert = tlsClient(&tls.Config{RootCAs: p.Pool, Certificates: []tls.Certificate{p.Client}})
	}
	if code := post(t, withCert, d.base+"/k8s-audit", "", event); code != http.StatusOK {
		t.Errorf("POST /k8s-audit: %d, want 200\n%s", code, d.stderr.String())
	}
	if code := d.status(t, "/metrics"); code != http.StatusOK {
		t.Errorf("GET /metrics: %d", code)
	}
	req, _ := http.NewRequest(http.MethodGet, d.base+"/v1/modules", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := withCert.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /v1/modules with the Secret's token: %d", resp.StatusCode)
	}
}

func post(t *testing.T, c *http.Client, url, token string, body []byte) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// materialize writes the files a container's volumes would hold under root
// (ConfigMap and Secret keys; generated TLS material instead of the
// Secret's placeholders when p is set) and returns the container's args
// with every mounted path moved under root and --listen on a free port.
func materialize(t *testing.T, w workload, root string, p *testenv.PKI) []string {
	t.Helper()
	c := &w.spec.Containers[0]
	move := mover(c, root)
	for _, vm := range c.VolumeMounts {
		dir := filepath.Join(root, vm.MountPath)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range volumeFiles(t, w, vm.Name, p) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(move.Replace(data)), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	var args []string
	for _, a := range c.Args {
		switch {
		case strings.HasPrefix(a, "--listen="):
			args = append(args, "--listen=127.0.0.1:0")
		default:
			args = append(args, move.Replace(a))
		}
	}
	return args
}

// mover rewrites the container's top-level mount paths to paths under root.
func mover(c *corev1.Container, root string) *strings.Replacer {
	var paths []string
	for _, vm := range c.VolumeMounts {
		paths = append(paths, vm.MountPath)
	}
	sort.Strings(paths)
	var pairs []string
	for i, m := range paths {
		if i > 0 && strings.HasPrefix(m, paths[i-1]+"/") {
			continue // nested under a mount already moved
		}
		pairs = append(pairs, m, filepath.Join(root, m))
	}
	return strings.NewReplacer(pairs...)
}

// volumeFiles is what the named volume holds: its ConfigMap's or Secret's
// keys (none for host paths and emptyDirs).
func volumeFiles(t *testing.T, w workload, volume string, p *testenv.PKI) map[string]string {
	t.Helper()
	i := slices.IndexFunc(w.spec.Volumes, func(v corev1.Volume) bool { return v.Name == volume })
	v := w.spec.Volumes[i]
	switch {
	case v.ConfigMap != nil:
		for _, cm := range w.r.ConfigMaps {
			if cm.Name == v.ConfigMap.Name {
				return cm.Data
			}
		}
	case v.Secret != nil && p != nil && v.Secret.SecretName == "aerie-webhook-tls":
		return map[string]string{"tls.crt": string(p.ServerPEM), "tls.key": string(p.ServerKeyPEM), "ca.crt": string(p.CAPEM)}
	case v.Secret != nil:
		for _, s := range w.r.Secrets {
			if s.Name == v.Secret.SecretName {
				return s.StringData
			}
		}
	}
	return nil
}

func secretValue(t *testing.T, r *rendered, name, key string) string {
	t.Helper()
	for _, s := range r.Secrets {
		if s.Name == name {
			return strings.TrimSpace(s.StringData[key])
		}
	}
	t.Fatalf("Secret %s not found", name)
	return ""
}
