package hostile

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/tests/wasmtest"
)

// TestOtherModulesUnaffected evaluates a compiled rule module over and over
// while every run-time hostile fixture fails in other goroutines: the good
// module's matches stay equal to the interpreter's, none of its events
// fails, and each hostile module counts its own failures.
func TestOtherModulesUnaffected(t *testing.T) {
	p, err := wasmtest.Load(wasmtest.Rule(`ka.verb in (get, list) or ka.verb startswith del`))
	if err != nil {
		t.Fatal(err)
	}
	good := wasmtest.MustBuild(t, p, "k8s_audit")
	evs := []wasmtest.Event{{"ka.verb": wasmtest.S("get")}, {"ka.verb": wasmtest.S("delete")}, {}, {"ka.verb": wasmtest.S("watch")}}
	batch := wasmtest.Bind(good.Wasm.Metadata(), evs...)
	_, want, err := good.Eval(batch)
	if err != nil || len(want) != 2 {
		t.Fatalf("reference matches %v, %v", want, err)
	}
	ctx := context.Background()
	cfg := wasmhost.Config{Catalog: fields.For, Deadline: 50 * time.Millisecond, MemoryPages: 64, Logf: func(string, ...any) {}}
	var hostile []*wasmhost.Module
	for _, f := range All() {
		if f.Outcome != Contained {
			continue
		}
		cfg.Name = f.File()
		m, err := wasmhost.Load(ctx, f.Bytes(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer m.Close(ctx)
		hostile = append(hostile, m)
	}
	var wg sync.WaitGroup
	for _, m := range hostile {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runHostile(t, m)
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	rounds := 0
	for running := true; running || rounds < 10; rounds++ {
		got, err := good.Wasm.Eval(batch, nil)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("round %d: good module gave %v, %v; want %v", rounds, got, err, want)
		}
		select {
		case <-done:
			running = false
		default:
		}
	}
	// A starved machine may stop a good batch at its deadline; the retry
	// then evaluates it event by event, so no event may fail or trap.
	if s := good.Host.Stats().Snapshot(); s.Traps+s.FailedEvents != 0 {
		t.Errorf("good module counted failures: %+v", s)
	} else {
		t.Logf("good module after %d rounds: %+v", rounds, s)
	}
	for _, m := range hostile {
		if m.Name() == "memory_grow_bomb.wasm" {
			continue // capped by the memory limit, it may well finish in time
		}
		if s := m.Stats().Snapshot(); s.Traps+s.DeadlineHits == 0 || s.FailedEvents == 0 {
			t.Errorf("%s: no contained failure counted: %+v", m.Name(), s)
		}
	}
}

// runHostile evaluates a batch whose second event fires the defect.
func runHostile(t *testing.T, m *wasmhost.Module) {
	in, err := m.NewInstance(context.Background())
	if err != nil {
		t.Error(err)
		return
	}
	defer in.Close(context.Background())
	for range 3 {
		_, err := in.Eval([]fields.Event{Event{"get"}, Event{"delete"}}, nil)
		var be *wasmhost.BatchError
		if m.Name() != "memory_grow_bomb.wasm" && (!errors.As(err, &be) || !slices.Equal(be.Failed, []int{1})) {
			t.Errorf("%s: error %v, want a BatchError for event 1", m.Name(), err)
		}
	}
}
