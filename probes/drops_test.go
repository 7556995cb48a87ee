package probes_test

import (
	"os/exec"
	"testing"

	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/probes/record"
)

// TestDropsCounted overloads a one-page ring buffer nobody reads and checks
// the kernel's books balance: every record the probe emitted was either
// read or counted as dropped.
func TestDropsCounted(t *testing.T) {
	p := probetest.Open(t, probes.Options{RingBytes: 4096})
	sc, _ := record.ByName("openat")
	if err := p.SetInterest([]uint16{sc.NR}); err != nil {
		t.Fatal(err)
	}
	// find opens every directory it walks: thousands of openat records.
	if out, err := exec.Command("find", "/usr/share", "-maxdepth", "3").CombinedOutput(); err != nil && len(out) == 0 {
		t.Fatal(err)
	}
	if err := p.Detach(); err != nil {
		t.Fatal(err)
	}
	read := uint64(0)
	for p.Pending() {
		if _, err := p.Read(); err != nil {
			t.Fatal(err)
		}
		read++
	}
	c, err := p.Counters()
	if err != nil {
		t.Fatal(err)
	}
	if c.Drops == 0 {
		t.Fatalf("no drops counted with a one-page ring buffer: %+v, read %d", c, read)
	}
	if c.Events != read+c.Drops {
		t.Fatalf("emitted %d != read %d + dropped %d", c.Events, read, c.Drops)
	}
	per := uint64(0)
	for _, x := range c.PerCPU {
		per += x.Drops
	}
	if per != c.Drops || len(c.PerCPU) == 0 {
		t.Fatalf("per-CPU drops %d, total %d", per, c.Drops)
	}
	t.Logf("emitted %d, read %d, dropped %d on %d CPUs", c.Events, read, c.Drops, len(c.PerCPU))
}
