package kube_test

import (
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/runtime/kube"
)

func TestNewChecksConfig(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.crt")
	writeFile(t, notPEM, "not a certificate")
	for _, tc := range []struct {
		name string
		cfg  kube.Config
		want string
	}{
		{"no node", kube.Config{Server: "https://10.96.0.1"}, "no node name"},
		{"no scheme", kube.Config{Server: "10.96.0.1:443", NodeName: "n"}, `server is not an http(s) URL: "10.96.0.1:443"`},
		{"ftp", kube.Config{Server: "ftp://h", NodeName: "n"}, `server is not an http(s) URL: "ftp://h"`},
		{"no host", kube.Config{Server: "https://", NodeName: "n"}, `server is not an http(s) URL: "https://"`},
		{"CA not PEM", kube.Config{Server: "https://h", NodeName: "n", CAFile: notPEM}, "read CA file " + notPEM + ": no PEM certificate"},
		{"CA missing", kube.Config{Server: "https://h", NodeName: "n", CAFile: filepath.Join(dir, "none")}, "read CA file: open "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := kube.New(tc.cfg)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("New: %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := kube.New(kube.Config{NodeName: "n", Server: "x"}); !errors.Is(err, kube.ErrBadServer) {
		t.Errorf("New: %v is not ErrBadServer", err)
	}
}

func TestInCluster(t *testing.T) {
	dir := t.TempDir()
	defer kube.SetServiceAccountDir(dir)()
	t.Setenv("KUBERNETES_SERVICE_HOST", "")
	t.Setenv("KUBERNETES_SERVICE_PORT", "")
	_, err := kube.InCluster("node-a")
	for _, want := range []string{"KUBERNETES_SERVICE_HOST is not set", "KUBERNETES_SERVICE_PORT is not set",
		filepath.Join(dir, "token"), filepath.Join(dir, "ca.crt")} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("InCluster without anything: %v, want it to name %q", err, want)
		}
	}

	t.Setenv("KUBERNETES_SERVICE_HOST", "fd00:10:96::1")
	t.Setenv("KUBERNETES_SERVICE_PORT", "443")
	writeFile(t, filepath.Join(dir, "token"), "tok")
	writeFile(t, filepath.Join(dir, "ca.crt"), "ca")
	cfg, err := kube.InCluster("node-a")
	want := kube.Config{Server: "https://[fd00:10:96::1]:443", TokenFile: filepath.Join(dir, "token"),
		CAFile: filepath.Join(dir, "ca.crt"), NodeName: "node-a"}
	if err != nil || cfg != want {
		t.Errorf("InCluster = %+v, %v\nwant %+v", cfg, err, want)
	}
	if _, err := kube.InCluster(""); err == nil || !strings.Contains(err.Error(), "no node name") {
		t.Errorf("InCluster without node: %v", err)
	}
}

// TestTLSWithCAFile goes through the client New builds itself, trusting the
// server's certificate from a PEM file.
func TestTLSWithCAFile(t *testing.T) {
	fa := newFakeAPI(t, simplePod("a", "7", 10))
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(fa.serve))
	t.Cleanup(tlsSrv.Close)
	ca := filepath.Join(t.TempDir(), "ca.crt")
	block := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tlsSrv.Certificate().Raw})
	if err := os.WriteFile(ca, block, 0o600); err != nil {
		t.Fatal(err)
	}
	r := start(t, fa, func(c *kube.Config) { c.Server, c.Client, c.CAFile = tlsSrv.URL+"/", nil, ca })
	r.waitSynced(t)
	if c := r.Container(cid(10)); c == nil || c.Pod.Name != "a" {
		t.Errorf("Container over TLS = %+v", c)
	}
}
