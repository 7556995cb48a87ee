// Package e2e runs the real aerie binary and drives it with real clients:
// kube-apiserver's own audit webhook backend, hostile HTTP requests,
// `aerie upload`, signals, and alert receivers.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// aerieBin is the binary built once for every test.
var aerieBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "aerie-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	aerieBin = filepath.Join(dir, "aerie")
	build := exec.Command("go", "build", "-o", aerieBin, "github.com/aeriesec/aerie/cmd/aerie")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build aerie:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
