package wasm

import "github.com/aeriesec/aerie/toolchain/wasm/leb128"

// importFunc is the import descriptor kind of a function.
const importFunc = 0x00

// appendImports appends the import section's content: function imports.
func (m *Module) appendImports(b []byte) []byte {
	if len(m.Imports) == 0 {
		return b
	}
	b = appendVecLen(b, len(m.Imports))
	for _, im := range m.Imports {
		b = appendName(b, im.Module)
		b = appendName(b, im.Name)
		b = append(b, importFunc)
		b = leb128.AppendUint32(b, im.Type)
	}
	return b
}
