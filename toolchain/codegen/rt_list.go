package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Transformer lists, `join(",", (proc.name, "x"))`: a text becomes a
// one-element list and lists are concatenated.

// rtList1: list1(t) -> a list record holding text t.
func (g *gen) rtList1(f *fn) {
	const t = 0
	d := f.i32("d")
	f.nullGuard(t)
	f.ld32(t, 0)
	f.c32(8)
	f.Op(op.I32Add)
	f.Call(fnAlloc)
	f.LocalTee(d)
	f.c32(1)
	f.Store(op.I32Store, 0)
	f.recData(d)
	f.get(t)
	f.ld32(t, 0)
	f.c32(4)
	f.Op(op.I32Add)
	f.MemoryCopy()
	f.get(d)
}

// rtListBytes: list_bytes(l) -> the size of list record l's elements.
func (g *gen) rtListBytes(f *fn) {
	const l = 0
	n, e := f.i32("n"), f.i32("e")
	f.listStart(l, n, e)
	f.loop(func(brk code.Label) {
		f.brIfZero(n, brk)
		f.elemNext(n, e)
	})
	f.get(e)
	f.recData(l)
	f.Op(op.I32Sub)
}

// rtListCat: list_cat(a, b) -> a list record with a's elements, then b's.
func (g *gen) rtListCat(f *fn) {
	const a, b = 0, 1
	la, lb, d := f.i32("la"), f.i32("lb"), f.i32("d")
	f.nullGuard(a)
	f.nullGuard(b)
	f.get(a)
	f.Call(fnListBytes)
	f.set(la)
	f.get(b)
	f.Call(fnListBytes)
	f.set(lb)
	f.get(la, lb)
	f.Op(op.I32Add)
	f.c32(4)
	f.Op(op.I32Add)
	f.Call(fnAlloc)
	f.LocalTee(d)
	f.ld32(a, 0)
	f.ld32(b, 0)
	f.Op(op.I32Add)
	f.Store(op.I32Store, 0)
	f.recData(d)
	f.recData(a)
	f.get(la)
	f.MemoryCopy()
	f.get(d, la)
	f.Op(op.I32Add)
	f.c32(4)
	f.Op(op.I32Add)
	f.recData(b)
	f.get(lb)
	f.MemoryCopy()
	f.get(d)
}
