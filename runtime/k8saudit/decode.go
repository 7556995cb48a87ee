package k8saudit

import (
	"fmt"
	"strings"
	"sync"

	"github.com/valyala/fastjson"
)

// Defaults for a zero Decoder.
const (
	// DefaultMaxBodySize bounds one webhook body or one file line: the k8saudit
	// plugin's 12 MiB, 20% above the apiserver's default truncation size.
	DefaultMaxBodySize = 12 << 20
	// DefaultMaxEventSize bounds one event's JSON. etcd stores objects of at
	// most 1.5 MiB; a RequestResponse event can carry two of them.
	DefaultMaxEventSize = 4 << 20
	// MaxDepth bounds the nesting of objects and arrays: fastjson's limit.
	MaxDepth = fastjson.MaxDepth
)

// Decoder turns audit bodies into batches of events. The zero value is ready
// to use; a Decoder is safe for concurrent use. Set the limits before first use.
type Decoder struct {
	MaxBodySize  int // bytes per body or line; 0 means DefaultMaxBodySize
	MaxEventSize int // bytes per event; 0 means DefaultMaxEventSize
	// Lenient keeps the good events of a body whose other events are bad
	// (no stageTimestamp, too large, not an event) and lists the bad ones in
	// Batch.Rejected. Otherwise, as in Falco, one bad event fails the body.
	Lenient bool
	// MaxPooled bounds the released batches kept with their warm parsers
	// (0 means DefaultMaxPooled); set it to about the batches in flight.
	MaxPooled int

	once sync.Once
	free chan *Batch // released batches, each keeping its warm parser
}

// DefaultMaxPooled is the default bound of released batches a Decoder
// keeps. Unlike a sync.Pool the free list survives garbage collections, so
// parsers keep their grown caches while many batches are in flight (aerie
// run's default queue holds 50 batches of 400 events).
const DefaultMaxPooled = 64

func (d *Decoder) pool() chan *Batch {
	d.once.Do(func() { d.free = make(chan *Batch, orDefault(d.MaxPooled, DefaultMaxPooled)) })
	return d.free
}

func (d *Decoder) maxBody() int  { return orDefault(d.MaxBodySize, DefaultMaxBodySize) }
func (d *Decoder) maxEvent() int { return orDefault(d.MaxEventSize, DefaultMaxEventSize) }

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// Batch is the events of one body. It owns a pooled parser: Events, the
// fastjson values behind them and every field value extracted from them stay
// valid until Release.
type Batch struct {
	Events   []Event
	Rejected []ItemError // bad events of a Lenient decode

	d        *Decoder
	p        *fastjson.Parser
	live     bool // decoded and not yet released
	sc       scanner
	measured bool // the body was scanned for event sizes
	next     int  // next span
	index    int  // next item index
	buf      []byte
}

// Release returns the batch, with its parser and storage, to the decoder's
// free list. The batch and its events must not be used afterwards. Release
// is idempotent.
func (b *Batch) Release() {
	if b == nil || !b.live {
		return
	}
	b.live = false
	clear(b.Events)
	b.Events, b.Rejected = b.Events[:0], b.Rejected[:0]
	select {
	case b.d.pool() <- b:
	default: // the pool is full: let the collector have it
	}
}

func (d *Decoder) batch() *Batch {
	var b *Batch
	select {
	case b = <-d.pool():
	default:
		b = &Batch{d: d, p: new(fastjson.Parser)}
	}
	b.live, b.next, b.index = true, 0, 0
	return b
}

// Decode decodes one body: an Event, an EventList or a JSON array of them.
// The body is not retained. On error no batch is returned; errors wrap
// ErrBadJSON, ErrTooDeep, ErrNotAuditEvent (Falco's "Data not recognized as a
// k8s audit event") or, for one event, an *ItemError.
func (d *Decoder) Decode(body []byte) (*Batch, error) {
	if len(body) > d.maxBody() {
		return nil, fmt.Errorf("decode audit body: %d bytes, more than the limit of %d", len(body), d.maxBody())
	}
	b := d.batch()
	if err := b.decode(body); err != nil {
		b.Release()
		return nil, err
	}
	return b, nil
}

