package wasm_test

import (
	"testing"

	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// BenchmarkEncode encodes the every-opcode module (three functions,
// globals, data, names).
func BenchmarkEncode(b *testing.B) {
	m := everyOpcodeModule()
	size := len(m.Encode())
	b.ReportAllocs()
	for b.Loop() {
		m.Encode()
	}
	b.ReportMetric(float64(size), "bytes/module")
}

// BenchmarkBuilder emits 1000 compare-and-branch sequences in nested blocks.
func BenchmarkBuilder(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c := code.New()
		for range 100 {
			l := c.Block(code.Empty)
			for j := range 10 {
				c.LocalGet(0)
				c.I32Const(int32(j))
				c.Op(op.I32Ne)
				c.BrIf(l)
			}
			c.End()
		}
		c.Bytes()
	}
	b.ReportMetric(1000, "branches/op")
}
