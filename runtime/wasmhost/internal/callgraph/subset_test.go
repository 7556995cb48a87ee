package callgraph_test

import (
	"errors"
	"testing"

	"github.com/aeriesec/aerie/runtime/wasmhost/internal/callgraph"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// immediate returns operand bytes valid for an opcode of the given kind in
// a module with one imported function and one memory.
func immediate(k op.Imm) []byte {
	switch k {
	case op.ImmBlockType:
		return []byte{0x40}
	case op.ImmLabel, op.ImmFunc, op.ImmLocal, op.ImmGlobal, op.ImmMemory, op.ImmMemoryFill, op.ImmI32, op.ImmI64:
		return []byte{0}
	case op.ImmLabelTable:
		return []byte{1, 0, 0}
	case op.ImmMemArg, op.ImmMemoryCopy:
		return []byte{0, 0}
	case op.ImmF32:
		return make([]byte, 4)
	case op.ImmF64:
		return make([]byte, 8)
	}
	return nil
}

// TestSubsetIsTheToolchains: every opcode in the toolchain's table is
// accepted with its immediates, every other byte and 0xfc sub-opcode is
// refused — the decoder's subset and the encoder's stay the same.
func TestSubsetIsTheToolchains(t *testing.T) {
	for code := range 0x100 + 0x100 {
		o := op.Opcode(code)
		if code >= 0x100 {
			o = op.Opcode(0xFC00 | (code - 0x100))
		}
		if o == op.End || o == op.Else || o == 0xFC {
			continue // structure: exercised by the blocks below
		}
		var instr []byte
		if o.Valid() {
			instr = o.Append(nil)
		} else {
			instr = []byte{byte(code)}
			if code >= 0x100 {
				instr = []byte{0xFC, byte(code - 0x100), 0x01} // sub-opcodes ≥ 0x80 take two bytes
				if code-0x100 < 0x80 {
					instr = instr[:2]
				}
			}
		}
		instr = append(instr, immediate(o.Imm())...)
		if o.Imm() == op.ImmBlockType {
			instr = append(instr, byte(op.End))
		}
		if o == op.If {
			instr = append(instr[:len(instr)-1], byte(op.Else), byte(op.End))
		}
		wasm := callgraph.Module(1, append([]byte{0}, append(instr, byte(op.End))...))
		err := callgraph.Check(wasm, callgraph.Limits{})
		switch {
		case o.Valid() && err != nil:
			t.Errorf("%s (% x): refused: %v", o, instr, err)
		case !o.Valid() && !errors.Is(err, callgraph.ErrInstruction):
			t.Errorf("opcode % x outside the toolchain's set: %v, want ErrInstruction", instr, err)
		}
	}
}
