package rules_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures under testdata/")

// generated returns every generated fixture file, by path under testdata/.
func generated() map[string][]byte {
	out := map[string][]byte{}
	for name, gen := range k8sFixtures {
		out[filepath.Join("k8s_audit", name)] = encodeLines(gen(newClock()))
	}
	out[filepath.Join("k8s_audit", noiseFile)] = noiseStream()
	return out
}

// TestFixturesUpToDate checks that the committed fixtures are what the
// generators produce; -update rewrites them.
func TestFixturesUpToDate(t *testing.T) {
	files := generated()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join("testdata", n)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, files[n], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		disk, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v (run go test ./rules -run Fixtures -update)", err)
			continue
		}
		if !bytes.Equal(disk, files[n]) {
			t.Errorf("%s is stale (run go test ./rules -run Fixtures -update)", path)
		}
	}
}