func (b *Batch) decode(body []byte) error {
	// Events are measured only when one could be over the limit: the scan
	// costs about as much as the parse.
	b.measured = len(body) > b.d.maxEvent()
	if b.measured {
		b.sc.reset(body, MaxDepth)
		if err := b.sc.scan(); err != nil {
			return err
		}
	}
	v, err := b.p.ParseBytes(body)
	if err != nil {
		if strings.Contains(err.Error(), "too big depth") {
			return fmt.Errorf("%w: more than %d levels", ErrTooDeep, MaxDepth)
		}
		return fmt.Errorf("%w: %v", ErrBadJSON, err)
	}
	switch v.Type() {
	case fastjson.TypeArray:
		for _, el := range v.GetArray() {
			if err := b.element(el); err != nil {
				return err
			}
		}
		return nil
	case fastjson.TypeObject:
		return b.top(v)
	}
	return ErrNotAuditEvent
}

// top handles a body that is one object: an Event or an EventList.
func (b *Batch) top(v *fastjson.Value) error {
	switch kindOf(v) {
	case "Event":
		return b.add(v, b.take(v))
	case "EventList":
		b.take(v)
		return b.items(v)
	}
	return ErrNotAuditEvent
}

// element handles one element of a top-level array.
func (b *Batch) element(v *fastjson.Value) error {
	if v.Type() != fastjson.TypeObject {
		return b.reject(ErrNotAuditEvent)
	}
	first := b.next
	size := b.take(v)
	var err error
	switch kindOf(v) {
	case "Event":
		err = b.add(v, size)
	case "EventList":
		err = b.items(v)
	default:
		err = b.reject(ErrNotAuditEvent)
	}
	b.skipSpans(first)
	return err
}

// items decodes the items of an EventList; every object item is an event
// (Falco sets its kind to Event).
func (b *Batch) items(v *fastjson.Value) error {
	items := v.Get("items")
	if items == nil || items.Type() == fastjson.TypeNull {
		return nil
	}
	if items.Type() != fastjson.TypeArray {
		return b.reject(ErrNotAuditEvent)
	}
	for _, it := range items.GetArray() {
		if it.Type() != fastjson.TypeObject {
			if err := b.reject(ErrNotAuditEvent); err != nil {
				return err
			}
			continue
		}
		first := b.next
		if err := b.add(it, b.take(it)); err != nil {
			return err
		}
		b.skipSpans(first)
	}
	return nil
}

func kindOf(v *fastjson.Value) string {
	k := v.Get("kind")
	if k == nil || k.Type() != fastjson.TypeString {
		return ""
	}
	s, _ := k.StringBytes()
	switch string(s) {
	case "Event":
		return "Event"
	case "EventList":
		return "EventList"
	}
	return ""
}

// take returns the raw size of candidate object v, the next span in document
// order (or v's marshalled size when the scan could not be trusted); 0 when
// the body was too small to need measuring.
func (b *Batch) take(v *fastjson.Value) int {
	if !b.measured {
		return 0
	}
	if b.sc.escapedKey || b.next >= len(b.sc.spans) {
		b.buf = appendJSON(b.buf[:0], v)
		return len(b.buf)
	}
	b.next++
	return b.sc.spans[b.next-1].size
}

// skipSpans moves past every span nested in the candidate whose span was
// first, whatever the walk consumed of them.
func (b *Batch) skipSpans(first int) {
	if b.measured && !b.sc.escapedKey && first < len(b.sc.spans) {
		b.next = first + 1 + b.sc.spans[first].nested
	}
}

// add validates one event and appends it.
func (b *Batch) add(v *fastjson.Value, size int) error {
	if size > b.d.maxEvent() {
		return b.reject(fmt.Errorf("%w: %d bytes, more than the limit of %d", ErrEventTooLarge, size, b.d.maxEvent()))
	}
	ns, err := stageTime(v)
	if err != nil {
		return b.reject(err)
	}
	b.Events = append(b.Events, Event{v: v, time: ns})
	b.index++
	return nil
}

// reject records a bad item: an error for the body unless Lenient.
func (b *Batch) reject(err error) error {
	ie := ItemError{Index: b.index, Err: err}
	b.index++
	if !b.d.Lenient {
		return &ie
	}
	b.Rejected = append(b.Rejected, ie)
	return nil
}
