package syscall

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
)

// BatchSize is how many events a Runner evaluates at once.
const BatchSize = 256

// RunStats counts what a Runner saw.
type RunStats struct {
	Events    int // events applied
	Evaluated int // events of a type some rule needs, evaluated
	Alerts    int
}

// Runner evaluates syscall events in batches with one evaluator and emits
// formatted alerts in event order. Live runs, replays and tests share it,
// so a capture replays exactly as the live run evaluated it.
type Runner struct {
	eval    runtime.Evaluator
	format  *alert.Formatter
	emit    func(*alert.Alert) error
	binding *Binding
	wanted  map[string]bool // nil: every type
	events  []*Event
	n       int
	views   []View
	evs     []fields.Event
	matches []abi.Match
	Stats   RunStats
}

// RefsOf is the field table of a module's metadata as references.
func RefsOf(m *abi.Metadata) []fields.Ref {
	out := make([]fields.Ref, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return out
}

// NewRunner binds the evaluator's field table.
func NewRunner(ev runtime.Evaluator, f *alert.Formatter, emit func(*alert.Alert) error) (*Runner, error) {
	meta := ev.Metadata()
	b, err := Bind(RefsOf(meta))
	if err != nil {
		return nil, err
	}
	r := &Runner{eval: ev, format: f, emit: emit, binding: b, events: make([]*Event, BatchSize),
		views: make([]View, BatchSize), evs: make([]fields.Event, BatchSize)}
	if meta.EventTypes != nil {
		_, r.wanted = Interest(meta.EventTypes)
	}
	for i := range r.events {
		r.events[i] = &Event{}
		r.views[i].Set(b, r.events[i])
		r.evs[i] = &r.views[i]
	}
	return r, nil
}

// EventTypes are the event types the evaluator needs (nil: all).
func (r *Runner) EventTypes() []string { return r.eval.Metadata().EventTypes }

// Slot returns the event to fill next (Source.Apply), owned by the runner.
func (r *Runner) Slot() *Event { return r.events[r.n] }

// Push accepts the filled slot: it is kept for evaluation when some rule
// needs its type, and the batch is evaluated when full.
func (r *Runner) Push() error {
	r.Stats.Events++
	if r.wanted != nil && !r.wanted[r.events[r.n].typ] {
		return nil
	}
	r.n++
	if r.n == BatchSize {
		return r.Flush()
	}
	return nil
}

// Flush evaluates the pending events.
func (r *Runner) Flush() error {
	if r.n == 0 {
		return nil
	}
	n := r.n
	r.n = 0
	r.Stats.Evaluated += n
	var err error
	r.matches, err = r.eval.Eval(r.evs[:n], r.matches[:0])
	if err != nil {
		return fmt.Errorf("evaluate syscall events: %w", err)
	}
	for _, m := range r.matches {
		a := r.format.Format(m.Rule, r.evs[m.Event], r.events[m.Event].Time)
		r.Stats.Alerts++
		if err := r.emit(&a); err != nil {
			return err
		}
	}
	return nil
}
