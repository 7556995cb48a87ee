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
	f.dataEq(x, y, x)
}

// dataEq pushes whether the texts in locals a and b agree on as many
// bytes as the text in local n holds.
func (f *fn) dataEq(a, b, n uint32) {
	f.recData(a)
	f.recData(b)
	f.ld32(n, 0)
	f.Call(fnMemEq)
}

// recData pushes the data address of the record in local r.
func (f *fn) recData(r uint32) {
	f.get(r)
	f.c32(4)
	f.Op(op.I32Add)
}

// addLowByte adds to local i the index of the lowest non-zero byte of the
// i64 local w (its trailing zero bits / 8).
func (f *fn) addLowByte(i, w uint32) {
	f.get(i)
	f.get(w)
	f.Op(op.I64Ctz)
	f.Op(op.I32WrapI64)
	f.c32(3)
	f.Op(op.I32ShrU)
	f.Op(op.I32Add)
	f.set(i)
}

// strCmpWords is how many 8-byte words str_cmp compares before it loops.
const strCmpWords = 6

// rtStrCmp: str_cmp(x, y) -> -1, 0 or 1, bytewise with a prefix first. It
// skips equal 8-byte words (the first differing byte of a word is found
// with ctz) and compares the last bytes in straight-line code.
func (g *gen) rtStrCmp(f *fn) {
	const x, y = 0, 1
	lx, ly, n, i, cx, cy := f.i32("lx"), f.i32("ly"), f.i32("n"), f.i32("i"), f.i32("cx"), f.i32("cy")
	d := f.local(i64, "d")
	f.ld32(x, 0)
	f.set(lx)
	f.ld32(y, 0)
	f.set(ly)
	f.get(lx, ly, lx, ly)
	f.Op(op.I32LtU)
	f.Op(op.Select)
	f.set(n)
	differ := f.Block(code.Empty)
	word := func(brk code.Label) { // compare the word at i, or leave to brk
		f.get(i)
		f.c32(8)
		f.Op(op.I32Add)
		f.get(n)
		f.Op(op.I32GtU)
		f.BrIf(brk)
		f.get(x, i)
		f.Op(op.I32Add)
		f.Load(op.I64Load, 4)
		f.get(y, i)
		f.Op(op.I32Add)
		f.Load(op.I64Load, 4)
		f.Op(op.I64Xor)
		f.LocalTee(d)
		f.Op(op.I64Eqz)
		f.Op(op.I32Eqz)
		f.If(code.Empty)
		f.addLowByte(i, d)
		f.Br(differ)
		f.End()
		f.add(i, 8)
	}
	// The first strCmpWords words in straight-line code: a loop would cost
	// a deadline check (a trip out of the sandbox) even for short texts.
	words := f.Block(code.Empty)
	for range strCmpWords {
		word(words)
	}
	f.loop(word)
	f.End()
	tail := f.Block(code.Empty)
	for range 7 {
		f.get(i, n)
		f.Op(op.I32GeU)
		f.BrIf(tail)
		f.ld8at(x, i, 4)
		f.ld8at(y, i, 4)
		f.Op(op.I32Ne)
		f.BrIf(differ)
		f.add(i, 1)
	}
	f.End()
	f.c32(-1)
	f.get(lx, ly)
	f.Op(op.I32GtU)
	f.get(lx, ly)
	f.Op(op.I32LtU)
	f.Op(op.Select)
	f.Op(op.Return)
	f.End()
	// bytes at i differ
	f.ld8at(x, i, 4)
	f.set(cx)
	f.ld8at(y, i, 4)
	f.set(cy)
	f.c32(-1)
	f.c32(1)
	f.get(cx, cy)
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
	f.dataEq(s, p, p)
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

// rtContains: contains(s, p) -> whether text p occurs in text s. Eight
// candidate positions at a time are ruled out by a word test for p's first
// byte (SWAR), so a miss costs one loop iteration per 8 bytes.
func (g *gen) rtContains(f *fn) { g.scan(f, false) }

// scanSteps is how many candidate windows scan tries per loop iteration:
// each iteration costs a deadline check, a trip out of the sandbox.
const scanSteps = 4

// scan is contains (fold: icontains, matching p[0] in either case).
func (g *gen) scan(f *fn, fold bool) {
	const s, p = 0, 1
	i, last, lp := f.i32("i"), f.i32("last"), f.i32("lp")
	pat, alt, v := f.local(i64, "pat"), f.local(i64, "alt"), f.local(i64, "v")
	f.ld32(p, 0)
	f.LocalTee(lp)
	f.ld32(s, 0)
	f.Op(op.I32GtU)
	f.retIf(0)
	f.get(lp)
	f.Op(op.I32Eqz)
	f.retIf(1)
	f.ld32(s, 0)
	f.get(lp)
	f.Op(op.I32Sub)
	f.set(last)
	g.broadcast(f, p, pat, alt, fold)
	step := func() { // one window of candidates; the loop runs scanSteps per iteration
		next := f.Block(code.Empty)
		f.get(i, last)
		f.Op(op.I32GtU)
		f.retIf(0)
		f.get(i)
		f.c32(7)
		f.Op(op.I32Add)
		f.get(last)
		f.Op(op.I32LeU)
		f.If(code.Empty) // eight candidates: skip them unless one starts with p[0]
		g.zeroBytes(f, s, i, pat, v)
		g.zeroBytes(f, s, i, alt, v)
		f.Op(op.I64Or)
		f.LocalTee(v)
		f.Op(op.I64Eqz)
		f.If(code.Empty)
		f.add(i, 8)
		f.Br(next)
		f.End()
		f.addLowByte(i, v)
		f.End()
		f.recData(s)
		f.get(i)
		f.Op(op.I32Add)
		f.recData(p)
		f.get(lp)
		if fold {
			f.Call(fnMemEqFold)
		} else {
			f.Call(fnMemEq)
		}
		f.retIf(1)
		f.add(i, 1)
		f.End()
	}
	f.loop(func(code.Label) {
		for range scanSteps {
			step()
		}
	})
	f.Op(op.Unreachable)
}

// broadcast sets pat (and alt, its other case when fold) to p[0] in every
// byte of a word.
func (g *gen) broadcast(f *fn, p, pat, alt uint32, fold bool) {
	c := f.i32("c0")
	f.ld8(p, 4)
	f.set(c)
	word := func(dst uint32) {
		f.Op(op.I64ExtendI32U)
		f.I64Const(0x0101010101010101)
		f.Op(op.I64Mul)
		f.set(dst)
	}
	if !fold {
		f.get(c)
		word(pat)
		f.get(c)
		word(alt)
		return
	}
	f.get(c)
	f.Call(fnLower)
	word(pat)
	f.get(c)
	f.Call(fnUpper)
	word(alt)
}

// zeroBytes pushes the SWAR mask of the bytes of the word at s+4+i equal
// to the byte broadcast in pat: its lowest set bit marks the first such
// byte exactly.
func (g *gen) zeroBytes(f *fn, s, i, pat, v uint32) {
	f.get(s, i)
	f.Op(op.I32Add)
	f.Load(op.I64Load, 4)
	f.get(pat)
	f.Op(op.I64Xor)
	f.LocalTee(v)
	f.I64Const(0x0101010101010101)
	f.Op(op.I64Sub)
	f.get(v)
	f.I64Const(-1)
	f.Op(op.I64Xor)
	f.Op(op.I64And)
	f.I64Const(-0x7f7f7f7f7f7f7f80) // 0x8080808080808080
	f.Op(op.I64And)
}

// rtIContains: icontains(s, p) -> contains ignoring ASCII case.
func (g *gen) rtIContains(f *fn) { g.scan(f, true) }
