package wasm_test

import (
	"strings"

	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Parameters of the numeric function: one local per value type.
var paramOf = map[string]uint32{"i32": 0, "i64": 1, "f32": 2, "f64": 3}

// numericSig derives a numeric instruction's operand types from its
// mnemonic: comparisons and eqz take one or two of their type, unary and
// binary operators keep it, conversions name their source after "_".
func numericSig(o op.Opcode) (operands []string, ok bool) {
	name := o.String()
	typ, rest, _ := strings.Cut(name, ".")
	if _, num := paramOf[typ]; !num || o.Imm() != op.ImmNone {
		return nil, false
	}
	switch {
	case rest == "eqz" || isUnary(rest):
		return []string{typ}, true
	case strings.Contains(rest, "_i") || strings.Contains(rest, "_f"):
		src := rest[strings.Index(rest, "_")+1:][:3]
		return []string{src}, true
	}
	return []string{typ, typ}, true
}

func isUnary(rest string) bool {
	switch rest {
	case "clz", "ctz", "popcnt", "abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt",
		"extend8_s", "extend16_s", "extend32_s":
		return true
	}
	return false
}

// numericBody applies every numeric instruction to parameters and drops
// the result.
func numericBody() []byte {
	b := code.New()
	for o := op.Opcode(0); o <= 0xFF; o++ {
		operands, ok := numericSig(o)
		if !ok {
			continue
		}
		for _, t := range operands {
			b.LocalGet(paramOf[t])
		}
		b.Op(o)
		b.Op(op.Drop)
	}
	b.I64Const(-5)
	b.Op(op.Drop)
	b.F64Const(2.5)
	b.Op(op.Drop)
	return b.Bytes()
}

// memoryBody uses every load and store, memory.size/grow/copy/fill and
// global.get/set; it returns memory.size.
func memoryBody() []byte {
	b := code.New()
	for o := op.I32Load; o <= op.I64Load32U; o++ {
		b.LocalGet(0)
		b.Load(o, 8)
		b.Op(op.Drop)
	}
	values := map[string]func(){"i32": func() { b.I32Const(7) }, "i64": func() { b.I64Const(7) },
		"f32": func() { b.LocalGet(2) }, "f64": func() { b.F64Const(7) }}
	for o := op.I32Store; o <= op.I64Store32; o++ {
		b.LocalGet(0)
		values[o.String()[:3]]()
		b.Store(o, 16)
	}
	b.I32Const(1)
	b.MemoryGrow()
	b.GlobalSet(0)
	b.I32Const(0)
	b.I32Const(64)
	b.I32Const(8)
	b.MemoryCopy()
	b.I32Const(0)
	b.I32Const(0xAA)
	b.I32Const(8)
	b.MemoryFill()
	b.GlobalGet(0)
	b.Op(op.Drop)
	b.MemorySize()
	return b.Bytes()
}

// controlBody uses every control instruction, locals, select and call.
func controlBody() []byte {
	b := code.New()
	b.Op(op.Nop)
	b.I32Const(3)
	b.LocalSet(1)
	out := b.Block(code.BlockI32)
	loop := b.Loop(code.Empty)
	b.LocalGet(0)
	inner := b.If(code.Empty)
	b.Br(inner)
	b.Else()
	b.LocalGet(0)
	b.BrTable([]code.Label{inner, loop}, loop)
	b.End()
	b.I32Const(9) // the value $out carries
	b.I32Const(1)
	b.LocalGet(0)
	b.LocalTee(1)
	b.LocalGet(1)
	b.Op(op.Select)
	b.BrIf(out)
	b.Op(op.Drop)
	b.End()
	b.LocalGet(0)
	b.I64Const(0)
	b.F32Const(0)
	b.F64Const(0)
	b.Call(1) // the numeric function
	b.I32Const(0)
	b.Call(0) // the import
	b.Op(op.Drop)
	b.Op(op.Unreachable)
	b.End()
	b.Op(op.Return)
	return b.Bytes()
}

// everyOpcodeModule has one function per opcode family.
func everyOpcodeModule() *wasm.Module {
	return &wasm.Module{
		Name: "every",
		Types: []wasm.FuncType{
			{Params: []wasm.ValType{wasm.I32, wasm.I64, wasm.F32, wasm.F64}},
			{Params: []wasm.ValType{wasm.I32, wasm.I64, wasm.F32, wasm.F64}, Results: []wasm.ValType{wasm.I32}},
			{Params: []wasm.ValType{wasm.I32}, Results: []wasm.ValType{wasm.I32}},
		},
		Imports: []wasm.Import{{Module: "env", Name: "f", Type: 2}},
		Funcs: []wasm.Func{
			{Name: "numeric", Type: 0, Body: numericBody()},
			{Name: "memory", Type: 1, Body: memoryBody()},
			{Name: "control", Type: 2, Locals: []wasm.ValType{wasm.I32}, Body: controlBody()},
		},
		Memory:  &wasm.Memory{Min: 1, Max: 4, HasMax: true},
		Globals: []wasm.Global{{Name: "g", Type: wasm.I32, Mutable: true}, {Type: wasm.F64, Init: 0x3ff0000000000000}},
		Exports: []wasm.Export{{Name: "control", Kind: wasm.ExportFunc, Index: 3}, {Name: "g", Kind: wasm.ExportGlobal}},
		Data:    []wasm.Data{{Offset: 64, Bytes: []byte{0, 1, 2, 0xff}}},
	}
}
