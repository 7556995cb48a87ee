package hostile

import (
	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// infiniteLoop never leaves: loop { br loop }.
func infiniteLoop(e *emitter) {
	l := e.b.Loop(code.Empty)
	e.b.Br(l)
	e.b.End()
}

// Grow bomb parameters: pages per memory.grow, failures before giving up.
const (
	bombStep     = 16
	bombFailures = 1000
)

// growBomb grows memory bombStep pages at a time, filling each new region
// so the pages are really used, until memory.grow has failed bombFailures
// times; then the event goes on as usual.
func growBomb(e *emitter) {
	b := e.b
	out := b.Block(code.Empty)
	again := b.Loop(code.Empty)
	b.I32Const(bombStep)
	b.MemoryGrow()
	b.LocalTee(locB)
	b.I32Const(-1)
	b.Op(op.I32Eq)
	b.If(code.Empty)
	b.LocalGet(locA)
	b.I32Const(1)
	b.Op(op.I32Add)
	b.LocalTee(locA)
	b.I32Const(bombFailures)
	b.Op(op.I32GeU)
	b.BrIf(out)
	b.Else()
	b.LocalGet(locB)
	b.I32Const(16)
	b.Op(op.I32Shl)
	b.I32Const(0xAA)
	b.I32Const(bombStep << 16)
	b.MemoryFill()
	b.End()
	b.Br(again)
	b.End()
	b.End()
}

// recursionDepth is the depth deepRecursion asks for: far beyond any stack.
const recursionDepth = 1 << 30

// deepRecursion calls the helper down(recursionDepth).
func deepRecursion(e *emitter) {
	e.b.I32Const(recursionDepth)
	e.b.Call(e.self + 1)
	e.b.Op(op.Drop)
}

// downFunc is down(x) = x == 0 ? 0 : down(x-1) + 1, not a tail call; self
// is its own function index.
func downFunc(self uint32) wasm.Func {
	b := code.New()
	b.LocalGet(0)
	b.Op(op.I32Eqz)
	b.If(code.BlockI32)
	b.I32Const(0)
	b.Else()
	b.LocalGet(0)
	b.I32Const(1)
	b.Op(op.I32Sub)
	b.Call(self)
	b.I32Const(1)
	b.Op(op.I32Add)
	b.End()
	return wasm.Func{Name: "down", Type: typeEval, Body: b.Bytes()}
}

// trap executes unreachable.
func trap(e *emitter) { e.b.Op(op.Unreachable) }
