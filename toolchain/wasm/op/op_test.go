package op

import (
	"bytes"
	"errors"
	"testing"
)

func TestAppendAndString(t *testing.T) {
	tests := []struct {
		op   Opcode
		want []byte
		name string
	}{
		{Unreachable, []byte{0x00}, "unreachable"},               // first opcode
		{End, []byte{0x0b}, "end"},                               // block terminator
		{BrTable, []byte{0x0e}, "br_table"},                      // underscore mnemonic
		{LocalGet, []byte{0x20}, "local.get"},                    // dotted mnemonic
		{I32Load8U, []byte{0x2d}, "i32.load8_u"},                 // load with width
		{I32Add, []byte{0x6a}, "i32.add"},                        // the brief's example
		{I64ExtendI32U, []byte{0xad}, "i64.extend_i32_u"},        // conversion
		{F64ReinterpretI64, []byte{0xbf}, "f64.reinterpret_i64"}, // last MVP conversion
		{I64Extend32S, []byte{0xc4}, "i64.extend32_s"},           // last sign-extension op
		{MemoryCopy, []byte{0xfc, 0x0a}, "memory.copy"},          // 0xfc prefix, sub-opcode 10
		{MemoryFill, []byte{0xfc, 0x0b}, "memory.fill"},          // 0xfc prefix, sub-opcode 11
	}
	for _, tc := range tests {
		if got := tc.op.Append(nil); !bytes.Equal(got, tc.want) {
			t.Errorf("%v.Append = %#x, want %#x", tc.op, got, tc.want)
		}
		if got := tc.op.String(); got != tc.name {
			t.Errorf("String(%#x) = %q, want %q", uint16(tc.op), got, tc.name)
		}
	}
}

func TestDecodeRoundTripsEveryOpcode(t *testing.T) {
	names := map[string]bool{}
	for o := range infos {
		b := o.Append(nil)
		got, n, err := Decode(b)
		if err != nil || got != o || n != len(b) {
			t.Errorf("Decode(%#x) = %v, %d, %v; want %v", b, got, n, err, o)
		}
		if names[o.String()] {
			t.Errorf("mnemonic %q used twice", o.String())
		}
		names[o.String()] = true
	}
	if len(infos) != 178 {
		t.Errorf("%d opcodes, want 178 (MVP 172 less call_indirect, + 5 sign-extension + 2 bulk memory)", len(infos))
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, b := range [][]byte{{0x06}, {0x11}, {0xfc, 0x08}, {0xfc, 0x80, 0x02}, {0xd0}} {
		if _, _, err := Decode(b); !errors.Is(err, ErrUnknown) {
			t.Errorf("Decode(%#x) error = %v, want ErrUnknown", b, err)
		}
	}
	if _, _, err := Decode(nil); err == nil {
		t.Error("Decode(nil) succeeded")
	}
}

func TestNaturalAlign(t *testing.T) {
	tests := map[Opcode]uint32{I32Load8U: 0, I32Load16U: 1, I32Load: 2, I64Load32U: 2, I64Load: 3, F64Store: 3, I32Store8: 0, I64Store32: 2}
	for o, want := range tests {
		if got, ok := o.NaturalAlign(); !ok || got != want {
			t.Errorf("%v.NaturalAlign() = %d, %v; want %d", o, got, ok, want)
		}
	}
	if _, ok := I32Add.NaturalAlign(); ok {
		t.Error("i32.add has a natural alignment")
	}
	for o := range infos {
		_, ok := o.NaturalAlign()
		if isMem := o.IsLoad() || o.IsStore(); ok != isMem || isMem != (o.Imm() == ImmMemArg) {
			t.Errorf("%v: NaturalAlign ok=%v, load/store=%v, imm=%v disagree", o, ok, isMem, o.Imm())
		}
	}
}

func TestAppendUnknownPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !bytes.HasPrefix([]byte(r.(string)), []byte("BUG:")) {
			t.Errorf("recover() = %v, want a BUG: panic", r)
		}
	}()
	Opcode(0x06).Append(nil)
}
