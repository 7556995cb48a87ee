package wat

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// immediates reads o's immediates and returns their text, space-prefixed.
func (d *disasm) immediates(o op.Opcode) (string, error) {
	switch o.Imm() {
	case op.ImmNone:
		return "", nil
	case op.ImmBlockType:
		bt, err := d.byte()
		return " " + Label(d.next) + BlockType(bt), err
	case op.ImmLabel:
		return d.label()
	case op.ImmLabelTable:
		return d.labelTable()
	case op.ImmFunc:
		fn, err := d.u32()
		return " " + FuncRef(fn, d.names), err
	case op.ImmLocal, op.ImmGlobal:
		i, err := d.u32()
		return " " + strconv.FormatUint(uint64(i), 10), err
	case op.ImmMemArg:
		return d.memArg(o)
	case op.ImmMemory, op.ImmMemoryFill:
		return "", d.zeros(1)
	case op.ImmMemoryCopy:
		return "", d.zeros(2)
	}
	return d.constant(o.Imm())
}

func (d *disasm) constant(k op.Imm) (string, error) {
	switch k {
	case op.ImmI32:
		v, n, err := leb128.DecodeInt32(d.b[d.pos:])
		d.pos += n
		return " " + strconv.FormatInt(int64(v), 10), err
	case op.ImmI64:
		v, n, err := leb128.DecodeInt64(d.b[d.pos:])
		d.pos += n
		return " " + strconv.FormatInt(v, 10), err
	case op.ImmF32:
		raw, err := d.fixed(4)
		v := math.Float32frombits(binary.LittleEndian.Uint32(raw))
		return " " + strconv.FormatFloat(float64(v), 'g', -1, 32), err
	case op.ImmF64:
		raw, err := d.fixed(8)
		v := math.Float64frombits(binary.LittleEndian.Uint64(raw))
		return " " + strconv.FormatFloat(v, 'g', -1, 64), err
	}
	return "", fmt.Errorf("immediate kind %d", k)
}

func (d *disasm) label() (string, error) {
	depth, err := d.u32()
	if err != nil {
		return "", err
	}
	if depth >= uint32(len(d.open)) {
		if depth == uint32(len(d.open)) {
			return " " + strconv.FormatUint(uint64(depth), 10) + " ;; function body", nil
		}
		return "", fmt.Errorf("label depth %d with %d blocks open", depth, len(d.open))
	}
	return " " + Label(d.open[len(d.open)-1-int(depth)]), nil
}

func (d *disasm) labelTable() (string, error) {
	n, err := d.u32()
	if err != nil {
		return "", err
	}
	if uint64(n) > uint64(len(d.b)-d.pos) {
		return "", errTruncated
	}
	var s string
	for i := uint32(0); i <= n; i++ { // n entries, then the default
		t, err := d.label()
		if err != nil {
			return "", err
		}
		s += t
	}
	return s, nil
}

func (d *disasm) memArg(o op.Opcode) (string, error) {
	align, err := d.u32()
	if err != nil {
		return "", err
	}
	offset, err := d.u32()
	natural, _ := o.NaturalAlign()
	return MemArg(offset, align, natural), err
}

func (d *disasm) u32() (uint32, error) {
	v, n, err := leb128.DecodeUint32(d.b[d.pos:])
	d.pos += n
	return v, err
}

func (d *disasm) byte() (byte, error) {
	raw, err := d.fixed(1)
	if err != nil {
		return 0, err
	}
	return raw[0], nil
}

func (d *disasm) fixed(n int) ([]byte, error) {
	if len(d.b)-d.pos < n {
		d.pos = len(d.b)
		return make([]byte, n), errTruncated
	}
	d.pos += n
	return d.b[d.pos-n : d.pos], nil
}

func (d *disasm) zeros(n int) error {
	raw, err := d.fixed(n)
	for _, c := range raw {
		if c != 0 {
			return fmt.Errorf("memory index %d", c)
		}
	}
	return err
}
