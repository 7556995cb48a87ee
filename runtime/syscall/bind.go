package syscall

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/fields"
)

// Binding is a field table resolved against fields.Syscall: entry i
// extracts refs[i]. It is immutable and safe for concurrent use.
type Binding struct {
	refs []fields.Ref
	ex   []extractor
}

type extractor struct {
	fn     extractFn
	idx    int    // [N] argument, -1 when absent
	key    string // [key] argument or the evt.arg.<name> / evt.rawarg.<name> name
	hasArg bool
}

type extractFn func(x *extractor, e *Event, dst *fields.Value) bool

// Bind resolves every reference against fields.Syscall. An unknown field or
// a bad argument is an error naming the field.
func Bind(refs []fields.Ref) (*Binding, error) {
	b := &Binding{refs: append([]fields.Ref(nil), refs...), ex: make([]extractor, len(refs))}
	for i, r := range refs {
		if err := bindOne(&b.ex[i], r); err != nil {
			return nil, fmt.Errorf("bind field %q: %w", r.String(), err)
		}
	}
	return b, nil
}

func bindOne(x *extractor, r fields.Ref) error {
	f, rest, ok := fields.Syscall.Lookup(r.Name)
	if !ok {
		return fmt.Errorf("unknown field for source %s", fields.SourceSyscall)
	}
	fn, known := table[f.Name]
	if !known {
		return fmt.Errorf("no extractor for %s", f.Name)
	}
	x.fn, x.idx, x.key, x.hasArg = fn, -1, rest, r.HasArg
	if err := f.CheckArg(r); err != nil {
		return err
	}
	switch {
	case f.Prefix && rest == "" && !r.HasArg:
		return fmt.Errorf("needs a name or an index")
	case r.HasArg && f.ArgKind == fields.ArgIndex:
		n, err := fields.ParseIndex(r.Arg)
		if err != nil {
			return err
		}
		x.idx = n
	case r.HasArg:
		x.key = r.Arg
	}
	return nil
}

// Refs is the field table the binding was built from.
func (b *Binding) Refs() []fields.Ref { return b.refs }

// Len is the number of bound fields.
func (b *Binding) Len() int { return len(b.ex) }

// Field extracts bound field i of e into dst (reset first).
func (b *Binding) Field(e *Event, i int, dst *fields.Value) bool {
	dst.Reset()
	x := &b.ex[i]
	return x.fn(x, e, dst)
}

// View presents one event as a fields.Event of a binding.
type View struct {
	b *Binding
	e *Event
}

// NewView returns a view of e through b.
func (b *Binding) NewView(e *Event) *View { return &View{b: b, e: e} }

// Set points the view at another binding and event.
func (v *View) Set(b *Binding, e *Event) { v.b, v.e = b, e }

// Event is the viewed event.
func (v *View) Event() *Event { return v.e }

// Field implements fields.Event.
func (v *View) Field(i int, dst *fields.Value) bool { return v.b.Field(v.e, i, dst) }

// EventType is the viewed event's type (for the Wasm host's dispatch).
func (v *View) EventType() string { return v.e.typ }

var _ fields.Event = (*View)(nil)

// Value helpers.

func str(dst *fields.Value, s string) bool { dst.S = append(dst.S[:0], s...); return true }

func num(dst *fields.Value, n int64) bool { dst.N = uint64(n); return true }

func unum(dst *fields.Value, n uint64) bool { dst.N = n; return true }

func boolean(dst *fields.Value, b bool) bool {
	dst.N = 0
	if b {
		dst.N = 1
	}
	return true
}
