package wasmhost

import "github.com/aeriesec/aerie/runtime/wasmhost/internal/callgraph"

// Defaults of the static limits (Config.MaxFunctions...): far above what
// Aerie generates, low enough to bound the guest's stack to a few MiB.
const (
	DefaultMaxFunctions  = callgraph.DefaultMaxFunctions
	DefaultMaxBodyBytes  = callgraph.DefaultMaxBodyBytes
	DefaultMaxLocals     = callgraph.DefaultMaxLocals
	DefaultMaxStackSlots = callgraph.DefaultMaxStackSlots
)

// checkStatic refuses, before compiling, what Aerie's code generator never
// emits: sections other than types, imports, functions, memory, globals,
// exports, code, data and custom ones; imports other than functions;
// instructions outside the toolchain's subset (no call_indirect, tables,
// SIMD, atomics, reference types); and any recursion (a cycle of direct
// calls). With no recursion and no indirect calls every chain of calls is
// bounded, so the guest's stack is too, well within the limits checked
// here. A runaway module then can only loop, which the deadline stops.
func checkStatic(wasm []byte, cfg Config) error {
	return callgraph.Check(wasm, callgraph.Limits{
		MaxFunctions:  cfg.MaxFunctions,
		MaxBodyBytes:  cfg.MaxBodyBytes,
		MaxLocals:     cfg.MaxLocals,
		MaxStackSlots: cfg.MaxStackSlots,
	})
}
