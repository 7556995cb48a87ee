package leb128

import "errors"

// Decoding errors.
var (
	ErrTruncated = errors.New("leb128: truncated")
	ErrOverflow  = errors.New("leb128: overflows its type")
)

// DecodeUint32 decodes an unsigned LEB128 value of at most 32 bits from the
// start of b and returns it with the number of bytes read.
func DecodeUint32(b []byte) (uint32, int, error) {
	v, n, err := decodeUnsigned(b, 32)
	return uint32(v), n, err
}

// DecodeUint64 decodes an unsigned LEB128 value of at most 64 bits.
func DecodeUint64(b []byte) (uint64, int, error) { return decodeUnsigned(b, 64) }

// DecodeInt32 decodes a signed LEB128 value of at most 32 bits.
func DecodeInt32(b []byte) (int32, int, error) {
	v, n, err := decodeSigned(b, 32)
	return int32(v), n, err
}

// DecodeInt64 decodes a signed LEB128 value of at most 64 bits.
func DecodeInt64(b []byte) (int64, int, error) { return decodeSigned(b, 64) }

// maxLen is the longest encoding of a value of the given bit width.
func maxLen(bits uint) int { return int((bits + 6) / 7) }

// decodeUnsigned rejects encodings longer than the width allows and final
// bytes whose unused bits are set, as the WebAssembly specification does.
func decodeUnsigned(b []byte, bits uint) (uint64, int, error) {
	var v uint64
	for i := 0; i < maxLen(bits); i++ {
		if i >= len(b) {
			return 0, i, ErrTruncated
		}
		c := b[i]
		shift := uint(7 * i)
		if last := i == maxLen(bits)-1; last && uint64(c&0x7f)>>(bits-shift) != 0 {
			return 0, i + 1, ErrOverflow
		}
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v, i + 1, nil
		}
	}
	return 0, maxLen(bits), ErrOverflow
}

// decodeSigned is decodeUnsigned for two's complement values: the unused
// bits of a final byte must all copy the sign bit.
func decodeSigned(b []byte, bits uint) (int64, int, error) {
	var v int64
	for i := 0; i < maxLen(bits); i++ {
		if i >= len(b) {
			return 0, i, ErrTruncated
		}
		c := b[i]
		shift := uint(7 * i)
		if i == maxLen(bits)-1 && !signBitsOK(c, bits-shift) {
			return 0, i + 1, ErrOverflow
		}
		v |= int64(c&0x7f) << shift
		if c&0x80 == 0 {
			if s := shift + 7; s < 64 && c&0x40 != 0 {
				v |= -1 << s
			}
			return v, i + 1, nil
		}
	}
	return 0, maxLen(bits), ErrOverflow
}

// signBitsOK reports whether the last byte c, of which only the low used
// bits carry value, has a continuation bit clear and all bits above used-1
// equal to bit used-1.
func signBitsOK(c byte, used uint) bool {
	if c&0x80 != 0 {
		return false
	}
	if used >= 7 {
		return true
	}
	rest := int8(c<<1) >> used // bits used-1..6 of c, sign-extended
	return rest == 0 || rest == -1
}
