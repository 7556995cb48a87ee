package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// rtDecRec: dec_rec(t) -> a number record holding the decimal text t (an
// optional '-', then digits), or 0 for a missing t. List elements carry
// numbers as decimal text: proc.apid without an index lists every
// ancestor's pid.
func (g *gen) rtDecRec(f *fn) {
	const t = 0
	p, end, neg := f.i32("p"), f.i32("end"), f.i32("neg")
	acc := f.local(wasm.I64, "acc")
	f.nullGuard(t)
	f.recData(t)
	f.LocalTee(p)
	f.ld32(t, 0)
	f.Op(op.I32Add)
	f.set(end)
	f.get(p, end)
	f.Op(op.I32LtU)
	f.If(code.Empty)
	f.ld8(p, 0)
	f.c32('-')
	f.Op(op.I32Eq)
	f.LocalTee(neg)
	f.get(p)
	f.Op(op.I32Add)
	f.set(p)
	f.End()
	f.loop(func(brk code.Label) {
		f.get(p, end)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		f.get(acc)
		f.I64Const(10)
		f.Op(op.I64Mul)
		f.ld8(p, 0)
		f.c32('0')
		f.Op(op.I32Sub)
		f.Op(op.I64ExtendI32U)
		f.Op(op.I64Add)
		f.set(acc)
		f.add(p, 1)
	})
	f.I64Const(0)
	f.get(acc)
	f.Op(op.I64Sub)
	f.get(acc)
	f.get(neg)
	f.Op(op.Select)
	f.Call(fnNumRec)
}
