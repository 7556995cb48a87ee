// Package testenv locates what tests share: the repository root and the
// compatibility corpus beside it (../shared/compat, never copied in).
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the directory holding go.mod, walking up from the
// current directory (a package directory under test).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("find repository root: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("find repository root: no go.mod above the test directory")
		}
		dir = parent
	}
}

// Compat returns the path of a file or folder under the shared
// compatibility corpus (../shared/compat beside the repository).
func Compat(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{RepoRoot(t), "..", "shared", "compat"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("compatibility corpus: %v", err)
	}
	return p
}
