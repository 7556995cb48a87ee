package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Small emitters that keep the support routines readable.

func (f *fn) get(ls ...uint32) {
	for _, l := range ls {
		f.LocalGet(l)
	}
}

func (f *fn) set(l uint32) { f.LocalSet(l) }
func (f *fn) c32(v int32)  { f.I32Const(v) }

// ld8 pushes the byte at local l + off.
func (f *fn) ld8(l uint32, off uint32) { f.LocalGet(l); f.Load(op.I32Load8U, off) }

// ld32 pushes the u32 at local l + off.
func (f *fn) ld32(l uint32, off uint32) { f.LocalGet(l); f.Load(op.I32Load, off) }

// ld8at pushes the byte at a + i + off (a and i locals).
func (f *fn) ld8at(a, i uint32, off uint32) { f.get(a, i); f.Op(op.I32Add); f.Load(op.I32Load8U, off) }

// add sets local l to l + d.
func (f *fn) add(l uint32, d int32) { f.get(l); f.c32(d); f.Op(op.I32Add); f.set(l) }

// ret returns the constant v.
func (f *fn) ret(v int32) { f.c32(v); f.Op(op.Return) }

// retIf pops a condition and returns v when it holds.
func (f *fn) retIf(v int32) {
	f.If(code.Empty)
	f.ret(v)
	f.End()
}

// eqConst pushes (local l == v).
func (f *fn) eqConst(l uint32, v int32) { f.get(l); f.c32(v); f.Op(op.I32Eq) }

// brIfZero branches to l when local v is zero.
func (f *fn) brIfZero(v uint32, l code.Label) {
	f.get(v)
	f.Op(op.I32Eqz)
	f.BrIf(l)
}

// loop emits `block $brk loop $cont body br $cont end end`; body breaks
// out with brk and the loop repeats when body falls through.
func (f *fn) loop(body func(brk code.Label)) {
	f.loopc(func(brk, _ code.Label) { body(brk) })
}

// loopc is loop whose body may also branch to cont to start the next
// iteration.
func (f *fn) loopc(body func(brk, cont code.Label)) {
	brk := f.Block(code.Empty)
	cont := f.Loop(code.Empty)
	body(brk, cont)
	f.Br(cont)
	f.End()
	f.End()
}

// ifElse pops a condition and emits then or otherwise.
func (f *fn) ifElse(then, otherwise func()) {
	f.If(code.Empty)
	then()
	if otherwise != nil {
		f.Else()
		otherwise()
	}
	f.End()
}
