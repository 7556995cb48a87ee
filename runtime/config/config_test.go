package config

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "aerie.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaultsWithoutArguments(t *testing.T) {
	c, rest, err := Load(nil, io.Discard)
	if err != nil || len(rest) != 0 {
		t.Fatal(err, rest)
	}
	if c.Addr() != "127.0.0.1:8765" || !c.StdoutOutput.Enabled || c.JSONOutput || !c.Syscall.Enabled || len(c.RulesFiles) != 0 || c.RulesEngine != "wasm" {
		t.Errorf("defaults: %+v", c)
	}
	if c, _, err := Load([]string{"--config", write(t, "rules_engine: interp\n")}, io.Discard); err != nil || c.RulesEngine != "interp" {
		t.Errorf("rules_engine from the file: %q, %v", c.RulesEngine, err)
	}
}

func TestFileThenFlags(t *testing.T) {
	p := write(t, `
rules_files: [a.yaml, b.yaml]
json_output: true
priority: warning
rules:
  - disable: {rule: "*"}
  - enable: {tag: k8s}
http_output: {enabled: true, url: "http://x/", timeout: 2s}
webserver: {listen_port: 9000}
k8s_audit: {max_body_bytes: 1000}
`)
	c, _, err := Load([]string{"--config", p, "--rules", "c.yaml", "--rules", "d.yaml", "--no-syscall",
		"--select", "enable:rule=K8s*", "--webserver.listen_address=0.0.0.0", "--http_output.retries=5"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.RulesFiles, []string{"c.yaml", "d.yaml"}) {
		t.Errorf("rules_files %v: flags must replace the file's list", c.RulesFiles)
	}
	if !c.JSONOutput || c.Priority != "warning" || c.Syscall.Enabled || c.Addr() != "0.0.0.0:9000" || c.K8sAudit.MaxBodyBytes != 1000 {
		t.Errorf("config %+v", c)
	}
	if c.HTTPOutput.Timeout != 2*time.Second || c.HTTPOutput.Retries != 5 || !c.HTTPOutput.Enabled {
		t.Errorf("http_output %+v", c.HTTPOutput)
	}
	if len(c.Rules) != 3 || c.Rules[0].Disable.Rule != "*" || c.Rules[1].Enable.Tag != "k8s" || c.Rules[2].Enable.Rule != "K8s*" {
		t.Errorf("rules %+v", c.Rules)
	}
}

func TestErrors(t *testing.T) {
	cases := map[string][]string{
		"unknown key": {"--config", write(t, "no_such_key: 1\n")},
		"bad flag":    {"--nope"},
		"priority":    {"--priority", "loud"},
		"matching":    {"--rule_matching", "some"},
		"engine":      {"--engine", "jit"},
		"tls half":    {"--tls-cert", "x.pem"},
		"selector":    {"--select", "toggle:rule=x"},
		"missing":     {"--config", "/nonexistent/aerie.yaml"},
	}
	for name, args := range cases {
		if _, _, err := Load(args, io.Discard); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestReferenceCoversEveryKey(t *testing.T) {
	ref := Reference()
	for _, want := range []string{"| `rules_files` | `--rules_files`, `--rules` |", "`webserver.listen_port`", "`8765`",
		"`syscall.enabled` | `--syscall.enabled`, `--no-syscall` | `true`", "`k8s_audit.max_body_bytes`"} {
		if !strings.Contains(ref, want) {
			t.Errorf("reference lacks %q", want)
		}
	}
	c := Default()
	for _, l := range leaves(&c) {
		if l.desc == "" {
			t.Errorf("key %s has no desc", l.path)
		}
	}
}
