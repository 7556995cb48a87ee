// Package interp is Aerie's reference evaluator: a plain tree-walking
// interpreter over the checked program (toolchain/program). It gives the
// rules their meaning — Falco's semantics, written for clarity rather than
// speed — and is the oracle the Wasm back end is tested against. It can also
// be chosen at run time (aerie replay --engine interp).
//
// An *Interp implements runtime.Evaluator structurally (Metadata, Eval,
// SetOptions) without importing runtime.
//
// It may import guest/... and toolchain/{ast,program}.
package interp
