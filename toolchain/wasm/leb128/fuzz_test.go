package leb128

import (
	"math"
	"testing"
)

// FuzzRoundTrip checks that every value decodes back from its encoding,
// consuming exactly the bytes written, and that decoding arbitrary bytes
// never panics.
func FuzzRoundTrip(f *testing.F) {
	for _, v := range []uint64{0, 1, 63, 64, 127, 128, math.MaxUint32, math.MaxInt64, math.MaxUint64} {
		f.Add(v, []byte{0x80, 0x7f})
	}
	f.Fuzz(func(t *testing.T, v uint64, junk []byte) {
		checkU64(t, v)
		checkU32(t, uint32(v))
		checkI64(t, int64(v))
		checkI32(t, int32(v))
		DecodeUint32(junk)
		DecodeUint64(junk)
		DecodeInt32(junk)
		DecodeInt64(junk)
	})
}

func checkU64(t *testing.T, v uint64) {
	b := AppendUint64(nil, v)
	if got, n, err := DecodeUint64(b); err != nil || got != v || n != len(b) {
		t.Fatalf("u64 %d: encoded %#x, decoded %d, %d, %v", v, b, got, n, err)
	}
}

func checkU32(t *testing.T, v uint32) {
	b := AppendUint32(nil, v)
	if got, n, err := DecodeUint32(b); err != nil || got != v || n != len(b) {
		t.Fatalf("u32 %d: encoded %#x, decoded %d, %d, %v", v, b, got, n, err)
	}
}

func checkI64(t *testing.T, v int64) {
	b := AppendInt64(nil, v)
	if got, n, err := DecodeInt64(b); err != nil || got != v || n != len(b) {
		t.Fatalf("i64 %d: encoded %#x, decoded %d, %d, %v", v, b, got, n, err)
	}
}

func checkI32(t *testing.T, v int32) {
	b := AppendInt32(nil, v)
	if got, n, err := DecodeInt32(b); err != nil || got != v || n != len(b) {
		t.Fatalf("i32 %d: encoded %#x, decoded %d, %d, %v", v, b, got, n, err)
	}
}
