package code

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/aeriesec/aerie/toolchain/wasm/internal/wat"
	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Op emits an instruction whose immediates are fixed: none, or the memory
// index of memory.size, memory.grow, memory.copy and memory.fill. op.Else
// and op.End are the same as b.Else() and b.End(). Any other opcode with
// immediates panics: use its own method.
func (b *Builder) Op(o op.Opcode) {
	switch {
	case o == op.Else:
		b.Else()
	case o == op.End:
		b.End()
	case o.Imm() == op.ImmNone && o.Valid():
		b.emit(o, nil, "")
	case o.Imm() == op.ImmMemory || o.Imm() == op.ImmMemoryFill:
		b.emit(o, []byte{0}, "")
	case o.Imm() == op.ImmMemoryCopy:
		b.emit(o, []byte{0, 0}, "")
	default:
		bug("Op(%v): the instruction has immediates", o)
	}
}

// I32Const pushes v.
func (b *Builder) I32Const(v int32) {
	b.emit(op.I32Const, leb128.AppendInt32(nil, v), " "+strconv.FormatInt(int64(v), 10))
}

// I64Const pushes v.
func (b *Builder) I64Const(v int64) {
	b.emit(op.I64Const, leb128.AppendInt64(nil, v), " "+strconv.FormatInt(v, 10))
}

// F32Const pushes v.
func (b *Builder) F32Const(v float32) {
	imm := binary.LittleEndian.AppendUint32(nil, math.Float32bits(v))
	b.emit(op.F32Const, imm, " "+strconv.FormatFloat(float64(v), 'g', -1, 32))
}

// F64Const pushes v.
func (b *Builder) F64Const(v float64) {
	imm := binary.LittleEndian.AppendUint64(nil, math.Float64bits(v))
	b.emit(op.F64Const, imm, " "+strconv.FormatFloat(v, 'g', -1, 64))
}

// LocalGet pushes local i.
func (b *Builder) LocalGet(i uint32) { b.index(op.LocalGet, i) }

// LocalSet pops into local i.
func (b *Builder) LocalSet(i uint32) { b.index(op.LocalSet, i) }

// LocalTee stores the top of the stack into local i, keeping it.
func (b *Builder) LocalTee(i uint32) { b.index(op.LocalTee, i) }

// GlobalGet pushes global i.
func (b *Builder) GlobalGet(i uint32) { b.index(op.GlobalGet, i) }

// GlobalSet pops into global i.
func (b *Builder) GlobalSet(i uint32) { b.index(op.GlobalSet, i) }

func (b *Builder) index(o op.Opcode, i uint32) {
	b.emit(o, leb128.AppendUint32(nil, i), " "+strconv.FormatUint(uint64(i), 10))
}

// Call calls function index fn (imports first, then defined functions).
func (b *Builder) Call(fn uint32) {
	b.buf = leb128.AppendUint32(op.Call.Append(b.buf), fn)
	b.lines = append(b.lines, entry{depth: len(b.open), text: op.Call.String(), call: true, fn: fn})
}

// Load emits a load at the given static offset with the natural alignment.
func (b *Builder) Load(o op.Opcode, offset uint32) {
	if !o.IsLoad() {
		bug("Load(%v): not a load", o)
	}
	b.memArg(o, offset)
}

// Store emits a store at the given static offset with the natural alignment.
func (b *Builder) Store(o op.Opcode, offset uint32) {
	if !o.IsStore() {
		bug("Store(%v): not a store", o)
	}
	b.memArg(o, offset)
}

func (b *Builder) memArg(o op.Opcode, offset uint32) {
	align, _ := o.NaturalAlign()
	imm := leb128.AppendUint32(leb128.AppendUint32(nil, align), offset)
	b.emit(o, imm, wat.MemArg(offset, align, align))
}

// MemorySize pushes the memory size in pages.
func (b *Builder) MemorySize() { b.Op(op.MemorySize) }

// MemoryGrow pops a page count, grows memory, pushes the old size or -1.
func (b *Builder) MemoryGrow() { b.Op(op.MemoryGrow) }

// MemoryCopy pops dst, src, n and copies n bytes.
func (b *Builder) MemoryCopy() { b.Op(op.MemoryCopy) }

// MemoryFill pops dst, value, n and fills n bytes.
func (b *Builder) MemoryFill() { b.Op(op.MemoryFill) }
