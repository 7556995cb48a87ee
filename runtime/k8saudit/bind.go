package k8saudit

import (
	"fmt"

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
	// base is the memoized node path (or ptr) starts with; rest the keys of
	// path below it (ptr is trimmed to the tokens below it).
	base int
	rest []string
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
	x.base, x.rest = deepest(x.path)
	if x.ptr != nil {
		x.base, x.ptr = pointerBase(x.ptr)
	}
	return nil
}

// pointerBase maps a JSON pointer to the deepest memoized node its leading
// key tokens name, and the tokens below it.
func pointerBase(toks []ptrToken) (int, []ptrToken) {
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.key
	}
	n, rest := deepest(keys)
	return n, toks[len(toks)-len(rest):]
}

func bindArg(x *extractor, f *fields.Field, r fields.Ref) error {
	if err := f.CheckArg(r); err != nil || !r.HasArg {
		return err
	}
	switch f.ArgKind {
	case fields.ArgIndex:
		n, err := fields.ParseIndex(r.Arg)
		if err != nil {
			return err
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

// get returns the value at x.path, starting from its memoized node.
func (x *extractor) get(e *Event) *fastjson.Value { return e.at(x.base).Get(x.rest...) }
