// Package wasmhost hosts compiled rule modules in wazero: it validates a
// module against the guest ABI (size, imports, exports, metadata, fields,
// regexes), compiles it once (with an optional on-disk compilation cache),
// and evaluates batches of events in per-worker instances with a deadline
// per batch, containing traps and runaway guests.
//
// It may import guest/... and the wazero packages; never toolchain/.
package wasmhost
