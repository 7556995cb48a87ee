// Package wasm is Aerie's WebAssembly binary encoder for the module subset
// the toolchain emits: function types, function imports, functions, one
// memory, globals with constant initialisers, exports, active data segments
// for memory 0, a name section and custom sections. Module.Encode writes the
// binary form, Module.WAT a readable text form.
//
// Encoders append to a []byte; a module that breaks an invariant (an index
// out of range, a type that does not exist) is a toolchain bug and panics
// with "BUG:".
//
// It may import only the standard library and toolchain/wasm/leb128,
// toolchain/wasm/op and toolchain/wasm/internal/....
package wasm

// ValType is a WebAssembly value type.
type ValType byte

// The number types.
const (
	I32 ValType = 0x7f
	I64 ValType = 0x7e
	F32 ValType = 0x7d
	F64 ValType = 0x7c
)

// FuncType is a function signature.
type FuncType struct{ Params, Results []ValType }

// Import is a function import; Type indexes Module.Types.
type Import struct {
	Module, Name string
	Type         uint32
}

// Func is a function defined by the module. Its index is len(Imports) plus
// its position in Module.Funcs. Body is an encoded expression including the
// final end (code.Builder.Bytes()). LocalNames optionally names the
// function's locals, parameters first; empty names are left out.
type Func struct {
	Name       string
	Type       uint32
	Locals     []ValType
	Body       []byte
	LocalNames []string
}

// Memory is the module's one linear memory, sized in 64 KiB pages.
type Memory struct {
	Min, Max uint32
	HasMax   bool
}

// Global is a global with a constant initialiser. For F32 and F64 globals
// Init holds the IEEE-754 bit pattern.
type Global struct {
	Name    string
	Type    ValType
	Mutable bool
	Init    int64
}

// ExportKind is the kind of entity an export names.
type ExportKind byte

// The export kinds the encoder supports.
const (
	ExportFunc   ExportKind = 0
	ExportMemory ExportKind = 2
	ExportGlobal ExportKind = 3
)

// Export makes a function, the memory or a global visible to the host.
type Export struct {
	Name  string
	Kind  ExportKind
	Index uint32
}

// Data is an active data segment copied into memory 0 at Offset.
type Data struct {
	Offset uint32
	Bytes  []byte
}

// Custom is a custom section, emitted after the standard sections.
type Custom struct {
	Name  string
	Bytes []byte
}

// Module is a whole WebAssembly module. Name goes to the name section.
type Module struct {
	Name    string
	Types   []FuncType
	Imports []Import
	Funcs   []Func
	Memory  *Memory
	Globals []Global
	Exports []Export
	Data    []Data
	Customs []Custom
}

// NumFuncs is the size of the function index space: imports, then Funcs.
func (m *Module) NumFuncs() uint32 { return uint32(len(m.Imports) + len(m.Funcs)) }

// FuncName returns the name of function index i: "module.name" for an
// import, Func.Name for a defined function ("" when unnamed or out of range).
func (m *Module) FuncName(i uint32) string {
	if i < uint32(len(m.Imports)) {
		return m.Imports[i].Module + "." + m.Imports[i].Name
	}
	if j := i - uint32(len(m.Imports)); j < uint32(len(m.Funcs)) {
		return m.Funcs[j].Name
	}
	return ""
}

// String returns the text-format name of a value type.
func (t ValType) String() string {
	switch t {
	case I32:
		return "i32"
	case I64:
		return "i64"
	case F32:
		return "f32"
	case F64:
		return "f64"
	}
	return "valtype(" + hexByte(byte(t)) + ")"
}

func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[b>>4], digits[b&15]})
}
