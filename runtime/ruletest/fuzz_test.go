package ruletest

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseSpec: any bytes give a spec or an error, never a panic, and a
// parsed spec always has named cases with events.
func FuzzParseSpec(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "rules", "testdata", "*_test.yaml"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("cases:\n- {name: a, events: [x.json, y.cap], expect: [{rule: R, count: 2}], forbid: [{priority: info}]}\n"))
	f.Add([]byte("cases: [{name: a, events: e, expect: [{rule: r, output_fields: {a: b}}]}]"))
	f.Add([]byte("- a\n- b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSpec("f_test.yaml", data)
		if err != nil {
			return
		}
		for _, c := range s.Cases {
			if c.Name == "" || len(c.Events) == 0 {
				t.Fatalf("accepted case %+v", c)
			}
		}
	})
}
