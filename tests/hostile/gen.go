//go:build ignore

// gen writes the hostile fixtures to testdata/*.wasm, their text to
// testdata/*.wat and their list to README.md. Run it with `go generate ./tests/hostile`.
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/aeriesec/aerie/tests/hostile"
)

func main() {
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		log.Fatal(err)
	}
	for _, f := range hostile.All() {
		write(filepath.Join("testdata", f.File()), f.Bytes())
		write(filepath.Join("testdata", f.Name+".wat"), []byte(f.Module().WAT()))
	}
	write("README.md", []byte(hostile.README()))
}

func write(path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
}
