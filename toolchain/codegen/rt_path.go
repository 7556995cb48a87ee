package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// rtHasMeta: has_meta(p, n) -> whether p[0:n] holds '?', '*' or '['.
func (g *gen) rtHasMeta(f *fn) {
	const p, n = 0, 1
	c := f.i32("c")
	f.loop(func(brk code.Label) {
		f.brIfZero(n, brk)
		f.ld8(p, 0)
		f.LocalTee(c)
		f.c32('?')
		f.Op(op.I32Eq)
		f.eqConst(c, '*')
		f.Op(op.I32Or)
		f.eqConst(c, '[')
		f.Op(op.I32Or)
		f.retIf(1)
		f.add(p, 1)
		f.add(n, -1)
	})
	f.c32(0)
}

// rtPMatch: pmatch(s, pat) -> whether text s lies at or below the path
// prefix pat, by '/'-separated components (guest/match.PathPrefix).
func (g *gen) rtPMatch(f *fn) {
	const s, pat = 0, 1
	pp, pe, sp, se, pc, sc := f.i32("pp"), f.i32("pe"), f.i32("sp"), f.i32("se"), f.i32("pc"), f.i32("sc")
	bounds := func(r, ptr, end uint32) {
		f.recData(r)
		f.LocalTee(ptr)
		f.ld32(r, 0)
		f.Op(op.I32Add)
		f.set(end)
	}
	bounds(pat, pp, pe)
	bounds(s, sp, se)
	f.loop(func(code.Label) {
		g.nextComponent(f, pp, pe, pc, 1)
		g.nextComponent(f, sp, se, sc, 0)
		g.componentMatch(f, pc, pp, sc, sp)
		f.Op(op.I32Eqz)
		f.retIf(0)
	})
	f.Op(op.Unreachable)
}

// componentMatch pushes whether component s[sc:se] matches pattern
// component p[pc:pe]: glob when it has meta characters, else equality.
func (g *gen) componentMatch(f *fn, pc, pe, sc, se uint32) {
	length := func(a, b uint32) { f.get(b, a); f.Op(op.I32Sub) }
	f.get(pc)
	length(pc, pe)
	f.Call(fnHasMeta)
	f.If(code.BlockI32)
	f.get(sc)
	length(sc, se)
	f.get(pc)
	length(pc, pe)
	f.c32(0)
	f.Call(fnGlob)
	f.Else()
	length(pc, pe)
	length(sc, se)
	f.Op(op.I32Eq)
	f.If(code.BlockI32)
	f.get(pc, sc)
	length(pc, pe)
	f.Call(fnMemEq)
	f.Else()
	f.c32(0)
	f.End()
	f.End()
}

// nextComponent moves local p past the slashes before the next path
// component, returns atEnd when p reaches end there, else sets start to
// the component's start and p to its end.
func (g *gen) nextComponent(f *fn, p, end, start uint32, atEnd int32) {
	g.skipSlashes(f, p, end)
	f.get(p, end)
	f.Op(op.I32Eq)
	f.retIf(atEnd)
	f.get(p)
	f.set(start)
	g.skipComponent(f, p, end)
}

// skipSlashes advances local p past '/' bytes, up to end.
func (g *gen) skipSlashes(f *fn, p, end uint32) { g.skipWhile(f, p, end, op.I32Ne) }

// skipComponent advances local p to the next '/' or end.
func (g *gen) skipComponent(f *fn, p, end uint32) { g.skipWhile(f, p, end, op.I32Eq) }

// skipWhile advances p while p < end and !(byte stopOp '/').
func (g *gen) skipWhile(f *fn, p, end uint32, stop op.Opcode) {
	f.loop(func(brk code.Label) {
		f.get(p, end)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		f.ld8(p, 0)
		f.c32('/')
		f.Op(stop)
		f.BrIf(brk)
		f.add(p, 1)
	})
}
