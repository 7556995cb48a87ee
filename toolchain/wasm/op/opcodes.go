// This file transcribes the WebAssembly 2.0 opcode table: the core MVP, sign-extension and bulk memory instructions.

package op

// The opcodes. Those above 0xff carry the 0xfc prefix in their high byte.
const (
	// Unreachable traps unconditionally.
	Unreachable Opcode = 0x00
	// Nop does nothing.
	Nop Opcode = 0x01
	// Block opens a block; a branch to it exits the block.
	Block Opcode = 0x02
	// Loop opens a loop; a branch to it jumps back to its start.
	Loop Opcode = 0x03
	// If pops an i32 and opens a block run when it is non-zero.
	If Opcode = 0x04
	// Else starts the branch of an if run when the condition was zero.
	Else Opcode = 0x05
	// End closes the innermost block, loop, if or the function body.
	End Opcode = 0x0B
	// Br branches to the label at the given relative depth.
	Br Opcode = 0x0C
	// BrIf pops an i32 and branches when it is non-zero.
	BrIf Opcode = 0x0D
	// BrTable pops an i32 index and branches to that table entry, or the default.
	BrTable Opcode = 0x0E
	// Return returns from the current function.
	Return Opcode = 0x0F
	// Call calls the function with the given index.
	Call Opcode = 0x10
	// Drop pops and discards one value.
	Drop Opcode = 0x1A
	// Select pops a condition and two values, pushes the first if non-zero else the second.
	Select Opcode = 0x1B
	// LocalGet pushes the value of a local.
	LocalGet Opcode = 0x20
	// LocalSet pops a value into a local.
	LocalSet Opcode = 0x21
	// LocalTee stores the top of the stack into a local without popping it.
	LocalTee Opcode = 0x22
	// GlobalGet pushes the value of a global.
	GlobalGet Opcode = 0x23
	// GlobalSet pops a value into a mutable global.
	GlobalSet Opcode = 0x24
	// I32Load loads 4 bytes as an i32.
	I32Load Opcode = 0x28
	// I64Load loads 8 bytes as an i64.
	I64Load Opcode = 0x29
	// F32Load loads 4 bytes as an f32.
	F32Load Opcode = 0x2A
	// F64Load loads 8 bytes as an f64.
	F64Load Opcode = 0x2B
	// I32Load8S loads 1 byte sign-extended to i32.
	I32Load8S Opcode = 0x2C
	// I32Load8U loads 1 byte zero-extended to i32.
	I32Load8U Opcode = 0x2D
	// I32Load16S loads 2 bytes sign-extended to i32.
	I32Load16S Opcode = 0x2E
	// I32Load16U loads 2 bytes zero-extended to i32.
	I32Load16U Opcode = 0x2F
	// I64Load8S loads 1 byte sign-extended to i64.
	I64Load8S Opcode = 0x30
	// I64Load8U loads 1 byte zero-extended to i64.
	I64Load8U Opcode = 0x31
	// I64Load16S loads 2 bytes sign-extended to i64.
	I64Load16S Opcode = 0x32
	// I64Load16U loads 2 bytes zero-extended to i64.
	I64Load16U Opcode = 0x33
	// I64Load32S loads 4 bytes sign-extended to i64.
	I64Load32S Opcode = 0x34
	// I64Load32U loads 4 bytes zero-extended to i64.
	I64Load32U Opcode = 0x35
	// I32Store stores an i32 as 4 bytes.
	I32Store Opcode = 0x36
	// I64Store stores an i64 as 8 bytes.
	I64Store Opcode = 0x37
	// F32Store stores an f32 as 4 bytes.
	F32Store Opcode = 0x38
	// F64Store stores an f64 as 8 bytes.
	F64Store Opcode = 0x39
	// I32Store8 stores the low byte of an i32.
	I32Store8 Opcode = 0x3A
	// I32Store16 stores the low 2 bytes of an i32.
	I32Store16 Opcode = 0x3B
	// I64Store8 stores the low byte of an i64.
	I64Store8 Opcode = 0x3C
	// I64Store16 stores the low 2 bytes of an i64.
	I64Store16 Opcode = 0x3D
	// I64Store32 stores the low 4 bytes of an i64.
	I64Store32 Opcode = 0x3E
	// MemorySize pushes the memory size in 64 KiB pages.
	MemorySize Opcode = 0x3F
	// MemoryGrow pops a page count, grows memory, pushes the old size or -1.
	MemoryGrow Opcode = 0x40
	// I32Const pushes an i32 constant.
	I32Const Opcode = 0x41
	// I64Const pushes an i64 constant.
	I64Const Opcode = 0x42
	// F32Const pushes an f32 constant.
	F32Const Opcode = 0x43
	// F64Const pushes an f64 constant.
	F64Const Opcode = 0x44
	// I32Eqz pushes 1 if the i32 operand is zero, else 0.
	I32Eqz Opcode = 0x45
	// I32Eq compares two i32 operands: equal (pushes i32 0 or 1).
	I32Eq Opcode = 0x46
	// I32Ne compares two i32 operands: not equal (pushes i32 0 or 1).
	I32Ne Opcode = 0x47
	// I32LtS compares two i32 operands: signed less than (pushes i32 0 or 1).
	I32LtS Opcode = 0x48
	// I32LtU compares two i32 operands: unsigned less than (pushes i32 0 or 1).
	I32LtU Opcode = 0x49
	// I32GtS compares two i32 operands: signed greater than (pushes i32 0 or 1).
	I32GtS Opcode = 0x4A
	// I32GtU compares two i32 operands: unsigned greater than (pushes i32 0 or 1).
	I32GtU Opcode = 0x4B
	// I32LeS compares two i32 operands: signed less or equal (pushes i32 0 or 1).
	I32LeS Opcode = 0x4C
	// I32LeU compares two i32 operands: unsigned less or equal (pushes i32 0 or 1).
	I32LeU Opcode = 0x4D
	// I32GeS compares two i32 operands: signed greater or equal (pushes i32 0 or 1).
	I32GeS Opcode = 0x4E
	// I32GeU compares two i32 operands: unsigned greater or equal (pushes i32 0 or 1).
	I32GeU Opcode = 0x4F
	// I64Eqz pushes 1 if the i64 operand is zero, else 0.
	I64Eqz Opcode = 0x50
	// I64Eq compares two i64 operands: equal (pushes i32 0 or 1).
	I64Eq Opcode = 0x51
	// I64Ne compares two i64 operands: not equal (pushes i32 0 or 1).
	I64Ne Opcode = 0x52
	// I64LtS compares two i64 operands: signed less than (pushes i32 0 or 1).
	I64LtS Opcode = 0x53
	// I64LtU compares two i64 operands: unsigned less than (pushes i32 0 or 1).
	I64LtU Opcode = 0x54
	// I64GtS compares two i64 operands: signed greater than (pushes i32 0 or 1).
	I64GtS Opcode = 0x55
	// I64GtU compares two i64 operands: unsigned greater than (pushes i32 0 or 1).
	I64GtU Opcode = 0x56
	// I64LeS compares two i64 operands: signed less or equal (pushes i32 0 or 1).
	I64LeS Opcode = 0x57
	// I64LeU compares two i64 operands: unsigned less or equal (pushes i32 0 or 1).
	I64LeU Opcode = 0x58
	// I64GeS compares two i64 operands: signed greater or equal (pushes i32 0 or 1).
	I64GeS Opcode = 0x59
	// I64GeU compares two i64 operands: unsigned greater or equal (pushes i32 0 or 1).
	I64GeU Opcode = 0x5A
	// F32Eq compares two f32 operands: equal (pushes i32 0 or 1).
	F32Eq Opcode = 0x5B
	// F32Ne compares two f32 operands: not equal (pushes i32 0 or 1).
	F32Ne Opcode = 0x5C
	// F32Lt compares two f32 operands: less than (pushes i32 0 or 1).
	F32Lt Opcode = 0x5D
	// F32Gt compares two f32 operands: greater than (pushes i32 0 or 1).
	F32Gt Opcode = 0x5E
	// F32Le compares two f32 operands: less or equal (pushes i32 0 or 1).
	F32Le Opcode = 0x5F
	// F32Ge compares two f32 operands: greater or equal (pushes i32 0 or 1).
	F32Ge Opcode = 0x60
	// F64Eq compares two f64 operands: equal (pushes i32 0 or 1).
	F64Eq Opcode = 0x61
	// F64Ne compares two f64 operands: not equal (pushes i32 0 or 1).
	F64Ne Opcode = 0x62
	// F64Lt compares two f64 operands: less than (pushes i32 0 or 1).
	F64Lt Opcode = 0x63
	// F64Gt compares two f64 operands: greater than (pushes i32 0 or 1).
	F64Gt Opcode = 0x64
	// F64Le compares two f64 operands: less or equal (pushes i32 0 or 1).
	F64Le Opcode = 0x65
	// F64Ge compares two f64 operands: greater or equal (pushes i32 0 or 1).
	F64Ge Opcode = 0x66
	// I32Clz i32 counts leading zero bits.
	I32Clz Opcode = 0x67
	// I32Ctz i32 counts trailing zero bits.
	I32Ctz Opcode = 0x68
	// I32Popcnt i32 counts one bits.
	I32Popcnt Opcode = 0x69
	// I32Add i32 adds, wrapping.
	I32Add Opcode = 0x6A
	// I32Sub i32 subtracts, wrapping.
	I32Sub Opcode = 0x6B
	// I32Mul i32 multiplies, wrapping.
	I32Mul Opcode = 0x6C
	// I32DivS i32 divides signed (traps on zero or overflow).
	I32DivS Opcode = 0x6D
	// I32DivU i32 divides unsigned (traps on zero).
	I32DivU Opcode = 0x6E
	// I32RemS i32 signed remainder (traps on zero).
	I32RemS Opcode = 0x6F
	// I32RemU i32 unsigned remainder (traps on zero).
	I32RemU Opcode = 0x70
	// I32And i32 bitwise and.
	I32And Opcode = 0x71
	// I32Or i32 bitwise or.
	I32Or Opcode = 0x72
	// I32Xor i32 bitwise exclusive or.
	I32Xor Opcode = 0x73
	// I32Shl i32 shifts left.
	I32Shl Opcode = 0x74
	// I32ShrS i32 shifts right, arithmetic.
	I32ShrS Opcode = 0x75
	// I32ShrU i32 shifts right, logical.
	I32ShrU Opcode = 0x76
	// I32Rotl i32 rotates left.
	I32Rotl Opcode = 0x77
	// I32Rotr i32 rotates right.
	I32Rotr Opcode = 0x78
	// I64Clz i64 counts leading zero bits.
	I64Clz Opcode = 0x79
	// I64Ctz i64 counts trailing zero bits.
	I64Ctz Opcode = 0x7A
	// I64Popcnt i64 counts one bits.
	I64Popcnt Opcode = 0x7B
	// I64Add i64 adds, wrapping.
	I64Add Opcode = 0x7C
	// I64Sub i64 subtracts, wrapping.
	I64Sub Opcode = 0x7D
	// I64Mul i64 multiplies, wrapping.
	I64Mul Opcode = 0x7E
	// I64DivS i64 divides signed (traps on zero or overflow).
	I64DivS Opcode = 0x7F
	// I64DivU i64 divides unsigned (traps on zero).
	I64DivU Opcode = 0x80
	// I64RemS i64 signed remainder (traps on zero).
	I64RemS Opcode = 0x81
	// I64RemU i64 unsigned remainder (traps on zero).
	I64RemU Opcode = 0x82
	// I64And i64 bitwise and.
	I64And Opcode = 0x83
	// I64Or i64 bitwise or.
	I64Or Opcode = 0x84
	// I64Xor i64 bitwise exclusive or.
	I64Xor Opcode = 0x85
	// I64Shl i64 shifts left.
	I64Shl Opcode = 0x86
	// I64ShrS i64 shifts right, arithmetic.
	I64ShrS Opcode = 0x87
	// I64ShrU i64 shifts right, logical.
	I64ShrU Opcode = 0x88
	// I64Rotl i64 rotates left.
	I64Rotl Opcode = 0x89
	// I64Rotr i64 rotates right.
	I64Rotr Opcode = 0x8A
	// F32Abs f32 absolute value.
	F32Abs Opcode = 0x8B
	// F32Neg f32 negates.
	F32Neg Opcode = 0x8C
	// F32Ceil f32 rounds up.
	F32Ceil Opcode = 0x8D
	// F32Floor f32 rounds down.
	F32Floor Opcode = 0x8E
	// F32Trunc f32 rounds toward zero.
	F32Trunc Opcode = 0x8F
	// F32Nearest f32 rounds to nearest, ties to even.
	F32Nearest Opcode = 0x90
	// F32Sqrt f32 square root.
	F32Sqrt Opcode = 0x91
	// F32Add f32 adds.
	F32Add Opcode = 0x92
	// F32Sub f32 subtracts.
	F32Sub Opcode = 0x93
	// F32Mul f32 multiplies.
	F32Mul Opcode = 0x94
	// F32Div f32 divides.
	F32Div Opcode = 0x95
	// F32Min f32 minimum.
	F32Min Opcode = 0x96
	// F32Max f32 maximum.
	F32Max Opcode = 0x97
	// F32Copysign f32 copies the sign of the second operand.
	F32Copysign Opcode = 0x98
	// F64Abs f64 absolute value.
	F64Abs Opcode = 0x99
	// F64Neg f64 negates.
	F64Neg Opcode = 0x9A
	// F64Ceil f64 rounds up.
	F64Ceil Opcode = 0x9B
	// F64Floor f64 rounds down.
	F64Floor Opcode = 0x9C
	// F64Trunc f64 rounds toward zero.
	F64Trunc Opcode = 0x9D
	// F64Nearest f64 rounds to nearest, ties to even.
	F64Nearest Opcode = 0x9E
	// F64Sqrt f64 square root.
	F64Sqrt Opcode = 0x9F
	// F64Add f64 adds.
	F64Add Opcode = 0xA0
	// F64Sub f64 subtracts.
	F64Sub Opcode = 0xA1
	// F64Mul f64 multiplies.
	F64Mul Opcode = 0xA2
	// F64Div f64 divides.
	F64Div Opcode = 0xA3
	// F64Min f64 minimum.
	F64Min Opcode = 0xA4
	// F64Max f64 maximum.
	F64Max Opcode = 0xA5
	// F64Copysign f64 copies the sign of the second operand.
	F64Copysign Opcode = 0xA6
	// I32WrapI64 keeps the low 32 bits of an i64.
	I32WrapI64 Opcode = 0xA7
	// I32TruncF32S truncates an f32 to a signed i32 (traps if out of range).
	I32TruncF32S Opcode = 0xA8
	// I32TruncF32U truncates an f32 to an unsigned i32 (traps if out of range).
	I32TruncF32U Opcode = 0xA9
	// I32TruncF64S truncates an f64 to a signed i32 (traps if out of range).
	I32TruncF64S Opcode = 0xAA
	// I32TruncF64U truncates an f64 to an unsigned i32 (traps if out of range).
	I32TruncF64U Opcode = 0xAB
	// I64ExtendI32S sign-extends an i32 to i64.
	I64ExtendI32S Opcode = 0xAC
	// I64ExtendI32U zero-extends an i32 to i64.
	I64ExtendI32U Opcode = 0xAD
	// I64TruncF32S truncates an f32 to a signed i64 (traps if out of range).
	I64TruncF32S Opcode = 0xAE
	// I64TruncF32U truncates an f32 to an unsigned i64 (traps if out of range).
	I64TruncF32U Opcode = 0xAF
	// I64TruncF64S truncates an f64 to a signed i64 (traps if out of range).
	I64TruncF64S Opcode = 0xB0
	// I64TruncF64U truncates an f64 to an unsigned i64 (traps if out of range).
	I64TruncF64U Opcode = 0xB1
	// F32ConvertI32S converts a signed i32 to f32.
	F32ConvertI32S Opcode = 0xB2
	// F32ConvertI32U converts an unsigned i32 to f32.
	F32ConvertI32U Opcode = 0xB3
	// F32ConvertI64S converts a signed i64 to f32.
	F32ConvertI64S Opcode = 0xB4
	// F32ConvertI64U converts an unsigned i64 to f32.
	F32ConvertI64U Opcode = 0xB5
	// F32DemoteF64 rounds an f64 to f32.
	F32DemoteF64 Opcode = 0xB6
	// F64ConvertI32S converts a signed i32 to f64.
	F64ConvertI32S Opcode = 0xB7
	// F64ConvertI32U converts an unsigned i32 to f64.
	F64ConvertI32U Opcode = 0xB8
	// F64ConvertI64S converts a signed i64 to f64.
	F64ConvertI64S Opcode = 0xB9
	// F64ConvertI64U converts an unsigned i64 to f64.
	F64ConvertI64U Opcode = 0xBA
	// F64PromoteF32 widens an f32 to f64.
	F64PromoteF32 Opcode = 0xBB
	// I32ReinterpretF32 reinterprets the bits of an f32 as i32.
	I32ReinterpretF32 Opcode = 0xBC
	// I64ReinterpretF64 reinterprets the bits of an f64 as i64.
	I64ReinterpretF64 Opcode = 0xBD
	// F32ReinterpretI32 reinterprets the bits of an i32 as f32.
	F32ReinterpretI32 Opcode = 0xBE
	// F64ReinterpretI64 reinterprets the bits of an i64 as f64.
	F64ReinterpretI64 Opcode = 0xBF
	// I32Extend8S sign-extends the low byte of an i32.
	I32Extend8S Opcode = 0xC0
	// I32Extend16S sign-extends the low 2 bytes of an i32.
	I32Extend16S Opcode = 0xC1
	// I64Extend8S sign-extends the low byte of an i64.
	I64Extend8S Opcode = 0xC2
	// I64Extend16S sign-extends the low 2 bytes of an i64.
	I64Extend16S Opcode = 0xC3
	// I64Extend32S sign-extends the low 4 bytes of an i64.
	I64Extend32S Opcode = 0xC4
	// MemoryCopy pops dst, src, n and copies n bytes within memory 0 (bulk memory).
	MemoryCopy Opcode = 0xFC0A
	// MemoryFill pops dst, value, n and fills n bytes with the value's low byte (bulk memory).
	MemoryFill Opcode = 0xFC0B
)

