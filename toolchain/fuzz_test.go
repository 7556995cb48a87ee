package toolchain_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aeriesec/aerie/toolchain"
)

func FuzzLoadRules(f *testing.F) {
	paths, _ := filepath.Glob("testdata/broken/*.yaml")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(rule("R", "evt.type = open and proc.name in (x)")))
	f.Fuzz(func(t *testing.T, data []byte) {
		prog, ds := toolchain.LoadFiles([]toolchain.File{{Name: "fuzz.yaml", Data: data}}, toolchain.LoadOptions{})
		if (prog == nil) != ds.HasErrors() {
			t.Fatalf("program %v but errors %v", prog != nil, ds.HasErrors())
		}
		for _, d := range ds {
			if d.Code == "" || d.Message == "" || d.Pos.File != "fuzz.yaml" || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}
