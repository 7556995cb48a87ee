package bench

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero"

	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// BenchmarkWazeroCall measures one call into a module whose function
// returns at once, with and without wazero's deadline support
// (WithCloseOnContextDone, which the runtime needs to stop a module that
// runs too long): the fixed price of every eval_batch call.
func BenchmarkWazeroCall(b *testing.B) {
	mod := (&wasm.Module{
		Types:   []wasm.FuncType{{Results: []wasm.ValType{wasm.I32}}},
		Funcs:   []wasm.Func{{Name: "f", Body: []byte{byte(op.I32Const), 1, byte(op.End)}}},
		Exports: []wasm.Export{{Name: "f", Kind: wasm.ExportFunc, Index: 0}},
	}).Encode()
	for _, c := range []struct {
		name     string
		deadline bool
	}{{"deadline", true}, {"no-deadline", false}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler().WithCloseOnContextDone(c.deadline))
			defer r.Close(ctx)
			m, err := r.Instantiate(ctx, mod)
			if err != nil {
				b.Fatal(err)
			}
			f, stack := m.ExportedFunction("f"), make([]uint64, 1)
			for b.Loop() {
				if err := f.CallWithStack(ctx, stack); err != nil || stack[0] != 1 {
					b.Fatalf("call: %v (result %d)", err, stack[0])
				}
			}
		})
	}
}
