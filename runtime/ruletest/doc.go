// Package ruletest runs rule tests: YAML files that name rules files, event
// fixtures and the alerts those events must (or must not) raise. It is the
// library behind `aerie test`; docs/rule-testing.md describes the format.
//
// A rule test needs both a compiler and a runtime. The runtime may not
// import the toolchain (a host needs no compiler), so this package lives in
// runtime and receives the compiler from its caller as an Engine: cmd/aerie
// builds engines from toolchain (the interpreter, or toolchain.Compile plus
// runtime/wasmhost), tests can pass their own. Events are replayed with
// runtime/replay and formatted by runtime/alert, exactly as `aerie replay`
// and `aerie run` do.
//
// It may import runtime, runtime/..., guest/... and yaml.v3; never toolchain/.
package ruletest
