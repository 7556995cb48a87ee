package codegen

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

const heapPtrAddr = abi.HeaderAddr + abi.HdrHeapPtr

// rtAlloc: alloc(n) -> addr. Bumps the heap pointer (8-aligned), growing
// memory when needed; traps when memory cannot grow.
func (g *gen) rtAlloc(f *fn) {
	const n = 0
	p, end := f.i32("p"), f.i32("end")
	f.c32(0)
	f.Load(op.I32Load, heapPtrAddr)
	f.c32(7)
	f.Op(op.I32Add)
	f.c32(-8)
	f.Op(op.I32And)
	f.LocalTee(p)
	f.get(n)
	f.Op(op.I32Add)
	f.LocalTee(end)
	f.memBytes()
	f.Op(op.I32GtU)
	f.If(code.Empty)
	f.get(end)
	f.memBytes()
	f.Op(op.I32Sub)
	f.c32(65535)
	f.Op(op.I32Add)
	f.c32(16)
	f.Op(op.I32ShrU)
	f.MemoryGrow()
	f.c32(-1)
	f.Op(op.I32Eq)
	f.If(code.Empty)
	f.Op(op.Unreachable)
	f.End()
	f.End()
	f.c32(0)
	f.get(end)
	f.Store(op.I32Store, heapPtrAddr)
	f.get(p)
}

// memBytes pushes the memory size in bytes.
func (f *fn) memBytes() {
	f.MemorySize()
	f.c32(16)
	f.Op(op.I32Shl)
}

// rtFld: fld(evt, id) -> rec or 0. The field cache slot holds 0 (not yet
// asked), 1 (missing) or the record address.
func (g *gen) rtFld(f *fn) {
	const evt, id = 0, 1
	slot, v := f.i32("slot"), f.i32("v")
	f.get(id)
	f.c32(2)
	f.Op(op.I32Shl)
	f.LocalTee(slot)
	f.Load(op.I32Load, g.l.cache)
	f.LocalTee(v)
	f.If(code.Empty)
	f.get(v)
	f.c32(0)
	f.eqConst(v, 1)
	f.Op(op.I32Eqz)
	f.Op(op.Select)
	f.Op(op.Return)
	f.End()
	f.get(evt, id)
	f.Call(fnField)
	f.set(v)
	f.get(slot, v)
	f.c32(1)
	f.get(v)
	f.Op(op.Select)
	f.Store(op.I32Store, g.l.cache)
	f.get(v)
}

// rtLower: lower(c) -> ASCII lower case of c.
func (g *gen) rtLower(f *fn) {
	const c = 0
	f.get(c)
	f.swapCase(c, op.I32Add, 'A')
}

// rtUpper: upper(c) -> ASCII upper case of c.
func (g *gen) rtUpper(f *fn) {
	const c = 0
	f.get(c)
	f.swapCase(c, op.I32Sub, 'a')
}

// rtMemEq: memeq(a, b, n) -> whether n bytes at a and b are equal. Loop
// iterations are what a deadline-checked guest pays for (wazero checks at
// every loop back-edge), so it compares 32 bytes per iteration and the
// rest with straight-line code.
func (g *gen) rtMemEq(f *fn) {
	const a, b, n = 0, 1, 2
	fail := f.Block(code.Empty)
	f.get(n)
	f.c32(32)
	f.Op(op.I32GeU)
	f.If(code.Empty)
	f.loop(func(brk code.Label) {
		f.get(n)
		f.c32(32)
		f.Op(op.I32LtU)
		f.BrIf(brk)
		for off := uint32(0); off < 32; off += 8 {
			f.cmpWords(a, b, op.I64Load, off, fail)
		}
		f.add(a, 32)
		f.add(b, 32)
		f.add(n, -32)
	})
	f.End()
	for _, w := range []struct {
		size int32
		load op.Opcode
	}{{16, op.I64Load}, {8, op.I64Load}, {4, op.I32Load}, {2, op.I32Load16U}, {1, op.I32Load8U}} {
		f.get(n)
		f.c32(w.size)
		f.Op(op.I32And)
		f.If(code.Empty)
		for off := uint32(0); off < uint32(w.size); off += 8 {
			f.cmpWords(a, b, w.load, off, fail)
		}
		f.add(a, w.size)
		f.add(b, w.size)
		f.End()
	}
	f.ret(1)
	f.End()
	f.c32(0)
}

// cmpWords branches to fail when the words at a+off and b+off differ.
func (f *fn) cmpWords(a, b uint32, load op.Opcode, off uint32, fail code.Label) {
	ne := op.I32Ne
	if load == op.I64Load {
		ne = op.I64Ne
	}
	f.get(a)
	f.Load(load, off)
	f.get(b)
	f.Load(load, off)
	f.Op(ne)
	f.BrIf(fail)
}

// rtMemEqFold: memeq_fold(a, b, n) -> memeq ignoring ASCII case.
func (g *gen) rtMemEqFold(f *fn) {
	const a, b, n = 0, 1, 2
	f.loop(func(brk code.Label) {
		f.brIfZero(n, brk)
		f.ld8(a, 0)
		f.Call(fnLower)
		f.ld8(b, 0)
		f.Call(fnLower)
		f.Op(op.I32Ne)
		f.retIf(0)
		f.add(a, 1)
		f.add(b, 1)
		f.add(n, -1)
	})
	f.c32(1)
}

// rtNumRec: num_rec(v) -> a new number record holding v.
func (g *gen) rtNumRec(f *fn) {
	const v = 0
	p := f.i32("p")
	f.c32(8)
	f.Call(fnAlloc)
	f.LocalTee(p)
	f.get(v)
	f.Store(op.I64Store, 0)
	f.get(p)
}

// swapCase changes the case of the byte on the stack (also in local c):
// it applies shift (I32Add lowers, I32Sub uppers) with 32 when the byte is
// one of the 26 ASCII letters starting at from, else leaves it.
func (f *fn) swapCase(c uint32, shift op.Opcode, from int32) {
	f.c32(32)
	f.Op(shift)
	f.get(c)
	f.get(c)
	f.c32(from)
	f.Op(op.I32Sub)
	f.c32(26)
	f.Op(op.I32LtU)
	f.Op(op.Select)
}
