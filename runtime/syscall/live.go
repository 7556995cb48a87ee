package syscall

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/dnsnames"
	"github.com/aeriesec/aerie/runtime/kube"
)

// Recorder receives what a live run needs to be replayed: raw records,
// processes read from /proc mid-stream, and the containers, pods and
// resolved host names events were applied with (capture.Writer implements
// it).
type Recorder interface {
	Record(b []byte) error
	Process(p *state.Process) error
	Container(c any) error
	Pod(p any) error
	Names(t any) error
}

// LiveOptions configure a live source.
type LiveOptions struct {
	RingBytes uint32 // ring buffer size (0: probes.DefaultRingBytes)
	SelfTgid  uint32 // process whose events the kernel drops (0: this one)
	ProcRoot  string // default /proc
	EtcRoot   string // root of etc/passwd and etc/group; default /
	Host      string // evt.hostname; default os.Hostname
	// EventTypes the rules need; nil means every syscall the probe knows.
	EventTypes []string
	// Recorder, when set, receives the stream (aerie capture).
	Recorder Recorder
	// Meta, when set, resolves container ids to their pods.
	Meta Metadata
	// DNSNames are the host names the rules compare domain-name fields
	// with (module metadata; SetDNSNames changes them).
	DNSNames []string
	// Lookup resolves them; nil uses the system resolver.
	Lookup func(ctx context.Context, name string) ([]netip.Addr, error)
	// PurgeEvery is how often vanished processes are purged (default 30s).
	PurgeEvery time.Duration
	// OnDrops is called from Next when the probe dropped records since the
	// last call, at most once per DropAlertEvery (default 10s): the hook of
	// the internal "syscall event drops" alert.
	OnDrops        func(delta uint64, total probes.Counters)
	DropAlertEvery time.Duration
}

// Live is the probe attached to the running kernel, with its state.
type Live struct {
	probe    *probes.Probe
	src      *Source
	procfs   *state.ProcFS
	rec      Recorder
	recErr   error
	recCtr   map[string]*kube.Container // containers recorded, as recorded
	recPod   map[string]*kube.Pod       // pods recorded on their own, as recorded
	recNames uint64                     // generation of the names table recorded
	names    *dnsnames.Resolver
	stopDNS  context.CancelFunc
	purge    time.Duration
	lastPur  time.Time
	wanted   atomic.Pointer[map[string]bool] // nil map: every event is evaluated
	Purged   int                             // processes removed by the purge
	Bad      int                             // records that did not decode (dropped, counted)
	onDrops  func(uint64, probes.Counters)
	dropGap  time.Duration
	lastDrop time.Time
	drops    uint64 // drops already reported
	n        uint64
}

// BootEpoch returns wall-clock ns at boot (CLOCK_REALTIME − CLOCK_BOOTTIME).
func BootEpoch() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return 0
	}
	return time.Now().UnixNano() - ts.Nano()
}

// StartLive attaches the probe, seeds the tables from /proc and programs
// the interest map. Records start flowing at once; call Next.
func StartLive(o LiveOptions) (*Live, error) {
	if o.ProcRoot == "" {
		o.ProcRoot = "/proc"
	}
	if o.EtcRoot == "" {
		o.EtcRoot = "/"
	}
	if o.Host == "" {
		o.Host, _ = os.Hostname()
	}
	p, err := probes.Open(probes.Options{RingBytes: o.RingBytes, SelfTgid: o.SelfTgid})
	if err != nil {
		return nil, err
	}
	l := &Live{probe: p, procfs: &state.ProcFS{Root: o.ProcRoot}, rec: o.Recorder, purge: o.PurgeEvery, lastPur: time.Now()}
	if l.purge == 0 {
		l.purge = 30 * time.Second
	}
	l.onDrops, l.dropGap = o.OnDrops, o.DropAlertEvery
	if l.dropGap == 0 {
		l.dropGap = 10 * time.Second
	}
	if err := l.SetEventTypes(o.EventTypes); err != nil {
		p.Close()
		return nil, err
	}
	t := state.NewTable(state.LoadUsers(o.EtcRoot), BootEpoch())
	if err := l.procfs.Seed(t); err != nil {
		p.Close()
		return nil, fmt.Errorf("seed process table: %w", err)
	}
	t.Fill = l.fill
	l.src = NewSource(t, o.Host)
	l.src.Meta = o.Meta
	l.names = dnsnames.New()
	l.names.Lookup = o.Lookup
	l.names.SetNames(o.DNSNames)
	l.src.Names = l.names
	ctx, cancel := context.WithCancel(context.Background())
	l.stopDNS = cancel
	go l.names.Run(ctx)
	l.recCtr, l.recPod = map[string]*kube.Container{}, map[string]*kube.Pod{}
	return l, nil
}

