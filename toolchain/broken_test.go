package toolchain_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/toolchain"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestBroken loads every testdata/broken/*.yaml and compares its exact
// diagnostics (position, code, item, message, snippet) with the .golden
// file next to it.
func TestBroken(t *testing.T) {
	paths, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil || len(paths) < 40 {
		t.Fatalf("want at least 40 broken cases, got %d (%v)", len(paths), err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			prog, ds := toolchain.LoadFiles([]toolchain.File{{Name: p, Data: data}}, toolchain.LoadOptions{})
			var b strings.Builder
			for _, d := range ds {
				b.WriteString(d.Error() + "\n")
			}
			if ds.HasErrors() != (prog == nil) {
				t.Errorf("program %v with errors %v", prog != nil, ds.HasErrors())
			}
			if len(ds) == 0 {
				t.Errorf("no diagnostics")
			}
			golden := strings.TrimSuffix(p, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("diagnostics differ\n--- got\n%s--- want\n%s", b.String(), want)
			}
		})
	}
}
