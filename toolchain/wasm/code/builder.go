// Package code builds WebAssembly function bodies: instructions appended to
// a []byte, structured control flow with symbolic labels whose branch depths
// are computed from the nesting, and a WAT-like listing of what was built.
// Misuse (a branch to a closed label, an unbalanced end) is a toolchain bug
// and panics with "BUG:".
//
// It may import only the standard library and toolchain/wasm/...
package code

import (
	"fmt"

	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/internal/wat"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Label names an open block, loop or if. Labels are numbered in the order
// their blocks open, from 0, and print as $L<n>.
type Label int

// BlockType is a block's result: Empty or one value type.
type BlockType byte

// The block types.
const (
	Empty    BlockType = 0x40
	BlockI32           = BlockType(wasm.I32)
	BlockI64           = BlockType(wasm.I64)
	BlockF64           = BlockType(wasm.F64)
)

// frame is an open block.
type frame struct {
	label   Label
	kind    op.Opcode // op.Block, op.Loop or op.If
	hasElse bool
}

// entry is a line of the listing; calls are named when String runs.
type entry struct {
	depth   int
	text    string
	call    bool
	fn      uint32
	comment bool
}

// Builder accumulates one function body.
type Builder struct {
	buf   []byte
	open  []frame
	next  Label
	lines []entry
	names func(uint32) string
}

// New returns an empty builder.
func New() *Builder { return &Builder{} }

// Names sets the resolver that names call targets in String.
func (b *Builder) Names(f func(uint32) string) { b.names = f }

// Bytes returns the encoded expression with its final end. It panics when
// a block is still open.
func (b *Builder) Bytes() []byte {
	if len(b.open) > 0 {
		bug("Bytes with %d blocks open, innermost %s", len(b.open), wat.Label(int(b.open[len(b.open)-1].label)))
	}
	return op.End.Append(append([]byte(nil), b.buf...))
}

// Len is the number of bytes emitted so far, without the final end.
func (b *Builder) Len() int { return len(b.buf) }

// String returns the WAT-like listing: one instruction per line, indented
// by nesting, comments as ";; text".
func (b *Builder) String() string {
	lines := make([]wat.Line, len(b.lines))
	for i, e := range b.lines {
		text := e.text
		if e.call {
			text += " " + wat.FuncRef(e.fn, b.names)
		}
		lines[i] = wat.Line{Depth: e.depth, Text: text}
	}
	return wat.Format(lines, "")
}

// Comment adds a line to the listing; it emits no code.
func (b *Builder) Comment(s string) {
	b.lines = append(b.lines, entry{depth: len(b.open), text: ";; " + s, comment: true})
}

// emit appends o with already-encoded immediates and lists it with text.
func (b *Builder) emit(o op.Opcode, imm []byte, text string) {
	b.buf = append(o.Append(b.buf), imm...)
	b.lines = append(b.lines, entry{depth: len(b.open), text: o.String() + text})
}

func bug(format string, args ...any) {
	panic(fmt.Sprintf("BUG: code: "+format, args...))
}
