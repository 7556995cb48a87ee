package code

import (
	"strings"

	"github.com/aeriesec/aerie/toolchain/wasm/internal/wat"
	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Block opens a block; a branch to its label exits it.
func (b *Builder) Block(t BlockType) Label { return b.openBlock(op.Block, t) }

// Loop opens a loop; a branch to its label starts it again.
func (b *Builder) Loop(t BlockType) Label { return b.openBlock(op.Loop, t) }

// If pops a condition and opens a block run when it is non-zero; a branch
// to its label exits it.
func (b *Builder) If(t BlockType) Label { return b.openBlock(op.If, t) }

func (b *Builder) openBlock(o op.Opcode, t BlockType) Label {
	switch t {
	case Empty, BlockI32, BlockI64, BlockF32, BlockF64:
	default:
		bug("%v with block type %#x", o, byte(t))
	}
	l := b.next
	b.next++
	b.buf = append(o.Append(b.buf), byte(t))
	b.record(entry{o: o, kind: kBlock, imm: int64(l), bt: byte(t)})
	b.open = append(b.open, frame{label: l, kind: o})
	return l
}

// Else starts the else branch of the innermost block, which must be an if
// without one.
func (b *Builder) Else() {
	n := len(b.open)
	if n == 0 || b.open[n-1].kind != op.If || b.open[n-1].hasElse {
		bug("Else without an open if")
	}
	b.open[n-1].hasElse = true
	b.buf = op.Else.Append(b.buf)
	b.lines = append(b.lines, entry{o: op.Else, depth: int32(n - 1)})
}

// End closes the innermost open block, loop or if.
func (b *Builder) End() {
	if len(b.open) == 0 {
		bug("End with no open block")
	}
	b.open = b.open[:len(b.open)-1]
	b.buf = op.End.Append(b.buf)
	b.record(entry{o: op.End})
}

// Br branches to l.
func (b *Builder) Br(l Label) { b.branch(op.Br, l) }

// BrIf pops a condition and branches to l when it is non-zero.
func (b *Builder) BrIf(l Label) { b.branch(op.BrIf, l) }

func (b *Builder) branch(o op.Opcode, l Label) {
	b.buf = leb128.AppendUint32(o.Append(b.buf), b.depth(l))
	b.record(entry{o: o, kind: kLabel, imm: int64(l)})
}

// BrTable pops an index and branches to ls[index], or to def when the
// index is out of range.
func (b *Builder) BrTable(ls []Label, def Label) {
	buf := leb128.AppendUint32(op.BrTable.Append(b.buf), uint32(len(ls)))
	var text strings.Builder
	for _, l := range append(ls[:len(ls):len(ls)], def) {
		buf = leb128.AppendUint32(buf, b.depth(l))
		text.WriteString(" " + wat.Label(int(l)))
	}
	b.buf = buf
	b.record(entry{o: op.BrTable, kind: kInstrTx, text: text.String()})
}

// depth is the relative branch depth of l: 0 for the innermost open block.
func (b *Builder) depth(l Label) uint32 {
	for i := len(b.open) - 1; i >= 0; i-- {
		if b.open[i].label == l {
			return uint32(len(b.open) - 1 - i)
		}
	}
	bug("branch to %s, which is not open", wat.Label(int(l)))
	return 0
}
