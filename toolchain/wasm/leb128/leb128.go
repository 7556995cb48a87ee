// Package leb128 encodes and decodes the LEB128 variable-length integers of
// the WebAssembly binary format (unsigned for sizes and indexes, signed for
// constants).
//
// It may import only the standard library.
package leb128

// AppendUint32 appends the unsigned LEB128 encoding of v to b.
func AppendUint32(b []byte, v uint32) []byte { return AppendUint64(b, uint64(v)) }

// AppendUint64 appends the unsigned LEB128 encoding of v to b.
func AppendUint64(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// AppendInt32 appends the signed LEB128 encoding of v to b.
func AppendInt32(b []byte, v int32) []byte { return AppendInt64(b, int64(v)) }

// AppendInt64 appends the signed LEB128 encoding of v to b.
func AppendInt64(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7 // arithmetic shift keeps the sign
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
