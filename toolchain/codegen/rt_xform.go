package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Transformers take records and return new records on the heap; a missing
// argument (0) gives a missing result (0).

// nullGuard returns 0 when local r is 0.
func (f *fn) nullGuard(r uint32) {
	f.get(r)
	f.Op(op.I32Eqz)
	f.retIf(0)
}

// newText allocates a text record of the length in local n into local d.
func (f *fn) newText(n, d uint32) {
	f.get(n)
	f.c32(4)
	f.Op(op.I32Add)
	f.Call(fnAlloc)
	f.LocalTee(d)
	f.get(n)
	f.Store(op.I32Store, 0)
}

// rtToLower: tolower(s).
func (g *gen) rtToLower(f *fn) { g.mapBytes(f, func() { f.Call(fnLower) }) }

// rtToUpper: toupper(s).
func (g *gen) rtToUpper(f *fn) {
	g.mapBytes(f, func() {
		c := f.i32("c")
		f.LocalTee(c)
		f.swapCase(c, op.I32Sub, 'a')
	})
}

// mapBytes copies text s into a new record, mapping each byte with conv
// (which turns the byte on the stack into its image).
func (g *gen) mapBytes(f *fn, conv func()) {
	const s = 0
	n, d, i := f.i32("n"), f.i32("d"), f.i32("i")
	f.nullGuard(s)
	f.ld32(s, 0)
	f.set(n)
	f.newText(n, d)
	f.loop(func(brk code.Label) {
		f.get(i, n)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		f.get(d, i)
		f.Op(op.I32Add)
		f.ld8at(s, i, 4)
		conv()
		f.Store(op.I32Store8, 4)
		f.add(i, 1)
	})
	f.get(d)
}

// rtBasename: basename(s) -> the text after the last '/'.
func (g *gen) rtBasename(f *fn) {
	const s = 0
	i, n, d := f.i32("i"), f.i32("n"), f.i32("d")
	f.nullGuard(s)
	f.ld32(s, 0)
	f.set(i)
	f.loop(func(brk code.Label) {
		f.brIfZero(i, brk)
		f.get(s, i)
		f.Op(op.I32Add)
		f.Load(op.I32Load8U, 3) // byte i-1
		f.c32('/')
		f.Op(op.I32Eq)
		f.BrIf(brk)
		f.add(i, -1)
	})
	f.ld32(s, 0)
	f.get(i)
	f.Op(op.I32Sub)
	f.set(n)
	f.newText(n, d)
	f.recData(d)
	f.recData(s)
	f.get(i)
	f.Op(op.I32Add)
	f.get(n)
	f.MemoryCopy()
	f.get(d)
}

// rtLenText: len_text(s) -> number record: bytes before the first NUL.
func (g *gen) rtLenText(f *fn) {
	const s = 0
	i, n := f.i32("i"), f.i32("n")
	f.nullGuard(s)
	f.ld32(s, 0)
	f.set(n)
	f.loop(func(brk code.Label) {
		f.get(i, n)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		f.ld8at(s, i, 4)
		f.Op(op.I32Eqz)
		f.BrIf(brk)
		f.add(i, 1)
	})
	f.get(i)
	f.Op(op.I64ExtendI32U)
	f.Call(fnNumRec)
}

// rtLenBytes: len_bytes(s) -> number record: the byte length.
func (g *gen) rtLenBytes(f *fn) { g.lenWord(f) }

// rtLenList: len_list(l) -> number record: the element count.
func (g *gen) rtLenList(f *fn) { g.lenWord(f) }

// lenWord makes a number record from a record's first word (text length
// or list count).
func (g *gen) lenWord(f *fn) {
	const s = 0
	f.nullGuard(s)
	f.ld32(s, 0)
	f.Op(op.I64ExtendI32U)
	f.Call(fnNumRec)
}

// rtConcat2: concat2(a, b) -> a new text record a‖b.
func (g *gen) rtConcat2(f *fn) {
	const a, b = 0, 1
	n, d := f.i32("n"), f.i32("d")
	f.nullGuard(a)
	f.nullGuard(b)
	f.ld32(a, 0)
	f.ld32(b, 0)
	f.Op(op.I32Add)
	f.set(n)
	f.newText(n, d)
	f.recData(d)
	f.recData(a)
	f.ld32(a, 0)
	f.MemoryCopy()
	f.get(d)
	f.ld32(a, 0)
	f.Op(op.I32Add)
	f.c32(4)
	f.Op(op.I32Add)
	f.recData(b)
	f.ld32(b, 0)
	f.MemoryCopy()
	f.get(d)
}

// rtJoin: join(sep, lst) -> the list's elements joined by sep.
func (g *gen) rtJoin(f *fn) {
	const sep, lst = 0, 1
	acc, n, e, first := f.i32("acc"), f.i32("n"), f.i32("e"), f.i32("first")
	f.nullGuard(sep)
	f.nullGuard(lst)
	f.c32(4)
	f.Call(fnAlloc)
	f.LocalTee(acc)
	f.c32(0)
	f.Store(op.I32Store, 0)
	f.listStart(lst, n, e)
	f.c32(1)
	f.set(first)
	f.loop(func(brk code.Label) {
		f.brIfZero(n, brk)
		f.get(first)
		f.Op(op.I32Eqz)
		f.If(code.Empty)
		f.get(acc, sep)
		f.Call(fnConcat2)
		f.set(acc)
		f.End()
		f.c32(0)
		f.set(first)
		f.get(acc, e)
		f.Call(fnConcat2)
		f.set(acc)
		f.elemNext(n, e)
	})
	f.get(acc)
}
