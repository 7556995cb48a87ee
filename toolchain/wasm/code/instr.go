package code

import (
	"encoding/binary"
	"math"
	"strconv"

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
		return
	case o == op.End:
		b.End()
		return
	case o.Imm() == op.ImmNone && o.Valid():
		b.buf = o.Append(b.buf)
	case o.Imm() == op.ImmMemory || o.Imm() == op.ImmMemoryFill:
		b.buf = append(o.Append(b.buf), 0)
	case o.Imm() == op.ImmMemoryCopy:
		b.buf = append(o.Append(b.buf), 0, 0)
	default:
		bug("Op(%v): the instruction has immediates", o)
	}
	b.record(entry{o: o})
}

// I32Const pushes v.
func (b *Builder) I32Const(v int32) {
	b.buf = leb128.AppendInt32(op.I32Const.Append(b.buf), v)
	b.record(entry{o: op.I32Const, kind: kInt, imm: int64(v)})
}

// I64Const pushes v.
func (b *Builder) I64Const(v int64) {
	b.buf = leb128.AppendInt64(op.I64Const.Append(b.buf), v)
	b.record(entry{o: op.I64Const, kind: kInt, imm: v})
}

// F32Const pushes v.
func (b *Builder) F32Const(v float32) {
	b.buf = binary.LittleEndian.AppendUint32(op.F32Const.Append(b.buf), math.Float32bits(v))
	b.record(entry{o: op.F32Const, kind: kInstrTx, text: " " + strconv.FormatFloat(float64(v), 'g', -1, 32)})
}

// F64Const pushes v.
func (b *Builder) F64Const(v float64) {
	b.buf = binary.LittleEndian.AppendUint64(op.F64Const.Append(b.buf), math.Float64bits(v))
	b.record(entry{o: op.F64Const, kind: kInstrTx, text: " " + strconv.FormatFloat(v, 'g', -1, 64)})
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
	b.buf = leb128.AppendUint32(o.Append(b.buf), i)
	b.record(entry{o: o, kind: kInt, imm: int64(i)})
}

// Call calls function index fn (imports first, then defined functions).
func (b *Builder) Call(fn uint32) {
	b.buf = leb128.AppendUint32(op.Call.Append(b.buf), fn)
	b.record(entry{o: op.Call, kind: kCall, imm: int64(fn)})
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
	b.buf = leb128.AppendUint32(leb128.AppendUint32(o.Append(b.buf), align), offset)
	b.record(entry{o: o, kind: kMem, imm: int64(offset)})
}

// MemorySize pushes the memory size in pages.
func (b *Builder) MemorySize() { b.Op(op.MemorySize) }

// MemoryGrow pops a page count, grows memory, pushes the old size or -1.
func (b *Builder) MemoryGrow() { b.Op(op.MemoryGrow) }

// MemoryCopy pops dst, src, n and copies n bytes.
func (b *Builder) MemoryCopy() { b.Op(op.MemoryCopy) }

// MemoryFill pops dst, value, n and fills n bytes.
func (b *Builder) MemoryFill() { b.Op(op.MemoryFill) }
