// Package codegen turns the IR of one event source into a Wasm module that
// follows guest ABI v1 (guest/abi): the support routines (memory, string
// compare, prefix/suffix, contains, case folding, glob, path prefix, set
// lookup, transformers), one function per rule, and eval_batch with its
// event-type dispatch, plus the header, constants and metadata sections.
// The same IR always gives the same bytes.
//
// It may import guest/..., toolchain/ir, toolchain/program and
// toolchain/wasm/....
package codegen
