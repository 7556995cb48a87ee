package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// rtB64: b64(s) -> decoded text, or 0 when s is not base64
// (guest/match.B64Decode: padding optional, no whitespace).
func (g *gen) rtB64(f *fn) {
	const s = 0
	n, d, i, c, v, acc, nbits, out := f.i32("n"), f.i32("d"), f.i32("i"), f.i32("c"), f.i32("v"), f.i32("acc"), f.i32("nbits"), f.i32("out")
	f.nullGuard(s)
	f.ld32(s, 0)
	f.set(n)
	for range 2 { // drop up to two trailing '='
		f.get(n)
		f.If(code.Empty)
		f.get(s, n)
		f.Op(op.I32Add)
		f.Load(op.I32Load8U, 3)
		f.c32('=')
		f.Op(op.I32Eq)
		f.If(code.Empty)
		f.add(n, -1)
		f.End()
		f.End()
	}
	f.get(n)
	f.c32(3)
	f.Op(op.I32And)
	f.c32(1)
	f.Op(op.I32Eq)
	f.retIf(0)
	f.get(n)
	f.c32(4)
	f.Op(op.I32Add)
	f.Call(fnAlloc)
	f.set(d)
	f.loop(func(brk code.Label) {
		f.get(i, n)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		f.ld8at(s, i, 4)
		f.set(c)
		g.b64Digit(f, c, v)
		f.get(acc)
		f.c32(6)
		f.Op(op.I32Shl)
		f.get(v)
		f.Op(op.I32Or)
		f.set(acc)
		f.add(nbits, 6)
		f.get(nbits)
		f.c32(8)
		f.Op(op.I32GeU)
		f.If(code.Empty)
		f.add(nbits, -8)
		f.get(d, out)
		f.Op(op.I32Add)
		f.get(acc, nbits)
		f.Op(op.I32ShrU)
		f.Store(op.I32Store8, 4)
		f.add(out, 1)
		f.End()
		f.add(i, 1)
	})
	f.get(d, out)
	f.Store(op.I32Store, 0)
	f.get(d)
}

// b64Digit sets v to the value of base64 digit c, or returns 0.
func (g *gen) b64Digit(f *fn, c, v uint32) {
	ok := f.Block(code.Empty)
	rng := func(lo byte, n, base int32) {
		f.get(c)
		f.c32(int32(lo))
		f.Op(op.I32Sub)
		f.c32(n)
		f.Op(op.I32LtU)
		f.If(code.Empty)
		f.get(c)
		f.c32(base - int32(lo))
		f.Op(op.I32Add)
		f.set(v)
		f.Br(ok)
		f.End()
	}
	rng('A', 26, 0)
	rng('a', 26, 26)
	rng('0', 10, 52)
	rng('+', 1, 62)
	rng('/', 1, 63)
	f.ret(0)
	f.End()
}