// infos maps each opcode to its mnemonic and immediate kind.
var infos = map[Opcode]info{
	Unreachable:       {"unreachable", ImmNone},
	Nop:               {"nop", ImmNone},
	Block:             {"block", ImmBlockType},
	Loop:              {"loop", ImmBlockType},
	If:                {"if", ImmBlockType},
	Else:              {"else", ImmNone},
	End:               {"end", ImmNone},
	Br:                {"br", ImmLabel},
	BrIf:              {"br_if", ImmLabel},
	BrTable:           {"br_table", ImmLabelTable},
	Return:            {"return", ImmNone},
	Call:              {"call", ImmFunc},
	Drop:              {"drop", ImmNone},
	Select:            {"select", ImmNone},
	LocalGet:          {"local.get", ImmLocal},
	LocalSet:          {"local.set", ImmLocal},
	LocalTee:          {"local.tee", ImmLocal},
	GlobalGet:         {"global.get", ImmGlobal},
	GlobalSet:         {"global.set", ImmGlobal},
	I32Load:           {"i32.load", ImmMemArg},
	I64Load:           {"i64.load", ImmMemArg},
	F32Load:           {"f32.load", ImmMemArg},
	F64Load:           {"f64.load", ImmMemArg},
	I32Load8S:         {"i32.load8_s", ImmMemArg},
	I32Load8U:         {"i32.load8_u", ImmMemArg},
	I32Load16S:        {"i32.load16_s", ImmMemArg},
	I32Load16U:        {"i32.load16_u", ImmMemArg},
	I64Load8S:         {"i64.load8_s", ImmMemArg},
	I64Load8U:         {"i64.load8_u", ImmMemArg},
	I64Load16S:        {"i64.load16_s", ImmMemArg},
	I64Load16U:        {"i64.load16_u", ImmMemArg},
	I64Load32S:        {"i64.load32_s", ImmMemArg},
	I64Load32U:        {"i64.load32_u", ImmMemArg},
	I32Store:          {"i32.store", ImmMemArg},
	I64Store:          {"i64.store", ImmMemArg},
	F32Store:          {"f32.store", ImmMemArg},
	F64Store:          {"f64.store", ImmMemArg},
	I32Store8:         {"i32.store8", ImmMemArg},
	I32Store16:        {"i32.store16", ImmMemArg},
	I64Store8:         {"i64.store8", ImmMemArg},
	I64Store16:        {"i64.store16", ImmMemArg},
	I64Store32:        {"i64.store32", ImmMemArg},
	MemorySize:        {"memory.size", ImmMemory},
	MemoryGrow:        {"memory.grow", ImmMemory},
	I32Const:          {"i32.const", ImmI32},
	I64Const:          {"i64.const", ImmI64},
	F32Const:          {"f32.const", ImmF32},
	F64Const:          {"f64.const", ImmF64},
	I32Eqz:            {"i32.eqz", ImmNone},
	I32Eq:             {"i32.eq", ImmNone},
	I32Ne:             {"i32.ne", ImmNone},
	I32LtS:            {"i32.lt_s", ImmNone},
	I32LtU:            {"i32.lt_u", ImmNone},
	I32GtS:            {"i32.gt_s", ImmNone},
	I32GtU:            {"i32.gt_u", ImmNone},
	I32LeS:            {"i32.le_s", ImmNone},
	I32LeU:            {"i32.le_u", ImmNone},
	I32GeS:            {"i32.ge_s", ImmNone},
	I32GeU:            {"i32.ge_u", ImmNone},
	I64Eqz:            {"i64.eqz", ImmNone},
	I64Eq:             {"i64.eq", ImmNone},
	I64Ne:             {"i64.ne", ImmNone},
	I64LtS:            {"i64.lt_s", ImmNone},
	I64LtU:            {"i64.lt_u", ImmNone},
	I64GtS:            {"i64.gt_s", ImmNone},
	I64GtU:            {"i64.gt_u", ImmNone},
	I64LeS:            {"i64.le_s", ImmNone},
	I64LeU:            {"i64.le_u", ImmNone},
	I64GeS:            {"i64.ge_s", ImmNone},
	I64GeU:            {"i64.ge_u", ImmNone},
	F32Eq:             {"f32.eq", ImmNone},
	F32Ne:             {"f32.ne", ImmNone},
	F32Lt:             {"f32.lt", ImmNone},
	F32Gt:             {"f32.gt", ImmNone},
	F32Le:             {"f32.le", ImmNone},
	F32Ge:             {"f32.ge", ImmNone},
	F64Eq:             {"f64.eq", ImmNone},
	F64Ne:             {"f64.ne", ImmNone},
	F64Lt:             {"f64.lt", ImmNone},
	F64Gt:             {"f64.gt", ImmNone},
	F64Le:             {"f64.le", ImmNone},
	F64Ge:             {"f64.ge", ImmNone},
	I32Clz:            {"i32.clz", ImmNone},
	I32Ctz:            {"i32.ctz", ImmNone},
	I32Popcnt:         {"i32.popcnt", ImmNone},
	I32Add:            {"i32.add", ImmNone},
	I32Sub:            {"i32.sub", ImmNone},
	I32Mul:            {"i32.mul", ImmNone},
	I32DivS:           {"i32.div_s", ImmNone},
	I32DivU:           {"i32.div_u", ImmNone},
	I32RemS:           {"i32.rem_s", ImmNone},
	I32RemU:           {"i32.rem_u", ImmNone},
	I32And:            {"i32.and", ImmNone},
	I32Or:             {"i32.or", ImmNone},
	I32Xor:            {"i32.xor", ImmNone},
	I32Shl:            {"i32.shl", ImmNone},
	I32ShrS:           {"i32.shr_s", ImmNone},
	I32ShrU:           {"i32.shr_u", ImmNone},
	I32Rotl:           {"i32.rotl", ImmNone},
	I32Rotr:           {"i32.rotr", ImmNone},
	I64Clz:            {"i64.clz", ImmNone},
	I64Ctz:            {"i64.ctz", ImmNone},
	I64Popcnt:         {"i64.popcnt", ImmNone},
	I64Add:            {"i64.add", ImmNone},
	I64Sub:            {"i64.sub", ImmNone},
	I64Mul:            {"i64.mul", ImmNone},
	I64DivS:           {"i64.div_s", ImmNone},
	I64DivU:           {"i64.div_u", ImmNone},
	I64RemS:           {"i64.rem_s", ImmNone},
	I64RemU:           {"i64.rem_u", ImmNone},
	I64And:            {"i64.and", ImmNone},
	I64Or:             {"i64.or", ImmNone},
	I64Xor:            {"i64.xor", ImmNone},
	I64Shl:            {"i64.shl", ImmNone},
	I64ShrS:           {"i64.shr_s", ImmNone},
	I64ShrU:           {"i64.shr_u", ImmNone},
	I64Rotl:           {"i64.rotl", ImmNone},
	I64Rotr:           {"i64.rotr", ImmNone},
	F32Abs:            {"f32.abs", ImmNone},
	F32Neg:            {"f32.neg", ImmNone},
	F32Ceil:           {"f32.ceil", ImmNone},
	F32Floor:          {"f32.floor", ImmNone},
	F32Trunc:          {"f32.trunc", ImmNone},
	F32Nearest:        {"f32.nearest", ImmNone},
	F32Sqrt:           {"f32.sqrt", ImmNone},
	F32Add:            {"f32.add", ImmNone},
	F32Sub:            {"f32.sub", ImmNone},
	F32Mul:            {"f32.mul", ImmNone},
	F32Div:            {"f32.div", ImmNone},
	F32Min:            {"f32.min", ImmNone},
	F32Max:            {"f32.max", ImmNone},
	F32Copysign:       {"f32.copysign", ImmNone},
	F64Abs:            {"f64.abs", ImmNone},
	F64Neg:            {"f64.neg", ImmNone},
	F64Ceil:           {"f64.ceil", ImmNone},
	F64Floor:          {"f64.floor", ImmNone},
	F64Trunc:          {"f64.trunc", ImmNone},
	F64Nearest:        {"f64.nearest", ImmNone},
	F64Sqrt:           {"f64.sqrt", ImmNone},
	F64Add:            {"f64.add", ImmNone},
	F64Sub:            {"f64.sub", ImmNone},
	F64Mul:            {"f64.mul", ImmNone},
	F64Div:            {"f64.div", ImmNone},
	F64Min:            {"f64.min", ImmNone},
	F64Max:            {"f64.max", ImmNone},
	F64Copysign:       {"f64.copysign", ImmNone},
	I32WrapI64:        {"i32.wrap_i64", ImmNone},
	I32TruncF32S:      {"i32.trunc_f32_s", ImmNone},
	I32TruncF32U:      {"i32.trunc_f32_u", ImmNone},
	I32TruncF64S:      {"i32.trunc_f64_s", ImmNone},
	I32TruncF64U:      {"i32.trunc_f64_u", ImmNone},
	I64ExtendI32S:     {"i64.extend_i32_s", ImmNone},
	I64ExtendI32U:     {"i64.extend_i32_u", ImmNone},
	I64TruncF32S:      {"i64.trunc_f32_s", ImmNone},
	I64TruncF32U:      {"i64.trunc_f32_u", ImmNone},
	I64TruncF64S:      {"i64.trunc_f64_s", ImmNone},
	I64TruncF64U:      {"i64.trunc_f64_u", ImmNone},
	F32ConvertI32S:    {"f32.convert_i32_s", ImmNone},
	F32ConvertI32U:    {"f32.convert_i32_u", ImmNone},
	F32ConvertI64S:    {"f32.convert_i64_s", ImmNone},
	F32ConvertI64U:    {"f32.convert_i64_u", ImmNone},
	F32DemoteF64:      {"f32.demote_f64", ImmNone},
	F64ConvertI32S:    {"f64.convert_i32_s", ImmNone},
	F64ConvertI32U:    {"f64.convert_i32_u", ImmNone},
	F64ConvertI64S:    {"f64.convert_i64_s", ImmNone},
	F64ConvertI64U:    {"f64.convert_i64_u", ImmNone},
	F64PromoteF32:     {"f64.promote_f32", ImmNone},
	I32ReinterpretF32: {"i32.reinterpret_f32", ImmNone},
	I64ReinterpretF64: {"i64.reinterpret_f64", ImmNone},
	F32ReinterpretI32: {"f32.reinterpret_i32", ImmNone},
	F64ReinterpretI64: {"f64.reinterpret_i64", ImmNone},
	I32Extend8S:       {"i32.extend8_s", ImmNone},
	I32Extend16S:      {"i32.extend16_s", ImmNone},
	I64Extend8S:       {"i64.extend8_s", ImmNone},
	I64Extend16S:      {"i64.extend16_s", ImmNone},
	I64Extend32S:      {"i64.extend32_s", ImmNone},
	MemoryCopy:        {"memory.copy", ImmMemoryCopy},
	MemoryFill:        {"memory.fill", ImmMemoryFill},
}
