package conformance

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
)

func loadCases(t *testing.T) (string, *Expectations) {
	t.Helper()
	path := testenv.Compat(t, "k8saudit", "expectations.yaml")
	e, err := ReadExpectations(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Tests) != 66 || e.Counts.Tests != 66 {
		t.Fatalf("expectations list %d cases (header says %d), want 66", len(e.Tests), e.Counts.Tests)
	}
	return filepath.Dir(path), e
}

// TestK8sAuditConformance runs every case on every engine.
func TestK8sAuditConformance(t *testing.T) {
	dir, e := loadCases(t)
	names := make([]string, 0, len(engines))
	for n := range engines {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, engine := range names {
		t.Run(engine, func(t *testing.T) {
			passed := 0
			for _, c := range e.Tests {
				if runCase(t, dir, engine, c) {
					passed++
				}
			}
			t.Logf("%s: %d/%d cases pass", engine, passed, len(e.Tests))
		})
	}
}

// runCase replays one case with one engine and judges it.
func runCase(t *testing.T, dir, engine string, c Case) bool {
	ok := true
	t.Run(c.Name, func(t *testing.T) {
		o, err := Replay(engines[engine], paths(dir, c.RulesFiles), filepath.Join(dir, c.EventFile))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range Judge(c, o) {
			t.Error(v)
		}
		ok = !t.Failed()
	})
	return ok
}
