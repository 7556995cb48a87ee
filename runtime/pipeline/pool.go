package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/runtime"
)

// Pool is one rule set ready to evaluate: an evaluator per worker, bound to
// the source. Build makes one; Install swaps it in.
type Pool struct {
	owner   *Pipeline
	factory Factory
	meta    *abi.Metadata
	bind    []BindFunc
	emit    func(Match)
	inst    []runtime.Evaluator
	mu      sync.RWMutex // workers hold it shared while evaluating
	retired bool
}

// Metadata describes the pool's rule set.
func (pl *Pool) Metadata() *abi.Metadata { return pl.meta }

// Build makes a pool from f without installing it: every evaluator is
// created, bound and configured first, so a failure leaves the running
// rule set untouched.
func (p *Pipeline) Build(f Factory) (*Pool, error) {
	m := f.Metadata()
	if m == nil {
		return nil, errors.New("build pool: rule set has no metadata")
	}
	if m.Source != p.cfg.Source {
		return nil, fmt.Errorf("build pool: rule set is for source %q, not %q", m.Source, p.cfg.Source)
	}
	pl := &Pool{owner: p, factory: f, meta: m, emit: p.cfg.Emit}
	b, err := p.cfg.Bind(m)
	if err != nil {
		return nil, fmt.Errorf("build pool: %w", err)
	}
	if b.Emit != nil {
		pl.emit = b.Emit
	}
	for range p.cfg.Workers {
		pl.bind = append(pl.bind, b.Worker())
	}
	for range p.cfg.Workers {
		ev, err := f.NewEvaluator()
		if err != nil {
			pl.closeInstances()
			return nil, fmt.Errorf("build pool: %w", err)
		}
		if p.cfg.Options != nil {
			ev.SetOptions(p.cfg.Options(m))
		}
		pl.inst = append(pl.inst, ev)
	}
	return pl, nil
}

// Install makes pl the pool every later chunk is evaluated with, waits for
// chunks in evaluation on the old pool to finish, and closes the old pool.
func (p *Pipeline) Install(pl *Pool) error {
	if pl.owner != p {
		return errForeignPool
	}
	p.swapMu.Lock()
	defer p.swapMu.Unlock()
	old := p.cur.Swap(pl)
	p.stats.swaps.Add(1)
	old.retire()
	return nil
}

// Swap builds a pool from f and installs it.
func (p *Pipeline) Swap(f Factory) error {
	pl, err := p.Build(f)
	if err != nil {
		return err
	}
	return p.Install(pl)
}

// Discard closes a pool that was built but will not be installed.
func (pl *Pool) Discard() { pl.retire() }

// retire waits until no worker evaluates with pl, marks it retired so late
// workers move to the current pool, and closes its evaluators.
func (pl *Pool) retire() {
	pl.mu.Lock()
	if pl.retired {
		pl.mu.Unlock()
		return
	}
	pl.retired = true
	pl.mu.Unlock()
	pl.closeInstances()
	closeAny(pl.factory)
}

func (pl *Pool) closeInstances() {
	for _, ev := range pl.inst {
		closeAny(ev)
	}
}

// closeAny closes v if it knows how: io.Closer or a Close taking a context
// (wazero-style).
func closeAny(v any) {
	switch c := v.(type) {
	case io.Closer:
		c.Close()
	case interface{ Close(context.Context) error }:
		c.Close(context.Background())
	}
}
