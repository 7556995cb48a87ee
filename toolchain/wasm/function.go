package wasm

import "github.com/aeriesec/aerie/toolchain/wasm/leb128"

// appendFunctions appends the function section's content: the type index
// of each defined function.
func (m *Module) appendFunctions(b []byte) []byte {
	if len(m.Funcs) == 0 {
		return b
	}
	b = appendVecLen(b, len(m.Funcs))
	for _, f := range m.Funcs {
		b = leb128.AppendUint32(b, f.Type)
	}
	return b
}
