package wat

import (
	"errors"
	"fmt"

	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

var errTruncated = errors.New("truncated")

// disasm walks one expression.
type disasm struct {
	b      []byte
	pos    int
	names  func(uint32) string
	open   []int // label numbers of the open blocks, innermost last
	next   int
	lines  []Line
	closed bool // the expression's final end was read
}

// Disassemble turns an encoded expression (a function body with its final
// end) into lines, naming calls through names when it is not nil.
func Disassemble(body []byte, names func(uint32) string) ([]Line, error) {
	d := &disasm{b: body, names: names}
	for d.pos < len(d.b) {
		if d.closed {
			return d.lines, fmt.Errorf("offset %d: bytes after the final end", d.pos)
		}
		if err := d.instr(); err != nil {
			return d.lines, fmt.Errorf("offset %d: %w", d.pos, err)
		}
	}
	if !d.closed {
		return d.lines, fmt.Errorf("offset %d: missing final end", d.pos)
	}
	return d.lines, nil
}

func (d *disasm) instr() error {
	o, n, err := op.Decode(d.b[d.pos:])
	if err != nil {
		return err
	}
	d.pos += n
	switch o {
	case op.End:
		return d.end()
	case op.Else:
		if len(d.open) == 0 {
			return errors.New("else outside a block")
		}
		d.emitAt(len(d.open)-1, "else")
		return nil
	}
	text, err := d.immediates(o)
	if err != nil {
		return fmt.Errorf("%v: %w", o, err)
	}
	d.emit(o.String() + text)
	if o.Imm() == op.ImmBlockType {
		d.open = append(d.open, d.next)
		d.next++
	}
	return nil
}

func (d *disasm) end() error {
	if len(d.open) == 0 {
		d.closed = true
		return nil
	}
	d.open = d.open[:len(d.open)-1]
	d.emit("end")
	return nil
}

func (d *disasm) emit(s string)              { d.emitAt(len(d.open), s) }
func (d *disasm) emitAt(depth int, s string) { d.lines = append(d.lines, Line{depth, s}) }
