// Package op lists the WebAssembly instructions Aerie's encoder knows: their
// opcodes as typed constants, mnemonics, immediate kinds and natural
// alignments, and how an opcode is written and read in the binary format.
//
// It may import only the standard library and toolchain/wasm/leb128.
package op

import (
	"errors"
	"fmt"

	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
)

// Opcode is one instruction's opcode. Single-byte opcodes are their byte;
// 0xfc-prefixed ones are 0xfc00 | sub-opcode.
type Opcode uint16

// prefixFC is the prefix byte of the bulk-memory (and saturating) instructions.
const prefixFC = 0xFC

// Imm is the kind of immediate operands that follow an opcode.
type Imm byte

// The immediate kinds.
const (
	ImmNone       Imm = iota // no immediate
	ImmBlockType             // block type: 0x40 or a value type
	ImmLabel                 // relative label depth (u32)
	ImmLabelTable            // vector of label depths, then a default depth
	ImmFunc                  // function index (u32)
	ImmLocal                 // local index (u32)
	ImmGlobal                // global index (u32)
	ImmMemArg                // alignment exponent and offset (u32, u32)
	ImmMemory                // memory index byte, always 0
	ImmI32                   // signed LEB128 i32
	ImmI64                   // signed LEB128 i64
	ImmF32                   // 4 little-endian bytes
	ImmF64                   // 8 little-endian bytes
	ImmMemoryCopy            // destination and source memory bytes, always 0 0
	ImmMemoryFill            // memory index byte, always 0
)

type info struct {
	name string
	imm  Imm
}

// byByte and byFC index infos for lookups on the encoder's hot path.
var byByte, byFC [256]info

func init() {
	for o, i := range infos {
		if o <= 0xFF {
			byByte[o] = i
		} else {
			byFC[o&0xFF] = i
		}
	}
}

// lookup returns o's info; its name is empty when o is unknown.
func lookup(o Opcode) info {
	switch {
	case o <= 0xFF:
		return byByte[o]
	case o>>8 == prefixFC:
		return byFC[o&0xFF]
	}
	return info{}
}

// ErrUnknown is returned by Decode for a byte sequence that is no known opcode.
var ErrUnknown = errors.New("unknown opcode")

// Valid reports whether o is an opcode this package knows.
func (o Opcode) Valid() bool { return lookup(o).name != "" }

// String returns the instruction's text-format mnemonic, e.g. "i32.add".
func (o Opcode) String() string {
	if i := lookup(o); i.name != "" {
		return i.name
	}
	return fmt.Sprintf("opcode(%#x)", uint16(o))
}

// Imm returns the kind of immediates that follow o.
func (o Opcode) Imm() Imm { return lookup(o).imm }

// Append appends o's binary encoding to b. It panics on an unknown opcode.
func (o Opcode) Append(b []byte) []byte {
	if !o.Valid() {
		panic(fmt.Sprintf("BUG: append of unknown opcode %#x", uint16(o)))
	}
	if o <= 0xFF {
		return append(b, byte(o))
	}
	return leb128.AppendUint32(append(b, prefixFC), uint32(o&0xFF))
}

// Decode reads one opcode from the start of b and returns it with the
// number of bytes read.
func Decode(b []byte) (Opcode, int, error) {
	if len(b) == 0 {
		return 0, 0, leb128.ErrTruncated
	}
	if b[0] != prefixFC {
		o := Opcode(b[0])
		if !o.Valid() {
			return 0, 1, fmt.Errorf("decode opcode %#x: %w", b[0], ErrUnknown)
		}
		return o, 1, nil
	}
	sub, n, err := leb128.DecodeUint32(b[1:])
	if err != nil {
		return 0, 1 + n, fmt.Errorf("decode 0xfc sub-opcode: %w", err)
	}
	o := Opcode(prefixFC<<8 | sub&0xFF)
	if sub > 0xFF || !o.Valid() {
		return 0, 1 + n, fmt.Errorf("decode opcode 0xfc %d: %w", sub, ErrUnknown)
	}
	return o, 1 + n, nil
}
