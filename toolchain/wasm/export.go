package wasm

import "github.com/aeriesec/aerie/toolchain/wasm/leb128"

// appendExports appends the export section's content.
func (m *Module) appendExports(b []byte) []byte {
	if len(m.Exports) == 0 {
		return b
	}
	b = appendVecLen(b, len(m.Exports))
	for _, e := range m.Exports {
		b = appendName(b, e.Name)
		b = append(b, byte(e.Kind))
		b = leb128.AppendUint32(b, e.Index)
	}
	return b
}
