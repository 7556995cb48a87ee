package codegen

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// batchGen generates eval_batch(n) -> number of matches.
type batchGen struct {
	g             *gen
	f             *fn
	n, evt, count uint32
	next          code.Label
}

func (g *gen) evalBatch() *fn {
	f := newFn(abi.ExportEvalBatch, params(1), vI32, "n")
	b := &batchGen{g: g, f: f, n: 0, evt: f.i32("evt"), count: f.i32("count")}
	f.get(b.n)
	f.c32(MaxBatch)
	f.Op(op.I32GtU)
	f.retIf(abi.ErrBatchTooLarge)
	f.loop(func(brk code.Label) {
		f.get(b.evt, b.n)
		f.Op(op.I32GeU)
		f.BrIf(brk)
		b.beginEvent()
		b.next = f.Block(code.Empty)
		b.dispatch()
		f.End()
		f.add(b.evt, 1)
	})
	f.get(b.count)
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
