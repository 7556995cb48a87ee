package pipeline

import (
	"errors"
	"sync/atomic"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
)

// item is a test event: its id, and a flag that makes the fake trap.
type item struct {
	id   int
	trap bool
}

func (it *item) Field(int, *fields.Value) bool { return true }

// fakeFactory makes evaluators whose one rule matches every event, and
// counts per event id how often any of its evaluators saw it.
type fakeFactory struct {
	meta   *abi.Metadata
	seen   []atomic.Int32
	closed atomic.Int32
	block  chan struct{} // if set, Eval waits on it
}

func newFake(source, rule string, events int) *fakeFactory {
	return &fakeFactory{
		meta: &abi.Metadata{ABI: 1, Source: source, Rules: []abi.Rule{{Name: rule, Enabled: true, Priority: 4}}},
		seen: make([]atomic.Int32, events),
	}
}

func (f *fakeFactory) Metadata() *abi.Metadata { return f.meta }
func (f *fakeFactory) NewEvaluator() (runtime.Evaluator, error) {
	return &fakeEval{f: f, on: []bool{true}}, nil
}
func (f *fakeFactory) Close() error { f.closed.Add(1); return nil }

type fakeEval struct {
	f  *fakeFactory
	on []bool
}

func (e *fakeEval) Metadata() *abi.Metadata { return e.f.meta }
func (e *fakeEval) SetOptions(o abi.Options) {
	if o.Enabled != nil {
		e.on = o.Enabled
	}
}

func (e *fakeEval) Eval(batch []fields.Event, out []abi.Match) ([]abi.Match, error) {
	if e.f.block != nil {
		<-e.f.block
	}
	for _, ev := range batch {
		if ev.(*item).trap {
			return out, errors.New("wasm trap: unreachable")
		}
	}
	for i, ev := range batch {
		e.f.seen[ev.(*item).id].Add(1)
		if e.on[0] {
			out = append(out, abi.Match{Event: i, Rule: 0})
		}
	}
	return out, nil
}

func bindItems(*abi.Metadata) (Binding, error) {
	return Binding{Worker: func() BindFunc {
		return func(items []any, dst []fields.Event) []fields.Event {
			for _, it := range items {
				dst = append(dst, it.(*item))
			}
			return dst
		}
	}}, nil
}