// Table is the live state table (for a capture's snapshot, before Next runs).
func (l *Live) Table() *state.Table { return l.src.Table }

// Host is the host name events carry.
func (l *Live) Host() string { return l.src.Host }

func (l *Live) fill(tgid uint32) *state.Process {
	p := l.procfs.Process(tgid)
	if p != nil && l.rec != nil && l.recErr == nil {
		l.recErr = l.rec.Process(p)
	}
	return p
}

// SetEventTypes programs the interest map: the syscalls behind the given
// event types (nil: all) plus those state tracking needs. Safe to call
// while Next runs (hot swap of the rule modules).
func (l *Live) SetEventTypes(types []string) error {
	nrs, wanted := Interest(types)
	l.wanted.Store(&wanted)
	return l.probe.SetInterest(nrs)
}

// lifecycle event types come from the sched tracepoints, not from sys_exit.
var lifecycle = map[string]bool{"clone": true, "clone3": true, "fork": true, "vfork": true, "procexit": true}

// Interest returns the syscall numbers to capture for a set of event types
// (nil: every known syscall) and the set of types to evaluate (nil: all).
func Interest(types []string) ([]uint16, map[string]bool) {
	var nrs []uint16
	var wanted map[string]bool
	if types != nil {
		wanted = map[string]bool{}
		for _, t := range types {
			wanted[t] = true
		}
	}
	for _, s := range record.Syscalls {
		if lifecycle[s.Name] {
			continue
		}
		if s.State || wanted == nil || wanted[s.Name] {
			nrs = append(nrs, s.NR)
		}
	}
	return nrs, wanted
}

// Wanted reports whether events of type t are evaluated (not only applied).
func (l *Live) Wanted(t string) bool {
	w := *l.wanted.Load()
	return w == nil || w[t]
}

// Next reads the next record, applies it and fills ev. It returns
// probes.ErrClosed after Close.
func (l *Live) Next(ev *Event) error {
	for {
		b, err := l.probe.Read()
		if err != nil {
			return err
		}
		// Applying may read a process from /proc and resolve a container:
		// their frames go before the record, where a replay needs them.
		err = l.src.Apply(b, ev)
		if err == nil && !ev.StateOnly() {
			l.recordMeta(ev)
		}
		if l.rec != nil && l.recErr == nil {
			l.recErr = l.rec.Record(b)
		}
		if err != nil {
			l.Bad++
			continue
		}
		if ev.StateOnly() {
			continue
		}
		if l.n++; l.n%4096 == 0 {
			l.maybePurge()
			l.checkDrops()
		}
		return nil
	}
}

// recordMeta gives the recorder the container (or, without one, the pod)
// an event resolved to, the first time and whenever the cache replaced it,
// and the names table whenever it changed, so a replay resolves every
// event exactly as the live run did.
func (l *Live) recordMeta(ev *Event) {
	if l.rec == nil || l.recErr != nil {
		return
	}
	if ev.namesGen != l.recNames {
		l.recNames = ev.namesGen
		if l.recErr = l.rec.Names(namesJSON(ev.Names)); l.recErr != nil {
			return
		}
	}
	switch {
	case ev.Ctr != nil && l.recCtr[ev.Ctr.ID] != ev.Ctr:
		l.recCtr[ev.Ctr.ID] = ev.Ctr
		l.recErr = l.rec.Container(ev.Ctr)
	case ev.Ctr == nil && ev.Pod != nil && l.recPod[ev.Pod.UID] != ev.Pod:
		l.recPod[ev.Pod.UID] = ev.Pod
		l.recErr = l.rec.Pod(ev.Pod)
	}
}

