package callgraph

// imm is the kind of immediate an opcode carries; immRefused marks every
// opcode outside the subset Aerie emits.
type imm uint8

const (
	immRefused imm = iota
	immNone
	immBlock    // block type
	immEnd      // end: closes a block or the body
	immU32      // label, local or global index
	immBrTable  // vector of labels and a default
	immCall     // function index
	immMemArg   // alignment and offset
	immZeroByte // memory.size, memory.grow: reserved 0x00
	immI32      // signed LEB128, ≤ 5 bytes
	immI64      // signed LEB128, ≤ 10 bytes
	immF32      // 4 bytes
	immF64      // 8 bytes
	immPrefixFC // 0xfc prefix: a sub-opcode follows
)

// immediates maps each one-byte opcode to its immediate kind.
var immediates = func() (t [256]imm) {
	set := func(lo, hi byte, k imm) {
		for c := int(lo); c <= int(hi); c++ {
			t[c] = k
		}
	}
	set(0x00, 0x01, immNone)  // unreachable, nop
	set(0x02, 0x04, immBlock) // block, loop, if
	t[0x05] = immNone         // else
	t[0x0B] = immEnd
	set(0x0C, 0x0D, immU32) // br, br_if
	t[0x0E] = immBrTable
	t[0x0F] = immNone // return
	t[0x10] = immCall
	set(0x1A, 0x1B, immNone) // drop, select
	set(0x20, 0x24, immU32)  // local.get/set/tee, global.get/set
	set(0x28, 0x3E, immMemArg)
	set(0x3F, 0x40, immZeroByte)
	t[0x41], t[0x42], t[0x43], t[0x44] = immI32, immI64, immF32, immF64
	set(0x45, 0xC4, immNone) // comparisons, arithmetic, conversions, sign extension
	t[0xFC] = immPrefixFC
	return t
}()

// Sub-opcodes of the 0xfc prefix that Aerie emits.
const (
	fcMemoryCopy = 10
	fcMemoryFill = 11
)

// refusedNames names refused opcodes worth naming in a message.
var refusedNames = map[byte]string{
	0x06: "try (exception handling)", 0x07: "catch (exception handling)",
	0x08: "throw (exception handling)", 0x09: "rethrow (exception handling)",
	0x11: "call_indirect", 0x12: "return_call (tail calls)", 0x13: "return_call_indirect (tail calls)",
	0x1C: "typed select (reference types)", 0x25: "table.get", 0x26: "table.set",
	0xD0: "ref.null", 0xD1: "ref.is_null", 0xD2: "ref.func",
	0xFD: "the 0xfd prefix (SIMD)", 0xFE: "the 0xfe prefix (threads and atomics)",
}

// refusedFC names the 0xfc sub-opcodes Aerie does not emit.
var refusedFC = map[uint32]string{
	0: "i32.trunc_sat_f32_s", 1: "i32.trunc_sat_f32_u", 2: "i32.trunc_sat_f64_s", 3: "i32.trunc_sat_f64_u",
	4: "i64.trunc_sat_f32_s", 5: "i64.trunc_sat_f32_u", 6: "i64.trunc_sat_f64_s", 7: "i64.trunc_sat_f64_u",
	8: "memory.init", 9: "data.drop", 12: "table.init", 13: "elem.drop",
	14: "table.copy", 15: "table.grow", 16: "table.size", 17: "table.fill",
}

// Value types Aerie uses for locals and block results.
const (
	typeI32   = 0x7F
	typeI64   = 0x7E
	typeF32   = 0x7D
	typeF64   = 0x7C
	typeEmpty = 0x40 // block type without a result
)

func numeric(t byte) bool { return t >= typeF64 && t <= typeI32 }

// refusedTypes names value types outside the subset.
var refusedTypes = map[byte]string{0x7B: "v128 (SIMD)", 0x70: "funcref", 0x6F: "externref"}
