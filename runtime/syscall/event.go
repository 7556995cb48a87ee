package syscall

import (
	"fmt"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
)

// Event is one syscall event: a decoded record and a snapshot of the state
// it was applied to. It stays valid while later records are applied (the
// state is copy-on-write), so it can be evaluated on another goroutine.
type Event struct {
	buf []byte
	Rec record.Record
	state.Ctx
	Anc     []*state.Process // ancestors, parent first
	Users   *state.Users
	Num     uint64 // evt.num, from 1
	Time    int64  // ns since the Unix epoch
	Start   int64  // time of the first event of the stream (evt.reltime)
	FDCount int    // open fds of the process after the event
	Host    string
	typ     string
}

// EventType is the event's type name (evt.type); the Wasm host dispatches on it.
func (e *Event) EventType() string { return e.typ }

// Source applies records in order and produces events.
type Source struct {
	Table *state.Table
	Host  string
	num   uint64
	start int64
}

// NewSource returns a source over t.
func NewSource(t *state.Table, host string) *Source { return &Source{Table: t, Host: host} }

// Apply decodes b (copied into ev), applies it to the tables and fills ev.
func (s *Source) Apply(b []byte, ev *Event) error {
	ev.buf = append(ev.buf[:0], b...)
	if err := record.Decode(ev.buf, &ev.Rec); err != nil {
		return fmt.Errorf("apply record %d: %w", s.num+1, err)
	}
	s.Table.Apply(&ev.Rec, &ev.Ctx)
	s.num++
	ev.Num = s.num
	ev.Time = int64(ev.Rec.TS) + s.Table.BootEpoch
	if s.start == 0 {
		s.start = ev.Time
	}
	ev.Start, ev.Host, ev.Users = s.start, s.Host, s.Table.Users
	ev.typ = ev.Rec.Type()
	ev.Anc = s.Table.Ancestors(ev.Proc)
	ev.FDCount = ev.Proc.FDs.Len()
	return nil
}
