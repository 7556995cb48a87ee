// Package dnsnames resolves the host names rules compare domain-name
// fields with (fd.sip.name = kubernetes.default.svc.cluster.local) and
// maps addresses back to them, refreshing the resolutions periodically, as
// Falco's DNS manager does. Syscall events take a snapshot of the map when
// they are applied, so a replay can reproduce it.
//
// It may import only the standard library.
package dnsnames

import (
	"context"
	"maps"
	"net"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults.
const (
	DefaultEvery   = 30 * time.Second // refresh interval
	DefaultTimeout = 5 * time.Second  // one name's resolution
)

// Table maps an address to the first (sorted) of the names that resolved
// to it. A published table is never changed.
type Table map[netip.Addr]string

// Resolver keeps a Table for a set of names.
type Resolver struct {
	// Lookup resolves one name; nil uses the system resolver.
	Lookup  func(ctx context.Context, name string) ([]netip.Addr, error)
	Every   time.Duration // refresh interval; 0: DefaultEvery
	Timeout time.Duration // per name; 0: DefaultTimeout

	mu    sync.Mutex
	names []string
	kick  chan struct{}
	cur   atomic.Pointer[published]

	Resolutions, Failures atomic.Uint64 // names resolved and failed, for metrics
}

// New returns a resolver with no names.
func New() *Resolver { return &Resolver{kick: make(chan struct{}, 1)} }

// SetNames replaces the names to resolve (sorted, unique) and has Run
// resolve them at once.
func (r *Resolver) SetNames(names []string) {
	r.mu.Lock()
	r.names = slices.Clone(names)
	r.mu.Unlock()
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// published is a table with its generation.
type published struct {
	t   Table
	gen uint64
}

// Table returns the current table and its generation, which changes
// whenever a different table is published (nil and 0 before the first).
func (r *Resolver) Table() (Table, uint64) {
	if p := r.cur.Load(); p != nil {
		return p.t, p.gen
	}
	return nil, 0
}

// Run resolves the names now, whenever they change and every Every, until
// ctx ends. A name that fails to resolve keeps its previous addresses.
func (r *Resolver) Run(ctx context.Context) {
	every := r.Every
	if every == 0 {
		every = DefaultEvery
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	last := map[string][]netip.Addr{}
	for {
		last = r.resolve(ctx, last)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-r.kick:
		}
	}
}

// resolve looks every name up (keeping the previous answer of a name that
// fails), publishes the table when it changed, and returns the answers.
func (r *Resolver) resolve(ctx context.Context, last map[string][]netip.Addr) map[string][]netip.Addr {
	r.mu.Lock()
	names := r.names
	r.mu.Unlock()
	now := make(map[string][]netip.Addr, len(names))
	for _, n := range names {
		addrs, err := r.lookup(ctx, n)
		if err != nil {
			r.Failures.Add(1)
			addrs = last[n]
		} else {
			r.Resolutions.Add(1)
		}
		if len(addrs) > 0 {
			now[n] = addrs
		}
	}
	t := Table{}
	for _, n := range names { // sorted: the first name of an address wins
		for _, a := range now[n] {
			if _, dup := t[a]; !dup {
				t[a] = n
			}
		}
	}
	if old, gen := r.Table(); gen == 0 || !maps.Equal(old, t) {
		r.cur.Store(&published{t: t, gen: gen + 1})
	}
	return now
}

func (r *Resolver) lookup(ctx context.Context, name string) ([]netip.Addr, error) {
	timeout := r.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if r.Lookup != nil {
		return r.Lookup(ctx, name)
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", name)
	for i, a := range addrs {
		addrs[i] = a.Unmap()
	}
	return addrs, err
}
