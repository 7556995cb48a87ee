package probes

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"
	"github.com/cilium/ebpf/rlimit"

	"github.com/aeriesec/aerie/probes/record"
)

// DefaultRingBytes is the default ring buffer size.
const DefaultRingBytes = 8 << 20

// Options configure Open.
type Options struct {
	// RingBytes is the ring buffer size: a power of two, at least a page.
	// Zero means DefaultRingBytes.
	RingBytes uint32
	// SelfTgid is the process whose events the kernel drops; zero means
	// this process.
	SelfTgid uint32
}

// Probe is the loaded, attached probe and its ring-buffer reader. Read is
// for one goroutine; SetInterest and Counters may run concurrently with it.
type Probe struct {
	mu     sync.RWMutex // closed vs Pending
	closed bool
	objs   probeObjects
	links  []link.Link
	reader *ringbuf.Reader
	rec    ringbuf.Record
}

// ErrUnsupported wraps errors that mean the kernel or the privileges lack
// what the probe needs (tests skip on it unless privileged runs are required).
var ErrUnsupported = errors.New("eBPF probe unsupported here")

// Open loads the probe, attaches its programs and opens the ring buffer.
// The interest map starts empty: only process lifecycle records flow until
// SetInterest.
func Open(o Options) (*Probe, error) {
	if err := rlimit.RemoveMemlock(); err != nil {
		return nil, fmt.Errorf("remove memlock limit: %w: %w", ErrUnsupported, err)
	}
	spec, err := loadProbe()
	if err != nil {
		return nil, fmt.Errorf("load probe spec: %w", err)
	}
	if o.RingBytes == 0 {
		o.RingBytes = DefaultRingBytes
	}
	if o.SelfTgid == 0 {
		o.SelfTgid = uint32(os.Getpid())
	}
	spec.Maps["events"].MaxEntries = o.RingBytes
	if err := spec.Variables["self_tgid"].Set(o.SelfTgid); err != nil {
		return nil, fmt.Errorf("set self_tgid: %w", err)
	}
	if err := spec.Variables["wakeup_bytes"].Set(uint64(o.RingBytes / 16)); err != nil {
		return nil, fmt.Errorf("set wakeup_bytes: %w", err)
	}
	p := &Probe{}
	if err := spec.LoadAndAssign(&p.objs, nil); err != nil {
		return nil, fmt.Errorf("load probe: %w", classify(err))
	}
	if err := p.attach(); err != nil {
		p.Close()
		return nil, err
	}
	if p.reader, err = ringbuf.NewReader(p.objs.Events); err != nil {
		p.Close()
		return nil, fmt.Errorf("open ring buffer: %w", err)
	}
	return p, nil
}

func classify(err error) error {
	var ve *ebpf.VerifierError
	if errors.As(err, &ve) {
		return err
	}
	if errors.Is(err, os.ErrPermission) || errors.Is(err, ebpf.ErrNotSupported) {
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	return err
}

func (p *Probe) attach() error {
	for _, prog := range []*ebpf.Program{p.objs.OnSysExit, p.objs.OnExec, p.objs.OnFork, p.objs.OnExit} {
		l, err := link.AttachTracing(link.TracingOptions{Program: prog})
		if err != nil {
			return fmt.Errorf("attach %s: %w", prog, classify(err))
		}
		p.links = append(p.links, l)
	}
	return nil
}

// SetInterest programs the interest map: exactly the listed syscall
// numbers are reported from then on (each as the record table shapes it).
func (p *Probe) SetInterest(nrs []uint16) error {
	want := make(map[uint16]bool, len(nrs))
	for _, nr := range nrs {
		want[nr] = true
	}
	keys := make([]uint32, 512)
	vals := make([]probeShape, 512)
	for i := range keys {
		keys[i] = uint32(i)
		vals[i] = probeShape{Str: [2]int8{-1, -1}, SaPtr: -1, SaLen: -1, SockFd: -1}
		sc, ok := record.ByNR(uint16(i))
		if !ok || !want[uint16(i)] {
			continue
		}
		vals[i] = shapeOf(sc.Shape)
	}
	if _, err := p.objs.Shapes.BatchUpdate(keys, vals, nil); err != nil {
		return fmt.Errorf("program interest map: %w", err)
	}
	return nil
}

func shapeOf(s record.Shape) probeShape {
	ps := probeShape{Want: 1, Str: s.Str, SaPtr: s.SaPtr, SaLen: s.SaLen, SockFd: s.SockFd, SaFixed: s.SaFixed}
	if s.OnlyFail {
		ps.OnlyFail = 1
	}
	if s.Msghdr {
		ps.Msghdr = 1
	}
	return ps
}

// PollInterval bounds how long a record can wait in the ring buffer: the
// probe wakes the reader only when a backlog builds up (1/16 of the ring),
// so a quiet stream is picked up by polling.
const PollInterval = 10 * time.Millisecond

// Read blocks for the next record and returns its bytes, valid until the
// next Read. It returns ErrClosed after Close.
func (p *Probe) Read() ([]byte, error) {
	for {
		p.reader.SetDeadline(time.Now().Add(PollInterval))
		err := p.reader.ReadInto(&p.rec)
		switch {
		case err == nil:
			return p.rec.RawSample, nil
		case errors.Is(err, os.ErrDeadlineExceeded):
			continue
		case errors.Is(err, ringbuf.ErrClosed) || errors.Is(err, os.ErrClosed):
			return nil, ErrClosed
		}
		return nil, fmt.Errorf("read ring buffer: %w", err)
	}
}

// ErrClosed is returned by Read once the probe is closed.
var ErrClosed = errors.New("probe closed")

// Close detaches the programs and frees the maps; a blocked Read returns.
func (p *Probe) Close() error {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	var errs []error
	if p.reader != nil {
		errs = append(errs, p.reader.Close())
	}
	for _, l := range p.links {
		errs = append(errs, l.Close())
	}
	errs = append(errs, p.objs.Close())
	return errors.Join(errs...)
}

// Pending reports whether records are waiting in the ring buffer (a reader
// batching events flushes when it is false).
func (p *Probe) Pending() bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return !p.closed && p.reader.AvailableBytes() > 0
}

// Detach stops the programs (no new records) but keeps the ring buffer
// and counters readable: drain with Read while Pending, then Counters.
func (p *Probe) Detach() error {
	var errs []error
	for _, l := range p.links {
		errs = append(errs, l.Close())
	}
	p.links = nil
	return errors.Join(errs...)
}
