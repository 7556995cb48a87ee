package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Emitters for walking list records (u32 count, then text records) and
// searching sorted tables, shared by the support routines and predicates.

// listStart sets n to the element count of the list record in local lst
// and e to the address of its first element.
func (f *fn) listStart(lst, n, e uint32) {
	f.ld32(lst, 0)
	f.set(n)
	f.recData(lst)
	f.set(e)
}

// elemNext moves e past the text record it points at and counts n down.
func (f *fn) elemNext(n, e uint32) {
	f.get(e)
	f.ld32(e, 0)
	f.Op(op.I32Add)
	f.c32(4)
	f.Op(op.I32Add)
	f.set(e)
	f.add(n, -1)
}

// bsearch emits a binary search of the table in local tbl (u32 count at
// offset 0, entries of 1<<shift bytes from offset off) and pushes 0 when
// it misses. Each step pushes entry mid (read with load) and calls probe,
// which returns 1 on a match and otherwise pushes whether the entry sorts
// below the key.
func (f *fn) bsearch(tbl, lo, hi, mid uint32, shift int32, load op.Opcode, off uint32, probe func()) {
	f.ld32(tbl, 0)
	f.set(hi)
	f.loop(func(brk code.Label) {
		f.get(lo, hi)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		f.get(lo, hi)
		f.Op(op.I32Add)
		f.c32(1)
		f.Op(op.I32ShrU)
		f.LocalTee(mid)
		f.c32(shift)
		f.Op(op.I32Shl)
		f.get(tbl)
		f.Op(op.I32Add)
		f.Load(load, off)
		probe()
		f.ifElse(func() {
			f.get(mid)
			f.c32(1)
			f.Op(op.I32Add)
			f.set(lo)
		}, func() {
			f.get(mid)
			f.set(hi)
		})
	})
	f.c32(0)
}
