package wasmhost

import (
	"context"
	"sync"
)

// Pool hands out instances of one module, one per worker at a time.
type Pool struct {
	m    *Module
	mu   sync.Mutex
	free []*Instance
	all  []*Instance
}

// NewPool makes an empty pool; instances are created on demand.
func NewPool(m *Module) *Pool { return &Pool{m: m} }

// Get returns a free instance or creates one.
func (p *Pool) Get(ctx context.Context) (*Instance, error) {
	p.mu.Lock()
	if n := len(p.free); n > 0 {
		in := p.free[n-1]
		p.free = p.free[:n-1]
		p.mu.Unlock()
		return in, nil
	}
	p.mu.Unlock()
	in, err := p.m.NewInstance(ctx)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.all = append(p.all, in)
	p.mu.Unlock()
	return in, nil
}

// Put returns an instance to the pool.
func (p *Pool) Put(in *Instance) {
	p.mu.Lock()
	p.free = append(p.free, in)
	p.mu.Unlock()
}

// Close closes every instance the pool created.
func (p *Pool) Close(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, in := range p.all {
		in.Close(ctx)
	}
	p.all, p.free = nil, nil
}
