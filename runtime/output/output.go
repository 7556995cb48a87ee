package output

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Alert is one alert in both of Falco's forms, without trailing newlines.
type Alert struct {
	Time     time.Time
	Rule     string
	Source   string
	Priority int    // 0 Emergency … 7 Debug
	Text     []byte // Falco's text line
	JSON     []byte // Falco's JSON object
}

// sink is a destination written by one goroutine.
type sink interface {
	write(a *Alert) error
	flush() error // called when the queue runs empty
	reopen() error
	close() error
}

// Output is one destination behind a bounded queue.
type Output struct {
	name    string
	sink    sink
	queue   chan *Alert
	reopenC chan struct{}
	done    chan struct{}
	drops   atomic.Uint64
	errors  atomic.Uint64
	sent    atomic.Uint64
	logf    func(format string, args ...any)
	mu      sync.RWMutex // Send holds it shared; Close closes the queue under it
	closed  bool
}

// DefaultQueue is an output's queue capacity when none is given.
const DefaultQueue = 10000

func start(name string, s sink, capacity int, logf func(string, ...any)) *Output {
	if capacity <= 0 {
		capacity = DefaultQueue
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	o := &Output{name: name, sink: s, queue: make(chan *Alert, capacity),
		reopenC: make(chan struct{}, 1), done: make(chan struct{}), logf: logf}
	go o.run()
	return o
}

// Name names the output: stdout, file, http, program, syslog.
func (o *Output) Name() string { return o.name }

// Depth is the number of alerts waiting.
func (o *Output) Depth() int { return len(o.queue) }

// Drops counts alerts dropped because the queue was full.
func (o *Output) Drops() uint64 { return o.drops.Load() }

// Errors counts alerts the destination refused after its retries.
func (o *Output) Errors() uint64 { return o.errors.Load() }

// Sent counts alerts delivered.
func (o *Output) Sent() uint64 { return o.sent.Load() }

// Send queues a; it never blocks. After Close, alerts count as dropped.
func (o *Output) Send(a *Alert) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	if o.closed {
		o.drops.Add(1)
		return
	}
	select {
	case o.queue <- a:
	default:
		if o.drops.Add(1) == 1 {
			o.logf("output %s: queue full, dropping alerts (counted in metrics)", o.name)
		}
	}
}

// Reopen asks the output to reopen its destination (SIGUSR1: log rotation,
// program respawn) between two alerts.
func (o *Output) Reopen() {
	select {
	case o.reopenC <- struct{}{}:
	default:
	}
}

// Close delivers what is queued and closes the destination, or gives up
// when ctx ends (the rest counts as dropped).
func (o *Output) Close(ctx context.Context) error {
	o.mu.Lock()
	if !o.closed {
		o.closed = true
		close(o.queue)
	}
	o.mu.Unlock()
	select {
	case <-o.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (o *Output) run() {
	defer close(o.done)
	defer o.sink.close()
	for {
		select {
		case a, ok := <-o.queue:
			if !ok {
				o.sink.flush()
				return
			}
			o.deliver(a)
			if len(o.queue) == 0 {
				o.check(o.sink.flush())
			}
		case <-o.reopenC:
			o.check(o.sink.reopen())
		}
	}
}

func (o *Output) deliver(a *Alert) {
	if err := o.sink.write(a); err != nil {
		o.errors.Add(1)
		o.logf("output %s: %v", o.name, err)
		return
	}
	o.sent.Add(1)
}

func (o *Output) check(err error) {
	if err != nil {
		o.logf("output %s: %v", o.name, err)
	}
}
