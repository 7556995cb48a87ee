package callgraph

import (
	"fmt"
	"strconv"
	"unicode"
)

// Limits bound what Check accepts. A zero field takes its default.
type Limits struct {
	MaxFunctions int // functions, imported and defined
	MaxBodyBytes int // bytes of one function body
	MaxLocals    int // locals of one function, parameters excluded
	// MaxStackSlots bounds the stack the deepest chain of calls may use:
	// the sum, along the chain, of each function's locals and body bytes
	// (an instruction takes at least one byte, so a body cannot push more
	// values than it has bytes).
	MaxStackSlots int
}

// Defaults of Limits: far above what Aerie generates (Falco's syscall and
// k8s_audit rules, with the incubating ones, need under 100 functions,
// bodies under 12 KiB, under 300 locals and a chain weight under 30k),
// and low enough that the guest's stack stays within a few MiB.
const (
	DefaultMaxFunctions  = 20000
	DefaultMaxBodyBytes  = 256 << 10
	DefaultMaxLocals     = 8192
	DefaultMaxStackSlots = 1 << 19
)

func (l Limits) withDefaults() Limits {
	if l.MaxFunctions <= 0 {
		l.MaxFunctions = DefaultMaxFunctions
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if l.MaxLocals <= 0 {
		l.MaxLocals = DefaultMaxLocals
	}
	if l.MaxStackSlots <= 0 {
		l.MaxStackSlots = DefaultMaxStackSlots
	}
	return l
}

// Graph is a module's graph of direct calls.
type Graph struct {
	// Imports is the number of imported functions (indexes 0…Imports-1):
	// leaves of the graph.
	Imports int
	// Calls holds, for the defined function with index Imports+i, the
	// defined functions it calls (function indexes), in order of first
	// call, without repeats. Calls to imports are left out.
	Calls [][]uint32
	// Weight is, per defined function, an upper bound of the value-stack
	// slots one call of it uses: its locals plus its body's bytes.
	Weight []uint32
	names  map[uint32]string
}

// Name is function i as errors print it: $name from the module's name
// section, else its index.
func (g *Graph) Name(i uint32) string {
	n, ok := g.names[i]
	if !ok {
		return strconv.FormatUint(uint64(i), 10)
	}
	const max = 64
	if len(n) > max {
		n = n[:max] + "..."
	}
	for _, c := range n {
		if !unicode.IsPrint(c) || c == ' ' || c == '"' {
			return "$" + strconv.Quote(n)
		}
	}
	return "$" + n
}

// section ids of the binary format, and the names of those refused.
const (
	secCustom   = 0
	secImport   = 2
	secFunction = 3
	secCode     = 10
	secLast     = 13
)

var refusedSections = map[byte]string{4: "table", 8: "start", 9: "element", 12: "data count", 13: "tag"}

type section struct {
	id byte
	r  *reader
}

// decoder holds the state of one Decode.
type decoder struct {
	lim     Limits
	g       *Graph
	defined int      // from the function section
	seen    []uint32 // seen[j] = caller+1 when the caller already calls defined function j
}

// Decode reads the module's sections, checks them against the subset Aerie
// emits and the limits, and returns its call graph (which may have cycles:
// see Cycle). Every error wraps one of the package's sentinels.
func Decode(wasm []byte, lim Limits) (*Graph, error) {
	secs, err := split(wasm)
	if err != nil {
		return nil, err
	}
	d := &decoder{lim: lim.withDefaults(), g: &Graph{}}
	for _, s := range secs { // names first: errors below name functions
		if s.id == secCustom {
			d.custom(s.r)
		}
	}
	for _, s := range secs {
		if err := d.section(s); err != nil {
			return nil, err
		}
	}
	if d.defined != len(d.g.Calls) {
		return nil, fmt.Errorf("%w: %d functions declared, %d bodies", ErrInvalid, d.defined, len(d.g.Calls))
	}
	return d.g, nil
}

// split checks the header and cuts the module into sections: known ids,
// non-custom ones at most once and in order.
func split(wasm []byte) ([]section, error) {
	r := &reader{b: wasm}
	if h, err := r.bytes(8); err != nil || string(h) != "\x00asm\x01\x00\x00\x00" {
		return nil, fmt.Errorf("%w: no WebAssembly 1.0 header", ErrInvalid)
	}
	var secs []section
	var last byte
	for !r.done() {
		at := r.off()
		id, _ := r.byte()
		size, err := r.u32()
		if err != nil {
			return nil, err
		}
		sr, err := r.sub(size)
		if err != nil {
			return nil, err
		}
		if what, ok := refusedSections[id]; ok {
			return nil, fmt.Errorf("%w: %s section (id %d) at byte %d", ErrSection, what, id, at)
		}
		if id > secLast {
			return nil, fmt.Errorf("%w: unknown section id %d at byte %d", ErrInvalid, id, at)
		}
		if id != secCustom {
			if id <= last {
				return nil, fmt.Errorf("%w: section id %d out of order at byte %d", ErrInvalid, id, at)
			}
			last = id
		}
		secs = append(secs, section{id, sr})
	}
	return secs, nil
}

func (d *decoder) section(s section) error {
	switch s.id {
	case secImport:
		return d.imports(s.r)
	case secFunction:
		return d.functions(s.r)
	case secCode:
		return d.code(s.r)
	}
	return nil // types, memory, globals, exports, data, custom: no calls
}

func (d *decoder) imports(r *reader) error {
	n, err := r.u32()
	if err != nil {
		return err
	}
	for range n {
		mod, err := r.name()
		if err != nil {
			return err
		}
		name, err := r.name()
		if err != nil {
			return err
		}
		kind, err := r.byte()
		if err != nil {
			return err
		}
		if kind != 0 {
			return fmt.Errorf("import %q: %w: only functions may be imported (kind %d)", mod+"."+name, ErrImport, kind)
		}
		if _, err := r.u32(); err != nil {
			return err
		}
		d.g.Imports++
		if d.g.Imports > d.lim.MaxFunctions {
			return d.tooMany(d.g.Imports)
		}
	}
	return nil
}

func (d *decoder) tooMany(n int) error {
	return fmt.Errorf("%d functions: %w (%d)", n, ErrLimit, d.lim.MaxFunctions)
}

func (d *decoder) functions(r *reader) error {
	n, err := r.u32()
	if err != nil {
		return err
	}
	if total := uint64(d.g.Imports) + uint64(n); total > uint64(d.lim.MaxFunctions) {
		return d.tooMany(int(total))
	}
	d.defined = int(n)
	return nil
}

func (d *decoder) code(r *reader) error {
	n, err := r.u32()
	if err != nil {
		return err
	}
	if int64(n) != int64(d.defined) {
		return fmt.Errorf("%w: %d functions declared, %d bodies", ErrInvalid, d.defined, n)
	}
	d.g.Calls = make([][]uint32, n)
	d.g.Weight = make([]uint32, n)
	d.seen = make([]uint32, n)
	for i := range d.g.Calls {
		fn := uint32(d.g.Imports + i)
		size, err := r.u32()
		if err != nil {
			return err
		}
		if int64(size) > int64(d.lim.MaxBodyBytes) {
			return fmt.Errorf("function %s body of %d bytes: %w (%d)", d.g.Name(fn), size, ErrLimit, d.lim.MaxBodyBytes)
		}
		body, err := r.sub(size)
		if err != nil {
			return err
		}
		if err := d.body(uint32(i), body); err != nil {
			return err
		}
	}
	return nil
}

// custom reads function names from the name section; a malformed name
// section only loses names (they serve messages, nothing else).
func (d *decoder) custom(r *reader) {
	if n, err := r.name(); err != nil || n != "name" {
		return
	}
	for !r.done() {
		id, _ := r.byte()
		size, err := r.u32()
		if err != nil {
			return
		}
		sub, err := r.sub(size)
		if err != nil {
			return
		}
		if id == 1 {
			d.g.names = functionNames(sub)
		}
	}
}

func functionNames(r *reader) map[uint32]string {
	n, err := r.u32()
	if err != nil {
		return nil
	}
	names := make(map[uint32]string, min(n, 1<<12))
	for range n {
		i, err := r.u32()
		if err != nil {
			return names
		}
		s, err := r.name()
		if err != nil {
			return names
		}
		names[i] = s
	}
	return names
}
