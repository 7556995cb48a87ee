package hostile

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Locals of eval_batch: the parameter n, then these.
const (
	locN    = 0
	locI    = 1 // event index
	locRec  = 2 // field record address, then match offset
	locOut  = 3 // matches written
	locA    = 4 // scratch for defects
	locB    = 5 // scratch for defects
	fieldFn = 0 // function index of aerie.field
)

var evalLocals = []wasm.ValType{wasm.I32, wasm.I32, wasm.I32, wasm.I32, wasm.I32}

// emitter writes eval_batch.
type emitter struct {
	b    *code.Builder
	self uint32 // function index of eval_batch
	spec spec
}

// eval is eval_batch(n): for each event, reset the heap, pull ka.verb,
// fire the defect when the verb starts with 'd', and report rule 0 as
// matched when the verb exists and the rule is enabled.
func (e *emitter) eval() []byte {
	b := e.b
	b.Comment("n > max batch (or negative): error")
	b.LocalGet(locN)
	b.I32Const(maxBatch)
	b.Op(op.I32GtU)
	b.If(code.Empty)
	b.I32Const(abi.ErrBatchTooLarge)
	b.Op(op.Return)
	b.End()
	done := b.Block(code.Empty)
	next := b.Loop(code.Empty)
	b.LocalGet(locI)
	b.LocalGet(locN)
	b.Op(op.I32GeU)
	b.BrIf(done)
	e.event()
	b.LocalGet(locI)
	b.I32Const(1)
	b.Op(op.I32Add)
	b.LocalSet(locI)
	b.Br(next)
	b.End()
	b.End()
	b.LocalGet(locOut)
	return b.Bytes()
}

// event evaluates event locI.
func (e *emitter) event() {
	b := e.b
	b.Comment("reset the heap, pull ka.verb")
	b.I32Const(0)
	b.I32Const(heapBase)
	b.Store(op.I32Store, heapPtrAddr)
	b.LocalGet(locI)
	b.I32Const(verbField)
	b.Call(fieldFn)
	b.LocalSet(locRec)
	skip := b.Block(code.Empty)
	b.LocalGet(locRec)
	b.Op(op.I32Eqz)
	b.BrIf(skip)
	if e.spec.defect != nil {
		e.trigger()
	}
	b.I32Const(0)
	b.Load(op.I32Load8U, enabledAddr)
	b.Op(op.I32Eqz)
	b.BrIf(skip)
	e.match()
	b.End()
}

// trigger runs the defect when the verb record's text starts with 'd'.
func (e *emitter) trigger() {
	b := e.b
	b.Comment("verb starts with 'd': the defect")
	safe := b.Block(code.Empty)
	b.LocalGet(locRec)
	b.Load(op.I32Load, 0)
	b.Op(op.I32Eqz)
	b.BrIf(safe)
	b.LocalGet(locRec)
	b.Load(op.I32Load8U, 4)
	b.I32Const(triggerByte)
	b.Op(op.I32Ne)
	b.BrIf(safe)
	e.spec.defect(e)
	b.End()
}

// match appends the pair (locI, rule 0) to the match area.
func (e *emitter) match() {
	b := e.b
	b.LocalGet(locOut)
	b.I32Const(3)
	b.Op(op.I32Shl)
	b.LocalTee(locRec)
	b.LocalGet(locI)
	b.Store(op.I32Store, matchesAddr)
	b.LocalGet(locRec)
	b.I32Const(0)
	b.Store(op.I32Store, matchesAddr+4)
	b.LocalGet(locOut)
	b.I32Const(1)
	b.Op(op.I32Add)
	b.LocalSet(locOut)
}
