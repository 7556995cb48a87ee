// Package callgraph reads a WebAssembly module's sections before the host
// compiles it and refuses what Aerie's code generator never emits: any
// section, import kind, value type, block type or instruction outside the
// subset the toolchain uses (MVP numeric, control and memory instructions,
// sign extension, memory.copy and memory.fill), and any recursion — a cycle
// in the graph of direct calls. It also bounds the number of functions, the
// size of a function body and its locals.
//
// The walk visits every instruction once and skips each immediate exactly,
// so a module it accepts has no call_indirect, no tables, no SIMD, no
// threads and an acyclic call graph: every call chain ends, and the guest's
// stack depth is bounded by the number of functions.
//
// It may import only the standard library (its tests also use the
// toolchain, the default rules and the hostile fixtures for seeds).
package callgraph
