package pipeline

import (
	"errors"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/wasmhost"
)

// scratch is a worker's reusable buffers.
type scratch struct {
	events  []fields.Event
	matches []abi.Match
	one     []fields.Event
}

func (p *Pipeline) work(w int) {
	defer p.wg.Done()
	var s scratch
	for c := range p.queue {
		p.evaluate(w, c, &s)
		n := int64(len(c.Items))
		p.stats.evaluated.Add(uint64(n))
		p.pending.Add(-n)
		c.done()
	}
}

// evaluate runs the whole chunk on one pool: the current one, unless a swap
// retires it first, in which case the worker moves to the new one.
func (p *Pipeline) evaluate(w int, c *Chunk, s *scratch) {
	for {
		pl := p.cur.Load()
		pl.mu.RLock()
		if pl.retired {
			pl.mu.RUnlock()
			continue
		}
		for i := 0; i < len(c.Items); i += p.cfg.BatchSize {
			j := min(i+p.cfg.BatchSize, len(c.Items))
			p.batch(pl, w, c, c.Items[i:j], s)
		}
		pl.mu.RUnlock()
		return
	}
}

func (p *Pipeline) batch(pl *Pool, w int, c *Chunk, items []any, s *scratch) {
	start := time.Now()
	s.events = pl.bind[w](items, s.events[:0])
	var err error
	s.matches, err = pl.inst[w].Eval(s.events, s.matches[:0])
	var be *wasmhost.BatchError
	switch {
	case err == nil:
		p.emit(pl, c, items, s.events, s.matches)
	case errors.As(err, &be):
		// The host isolated the failing events itself; the rest matched.
		p.trap(err)
		p.stats.failed.Add(uint64(len(be.Failed)))
		p.emit(pl, c, items, s.events, s.matches)
	default:
		p.trap(err)
		p.isolate(pl, w, c, items, s)
	}
	if h := p.cfg.Hooks.Batch; h != nil {
		h(p.cfg.Source, len(items), time.Since(start))
	}
}

// isolate re-runs a batch that trapped one event at a time, so one bad
// event costs only its own alerts; events that trap alone are counted.
func (p *Pipeline) isolate(pl *Pool, w int, c *Chunk, items []any, s *scratch) {
	for i := range items {
		s.one = append(s.one[:0], s.events[i])
		ms, err := pl.inst[w].Eval(s.one, s.matches[:0])
		s.matches = ms
		if err != nil {
			p.trap(err)
			p.stats.failed.Add(1)
			continue
		}
		p.emit(pl, c, items[i:i+1], s.one, ms)
	}
}

func (p *Pipeline) emit(pl *Pool, c *Chunk, items []any, evs []fields.Event, ms []abi.Match) {
	for _, m := range ms {
		pl.emit(Match{Meta: pl.meta, Rule: m.Rule, Item: items[m.Event], Event: evs[m.Event], Received: c.Received})
	}
	p.stats.matches.Add(uint64(len(ms)))
}

func (p *Pipeline) trap(err error) {
	p.stats.traps.Add(1)
	if h := p.cfg.Hooks.Trap; h != nil {
		h(p.cfg.Source, err)
	}
}
