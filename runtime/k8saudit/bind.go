package k8saudit

import (
	"fmt"
	"strconv"

	"github.com/valyala/fastjson"

	"github.com/aeriesec/aerie/guest/fields"
)

// Binding is a field table resolved against the k8s_audit catalog: entry i
// extracts refs[i]. It is immutable and safe for concurrent use.
type Binding struct {
	refs []fields.Ref
	ex   []extractor
}

// extractor is one bound field: its function and the data the reference's
// name and argument fixed at bind time.
type extractor struct {
	fn   extractFn
	path []string // JSON path of the value, or of the array a list walks
	sub  []string // path inside each array element (lists)
	idx  int      // selected array element, -1 for all
	key  string   // key argument (ka.uri.param[key], …)
	ptr  []ptrToken
}

type extractFn func(x *extractor, e *Event, dst *fields.Value) bool

// Bind resolves every reference against fields.K8sAudit. An unknown field or
// an argument the field does not accept is an error naming the field.
func Bind(refs []fields.Ref) (*Binding, error) {
	b := &Binding{refs: append([]fields.Ref(nil), refs...), ex: make([]extractor, len(refs))}
	for i, r := range refs {
		if err := bindOne(&b.ex[i], r); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func bindOne(x *extractor, r fields.Ref) error {
	f, rest, ok := fields.K8sAudit.Lookup(r.Name)
	mk, known := table[r.Name]
	if !ok || rest != "" || !known {
		return fmt.Errorf("bind field %q: unknown field for source %s", r.Name, fields.SourceK8sAudit)
	}
	x.idx = -1
	if err := bindArg(x, f, r); err != nil {
		return fmt.Errorf("bind field %q: %w", r.String(), err)
	}
	mk(x)
	return nil
}

func bindArg(x *extractor, f *fields.Field, r fields.Ref) error {
	switch {
	case r.HasArg && f.Arg == fields.ArgNone:
		return fmt.Errorf("takes no argument")
	case !r.HasArg && f.Arg == fields.ArgRequired:
		return fmt.Errorf("needs an argument")
	case !r.HasArg:
		return nil
	}
	switch f.ArgKind {
	case fields.ArgIndex:
		n, err := strconv.Atoi(r.Arg)
		if err != nil || n < 0 {
			return fmt.Errorf("index %q is not a non-negative integer", r.Arg)
		}
		x.idx = n
	case fields.ArgPointer:
		p, err := parsePointer(r.Arg)
		if err != nil {
			return err
		}
		x.ptr = p
	default:
		x.key = r.Arg
	}
	return nil
}

// Refs is the field table the binding was built from.
func (b *Binding) Refs() []fields.Ref { return b.refs }

// Len is the number of bound fields.
func (b *Binding) Len() int { return len(b.ex) }

// Field extracts bound field i of e into dst (reset first) and reports
// whether it is present. Values may point into dst's storage: copy to keep.
func (b *Binding) Field(e *Event, i int, dst *fields.Value) bool {
	dst.Reset()
	x := &b.ex[i]
	return x.fn(x, e, dst)
}

// View presents one event as a fields.Event of a binding. Reuse Views (Set)
// to keep the hot path free of allocations.
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

var _ fields.Event = (*View)(nil)

// get walks a fixed path from the event's root.
func (x *extractor) get(e *Event) *fastjson.Value { return e.v.Get(x.path...) }
