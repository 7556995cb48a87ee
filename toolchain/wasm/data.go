package wasm

import (
	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// dataActiveMem0 flags an active segment for memory 0 with an offset expression.
const dataActiveMem0 = 0x00

// appendData appends the data section's content: active segments.
func (m *Module) appendData(b []byte) []byte {
	if len(m.Data) == 0 {
		return b
	}
	b = appendVecLen(b, len(m.Data))
	for _, d := range m.Data {
		b = append(b, dataActiveMem0)
		b = leb128.AppendInt32(op.I32Const.Append(b), int32(d.Offset))
		b = op.End.Append(b)
		b = appendVecLen(b, len(d.Bytes))
		b = append(b, d.Bytes...)
	}
	return b
}
