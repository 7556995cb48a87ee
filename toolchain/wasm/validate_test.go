package wasm_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero"

	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// compile has wazero decode and validate bin.
func compile(t *testing.T, bin []byte) {
	t.Helper()
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	defer r.Close(ctx)
	cm, err := r.CompileModule(ctx, bin)
	if err != nil {
		t.Fatalf("wazero rejects the module: %v", err)
	}
	cm.Close(ctx)
}

func TestWazeroValidatesEveryOpcode(t *testing.T) {
	m := everyOpcodeModule()
	compile(t, m.Encode())
	covered := coveredOpcodes(m)
	for _, o := range allOpcodes() {
		if !covered[o] {
			t.Errorf("%v is not exercised by the module", o)
		}
	}
}

func TestWazeroValidatesSmallModules(t *testing.T) {
	for name, m := range map[string]*wasm.Module{
		"empty":        {},
		"memory only":  {Memory: &wasm.Memory{Min: 1, Max: 2, HasMax: true}, Exports: []wasm.Export{{Name: "memory", Kind: wasm.ExportMemory}}},
		"sum":          sumModule(),
		"custom first": {Customs: []wasm.Custom{{Name: "aerie.metadata", Bytes: []byte(`{"abi":1}`)}}},
	} {
		t.Run(name, func(t *testing.T) { compile(t, m.Encode()) })
	}
}

func TestWazeroRunsSum(t *testing.T) {
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	defer r.Close(ctx)
	var hostSeen []uint32
	_, err := r.NewHostModuleBuilder("host").NewFunctionBuilder().
		WithFunc(func(v uint32) { hostSeen = append(hostSeen, v) }).Export("note").Instantiate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := r.Instantiate(ctx, sumModule().Encode())
	if err != nil {
		t.Fatal(err)
	}
	res, err := mod.ExportedFunction("sum").Call(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if int32(res[0]) != 55+'h' {
		t.Errorf("sum(10) = %d, want 55 + 'h' = %d", int32(res[0]), 55+'h')
	}
	if len(hostSeen) != 10 || hostSeen[9] != 1 {
		t.Errorf("host saw %v, want the counter 10 down to 1", hostSeen)
	}
}

// sumModule exports sum(n) = 1+…+n plus the first byte of a data segment
// copied through memory.copy, reporting each n to host.note.
func sumModule() *wasm.Module {
	b := code.New()
	exit := b.Block(code.Empty)
	again := b.Loop(code.Empty)
	b.LocalGet(0)
	b.Op(op.I32Eqz)
	b.BrIf(exit)
	b.LocalGet(0)
	b.Call(0)
	b.LocalGet(1)
	b.LocalGet(0)
	b.Op(op.I32Add)
	b.LocalSet(1)
	b.LocalGet(0)
	b.I32Const(1)
	b.Op(op.I32Sub)
	b.LocalSet(0)
	b.Br(again)
	b.End()
	b.End()
	b.I32Const(100) // memory.copy(100, 16, 2)
	b.I32Const(16)
	b.I32Const(2)
	b.MemoryCopy()
	b.LocalGet(1)
	b.I32Const(0)
	b.Load(op.I32Load8U, 100)
	b.Op(op.I32Add)
	return &wasm.Module{
		Name:    "sum",
		Types:   []wasm.FuncType{{Params: []wasm.ValType{wasm.I32}}, {Params: []wasm.ValType{wasm.I32}, Results: []wasm.ValType{wasm.I32}}},
		Imports: []wasm.Import{{Module: "host", Name: "note", Type: 0}},
		Funcs:   []wasm.Func{{Name: "sum", Type: 1, Locals: []wasm.ValType{wasm.I32}, Body: b.Bytes(), LocalNames: []string{"n", "acc"}}},
		Memory:  &wasm.Memory{Min: 1},
		Exports: []wasm.Export{{Name: "sum", Kind: wasm.ExportFunc, Index: 1}},
		Data:    []wasm.Data{{Offset: 16, Bytes: []byte("hi")}},
	}
}

func allOpcodes() []op.Opcode {
	var all []op.Opcode
	for o := op.Opcode(0); o < 0xFFFF; o++ {
		if o.Valid() {
			all = append(all, o)
		}
	}
	return all
}

// coveredOpcodes decodes the module's WAT mnemonics back to opcodes.
func coveredOpcodes(m *wasm.Module) map[op.Opcode]bool {
	byName := map[string]op.Opcode{}
	for _, o := range allOpcodes() {
		byName[o.String()] = o
	}
	seen := map[op.Opcode]bool{}
	for _, line := range strings.Split(m.WAT(), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			if o, ok := byName[f[0]]; ok {
				seen[o] = true
			}
		}
	}
	return seen
}
