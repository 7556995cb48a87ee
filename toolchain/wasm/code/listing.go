package code

import (
	"strconv"

	"github.com/aeriesec/aerie/toolchain/wasm/internal/wat"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// entryKind says how an entry's immediate prints.
type entryKind uint8

const (
	kPlain   entryKind = iota // mnemonic only
	kInt                      // mnemonic and imm as a signed integer
	kMem                      // mnemonic and imm as a memarg offset
	kLabel                    // mnemonic and imm as a label
	kBlock                    // mnemonic, imm as the label, bt as the block type
	kCall                     // call and imm as a function
	kText                     // text alone (comments, else, br_table, floats)
	kInstrTx                  // mnemonic and text
)

// entry is one line of the listing.
type entry struct {
	o     op.Opcode
	kind  entryKind
	bt    byte
	depth int32
	imm   int64
	text  string
}

func (b *Builder) record(e entry) {
	e.depth = int32(len(b.open))
	b.lines = append(b.lines, e)
}

// String returns the WAT-like listing: one instruction per line, indented
// by nesting, comments as ";; text".
func (b *Builder) String() string {
	lines := make([]wat.Line, len(b.lines))
	for i, e := range b.lines {
		lines[i] = wat.Line{Depth: int(e.depth), Text: b.format(e)}
	}
	return wat.Format(lines, "")
}

func (b *Builder) format(e entry) string {
	switch e.kind {
	case kInt:
		return e.o.String() + " " + strconv.FormatInt(e.imm, 10)
	case kMem:
		return e.o.String() + wat.MemArg(uint32(e.imm), 0, 0)
	case kLabel:
		return e.o.String() + " " + wat.Label(int(e.imm))
	case kBlock:
		return e.o.String() + " " + wat.Label(int(e.imm)) + wat.BlockType(e.bt)
	case kCall:
		return e.o.String() + " " + wat.FuncRef(uint32(e.imm), b.names)
	case kText:
		return e.text
	case kInstrTx:
		return e.o.String() + e.text
	}
	return e.o.String()
}

// Comment adds a line to the listing; it emits no code.
func (b *Builder) Comment(s string) { b.record(entry{kind: kText, text: ";; " + s}) }
