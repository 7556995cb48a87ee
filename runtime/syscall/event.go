package syscall

import (
	"fmt"
	"sync/atomic"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/kube"
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
	// Ctr is the container of the process with its pod, resolved when the
	// record is applied; nil for host processes and unknown containers.
	Ctr *kube.Container
	typ string
}

// EventType is the event's type name (evt.type); the Wasm host dispatches on it.
func (e *Event) EventType() string { return e.typ }

// Source applies records in order and produces events.
type Source struct {
	Table *state.Table
	Host  string
	// Meta, when set, resolves container ids to their pods (Event.Ctr).
	Meta   Metadata
	misses atomic.Uint64
	num    uint64
	start  int64
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
	ev.Ctr = nil
	if s.Meta != nil && ev.Proc.Container != state.HostContainer && ev.Proc.ContainerFull != "" {
		if ev.Ctr = s.Meta.Container(ev.Proc.ContainerFull); ev.Ctr == nil {
			s.misses.Add(1)
		}
	}
	return nil
}

// MetaMisses counts events of containers Meta did not know (their k8s.*
// and container image fields are missing).
func (s *Source) MetaMisses() uint64 { return s.misses.Load() }

// Metadata finds the container, with its pod, behind a full container id
// (kube.Cache for a live run; the capture's container frames on replay).
// It returns nil for an id it does not know.
type Metadata interface {
	Container(id string) *kube.Container
}
