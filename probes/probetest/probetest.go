// Package probetest opens the probe for tests: it skips with a clear
// message when the kernel or privileges lack what the probe needs, and
// fails instead when AERIE_REQUIRE_PRIVILEGED=1 (CI), so a skip never hides
// a regression. It also holds what the tests that record capture fixtures
// share (GenericInit).
//
// It may import probes, probes/state and the standard library.
package probetest

import (
	"errors"
	"os"
	"testing"

	"github.com/aeriesec/aerie/probes"
)

// Required reports whether privileged tests must run (AERIE_REQUIRE_PRIVILEGED=1).
func Required() bool { return os.Getenv("AERIE_REQUIRE_PRIVILEGED") == "1" }

// Open opens the probe or skips (fails when required) the test; the probe
// is closed when the test ends.
func Open(t testing.TB, o probes.Options) *probes.Probe {
	t.Helper()
	if os.Geteuid() != 0 {
		Unavailable(t, "not root")
	}
	p, err := probes.Open(o)
	if errors.Is(err, probes.ErrUnsupported) {
		Unavailable(t, err.Error())
	}
	if err != nil {
		t.Fatalf("open probe: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// Unavailable skips the test, or fails it when privileged runs are required.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("eBPF probe unavailable and AERIE_REQUIRE_PRIVILEGED=1: %s", why)
	}
	t.Skipf("eBPF probe unavailable (set AERIE_REQUIRE_PRIVILEGED=1 to fail instead): %s", why)
}
