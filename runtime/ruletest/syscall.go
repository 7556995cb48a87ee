package ruletest

import (
	"errors"
	"fmt"
	"io"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/syscall"
)

// syscallBatch is how many events are evaluated per call.
const syscallBatch = 256

// ReplaySyscall replays a capture file: the snapshot's process table, then
// every record applied to it in order, as a live run applies them, each
// evaluated. A record that does not decode is reported through warn.
func ReplaySyscall(r io.Reader, ev runtime.Evaluator, f *alert.Formatter, warn func(string)) ([]alert.Alert, error) {
	cs, err := syscall.OpenCapture(r)
	if err != nil {
		return nil, err
	}
	binding, err := syscall.Bind(refsOf(ev.Metadata()))
	if err != nil {
		return nil, fmt.Errorf("bind fields: %w", err)
	}
	sr := &syscallRun{ev: ev, f: f, binding: binding}
	var bad *syscall.RecordError
	for {
		e := &syscall.Event{}
		err := cs.Next(e)
		switch {
		case errors.Is(err, io.EOF):
			return sr.alerts, sr.flush()
		case errors.As(err, &bad):
			warn(err.Error())
			continue
		case err != nil:
			return sr.alerts, err
		}
		sr.pending = append(sr.pending, e)
		if len(sr.pending) == syscallBatch {
			if err := sr.flush(); err != nil {
				return sr.alerts, err
			}
		}
	}
}

type syscallRun struct {
	ev      runtime.Evaluator
	f       *alert.Formatter
	binding *syscall.Binding
	pending []*syscall.Event
	views   []fields.Event
	matches []abi.Match
	alerts  []alert.Alert
}

// flush evaluates the pending events and formats their alerts.
func (sr *syscallRun) flush() error {
	if len(sr.pending) == 0 {
		return nil
	}
	sr.views = sr.views[:0]
	for _, e := range sr.pending {
		sr.views = append(sr.views, sr.binding.NewView(e))
	}
	var err error
	sr.matches, err = sr.ev.Eval(sr.views, sr.matches[:0])
	if err != nil {
		return fmt.Errorf("evaluate events: %w", err)
	}
	for _, m := range sr.matches {
		sr.alerts = append(sr.alerts, sr.f.Format(m.Rule, sr.views[m.Event], sr.pending[m.Event].Time))
	}
	sr.pending = sr.pending[:0]
	return nil
}

func refsOf(m *abi.Metadata) []fields.Ref {
	out := make([]fields.Ref, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return out
}
