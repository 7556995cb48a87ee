package hostile

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tetratelabs/wazero"
)

func TestCommittedFilesUpToDate(t *testing.T) {
	for _, f := range All() {
		got, err := os.ReadFile(filepath.Join("testdata", f.File()))
		if err != nil {
			t.Errorf("%v (run go generate ./tests/hostile)", err)
			continue
		}
		if !bytes.Equal(got, f.Bytes()) {
			t.Errorf("testdata/%s is stale: run go generate ./tests/hostile", f.File())
		}
		text, err := os.ReadFile(filepath.Join("testdata", f.Name+".wat"))
		if err != nil || string(text) != f.Module().WAT() {
			t.Errorf("testdata/%s.wat is stale or missing (%v): run go generate ./tests/hostile", f.Name, err)
		}
	}
	readme, err := os.ReadFile("README.md")
	if err != nil || string(readme) != README() {
		t.Errorf("README.md is stale or missing (%v): run go generate ./tests/hostile", err)
	}
}

// TestFixturesAreValidWasm: every defect is an Aerie-level one; wazero
// itself accepts every fixture.
func TestFixturesAreValidWasm(t *testing.T) {
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	defer r.Close(ctx)
	for _, f := range All() {
		if _, err := r.CompileModule(ctx, f.Bytes()); err != nil {
			t.Errorf("%s: wazero rejects it: %v", f.Name, err)
		}
	}
}

func TestHugeIsExactAndValid(t *testing.T) {
	for _, size := range []int{4 << 10, 1<<20 + 3} {
		b := Huge(size)
		if len(b) != size {
			t.Fatalf("Huge(%d) is %d bytes", size, len(b))
		}
		ctx := context.Background()
		r := wazero.NewRuntime(ctx)
		if _, err := r.CompileModule(ctx, b); err != nil {
			t.Errorf("Huge(%d): wazero rejects it: %v", size, err)
		}
		r.Close(ctx)
	}
}
