package syscall

import (
	"fmt"
	"sync/atomic"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/dnsnames"
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
	// Pod is Ctr's pod, or the pod named by the process's cgroups when its
	// container is not (yet) in the pod's statuses; nil outside pods.
	Pod *kube.Pod
	// Names maps addresses to the host names the rules compare domain-name
	// fields with, as resolved when the record was applied.
	Names    dnsnames.Table
	namesGen uint64
	typ      string
}

// StateOnly reports whether the record only updated the state (an exec's
// environment, which the exec record that follows uses): it is no event.
func (e *Event) StateOnly() bool { return e.Rec.Kind == record.KindEnv }

// RecordError is a record that did not decode; the stream goes on after it.
type RecordError struct {
	N   uint64 // the record's place in the stream, from 1
	Err error
}

func (e *RecordError) Error() string { return fmt.Sprintf("apply record %d: %v", e.N, e.Err) }
func (e *RecordError) Unwrap() error { return e.Err }

// EventType is the event's type name (evt.type); the Wasm host dispatches on it.
func (e *Event) EventType() string { return e.typ }

// Source applies records in order and produces events.
type Source struct {
	Table *state.Table
	Host  string
	// Meta, when set, resolves container ids to their pods (Event.Ctr).
	Meta Metadata
	// Names, when set, gives the table of resolved host names (Event.Names).
	Names  NameSource
	misses atomic.Uint64
	last   lastMeta
	num    uint64
	start  int64
}

// NewSource returns a source over t.
func NewSource(t *state.Table, host string) *Source { return &Source{Table: t, Host: host} }

// Apply decodes b (copied into ev), applies it to the tables and fills ev.
func (s *Source) Apply(b []byte, ev *Event) error {
	ev.buf = append(ev.buf[:0], b...)
	if err := record.Decode(ev.buf, &ev.Rec); err != nil {
		return &RecordError{N: s.num + 1, Err: err}
	}
	s.Table.Apply(&ev.Rec, &ev.Ctx)
	if ev.StateOnly() {
		ev.typ, ev.Ctr, ev.Pod = "", nil, nil
		return nil
	}
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
	ev.Ctr, ev.Pod = nil, nil
	if s.Meta != nil && ev.Proc.Container != state.HostContainer {
		s.resolve(ev)
	}
	ev.Names, ev.namesGen = nil, 0
	if s.Names != nil {
		ev.Names, ev.namesGen = s.Names.Table()
	}
	return nil
}

// NameSource gives the current table of resolved host names and its
// generation (dnsnames.Resolver for a live run, the capture's frames on
// replay).
type NameSource interface {
	Table() (dnsnames.Table, uint64)
}

// resolve finds the event's container and pod; an event whose pod stays
// unknown is counted. Bursts of events from one container reuse the last
// answer while the metadata's generation holds.
func (s *Source) resolve(ev *Event) {
	id, uid, gen := ev.Proc.ContainerFull, ev.Proc.PodUID, s.Meta.Gen()
	if l := &s.last; l.ok && l.gen == gen && l.id == id && l.uid == uid {
		ev.Ctr, ev.Pod = l.ctr, l.pod
	} else {
		if id != "" {
			ev.Ctr = s.Meta.Container(id)
		}
		switch {
		case ev.Ctr != nil:
			ev.Pod = ev.Ctr.Pod
		case uid != "":
			ev.Pod = s.Meta.Pod(uid)
		}
		*l = lastMeta{ok: true, gen: gen, id: id, uid: uid, ctr: ev.Ctr, pod: ev.Pod}
	}
	if ev.Pod == nil {
		s.misses.Add(1)
	}
}

// lastMeta is the last container resolution of a Source.
type lastMeta struct {
	ok      bool
	gen     uint64
	id, uid string
	ctr     *kube.Container
	pod     *kube.Pod
}

// Metadata finds the container, with its pod, behind a full container id,
// and a pod by UID (kube.Cache for a live run; the capture's frames on
// replay). It returns nil for what it does not know.
type Metadata interface {
	Container(id string) *kube.Container
	Pod(uid string) *kube.Pod
	// Gen changes whenever an answer may have changed.
	Gen() uint64
}

// MetaMisses counts events of containers whose pod Meta did not know
// (their k8s.* and container image fields are missing).
func (s *Source) MetaMisses() uint64 { return s.misses.Load() }
