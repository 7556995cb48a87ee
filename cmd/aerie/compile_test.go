package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
)

func TestCompileWritesModules(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"--rules", testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		"--rules", testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml"), "-o", out, "--wat"}
	if code := runCompile(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, src := range []string{"k8s_audit", "syscall"} {
		b, err := os.ReadFile(filepath.Join(out, src+".wasm"))
		if err != nil || !bytes.HasPrefix(b, []byte("\x00asm")) {
			t.Errorf("%s.wasm: %d bytes, %v", src, len(b), err)
		}
		w, err := os.ReadFile(filepath.Join(out, src+".wat"))
		if err != nil || !strings.Contains(string(w), "eval_batch") {
			t.Errorf("%s.wat lacks eval_batch: %v", src, err)
		}
		if !strings.Contains(stdout.String(), src+".wasm") {
			t.Errorf("stdout does not name %s.wasm: %s", src, stdout.String())
		}
	}
}

func TestCompileErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runCompile([]string{"--rules", "x.yaml"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "usage: aerie compile") {
		t.Errorf("without -o: exit %d, %q", code, stderr.String())
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("- rule: r\n  desc: d\n  condition: ka.verb = \n  output: o\n  priority: WARNING\n  source: k8s_audit\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := runCompile([]string{"--rules", bad, "-o", t.TempDir()}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "bad.yaml:3") {
		t.Errorf("bad rules: exit %d, %q", code, stderr.String())
	}
}

// "default" names the built-in rules in every command that loads rules,
// compile included (CI compiles the defaults plus its overrides).
func TestCompileDefaultRules(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := runCompile([]string{"--rules", "default", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, src := range []string{"k8s_audit", "syscall"} {
		if b, err := os.ReadFile(filepath.Join(out, src+".wasm")); err != nil || !bytes.HasPrefix(b, []byte("\x00asm")) {
			t.Errorf("%s.wasm: %d bytes, %v", src, len(b), err)
		}
	}
}
