package leb128

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

func TestAppendUnsigned(t *testing.T) {
	tests := []struct {
		in   uint64
		want []byte
	}{
		{0, []byte{0x00}},                                          // zero is one byte
		{1, []byte{0x01}},                                          // smallest non-zero
		{0x7f, []byte{0x7f}},                                       // largest one-byte value
		{0x80, []byte{0x80, 0x01}},                                 // first two-byte value
		{624485, []byte{0xe5, 0x8e, 0x26}},                         // the classic example
		{math.MaxUint32, []byte{0xff, 0xff, 0xff, 0xff, 0x0f}},     // u32 max: 5 bytes, 4 bits in the last
		{math.MaxUint32 + 1, []byte{0x80, 0x80, 0x80, 0x80, 0x10}}, // just past u32
		{math.MaxUint64, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}}, // u64 max: 10 bytes
	}
	for _, tc := range tests {
		if got := AppendUint64(nil, tc.in); !bytes.Equal(got, tc.want) {
			t.Errorf("AppendUint64(%d) = %#x, want %#x", tc.in, got, tc.want)
		}
		if tc.in <= math.MaxUint32 {
			if got := AppendUint32([]byte{0xaa}, uint32(tc.in)); !bytes.Equal(got, append([]byte{0xaa}, tc.want...)) {
				t.Errorf("AppendUint32(%d) = %#x, want prefix kept and %#x", tc.in, got, tc.want)
			}
		}
	}
}

func TestAppendSigned(t *testing.T) {
	tests := []struct {
		in   int64
		want []byte
	}{
		{0, []byte{0x00}},                   // zero
		{1, []byte{0x01}},                   // one
		{-1, []byte{0x7f}},                  // minus one: all payload bits set
		{63, []byte{0x3f}},                  // largest one-byte positive (bit 6 clear)
		{64, []byte{0xc0, 0x00}},            // bit 6 set needs a second byte to stay positive
		{-64, []byte{0x40}},                 // smallest one-byte negative
		{-65, []byte{0xbf, 0x7f}},           // needs a second byte
		{-123456, []byte{0xc0, 0xbb, 0x78}}, // the classic example
		{math.MaxInt32, []byte{0xff, 0xff, 0xff, 0xff, 0x07}},                               // i32 max
		{math.MinInt32, []byte{0x80, 0x80, 0x80, 0x80, 0x78}},                               // i32 min
		{math.MaxInt64, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00}}, // i64 max
		{math.MinInt64, []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f}}, // i64 min
	}
	for _, tc := range tests {
		if got := AppendInt64(nil, tc.in); !bytes.Equal(got, tc.want) {
			t.Errorf("AppendInt64(%d) = %#x, want %#x", tc.in, got, tc.want)
		}
		if tc.in >= math.MinInt32 && tc.in <= math.MaxInt32 {
			if got := AppendInt32(nil, int32(tc.in)); !bytes.Equal(got, tc.want) {
				t.Errorf("AppendInt32(%d) = %#x, want %#x", tc.in, got, tc.want)
			}
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		dec  func([]byte) error
		want error
	}{
		{"u32 empty", []byte{}, u32, ErrTruncated},                                                                  // nothing to read
		{"u32 continuation at end", []byte{0x80}, u32, ErrTruncated},                                                // continuation bit, no next byte
		{"u32 unused bits", []byte{0xff, 0xff, 0xff, 0xff, 0x1f}, u32, ErrOverflow},                                 // bit 32 set
		{"u32 six bytes", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, u32, ErrOverflow},                             // too long even if zero
		{"u64 unused bits", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02}, u64, ErrOverflow},   // bit 64 set
		{"i32 bad sign bits", []byte{0xff, 0xff, 0xff, 0xff, 0x0f}, i32, ErrOverflow},                               // bits above the sign differ from it
		{"i32 bad negative", []byte{0x80, 0x80, 0x80, 0x80, 0x70}, i32, ErrOverflow},                                // sign set, one upper bit clear
		{"i64 bad sign bits", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, i64, ErrOverflow}, // last byte must be 0x00 or 0x7f
		{"i64 truncated", []byte{0xff}, i64, ErrTruncated},                                                          // continuation, then nothing
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.dec(tc.in); !errors.Is(err, tc.want) {
				t.Errorf("decode(%#x) error = %v, want %v", tc.in, err, tc.want)
			}
		})
	}
}

func TestDecodeAcceptsPadding(t *testing.T) {
	// Non-minimal but in-width encodings are valid Wasm (used for patching).
	if v, n, err := DecodeUint32([]byte{0x83, 0x80, 0x80, 0x80, 0x00}); err != nil || v != 3 || n != 5 {
		t.Errorf("padded u32 = %d, %d, %v; want 3, 5, nil", v, n, err)
	}
	if v, n, err := DecodeInt32([]byte{0xff, 0xff, 0xff, 0xff, 0x7f}); err != nil || v != -1 || n != 5 {
		t.Errorf("padded i32 = %d, %d, %v; want -1, 5, nil", v, n, err)
	}
}

func u32(b []byte) error { _, _, err := DecodeUint32(b); return err }
func u64(b []byte) error { _, _, err := DecodeUint64(b); return err }
func i32(b []byte) error { _, _, err := DecodeInt32(b); return err }
func i64(b []byte) error { _, _, err := DecodeInt64(b); return err }
