package dnsnames

import (
	"context"
	"errors"
	"maps"
	"net/netip"
	"sync"
	"testing"
	"time"
)

// fakeDNS answers from a map the test changes; a name mapped to nil fails.
type fakeDNS struct {
	mu      sync.Mutex
	answers map[string][]netip.Addr
}

func (f *fakeDNS) lookup(_ context.Context, name string) ([]netip.Addr, error) {
	f.mu.Lock()
	a, ok := f.answers[name]
	f.mu.Unlock()
	if !ok || a == nil {
		return nil, errors.New("no such host")
	}
	return a, nil
}

func (f *fakeDNS) set(name string, addrs ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var as []netip.Addr
	for _, s := range addrs {
		as = append(as, netip.MustParseAddr(s))
	}
	f.answers[name] = as
}

// waitGen waits for a table newer than gen.
func waitGen(t *testing.T, r *Resolver, gen uint64) (Table, uint64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if tb, g := r.Table(); g > gen {
			return tb, g
		}
		if time.Now().After(deadline) {
			t.Fatalf("no table after generation %d", gen)
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
}

func TestResolver(t *testing.T) {
	f := &fakeDNS{answers: map[string][]netip.Addr{}}
	f.set("api.example", "10.96.0.1")
	f.set("b.example", "10.96.0.1", "192.0.2.7")
	r := New()
	r.Lookup, r.Every = f.lookup, time.Hour // refreshes only when kicked
	if tb, g := r.Table(); tb != nil || g != 0 {
		t.Fatalf("before Run: %v %d", tb, g)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	tb, g := waitGen(t, r, 0) // no names: an empty table
	if len(tb) != 0 {
		t.Fatalf("no names, table %v", tb)
	}
	r.SetNames([]string{"api.example", "b.example", "gone.example"})
	tb, g = waitGen(t, r, g)
	want := Table{netip.MustParseAddr("10.96.0.1"): "api.example", netip.MustParseAddr("192.0.2.7"): "b.example"}
	if !maps.Equal(tb, want) {
		t.Fatalf("table %v, want %v (the first name of a shared address wins)", tb, want)
	}
	if r.Failures.Load() != 1 || r.Resolutions.Load() != 2 {
		t.Errorf("failures %d resolutions %d, want 1 and 2", r.Failures.Load(), r.Resolutions.Load())
	}
	// a failing name keeps its last answer; a changed answer republishes
	f.mu.Lock()
	f.answers["api.example"] = nil
	f.mu.Unlock()
	f.set("b.example", "192.0.2.8")
	r.SetNames([]string{"api.example", "b.example"})
	tb, _ = waitGen(t, r, g)
	want = Table{netip.MustParseAddr("10.96.0.1"): "api.example", netip.MustParseAddr("192.0.2.8"): "b.example"}
	if !maps.Equal(tb, want) {
		t.Fatalf("table %v, want %v", tb, want)
	}
}
