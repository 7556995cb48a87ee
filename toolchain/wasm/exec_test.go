package wasm_test

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero"

	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// execCase computes o(a, b) for i32 operands (b unused by unary ops).
type execCase struct {
	o    op.Opcode
	a, b int32
	want int32
}

// TestWazeroExecutesI32 runs instructions in wazero and checks the results
// Go computes, so an opcode with the right shape but the wrong meaning
// (lt_s for lt_u, shr_s for shr_u) cannot pass.
func TestWazeroExecutesI32(t *testing.T) {
	cases := []execCase{
		{op.I32Add, 7, -9, -2},
		{op.I32Sub, 7, 9, -2},
		{op.I32Mul, -3, 5, -15},
		{op.I32DivU, -8, 2, int32(uint32(0xfffffff8) / 2)},
		{op.I32RemU, 17, 5, 2},
		{op.I32And, 0b1100, 0b1010, 0b1000},
		{op.I32Or, 0b1100, 0b1010, 0b1110},
		{op.I32Xor, 0b1100, 0b1010, 0b0110},
		{op.I32Shl, 1, 33, 2}, // shift count mod 32
		{op.I32ShrU, -8, 1, int32(uint32(0xfffffff8) >> 1)},
		{op.I32ShrS, -8, 1, -4},
		{op.I32Rotl, int32(-0x80000000), 1, 1},
		{op.I32LtS, -1, 0, 1},
		{op.I32LtU, -1, 0, 0},
		{op.I32GtS, -1, 0, 0},
		{op.I32GtU, -1, 0, 1},
		{op.I32LeS, 3, 3, 1},
		{op.I32LeU, 4, 3, 0},
		{op.I32GeS, -5, 3, 0},
		{op.I32GeU, -5, 3, 1},
		{op.I32Eq, 3, 3, 1},
		{op.I32Ne, 3, 3, 0},
		{op.I32Eqz, 0, 0, 1},
		{op.I32Extend8S, 0x80, 0, -128},
		{op.I32Extend16S, 0x7fff, 0, 0x7fff},
	}
	fns := make([]wasm.Func, len(cases))
	exports := make([]wasm.Export, len(cases))
	for i, c := range cases {
		b := code.New()
		b.I32Const(c.a)
		if operands, _ := numericSig(c.o); len(operands) == 2 {
			b.I32Const(c.b)
		}
		b.Op(c.o)
		fns[i] = wasm.Func{Type: 0, Body: b.Bytes()}
		exports[i] = wasm.Export{Name: c.o.String(), Kind: wasm.ExportFunc, Index: uint32(i)}
	}
	m := &wasm.Module{Types: []wasm.FuncType{{Results: []wasm.ValType{wasm.I32}}}, Funcs: fns, Exports: exports}
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	defer r.Close(ctx)
	mod, err := r.Instantiate(ctx, m.Encode())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		res, err := mod.ExportedFunction(c.o.String()).Call(ctx)
		if err != nil || int32(res[0]) != c.want {
			t.Errorf("%v(%d, %d) = %v, %v; want %d", c.o, c.a, c.b, res, err, c.want)
		}
	}
}

// TestWazeroExecutesMemoryAndBranches checks sign/zero-extending loads,
// offsets, memory.fill and br_table targets by running them.
func TestWazeroExecutesMemoryAndBranches(t *testing.T) {
	b := code.New()
	b.I32Const(0) // fill [0, 8) with 0xff
	b.I32Const(0xff)
	b.I32Const(8)
	b.MemoryFill()
	b.I32Const(0)
	b.Load(op.I32Load8S, 1) // -1
	b.I32Const(0)
	b.Load(op.I32Load16U, 2) // 0xffff
	b.Op(op.I32Add)          // 0xfffe
	b.LocalSet(1)
	c := b.Block(code.Empty)
	d := b.Block(code.Empty)
	e := b.Block(code.Empty)
	b.LocalGet(0)
	b.BrTable([]code.Label{e, d}, c)
	b.End()
	addLocal(b, 1) // selector 0 lands here
	b.End()
	addLocal(b, 2) // selectors 0 and 1
	b.End()
	b.LocalGet(1)
	m := &wasm.Module{
		Types:   []wasm.FuncType{{Params: []wasm.ValType{wasm.I32}, Results: []wasm.ValType{wasm.I32}}},
		Funcs:   []wasm.Func{{Locals: []wasm.ValType{wasm.I32}, Body: b.Bytes()}},
		Memory:  &wasm.Memory{Min: 1},
		Exports: []wasm.Export{{Name: "f", Kind: wasm.ExportFunc}},
	}
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	defer r.Close(ctx)
	mod, err := r.Instantiate(ctx, m.Encode())
	if err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[uint64]uint32{0: 0xfffe + 3, 1: 0xfffe + 2, 2: 0xfffe, 9: 0xfffe} {
		res, err := mod.ExportedFunction("f").Call(ctx, sel)
		if err != nil || uint32(res[0]) != want {
			t.Errorf("f(%d) = %v, %v; want %#x", sel, res, err, want)
		}
	}
}

// addLocal adds v to local 1.
func addLocal(b *code.Builder, v int32) {
	b.LocalGet(1)
	b.I32Const(v)
	b.Op(op.I32Add)
	b.LocalSet(1)
}