// SetDNSNames sets the host names to resolve for domain-name fields (the
// module metadata's DNSNames; on every hot swap).
func (l *Live) SetDNSNames(names []string) { l.names.SetNames(names) }

// NameStats are the resolver's counts: names resolved and failed.
func (l *Live) NameStats() (resolved, failed uint64) {
	return l.names.Resolutions.Load(), l.names.Failures.Load()
}

// MetaMisses counts events of containers whose pod was not known.
func (l *Live) MetaMisses() uint64 { return l.src.MetaMisses() }

// RecordError is the first error the Recorder returned, if any.
func (l *Live) RecordError() error { return l.recErr }

func (l *Live) maybePurge() {
	if time.Since(l.lastPur) < l.purge {
		return
	}
	l.lastPur = time.Now()
	var gone []uint32
	l.src.Table.Each(func(p *state.Process) {
		if _, err := os.Stat(filepath.Join(l.procfs.Root, strconv.FormatInt(p.Pid, 10))); errors.Is(err, os.ErrNotExist) {
			gone = append(gone, uint32(p.Pid))
		}
	})
	for _, pid := range gone {
		l.src.Table.Remove(pid)
	}
	l.Purged += len(gone)
}

func (l *Live) checkDrops() {
	if l.onDrops == nil || time.Since(l.lastDrop) < l.dropGap {
		return
	}
	c, err := l.probe.Counters()
	if err != nil || c.Drops <= l.drops {
		return
	}
	l.lastDrop = time.Now()
	delta := c.Drops - l.drops
	l.drops = c.Drops
	l.onDrops(delta, c)
}

// Counters reads the probe's per-CPU counters.
func (l *Live) Counters() (probes.Counters, error) { return l.probe.Counters() }

// Close detaches the probe; a blocked Next returns probes.ErrClosed.
func (l *Live) Close() error {
	l.stopDNS()
	return l.probe.Close()
}

// Stop detaches the probe's programs, so no new records come, waits until
// Next (running on another goroutine) has read every record already in the
// ring buffer, at most stopDrain, and closes: Next then returns
// probes.ErrClosed. Nothing the kernel recorded before Stop is lost while a
// reader keeps up (aerie capture stops this way).
func (l *Live) Stop() error {
	err := l.probe.Detach()
	tick := time.NewTicker(probes.PollInterval)
	defer tick.Stop()
	for give := time.Now().Add(stopDrain); l.probe.Pending() && time.Now().Before(give); {
		<-tick.C
	}
	return errors.Join(err, l.Close())
}

// stopDrain bounds how long Stop waits for the reader to drain.
const stopDrain = 10 * time.Second

// Pending reports whether more records are already waiting.
func (l *Live) Pending() bool { return l.probe.Pending() }

// SetRecorder starts handing the stream to rec (call before Run; the
// capture's snapshot is the table as it is then).
func (l *Live) SetRecorder(rec Recorder) { l.rec = rec }

// Run reads and evaluates records until Close, flushing the runner's batch
// whenever the ring buffer is drained. It returns nil after Close.
func (l *Live) Run(run *Runner) error {
	for {
		err := l.Next(run.Slot())
		if errors.Is(err, probes.ErrClosed) {
			return run.Flush()
		}
		if err != nil {
			return err
		}
		if err := run.Push(); err != nil {
			return err
		}
		if !l.Pending() {
			if err := run.Flush(); err != nil {
				return err
			}
		}
	}
}
