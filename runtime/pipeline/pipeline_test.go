package pipeline

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
)

func chunkOf(ids []int, done func()) *Chunk {
	c := &Chunk{Received: time.Now(), Done: done}
	for _, id := range ids {
		c.Items = append(c.Items, &item{id: id})
	}
	return c
}

// TestSwapUnderLoad submits events from several goroutines while swapping
// rule sets repeatedly: every event must be evaluated by exactly one
// evaluator and produce exactly one match.
func TestSwapUnderLoad(t *testing.T) {
	const events, per = 40000, 100
	var fs []*fakeFactory
	for range 21 {
		fs = append(fs, newFake("k8s_audit", "r", events))
	}
	var matches sync.Map
	emit := func(m Match) {
		prev, _ := matches.LoadOrStore(m.Item.(*item).id, new(atomic.Int32))
		prev.(*atomic.Int32).Add(1)
	}
	p, err := New(Config{Source: "k8s_audit", Workers: 3, QueueEvents: 1 << 20, BatchSize: 32, Bind: bindItems, Emit: emit}, fs[0])
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := g * per; start < events; start += 4 * per {
				ids := make([]int, per)
				for i := range ids {
					ids[i] = start + i
				}
				if err := p.Submit(chunkOf(ids, nil)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for _, f := range fs[1:] {
		if err := p.Swap(f); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	for id := range events {
		n := int32(0)
		for _, f := range fs {
			n += f.seen[id].Load()
		}
		if n != 1 {
			t.Fatalf("event %d evaluated %d times", id, n)
		}
		m, ok := matches.Load(id)
		if !ok || m.(*atomic.Int32).Load() != 1 {
			t.Fatalf("event %d: want exactly one match", id)
		}
	}
	for i, f := range fs {
		if f.closed.Load() != 1 {
			t.Errorf("factory %d closed %d times, want 1", i, f.closed.Load())
		}
	}
	st := p.Stats()
	if st.Received != events || st.Evaluated != events || st.Matches != events || st.Swaps != 20 {
		t.Errorf("stats = %+v", st)
	}
}

func TestQueueFullIsCounted(t *testing.T) {
	f := newFake("k8s_audit", "r", 100)
	f.block = make(chan struct{})
	p, err := New(Config{Source: "k8s_audit", Workers: 1, QueueEvents: 10, Bind: bindItems}, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Submit(chunkOf([]int{0, 1, 2, 3, 4, 5, 6, 7}, nil)); err != nil {
		t.Fatal(err)
	}
	if err := p.Submit(chunkOf([]int{8, 9, 10}, nil)); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("Submit = %v, want ErrQueueFull", err)
	}
	if err := p.Submit(chunkOf([]int{8, 9}, nil)); err != nil {
		t.Fatalf("Submit within capacity = %v", err)
	}
	close(f.block)
	p.Close(context.Background())
	if st := p.Stats(); st.Rejected != 3 || st.Evaluated != 10 {
		t.Errorf("stats = %+v, want 3 rejected, 10 evaluated", st)
	}
	if err := p.Submit(chunkOf([]int{11}, nil)); !errors.Is(err, ErrClosed) {
		t.Errorf("Submit after Close = %v, want ErrClosed", err)
	}
}

func TestOversizedChunkEntersEmptyQueue(t *testing.T) {
	p, err := New(Config{Source: "s", Workers: 1, QueueEvents: 2, Bind: bindItems}, newFake("s", "r", 10))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	if err := p.Submit(chunkOf([]int{0, 1, 2, 3, 4}, func() { close(done) })); err != nil {
		t.Fatal(err)
	}
	<-done
	p.Close(context.Background())
}

func TestTrapIsolatesEvent(t *testing.T) {
	f := newFake("s", "r", 10)
	var n atomic.Int32
	var traps atomic.Int32
	p, _ := New(Config{Source: "s", Workers: 1, Bind: bindItems, Emit: func(Match) { n.Add(1) },
		Hooks: Hooks{Trap: func(string, error) { traps.Add(1) }}}, f)
	c := chunkOf([]int{0, 1, 2}, nil)
	c.Items[1].(*item).trap = true
	p.Submit(c)
	p.Close(context.Background())
	if n.Load() != 2 || p.Stats().Failed != 1 || traps.Load() != 2 {
		t.Errorf("matches %d, stats %+v, traps %d; want 2 matches, 1 failed, 2 traps", n.Load(), p.Stats(), traps.Load())
	}
}

func TestBuildRejectsOtherSource(t *testing.T) {
	p, _ := New(Config{Source: "k8s_audit", Bind: bindItems}, newFake("k8s_audit", "r", 1))
	defer p.Close(context.Background())
	if err := p.Swap(newFake("syscall", "r", 1)); err == nil {
		t.Fatal("Swap accepted a rule set of another source")
	}
	bad := func(*abi.Metadata) (Binding, error) { return Binding{}, errors.New("unknown field ka.nope") }
	p2, err := New(Config{Source: "s", Bind: bad}, newFake("s", "r", 1))
	if err == nil || p2 != nil {
		t.Fatal("New accepted a rule set the binder rejected")
	}
}
