package syscall

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/capture"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/dnsnames"
	"github.com/aeriesec/aerie/runtime/kube"
)

// CaptureSource replays a capture file: the snapshot's state, then every
// record applied in order, exactly as the live run applied them.
type CaptureSource struct {
	r   *capture.Reader
	src *Source
}

// OpenCapture reads a capture's header and snapshot.
func OpenCapture(r io.Reader) (*CaptureSource, error) {
	cr, err := capture.NewReader(r)
	if err != nil {
		return nil, err
	}
	src := NewSource(cr.Table(), cr.Snapshot.Host)
	meta := &capturedMeta{ctrs: map[string]*kube.Container{}, pods: map[string]*kube.Pod{}}
	cr.Metadata = meta.frame
	src.Meta, src.Names = meta, meta
	return &CaptureSource{r: cr, src: src}, nil
}

// capturedMeta holds the containers and pods a capture recorded, latest
// first.
type capturedMeta struct {
	ctrs     map[string]*kube.Container
	pods     map[string]*kube.Pod
	gen      uint64 // bumped by every container or pod frame
	names    dnsnames.Table
	namesGen uint64
}

// frame takes a capture's container, pod or names frame.
func (m *capturedMeta) frame(typ byte, b []byte) error {
	switch typ {
	case capture.FrameContainer:
		return m.addContainer(b)
	case capture.FramePod:
		return m.addPod(b)
	}
	return m.setNames(b)
}

func (m *capturedMeta) addContainer(b []byte) error {
	c := new(kube.Container)
	if err := json.Unmarshal(b, c); err != nil {
		return err
	}
	if c.ID == "" {
		return errors.New("container without an id")
	}
	m.ctrs[c.ID] = c
	m.gen++
	return nil
}

func (m *capturedMeta) addPod(b []byte) error {
	p := new(kube.Pod)
	if err := json.Unmarshal(b, p); err != nil {
		return err
	}
	if p.UID == "" {
		return errors.New("pod without a uid")
	}
	m.pods[p.UID] = p
	m.gen++
	return nil
}

func (m *capturedMeta) setNames(b []byte) error {
	t, err := namesFromJSON(b)
	if err != nil {
		return err
	}
	m.names = t
	m.namesGen++
	return nil
}

func (m *capturedMeta) Container(id string) *kube.Container { return m.ctrs[id] }
func (m *capturedMeta) Pod(uid string) *kube.Pod            { return m.pods[uid] }
func (m *capturedMeta) Table() (dnsnames.Table, uint64)     { return m.names, m.namesGen }
func (m *capturedMeta) Gen() uint64                         { return m.gen }

// Next applies the next records and fills ev with the next event; io.EOF
// at the end. A record that does not decode is a *RecordError, after which
// Next may be called again.
func (c *CaptureSource) Next(ev *Event) error {
	for {
		b, err := c.r.Next(c.src.Table)
		if err != nil {
			return err
		}
		if err := c.src.Apply(b, ev); err != nil || !ev.StateOnly() {
			return err
		}
	}
}

// ReplayEvents calls fn with every event of a capture, bound to refs, and
// its time in ns since the epoch. The view is reused between calls.
func ReplayEvents(r io.Reader, refs []fields.Ref, fn func(ev *View, ns int64) error) error {
	cs, err := OpenCapture(r)
	if err != nil {
		return err
	}
	b, err := Bind(refs)
	if err != nil {
		return err
	}
	var ev Event
	v := b.NewView(&ev)
	for {
		if err := cs.Next(&ev); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if err := fn(v, ev.Time); err != nil {
			return err
		}
	}
}

// Replay evaluates a capture with ev and emits the alerts in order, as a
// live run with the same rules would have.
func Replay(r io.Reader, ev runtime.Evaluator, f *alert.Formatter, emit func(*alert.Alert) error) (RunStats, error) {
	cs, err := OpenCapture(r)
	if err != nil {
		return RunStats{}, err
	}
	run, err := NewRunner(ev, f, emit)
	if err != nil {
		return RunStats{}, err
	}
	for {
		err := cs.Next(run.Slot())
		if errors.Is(err, io.EOF) {
			return run.Stats, run.Flush()
		}
		if err != nil {
			return run.Stats, err
		}
		if err := run.Push(); err != nil {
			return run.Stats, err
		}
	}
}
