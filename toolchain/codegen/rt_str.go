package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Text records: u32 length at rec, bytes at rec+4.

// rtStrEq: str_eq(x, y) -> whether two text records are equal.
func (g *gen) rtStrEq(f *fn) {
	const x, y = 0, 1
	f.ld32(x, 0)
	f.ld32(y, 0)
	f.Op(op.I32Ne)
	f.retIf(0)
	f.recData(x)
	f.recData(y)
	f.ld32(x, 0)
	f.Call(fnMemEq)
}

// recData pushes the data address of the record in local r.
func (f *fn) recData(r uint32) {
	f.get(r)
	f.c32(4)
	f.Op(op.I32Add)
}

// rtStrCmp: str_cmp(x, y) -> -1, 0 or 1, bytewise with a prefix first.
func (g *gen) rtStrCmp(f *fn) {
	const x, y = 0, 1
	lx, ly, n, i, cx, cy := f.i32("lx"), f.i32("ly"), f.i32("n"), f.i32("i"), f.i32("cx"), f.i32("cy")
	f.ld32(x, 0)
	f.set(lx)
	f.ld32(y, 0)
	f.set(ly)
	f.get(lx, ly, lx, ly)
	f.Op(op.I32LtU)
	f.Op(op.Select)
	f.set(n)
	f.loop(func(brk code.Label) {
		f.get(i, n)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		f.ld8at(x, i, 4)
		f.LocalTee(cx)
		f.ld8at(y, i, 4)
		f.LocalTee(cy)
		f.Op(op.I32Ne)
		f.If(code.Empty)
		f.c32(-1)
		f.c32(1)
		f.get(cx, cy)
		f.Op(op.I32LtU)
		f.Op(op.Select)
		f.Op(op.Return)
		f.End()
		f.add(i, 1)
	})
	f.c32(-1)
	f.get(lx, ly)
	f.Op(op.I32GtU)
	f.get(lx, ly)
	f.Op(op.I32LtU)
	f.Op(op.Select)
}

// rtStarts: starts(s, p) -> whether text s begins with text p.
func (g *gen) rtStarts(f *fn) {
	const s, p = 0, 1
	f.ld32(p, 0)
	f.ld32(s, 0)
	f.Op(op.I32GtU)
	f.retIf(0)
	f.recData(s)
	f.recData(p)
	f.ld32(p, 0)
	f.Call(fnMemEq)
}

// rtEnds: ends(s, p) -> whether text s ends with text p.
func (g *gen) rtEnds(f *fn) {
	const s, p = 0, 1
	ls, lp := f.i32("ls"), f.i32("lp")
	f.ld32(s, 0)
	f.set(ls)
	f.ld32(p, 0)
	f.LocalTee(lp)
	f.get(ls)
	f.Op(op.I32GtU)
	f.retIf(0)
	f.recData(s)
	f.get(ls)
	f.Op(op.I32Add)
	f.get(lp)
	f.Op(op.I32Sub)
	f.recData(p)
	f.get(lp)
	f.Call(fnMemEq)
}

// rtContains: contains(s, p) -> whether text p occurs in text s.
func (g *gen) rtContains(f *fn) { g.search(f, fnMemEq) }

// rtIContains: icontains(s, p) -> contains ignoring ASCII case.
func (g *gen) rtIContains(f *fn) { g.search(f, fnMemEqFold) }

// search tries eq(s+4+i, p+4, lp) at every i in 0…ls-lp.
func (g *gen) search(f *fn, eq uint32) {
	const s, p = 0, 1
	i, last, lp := f.i32("i"), f.i32("last"), f.i32("lp")
	f.ld32(p, 0)
	f.LocalTee(lp)
	f.ld32(s, 0)
	f.Op(op.I32GtU)
	f.retIf(0)
	f.ld32(s, 0)
	f.get(lp)
	f.Op(op.I32Sub)
	f.set(last)
	f.loop(func(code.Label) {
		f.recData(s)
		f.get(i)
		f.Op(op.I32Add)
		f.recData(p)
		f.get(lp)
		f.Call(eq)
		f.retIf(1)
		f.get(i, last)
		f.Op(op.I32Eq)
		f.retIf(0)
		f.add(i, 1)
	})
	f.Op(op.Unreachable)
}
