// Package capture reads and writes Aerie's syscall capture files: a header
// (magic, version, boot epoch), a snapshot of the state the stream starts
// from (processes with their fds, users and groups), then frames holding
// raw probe records, processes read from /proc mid-stream and the metadata
// the live run resolved events with (containers, pods, host names). Replaying a capture rebuilds
// exactly the state the live run had. docs/capture.md is
// its prose form.
//
// It may import probes/record, probes/state and the standard library.
package capture

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
)

// Magic opens every capture file.
const Magic = "AERIECAP"

// Version is the format version this package writes; it reads every
// version from 1 on (version 2 added container, pod and names frames).
const Version = 2

// Frame types.
const (
	FrameSnapshot = 1 // JSON Snapshot; exactly one, first
	FrameRecord   = 2 // one raw probe record (probes/record layout)
	FrameProcess  = 3 // JSON Proc: a process read from /proc mid-stream
	// FrameContainer (version 2) is a JSON container with its pod, as the
	// live run resolved it; written before the first record it applies to,
	// and again whenever the live run's view of it changed.
	FrameContainer = 4
	// FramePod (version 2) is a JSON pod an event of a container not (yet)
	// in the pod's statuses resolved to through the pod's cgroup.
	FramePod = 5
	// FrameNames (version 2) is a JSON object of address -> host name: the
	// table of the names rules compare domain-name fields with, as the live
	// run had resolved them from here on.
	FrameNames = 6
)

// MaxFrame bounds a frame's payload (a snapshot of a busy host included).
const MaxFrame = 256 << 20

// Snapshot is the state a capture starts from.
type Snapshot struct {
	Host      string       `json:"host"`
	Users     *state.Users `json:"users"`
	Processes []Proc       `json:"processes"`
}

// Proc is a process with its fds, as stored.
type Proc struct {
	state.Process
	FDs []state.FD `json:"fds"`
}

// Errors of reading.
var (
	ErrMagic   = errors.New("not an Aerie capture (bad magic)")
	ErrVersion = errors.New("unsupported capture version")
	ErrFrame   = errors.New("bad capture frame")
)

// ProcOf converts a table process for storage.
func ProcOf(p *state.Process) Proc {
	sp := Proc{Process: *p}
	if p.FDs != nil {
		for _, f := range p.FDs.All() {
			sp.FDs = append(sp.FDs, *f)
		}
	}
	return sp
}

// Restore converts a stored process back into a table process.
func (sp *Proc) Restore() *state.Process {
	p := sp.Process
	p.FDs = state.NewFDTable()
	for i := range sp.FDs {
		f := sp.FDs[i]
		p.FDs.Set(&f)
	}
	return &p
}

// Writer writes a capture.
type Writer struct {
	w    *bufio.Writer
	hdr  [5]byte
	seen map[int64]bool // Filter: processes already written
}

// NewWriter writes the header and the snapshot of t.
func NewWriter(w io.Writer, t *state.Table, host string) (*Writer, error) {
	cw := &Writer{w: bufio.NewWriterSize(w, 1<<20)}
	var h [24]byte
	copy(h[:], Magic)
	binary.LittleEndian.PutUint16(h[8:], Version)
	binary.LittleEndian.PutUint64(h[16:], uint64(t.BootEpoch))
	if _, err := cw.w.Write(h[:]); err != nil {
		return nil, fmt.Errorf("write capture header: %w", err)
	}
	snap := Snapshot{Host: host, Users: t.Users}
	t.Each(func(p *state.Process) { snap.Processes = append(snap.Processes, ProcOf(p)) })
	slices.SortFunc(snap.Processes, func(a, b Proc) int { return cmp.Compare(a.Pid, b.Pid) })
	if err := cw.writeJSON(FrameSnapshot, snap); err != nil {
		return nil, err
	}
	return cw, nil
}

func (cw *Writer) writeJSON(typ byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode capture frame: %w", err)
	}
	return cw.frame(typ, b)
}

func (cw *Writer) frame(typ byte, b []byte) error {
	cw.hdr[0] = typ
	binary.LittleEndian.PutUint32(cw.hdr[1:], uint32(len(b)))
	if _, err := cw.w.Write(cw.hdr[:]); err != nil {
		return fmt.Errorf("write capture frame: %w", err)
	}
	if _, err := cw.w.Write(b); err != nil {
		return fmt.Errorf("write capture frame: %w", err)
	}
	return nil
}

// Record appends a raw probe record.
func (cw *Writer) Record(b []byte) error { return cw.frame(FrameRecord, b) }

// Container appends a container's metadata (any JSON-encodable value; the
// runtime writes kube.Container).
func (cw *Writer) Container(v any) error { return cw.writeJSON(FrameContainer, v) }

// Pod appends a pod's metadata (the runtime writes kube.Pod).
func (cw *Writer) Pod(v any) error { return cw.writeJSON(FramePod, v) }

