package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
)

// fn is a function being generated: its builder plus its signature and
// locals.
type fn struct {
	*code.Builder
	name    string
	params  []wasm.ValType
	results []wasm.ValType
	locals  []wasm.ValType
	lnames  []string
}

func newFn(name string, params, results []wasm.ValType, pnames ...string) *fn {
	return &fn{Builder: code.New(), name: name, params: params, results: results, lnames: pnames}
}

// local adds a local of type t and returns its index.
func (f *fn) local(t wasm.ValType, name string) uint32 {
	f.locals = append(f.locals, t)
	f.lnames = append(f.lnames, name)
	return uint32(len(f.params) + len(f.locals) - 1)
}

func (f *fn) i32(name string) uint32 { return f.local(wasm.I32, name) }

// types deduplicates function types in first-use order.
type types struct {
	list []wasm.FuncType
}

func (t *types) index(params, results []wasm.ValType) uint32 {
	for i, ft := range t.list {
		if sameTypes(ft.Params, params) && sameTypes(ft.Results, results) {
			return uint32(i)
		}
	}
	t.list = append(t.list, wasm.FuncType{Params: params, Results: results})
	return uint32(len(t.list) - 1)
}

func sameTypes(a, b []wasm.ValType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var (
	i32  = wasm.I32
	i64  = wasm.I64
	vI32 = []wasm.ValType{wasm.I32}
)

func params(n int) []wasm.ValType {
	p := make([]wasm.ValType, n)
	for i := range p {
		p[i] = wasm.I32
	}
	return p
}
