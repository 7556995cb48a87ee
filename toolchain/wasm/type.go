package wasm

// funcTypeForm introduces a function type.
const funcTypeForm = 0x60

// appendTypes appends the type section's content: a vector of function types.
func (m *Module) appendTypes(b []byte) []byte {
	if len(m.Types) == 0 {
		return b
	}
	b = appendVecLen(b, len(m.Types))
	for _, t := range m.Types {
		b = append(b, funcTypeForm)
		b = appendValTypes(b, t.Params)
		b = appendValTypes(b, t.Results)
	}
	return b
}

func appendValTypes(b []byte, ts []ValType) []byte {
	b = appendVecLen(b, len(ts))
	for _, t := range ts {
		b = append(b, byte(t))
	}
	return b
}
