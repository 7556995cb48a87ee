// Package difffuzz is the differential fuzzer of the two engines: it turns
// fuzz input into well-typed conditions over the k8s_audit catalog, compiles
// each to Wasm, and checks that the module and the reference interpreter
// match the same corpus events (and synthetic ones). Conditions that once
// broke the Wasm engine, and every disagreement the fuzzer finds, are cases
// in regressions_test.go. syscall_test.go compares the engines on whole
// syscall rule sets over random events built from the rules' literals.
//
// It may import anything of ours; it holds only tests.
package difffuzz
