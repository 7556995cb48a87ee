package codegen

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// batchGen generates event(evt, count) -> count, the evaluation of one
// event, and eval_batch(n), which calls it per event.
type batchGen struct {
	g          *gen
	f          *fn
	evt, count uint32
	next       code.Label
}

// eventFn is the function index of event(evt, count): after the rules.
func (g *gen) eventFn() uint32 { return uint32(numFns) + uint32(len(g.m.Rules)) }

// evalEvent generates event(evt, count) -> count: count plus the event's
// matches, which it writes from match slot count on.
func (g *gen) evalEvent() *fn {
	f := newFn("event", params(2), vI32, "evt", "count")
	b := &batchGen{g: g, f: f, evt: 0, count: 1}
	b.beginEvent()
	b.next = f.Block(code.Empty)
	b.dispatch()
	f.End()
	f.get(b.count)
	return f
}

// evalBatch generates eval_batch(n) -> number of matches. It calls event
// once per event in straight-line code: the runtime that enforces deadlines
// checks them at every loop iteration, and a check leaves the sandbox
// (costing about as much as a host call), so the hot path has no loop.
func (g *gen) evalBatch() *fn {
	f := newFn(abi.ExportEvalBatch, params(1), vI32, "n")
	const n = 0
	count := f.i32("count")
	f.get(n)
	f.c32(MaxBatch)
	f.Op(op.I32GtU)
	f.retIf(abi.ErrBatchTooLarge)
	done := f.Block(code.Empty)
	for i := range int32(MaxBatch) {
		f.c32(i)
		f.get(n)
		f.Op(op.I32GeU)
		f.BrIf(done)
		f.c32(i)
		f.get(count)
		f.Call(g.eventFn())
		f.set(count)
	}
	f.End()
	f.get(count)
	return f
}

// beginEvent clears the field cache and the predicate memo and resets the heap.
func (b *batchGen) beginEvent() {
	f, l := b.f, b.g.l
	if n := len(b.g.m.Fields); n > 0 {
		f.c32(int32(l.cache))
		f.c32(0)
		f.c32(int32(4 * n))
		f.MemoryFill()
	}
	if l.memoLen > 0 {
		f.c32(int32(l.memo))
		f.c32(0)
		f.c32(int32(l.memoLen))
		f.MemoryFill()
	}
	f.c32(0)
	f.c32(int32(l.heapBase))
	f.Store(op.I32Store, heapPtrAddr)
}

// dispatch runs the rules for the event's code. Without event types every
// rule runs; with them a br_table picks the rules of the event's type.
func (b *batchGen) dispatch() {
	m := b.g.m
	if len(m.EventTypes) == 0 {
		b.prefetch(0) // the common fields
		for _, r := range m.Rules {
			b.call(r)
		}
		return
	}
	f := b.f
	code_ := f.i32("code")
	f.get(b.evt)
	f.c32(2)
	f.Op(op.I32Shl)
	f.Load(op.I32Load, b.g.l.events)
	f.LocalTee(code_)
	f.c32(-2) // abi.AnyEventType
	f.Op(op.I32Eq)
	f.If(code.Empty)
	f.Comment("type unknown: every rule")
	for _, r := range m.Rules {
		b.call(r)
	}
	f.Br(b.next)
	f.End()
	other := f.Block(code.Empty)
	labels := make([]code.Label, len(m.EventTypes))
	for i := len(labels) - 1; i >= 0; i-- {
		labels[i] = f.Block(code.Empty)
	}
	f.get(code_)
	f.BrTable(labels, other)
	for c := range labels {
		f.End()
		f.Comment("event type " + m.EventTypes[c])
		b.prefetch(c)
		for _, r := range m.Rules {
			if r.Codes == nil || hasCode(r.Codes, c) {
				b.call(r)
			}
		}
		f.Br(b.next)
	}
	f.End()
	for _, r := range m.Rules {
		if r.Codes == nil {
			b.call(r)
		}
	}
}

func hasCode(cs []int, c int) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// call runs rule r when enabled and records a match; without the
// match-all flag a match ends the event.
func (b *batchGen) call(r *ir.Rule) {
	f, l := b.f, b.g.l
	skip := f.Block(code.Empty)
	f.c32(0)
	f.Load(op.I32Load8U, l.enabled+uint32(r.ID))
	f.Op(op.I32Eqz)
	f.BrIf(skip)
	f.get(b.evt)
	f.Call(ruleFn(r.ID))
	f.Op(op.I32Eqz)
	f.BrIf(skip)
	for i, v := range []func(){func() { f.get(b.evt) }, func() { f.c32(int32(r.ID)) }} {
		f.get(b.count)
		f.c32(3)
		f.Op(op.I32Shl)
		v()
		f.Store(op.I32Store, l.matches+uint32(4*i))
	}
	f.add(b.count, 1)
	f.c32(0)
	f.Load(op.I32Load, abi.HeaderAddr+abi.HdrFlags)
	f.c32(abi.FlagMatchAll)
	f.Op(op.I32And)
	f.Op(op.I32Eqz)
	f.BrIf(b.next)
	f.End()
}
