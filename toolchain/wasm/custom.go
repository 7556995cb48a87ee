package wasm

// appendTo appends a custom section's content: its name, then its bytes.
// It never returns nil, so an empty custom section is still written.
func (c Custom) appendTo(b []byte) []byte {
	b = appendName(b, c.Name)
	return append(b, c.Bytes...)
}
