// Package bench holds the side-by-side benchmarks of the evaluation
// engines (parse only, parse + interpreter, parse + Wasm, Wasm with the
// default rules) on the conformance events plus a generated set of varied
// audit events, and of compiling and loading modules.
//
//	go test -run - -bench . -count 5 ./tests/bench
//
// It may import anything of ours; it holds only tests and their helpers.
package bench
