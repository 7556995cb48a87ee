package pipeline

import (
	"context"
	"errors"
	goruntime "runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
)

// Factory makes evaluators of one rule set; a pool asks it for one per
// worker. A Factory that implements io.Closer is closed with its pool.
type Factory interface {
	Metadata() *abi.Metadata
	NewEvaluator() (runtime.Evaluator, error)
}

// BindFunc appends, for each queued item, a view of it that extracts fields
// through the field table of the rule set it was made for. Each worker has
// its own, so it may reuse storage between calls.
type BindFunc func(items []any, dst []fields.Event) []fields.Event

// Binding is what a source prepares for one rule set before it is swapped
// in: per-worker binders for its field table and the emitter of its
// matches (which formats alerts with the rule set's templates).
type Binding struct {
	Worker func() BindFunc
	Emit   func(m Match) // nil: Config.Emit
}

// Binder prepares a rule set; an error (a field the source cannot serve, an
// output template that does not parse) rejects it before the swap.
type Binder func(m *abi.Metadata) (Binding, error)

// Match is one match, handed to the emitter on a worker goroutine.
type Match struct {
	Meta     *abi.Metadata
	Rule     int          // index into Meta.Rules
	Item     any          // the queued item; valid until the chunk's Done runs
	Event    fields.Event // the item bound to Meta's field table; valid during Emit
	Received time.Time
}

// Hooks observe the pipeline; any may be nil.
type Hooks struct {
	Batch func(source string, events int, d time.Duration) // one evaluated batch
	Trap  func(source string, err error)                   // an evaluator error
}

// Config configures a pipeline.
type Config struct {
	Source      string
	Workers     int    // default GOMAXPROCS
	QueueEvents int    // queue capacity in events; default 20000
	BatchSize   int    // events per Eval call; default 256
	Bind        Binder // required
	Emit        func(m Match)
	// Options chooses the evaluation options for a rule set (selection,
	// priority threshold, rule_matching); nil keeps the evaluator's defaults.
	Options func(m *abi.Metadata) abi.Options
	Hooks   Hooks
}

// Chunk is a group of events that arrived together (one webhook request).
// The pipeline evaluates it with one pool and then calls Done once.
type Chunk struct {
	Items    []any
	Received time.Time
	Done     func()
}

// Pipeline is the evaluation path of one source.
type Pipeline struct {
	cfg     Config
	queue   chan *Chunk
	pending atomic.Int64
	cur     atomic.Pointer[Pool]
	swapMu  sync.Mutex
	closeMu sync.RWMutex
	closed  bool
	wg      sync.WaitGroup
	stats   counters
}

// New starts a pipeline evaluating with evaluators from f.
func New(cfg Config, f Factory) (*Pipeline, error) {
	cfg.defaults()
	if cfg.Bind == nil {
		return nil, errors.New("new pipeline: Config.Bind is required")
	}
	p := &Pipeline{cfg: cfg, queue: make(chan *Chunk, cfg.QueueEvents)}
	pl, err := p.Build(f)
	if err != nil {
		return nil, err
	}
	p.cur.Store(pl)
	for w := range cfg.Workers {
		p.wg.Add(1)
		go p.work(w)
	}
	return p, nil
}

func (c *Config) defaults() {
	if c.Workers <= 0 {
		c.Workers = goruntime.GOMAXPROCS(0)
	}
	if c.QueueEvents <= 0 {
		c.QueueEvents = 20000
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 256
	}
	if c.Emit == nil {
		c.Emit = func(Match) {}
	}
}

// Source names the pipeline's event source.
func (p *Pipeline) Source() string { return p.cfg.Source }

// Current returns the pool evaluating now.
func (p *Pipeline) Current() *Pool { return p.cur.Load() }

// Submit queues a chunk whole or not at all. It never blocks.
func (p *Pipeline) Submit(c *Chunk) error {
	p.closeMu.RLock()
	defer p.closeMu.RUnlock()
	if p.closed {
		p.stats.rejected.Add(uint64(len(c.Items)))
		return ErrClosed
	}
	n := int64(len(c.Items))
	if n == 0 {
		c.done()
		return nil
	}
	if !p.reserve(n) {
		p.stats.rejected.Add(uint64(n))
		return ErrQueueFull
	}
	p.stats.received.Add(uint64(n))
	p.queue <- c // never blocks: chunks ≤ events ≤ capacity (see reserve)
	return nil
}

// reserve takes room for n events. A chunk larger than the whole queue is
// admitted only into an empty queue, so at most QueueEvents chunks wait.
func (p *Pipeline) reserve(n int64) bool {
	limit := int64(p.cfg.QueueEvents)
	for {
		cur := p.pending.Load()
		if cur > 0 && cur+n > limit {
			return false
		}
		if p.pending.CompareAndSwap(cur, cur+n) {
			return true
		}
	}
}

// Depth is the number of events queued or being evaluated.
func (p *Pipeline) Depth() int64 { return p.pending.Load() }

// Close stops accepting chunks, evaluates every queued one, and closes the
// current pool. It returns ctx's error if ctx ends first.
func (p *Pipeline) Close(ctx context.Context) error {
	p.closeMu.Lock()
	if !p.closed {
		p.closed = true
		close(p.queue)
	}
	p.closeMu.Unlock()
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	p.swapMu.Lock()
	defer p.swapMu.Unlock()
	p.cur.Load().retire()
	return nil
}

func (c *Chunk) done() {
	if c.Done != nil {
		c.Done()
	}
}
