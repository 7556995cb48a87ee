package kube

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Cache is the node's pod metadata, kept current by Run.
type Cache struct {
	cfg    Config
	client *http.Client
	store  *store
	gen    atomic.Uint64
	synced chan struct{} // closed when the first LIST completed
	once   sync.Once

	lists, watches, watchEvents, errors, relists atomic.Uint64

	mu        sync.Mutex // guards lastError and lastSync
	lastError string
	lastSync  time.Time
}

// New checks cfg (NodeName required, Server an http(s) URL), fills in its
// defaults and builds the HTTP client.
func New(cfg Config) (*Cache, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	client, err := newHTTPClient(cfg)
	if err != nil {
		return nil, err
	}
	return &Cache{cfg: cfg, client: client, store: newStore(), synced: make(chan struct{})}, nil
}

// Container returns the container with the full id, nil when unknown.
func (c *Cache) Container(id string) *Container { return c.store.container(id) }

// Pod returns the pod with uid, nil when unknown.
func (c *Cache) Pod(uid string) *Pod { return c.store.pod(uid) }

// Gen changes whenever what Container or Pod return may have changed.
func (c *Cache) Gen() uint64 { return c.gen.Load() }

// Synced reports whether the first LIST completed.
func (c *Cache) Synced() bool {
	select {
	case <-c.synced:
		return true
	default:
		return false
	}
}

// WaitSynced waits until the first LIST completed or ctx is done.
func (c *Cache) WaitSynced(ctx context.Context) error {
	select {
	case <-c.synced:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Stats returns the cache's counters.
func (c *Cache) Stats() Stats {
	s := Stats{Lists: c.lists.Load(), Watches: c.watches.Load(), WatchEvents: c.watchEvents.Load(),
		Errors: c.errors.Load(), Relists: c.relists.Load()}
	s.Pods, s.Containers = c.store.counts()
	c.mu.Lock()
	s.LastError, s.LastSync = c.lastError, c.lastSync
	c.mu.Unlock()
	return s
}

// fail counts err and keeps it as the last error.
func (c *Cache) fail(err error) {
	c.errors.Add(1)
	c.mu.Lock()
	c.lastError = err.Error()
	c.mu.Unlock()
}

// listed publishes the result of a completed LIST.
func (c *Cache) listed(entries []*entry) {
	c.store.replace(entries)
	c.gen.Add(1)
	c.mu.Lock()
	c.lastSync = time.Now()
	c.mu.Unlock()
	c.once.Do(func() { close(c.synced) })
}
