package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Set tables: u32 count, then count × u32 addresses of text records,
// sorted bytewise. Number tables: u32 count, u32 padding, then count × u64
// sorted as unsigned.

// rtSetHas: set_has(tbl, s) -> whether text s is in the set (binary search).
func (g *gen) rtSetHas(f *fn) {
	const tbl, s = 0, 1
	lo, hi, mid, c := f.i32("lo"), f.i32("hi"), f.i32("mid"), f.i32("c")
	f.bsearch(tbl, lo, hi, mid, 2, op.I32Load, 4, func() {
		f.get(s)
		f.Call(fnStrCmp)
		f.LocalTee(c)
		f.Op(op.I32Eqz)
		f.retIf(1)
		f.get(c)
		f.c32(0)
		f.Op(op.I32LtS)
	})
}

// rtNumSetHas: num_set_has(tbl, v) -> whether v is in the number table.
func (g *gen) rtNumSetHas(f *fn) {
	const tbl, v = 0, 1
	lo, hi, mid := f.i32("lo"), f.i32("hi"), f.i32("mid")
	x := f.local(i64, "x")
	f.bsearch(tbl, lo, hi, mid, 3, op.I64Load, 8, func() {
		f.LocalTee(x)
		f.get(v)
		f.Op(op.I64Eq)
		f.retIf(1)
		f.get(x, v)
		f.Op(op.I64LtU)
	})
}

// rtListAll: list_all(lst, tbl) -> every element of list lst is in tbl
// (true for an empty list).
func (g *gen) rtListAll(f *fn) { g.listScan(f, true) }

// rtListAny: list_any(lst, tbl) -> some element of list lst is in tbl.
func (g *gen) rtListAny(f *fn) { g.listScan(f, false) }

// listScan walks the elements of a list record (u32 count, then records).
// With all it returns 0 at the first element not in the set, else it
// returns 1 at the first element in it.
func (g *gen) listScan(f *fn, all bool) {
	const lst, tbl = 0, 1
	n, e := f.i32("n"), f.i32("e")
	f.listStart(lst, n, e)
	f.loop(func(brk code.Label) {
		f.brIfZero(n, brk)
		f.get(tbl, e)
		f.Call(fnSetHas)
		if all {
			f.Op(op.I32Eqz)
			f.retIf(0)
		} else {
			f.retIf(1)
		}
		f.elemNext(n, e)
	})
	if all {
		f.c32(1)
	} else {
		f.c32(0)
	}
}