// Names appends the table of resolved host names (address -> name).
func (cw *Writer) Names(v any) error { return cw.writeJSON(FrameNames, v) }

// Process appends a process the live run read from /proc mid-stream.
func (cw *Writer) Process(p *state.Process) error { return cw.writeJSON(FrameProcess, ProcOf(p)) }

// Flush writes buffered frames out.
func (cw *Writer) Flush() error { return cw.w.Flush() }

// Reader reads a capture.
type Reader struct {
	r         *bufio.Reader
	BootEpoch int64
	Version   int
	Snapshot  Snapshot
	// Metadata receives each container, pod or names frame (its type and
	// JSON) as Next meets it, before the records it applies to; nil skips
	// them.
	Metadata func(frame byte, payload []byte) error
	buf      []byte
}

// NewReader reads the header and the snapshot.
func NewReader(r io.Reader) (*Reader, error) {
	cr := &Reader{r: bufio.NewReaderSize(r, 1<<20)}
	var h [24]byte
	if _, err := io.ReadFull(cr.r, h[:]); err != nil {
		return nil, fmt.Errorf("read capture header: %w", ErrMagic)
	}
	if string(h[:8]) != Magic {
		return nil, fmt.Errorf("read capture header: %w", ErrMagic)
	}
	v := binary.LittleEndian.Uint16(h[8:])
	if v < 1 || v > Version {
		return nil, fmt.Errorf("read capture header: %w %d (this build reads 1 to %d)", ErrVersion, v, Version)
	}
	cr.Version = int(v)
	cr.BootEpoch = int64(binary.LittleEndian.Uint64(h[16:]))
	typ, b, err := cr.next()
	if err != nil {
		return nil, err
	}
	if typ != FrameSnapshot {
		return nil, fmt.Errorf("read capture snapshot: %w: first frame has type %d", ErrFrame, typ)
	}
	if err := json.Unmarshal(b, &cr.Snapshot); err != nil {
		return nil, fmt.Errorf("read capture snapshot: %w: %v", ErrFrame, err)
	}
	return cr, nil
}

func (cr *Reader) next() (byte, []byte, error) {
	var h [5]byte
	if _, err := io.ReadFull(cr.r, h[:]); err != nil {
		if errors.Is(err, io.EOF) {
			return 0, nil, io.EOF
		}
		return 0, nil, fmt.Errorf("read capture frame: %w: truncated header", ErrFrame)
	}
	n := binary.LittleEndian.Uint32(h[1:])
	if n > MaxFrame {
		return 0, nil, fmt.Errorf("read capture frame: %w: %d bytes", ErrFrame, n)
	}
	if cap(cr.buf) < int(n) {
		cr.buf = make([]byte, n)
	}
	cr.buf = cr.buf[:n]
	if _, err := io.ReadFull(cr.r, cr.buf); err != nil {
		return 0, nil, fmt.Errorf("read capture frame: %w: truncated payload", ErrFrame)
	}
	return h[0], cr.buf, nil
}

// metadataFrames names the metadata frame types, for errors.
var metadataFrames = map[byte]string{FrameContainer: "container", FramePod: "pod", FrameNames: "names"}

// metadata hands a container, pod or names frame to the Metadata hook.
func (cr *Reader) metadata(typ byte, b []byte) error {
	what := metadataFrames[typ]
	if cr.Version < 2 {
		return fmt.Errorf("read capture frame: %w: %s frame in a version %d capture", ErrFrame, what, cr.Version)
	}
	if cr.Metadata == nil {
		return nil
	}
	if err := cr.Metadata(typ, b); err != nil {
		return fmt.Errorf("read capture %s: %w: %v", what, ErrFrame, err)
	}
	return nil
}

// Table builds the state table the capture starts from.
func (cr *Reader) Table() *state.Table {
	t := state.NewTable(cr.Snapshot.Users, cr.BootEpoch)
	for i := range cr.Snapshot.Processes {
		t.Put(cr.Snapshot.Processes[i].Restore())
	}
	return t
}

// Next returns the next raw record, installing mid-stream processes into t
// on the way. It returns io.EOF at the end. The bytes are valid until the
// next call.
func (cr *Reader) Next(t *state.Table) ([]byte, error) {
	for {
		typ, b, err := cr.next()
		if err != nil {
			return nil, err
		}
		switch typ {
		case FrameRecord:
			if len(b) < record.HeaderSize {
				return nil, fmt.Errorf("read capture record: %w: %d bytes", ErrFrame, len(b))
			}
			return b, nil
		case FrameProcess:
			var sp Proc
			if err := json.Unmarshal(b, &sp); err != nil {
				return nil, fmt.Errorf("read capture process: %w: %v", ErrFrame, err)
			}
			t.Put(sp.Restore())
		case FrameContainer, FramePod, FrameNames:
			if err := cr.metadata(typ, b); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("read capture frame: %w: unknown type %d", ErrFrame, typ)
		}
	}
}
