// Package replay runs recorded events through an evaluator (either engine)
// and formats the alerts, in event order: the engine behind `aerie replay`,
// `aerie test` and the conformance tests.
//
// It may import runtime, runtime/alert, runtime/k8saudit and guest/....
package replay

import (
	"errors"
	"fmt"
	"io"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/k8saudit"
)

// Config says how to replay.
type Config struct {
	Eval   runtime.Evaluator
	Format *alert.Formatter // built from Eval.Metadata()
	// KeepGoing continues after a line that is not an audit event; by
	// default reading stops there, as Falco does (still without error).
	KeepGoing bool
	// Warn receives one message per bad line (Falco's text); nil drops them.
	Warn func(msg string)
}

// Stats counts what a replay saw.
type Stats struct {
	Lines    int // lines read, blank ones included
	Events   int // events evaluated
	BadLines int // lines that were not audit events
	Alerts   int
}

// K8sAudit replays a JSON Lines file of audit events (Event, EventList or an
// array per line) from r and calls emit with each alert. A bad line is
// reported through Warn; only reading errors and emit's errors are returned.
func K8sAudit(r io.Reader, c Config, emit func(*alert.Alert) error) (Stats, error) {
	binding, err := k8saudit.Bind(refs(c.Eval.Metadata()))
	if err != nil {
		return Stats{}, fmt.Errorf("bind fields: %w", err)
	}
	var dec k8saudit.Decoder
	lr := dec.Lines(r)
	rp := &run{c: c, binding: binding, emit: emit}
	for {
		b, err := lr.Next()
		rp.st.Lines = lr.Line()
		var le *k8saudit.LineError
		switch {
		case errors.Is(err, io.EOF):
			return rp.st, nil
		case errors.As(err, &le):
			rp.st.BadLines++
			if !rp.badLine(le) {
				return rp.st, nil
			}
			continue
		case err != nil:
			return rp.st, err
		}
		err = rp.batch(b)
		b.Release()
		if err != nil {
			return rp.st, err
		}
	}
}

type run struct {
	c       Config
	binding *k8saudit.Binding
	emit    func(*alert.Alert) error
	st      Stats
	views   []k8saudit.View
	evs     []fields.Event
	matches []abi.Match
}

// badLine reports a line that is not an audit event, in Falco's words, and
// says whether to go on.
func (rp *run) badLine(le *k8saudit.LineError) bool {
	how := "stopping"
	if rp.c.KeepGoing {
		how = "skipping"
	}
	if rp.c.Warn != nil {
		rp.c.Warn(fmt.Sprintf("Could not read k8s audit event line #%d, \"%s\": %v, %s", le.Line, le.Text, le.Err, how))
	}
	return rp.c.KeepGoing
}

// batch evaluates one line's events and emits their alerts in order.
func (rp *run) batch(b *k8saudit.Batch) error {
	n := len(b.Events)
	rp.views = append(rp.views[:0], make([]k8saudit.View, n)...)
	rp.evs = rp.evs[:0]
	for i := range b.Events {
		rp.views[i].Set(rp.binding, &b.Events[i])
		rp.evs = append(rp.evs, &rp.views[i])
	}
	rp.st.Events += n
	var err error
	rp.matches, err = rp.c.Eval.Eval(rp.evs, rp.matches[:0])
	if err != nil {
		return fmt.Errorf("evaluate events: %w", err)
	}
	for _, m := range rp.matches {
		a := rp.c.Format.Format(m.Rule, rp.evs[m.Event], b.Events[m.Event].Time())
		rp.st.Alerts++
		if err := rp.emit(&a); err != nil {
			return err
		}
	}
	return nil
}

func refs(m *abi.Metadata) []fields.Ref {
	out := make([]fields.Ref, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return out
}

// Collect replays r and returns every alert and every warning.
func Collect(r io.Reader, c Config) ([]alert.Alert, []string, Stats, error) {
	var alerts []alert.Alert
	var warns []string
	warn := c.Warn
	c.Warn = func(m string) {
		warns = append(warns, m)
		if warn != nil {
			warn(m)
		}
	}
	st, err := K8sAudit(r, c, func(a *alert.Alert) error {
		alerts = append(alerts, *a)
		return nil
	})
	return alerts, warns, st, err
}
