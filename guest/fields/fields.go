// Package fields is the field catalog of every event source Aerie knows:
// names, types, argument rules and documentation. It is data plus the small
// value model shared by everything that extracts or compares field values
// (the reference evaluator, the Wasm host functions, the code generator).
//
// It may import nothing of ours: toolchain, runtime and probes all depend on it.
package fields

import "strings"

// Source names, as rules files spell them in `source:`.
const (
	SourceSyscall  = "syscall"
	SourceK8sAudit = "k8s_audit"
)

// Type is the type of a field's value, as the checker and comparisons see it.
// Falco's many numeric types (int8…uint64, errno, fd, pid, port, flags, mode,
// reltime, abstime) collapse into Int and Uint; FSPATH and FSRELPATH into Path.
type Type uint8

const (
	String Type = iota + 1 // text (Falco CHARBUF)
	Path                   // a file system path (Falco FSPATH / FSRELPATH); compares as text
	Bytes                  // a raw byte buffer (Falco BYTEBUF); bcontains/bstartswith apply
	Int                    // signed 64-bit integer (Falco INT*, ERRNO, FD, PID)
	Uint                   // unsigned 64-bit integer (Falco UINT*, PORT, FLAGS, MODE, times)
	Bool                   // true/false (Falco BOOL)
	IPAddr                 // an IPv4 or IPv6 address (Falco IPADDR); Value.S holds 4 or 16 bytes
	IPNet                  // an address with prefix (Falco IPNET)
	Double                 // a float64 (Falco DOUBLE); Value.N holds math.Float64bits
)

var typeNames = [...]string{"", "string", "path", "bytes", "int64", "uint64", "bool", "ipaddr", "ipnet", "double"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "invalid"
}

// Numeric reports whether values of t live in Value.N and order as numbers.
func (t Type) Numeric() bool {
	return t == Int || t == Uint || t == Double
}

// Textual reports whether values of t live in Value.S as text.
func (t Type) Textual() bool { return t == String || t == Path || t == Bytes }

// ArgMode says whether a field takes an argument in brackets: `ka.uri.param[x]`.
type ArgMode uint8

const (
	ArgNone     ArgMode = iota // no argument allowed
	ArgOptional                // argument allowed, not required
	ArgRequired                // argument required
)

// ArgKind says what an argument looks like.
type ArgKind uint8

const (
	ArgKey     ArgKind = iota // any text: a name or a key
	ArgIndex                  // a non-negative integer
	ArgPointer                // a JSON pointer (RFC 6901), e.g. /spec/replicas
)

// Field describes one field of a source's catalog.
type Field struct {
	Name    string
	Type    Type
	List    bool    // the field yields a list of values (only in, intersects, exists apply)
	Arg     ArgMode // whether it takes `[arg]`
	ArgKind ArgKind
	// Prefix marks a field whose name is a prefix completed by a dynamic part,
	// such as evt.arg.<name> (Name is "evt.arg" and Prefix is true).
	Prefix bool
	NoRHS  bool // may not be used as the right-hand side of a field-to-field comparison
	// AnyOf marks a multi-valued scalar, Falco's proc.aname without an
	// index: the extractor lists every value in Value.L (nearest first; S
	// holds the first, for outputs) and a comparison holds when it holds for
	// any element (`in`: some element is in the set; `!=`: some element
	// differs); exists holds when there is an element. See MatchesAny.
	AnyOf      bool
	Deprecated string // non-empty: what to use instead
	Doc        string
}

// Catalog is the set of fields one source offers.
type Catalog struct {
	Source string
	Fields []Field
	index  map[string]int
}

// NewCatalog builds a catalog; field names must be unique.
func NewCatalog(source string, fs []Field) *Catalog {
	c := &Catalog{Source: source, Fields: fs, index: make(map[string]int, len(fs))}
	for i, f := range fs {
		if _, dup := c.index[f.Name]; dup {
			panic("BUG: duplicate field " + f.Name + " in catalog " + source)
		}
		c.index[f.Name] = i
	}
	return c
}

// Lookup resolves a field name as written in a condition (without its
// bracketed argument). For prefix fields such as evt.arg.<name> it returns
// the prefix field and the dynamic remainder ("flags" for evt.arg.flags).
// The longest known name wins, as in Falco. A prefix field that also takes
// a bracketed argument (evt.arg[0]) resolves by its bare name with rest "".
func (c *Catalog) Lookup(name string) (f *Field, rest string, ok bool) {
	if i, ok := c.index[name]; ok && (!c.Fields[i].Prefix || c.Fields[i].Arg != ArgNone) {
		return &c.Fields[i], "", true
	}
	for n := name; ; {
		dot := strings.LastIndexByte(n, '.')
		if dot < 0 {
			return nil, "", false
		}
		n = n[:dot]
		if i, ok := c.index[n]; ok && c.Fields[i].Prefix {
			return &c.Fields[i], name[dot+1:], true
		}
	}
}

// MatchesAny reports whether a reference to f compares against each of
// several values (an AnyOf field used without an argument).
func (f *Field) MatchesAny(r Ref) bool { return f != nil && f.AnyOf && !r.HasArg }

// Ref is a field reference as a rule writes it: a name and an optional
// argument (`proc.aname[2]` is {proc.aname, "2", true}).
type Ref struct {
	Name   string
	Arg    string
	HasArg bool
}

// String renders the reference the way a rule writes it.
func (r Ref) String() string {
	if !r.HasArg {
		return r.Name
	}
	return r.Name + "[" + r.Arg + "]"
}

// Value is one extracted field value for one event. Text-like types (String,
// Path, Bytes, IPAddr, IPNet) use S; numeric and Bool types use N (Int as its
// two's-complement bits, Bool as 0 or 1, Double as math.Float64bits). List
// fields use L, one entry per element, each as text (numbers in decimal).
// Extractors may reuse the backing arrays between events: copy to keep.
type Value struct {
	S []byte
	N uint64
	L [][]byte
}

// Reset empties v for reuse, keeping its storage.
func (v *Value) Reset() {
	v.S = v.S[:0]
	v.N = 0
	v.L = v.L[:0]
}

// Event is one event as the evaluators see it. Field extracts the value of
// the i-th entry of the field table the evaluator was bound with (the
// program's or module's list of field references, in order) into dst, and
// reports whether the field is present. A missing field makes every
// comparison on it false (Falco's rule); only `exists` observes absence.
type Event interface {
	Field(i int, dst *Value) bool
}
