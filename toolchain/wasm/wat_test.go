package wasm_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/aeriesec/aerie/toolchain/wasm"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestWATGolden(t *testing.T) {
	m := sumModule()
	m.Globals = []wasm.Global{{Name: "count", Type: wasm.I64, Mutable: true, Init: -2}, {Type: wasm.F64, Init: 0x4004000000000000}}
	m.Exports = append(m.Exports, wasm.Export{Name: "count", Kind: wasm.ExportGlobal})
	m.Data = append(m.Data, wasm.Data{Offset: 32, Bytes: []byte("a\"b\\\x00\xff\n")})
	m.Customs = []wasm.Custom{{Name: "aerie.metadata", Bytes: make([]byte, 300)}}
	m.Funcs = append(m.Funcs, wasm.Func{Type: 0, Body: []byte{0x0c, 0x00, 0x0b}}, wasm.Func{Type: 0, Body: []byte{0x41}})
	checkGolden(t, "sum.wat", m.WAT())
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update if intended):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}
