// Package hostile builds the hostile rule modules the runtime's tests load:
// each is a well-formed Aerie guest module (imports, exports, header,
// metadata) with exactly one defect, assembled by hand with Aerie's own Wasm
// encoder. `go generate` writes them to testdata/*.wasm and README.md from
// the table in fixtures.go; a test fails when the committed files are stale.
// The 100 MiB module is too big to commit: Huge builds it at test time.
//
// It may import guest/abi, guest/fields and toolchain/wasm/...; its tests
// also load the fixtures in runtime/wasmhost.
package hostile

//go:generate go run gen.go
