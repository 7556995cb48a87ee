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
	BlockF32           = BlockType(wasm.F32)
	BlockF64           = BlockType(wasm.F64)
)

// frame is an open block.
type frame struct {
	label   Label
	kind    op.Opcode // op.Block, op.Loop or op.If
	hasElse bool
}

// Builder accumulates one function body and, for String, a compact record
// of each instruction that is formatted only when asked for.
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
	out := make([]byte, len(b.buf), len(b.buf)+1)
	copy(out, b.buf)
	return op.End.Append(out)
}

// Len is the number of bytes emitted so far, without the final end.
func (b *Builder) Len() int { return len(b.buf) }

// Depth is the number of open blocks.
func (b *Builder) Depth() int { return len(b.open) }

func bug(format string, args ...any) {
	panic(fmt.Sprintf("BUG: code: "+format, args...))
}
