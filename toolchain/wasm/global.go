package wasm

import (
	"encoding/binary"

	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// appendGlobals appends the global section's content.
func (m *Module) appendGlobals(b []byte) []byte {
	if len(m.Globals) == 0 {
		return b
	}
	b = appendVecLen(b, len(m.Globals))
	for _, g := range m.Globals {
		b = append(b, byte(g.Type), mutFlag(g.Mutable))
		b = g.appendInit(b)
	}
	return b
}

func mutFlag(mutable bool) byte {
	if mutable {
		return 0x01
	}
	return 0x00
}

// appendInit appends the constant initialiser expression, end included.
func (g Global) appendInit(b []byte) []byte {
	switch g.Type {
	case I32:
		b = leb128.AppendInt32(op.I32Const.Append(b), int32(g.Init))
	case I64:
		b = leb128.AppendInt64(op.I64Const.Append(b), g.Init)
	case F32:
		b = binary.LittleEndian.AppendUint32(op.F32Const.Append(b), uint32(g.Init))
	case F64:
		b = binary.LittleEndian.AppendUint64(op.F64Const.Append(b), uint64(g.Init))
	}
	return op.End.Append(b)
}
