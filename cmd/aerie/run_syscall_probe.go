package main

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/kube"
	"github.com/aeriesec/aerie/runtime/pipeline"
	sys "github.com/aeriesec/aerie/runtime/syscall"
	"github.com/aeriesec/aerie/server"
)

// The eBPF probe plugs into aerie run through the syscall seam.
func init() { registerSyscall(&probeProvider{}) }

type probeProvider struct {
	feed atomic.Pointer[probeFeed]
}

func (pp *probeProvider) Open(ctx context.Context, cfg *config.Config) (syscallFeed, error) {
	meta, err := podMetadata(cfg.Syscall)
	if err != nil {
		// Watching system calls matters more than naming their pods.
		logf("%v; syscall events carry container ids without their pods", err)
	}
	opts := sys.LiveOptions{
		EventTypes: []string{}, // nothing beyond state tracking until a module is bound
		OnDrops: func(delta uint64, c probes.Counters) {
			logf("syscall probe dropped %d records (ring buffer full; %d dropped of %d since start)", delta, c.Drops, c.Events)
		},
	}
	if meta != nil {
		opts.Meta = meta
	}
	live, err := sys.StartLive(opts)
	if err != nil {
		return nil, err
	}
	f := &probeFeed{live: live, kube: meta}
	if meta != nil {
		kctx, cancel := context.WithCancel(ctx)
		f.stopKube = cancel
		go runPodMetadata(kctx, meta)
	}
	f.attached.Store(true)
	pp.feed.Store(f)
	return f, nil
}

// Binder binds a syscall module's field table and programs the probe's
// interest map with the module's event types (on every hot swap).
func (pp *probeProvider) Binder(opts func() alert.Options, emit server.AlertFunc) pipeline.Binder {
	return func(m *abi.Metadata) (pipeline.Binding, error) {
		b, err := sys.Bind(sys.RefsOf(m))
		if err != nil {
			return pipeline.Binding{}, err
		}
		f, err := alert.New(m, opts())
		if err != nil {
			return pipeline.Binding{}, err
		}
		if feed := pp.feed.Load(); feed != nil {
			if err := feed.live.SetEventTypes(m.EventTypes); err != nil {
				return pipeline.Binding{}, err
			}
			feed.live.SetDNSNames(m.DNSNames)
		}
		return pipeline.Binding{
			Worker: func() pipeline.BindFunc { return syscallViews(b) },
			Emit: func(mt pipeline.Match) {
				a := f.Format(mt.Rule, mt.Event, mt.Item.(*sys.Event).Time)
				emit(&a, mt.Received)
			},
		}, nil
	}
}

func syscallViews(b *sys.Binding) pipeline.BindFunc {
	var views []sys.View
	return func(items []any, dst []fields.Event) []fields.Event {
		if cap(views) < len(items) {
			views = make([]sys.View, len(items))
		}
		views = views[:len(items)]
		for i, it := range items {
			views[i].Set(b, it.(*sys.Event))
			dst = append(dst, &views[i])
		}
		return dst
	}
}

// probeFeed reads the live probe and submits chunks of events.
type probeFeed struct {
	live     *sys.Live
	kube     *kube.Cache // nil without pod metadata
	stopKube context.CancelFunc
	attached atomic.Bool
	pool     sync.Pool
	rejected atomic.Uint64
	lastLog  time.Time
}

func (f *probeFeed) Attached() (bool, string) {
	if f.attached.Load() {
		return true, ""
	}
	return false, "syscall probe detached"
}

const feedChunk = 256

func (f *probeFeed) Run(p *pipeline.Pipeline) error {
	items := f.newChunk()
	for {
		ev := f.event()
		err := f.live.Next(ev)
		if errors.Is(err, probes.ErrClosed) {
			f.submit(p, items)
			return nil
		}
		if err != nil {
			f.attached.Store(false)
			return err
		}
		if f.live.Wanted(ev.EventType()) {
			items = append(items, ev)
		} else {
			f.pool.Put(ev)
		}
		if len(items) == feedChunk || (len(items) > 0 && !f.live.Pending()) {
			f.submit(p, items)
			items = f.newChunk()
		}
	}
}

func (f *probeFeed) newChunk() []any { return make([]any, 0, feedChunk) }

func (f *probeFeed) event() *sys.Event {
	if ev, ok := f.pool.Get().(*sys.Event); ok {
		return ev
	}
	return &sys.Event{}
}

func (f *probeFeed) submit(p *pipeline.Pipeline, items []any) {
	if len(items) == 0 {
		return
	}
	c := &pipeline.Chunk{Items: items, Received: time.Now(), Done: func() {
		for _, it := range items {
			f.pool.Put(it)
		}
	}}
	if err := p.Submit(c); err != nil {
		n := f.rejected.Add(uint64(len(items)))
		if time.Since(f.lastLog) > 10*time.Second {
			f.lastLog = time.Now()
			logf("syscall events rejected by the pipeline: %v (%d so far)", err, n)
		}
	}
}

func (f *probeFeed) Close() error {
	f.attached.Store(false)
	if f.stopKube != nil {
		f.stopKube()
	}
	return f.live.Close()
}
