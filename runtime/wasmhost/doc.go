// Package wasmhost hosts compiled rule modules in wazero: it checks a
// module's code statically before compiling it (only the instructions
// Aerie emits, no recursion, bounded functions and stack:
// internal/callgraph), validates it against the guest ABI (size, imports,
// exports, metadata, fields, regexes), compiles it once (with an optional
// on-disk compilation cache), and evaluates batches of events in
// per-worker instances with a deadline per batch, containing traps and
// runaway guests.
//
// It may import guest/... and the wazero packages; never toolchain/ (its
// tests do, to build the modules they load).
package wasmhost
