package code

import (
	"github.com/aeriesec/aerie/toolchain/wasm/internal/wat"
	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Block opens a block; a branch to its label exits it.
func (b *Builder) Block(t BlockType) Label { return b.open1(op.Block, t) }

// Loop opens a loop; a branch to its label starts it again.
func (b *Builder) Loop(t BlockType) Label { return b.open1(op.Loop, t) }

// If pops a condition and opens a block run when it is non-zero; a branch
// to its label exits it.
func (b *Builder) If(t BlockType) Label { return b.open1(op.If, t) }

func (b *Builder) open1(o op.Opcode, t BlockType) Label {
	if t != Empty && t != BlockI32 && t != BlockI64 && t != BlockF64 && t != BlockType(0x7d) {
		bug("%v with block type %#x", o, byte(t))
	}
	l := b.next
	b.next++
	b.emit(o, []byte{byte(t)}, " "+wat.Label(int(l))+wat.BlockType(byte(t)))
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
	b.lines = append(b.lines, entry{depth: n - 1, text: "else"})
}

// End closes the innermost open block, loop or if.
func (b *Builder) End() {
	if len(b.open) == 0 {
		bug("End with no open block")
	}
	b.open = b.open[:len(b.open)-1]
	b.emit(op.End, nil, "")
}

// Br branches to l.
func (b *Builder) Br(l Label) { b.branch(op.Br, l) }

// BrIf pops a condition and branches to l when it is non-zero.
func (b *Builder) BrIf(l Label) { b.branch(op.BrIf, l) }

func (b *Builder) branch(o op.Opcode, l Label) {
	b.emit(o, leb128.AppendUint32(nil, b.depth(l)), " "+wat.Label(int(l)))
}

// BrTable pops an index and branches to ls[index], or to def when the
// index is out of range.
func (b *Builder) BrTable(ls []Label, def Label) {
	imm := leb128.AppendUint32(nil, uint32(len(ls)))
	text := ""
	for _, l := range append(ls[:len(ls):len(ls)], def) {
		imm = leb128.AppendUint32(imm, b.depth(l))
		text += " " + wat.Label(int(l))
	}
	b.emit(op.BrTable, imm, text)
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
