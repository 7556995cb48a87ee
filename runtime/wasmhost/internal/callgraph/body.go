package callgraph

import "fmt"

// body walks the body of defined function i instruction by instruction,
// records its calls and refuses what Aerie does not emit.
func (d *decoder) body(i uint32, r *reader) error {
	fn := uint32(d.g.Imports) + i
	locals, err := d.locals(fn, r)
	if err != nil {
		return err
	}
	d.g.Weight[i] = locals + uint32(len(r.b)) // both bounded by Limits
	depth := 1                                // the body is a block
	for !r.done() {
		at := r.off()
		c, _ := r.byte()
		var err error
		switch immediates[c] {
		case immNone:
		case immBlock:
			err = d.blockType(fn, r)
			depth++
		case immEnd:
			if depth--; depth == 0 {
				if !r.done() {
					return fmt.Errorf("%w: function %s: code after its final end at byte %d", ErrInvalid, d.g.Name(fn), r.off())
				}
				return nil
			}
		case immU32:
			_, err = r.u32()
		case immBrTable:
			err = skipBrTable(r)
		case immCall:
			err = d.call(i, r)
		case immMemArg:
			err = d.memArg(fn, r)
		case immZeroByte:
			err = zeroBytes(r, 1)
		case immI32:
			err = r.skipSigned(5)
		case immI64:
			err = r.skipSigned(10)
		case immF32:
			_, err = r.bytes(4)
		case immF64:
			_, err = r.bytes(8)
		case immPrefixFC:
			err = d.prefixFC(fn, r, at)
		default:
			err = d.refuse(fn, at, opName(c))
		}
		if err != nil {
			return err
		}
	}
	return fmt.Errorf("%w: function %s: body ends inside a block", ErrInvalid, d.g.Name(fn))
}

func opName(c byte) string {
	if n, ok := refusedNames[c]; ok {
		return fmt.Sprintf("%s (0x%02x)", n, c)
	}
	return fmt.Sprintf("opcode 0x%02x", c)
}

func (d *decoder) refuse(fn uint32, at int, what string) error {
	return fmt.Errorf("function %s: %w: %s at byte %d", d.g.Name(fn), ErrInstruction, what, at)
}

// locals reads the local declarations: numeric types only, bounded count.
func (d *decoder) locals(fn uint32, r *reader) (uint32, error) {
	groups, err := r.u32()
	if err != nil {
		return 0, err
	}
	var total uint64
	for range groups {
		n, err := r.u32()
		if err != nil {
			return 0, err
		}
		at := r.off()
		t, err := r.byte()
		if err != nil {
			return 0, err
		}
		if !numeric(t) {
			return 0, d.badType(fn, at, "local", t)
		}
		if total += uint64(n); total > uint64(d.lim.MaxLocals) {
			return 0, fmt.Errorf("function %s has over %d locals: %w", d.g.Name(fn), d.lim.MaxLocals, ErrLimit)
		}
	}
	return uint32(total), nil
}

func (d *decoder) badType(fn uint32, at int, what string, t byte) error {
	if n, ok := refusedTypes[t]; ok {
		return d.refuse(fn, at, fmt.Sprintf("%s of type %s", what, n))
	}
	return fmt.Errorf("%w: function %s: %s of unknown type 0x%02x at byte %d", ErrInvalid, d.g.Name(fn), what, t, at)
}

// blockType accepts the empty type and one numeric result; type-index
// (multi-value) block types are refused.
func (d *decoder) blockType(fn uint32, r *reader) error {
	at := r.off()
	t, err := r.byte()
	if err != nil {
		return err
	}
	if t == typeEmpty || numeric(t) {
		return nil
	}
	if _, ok := refusedTypes[t]; ok {
		return d.badType(fn, at, "block result", t)
	}
	return d.refuse(fn, at, fmt.Sprintf("block type 0x%02x (multi-value)", t))
}

func skipBrTable(r *reader) error {
	n, err := r.u32()
	if err != nil {
		return err
	}
	for range uint64(n) + 1 { // each label takes at least one byte: ends with the body
		if _, err := r.u32(); err != nil {
			return err
		}
	}
	return nil
}

// call records a direct call from defined function i.
func (d *decoder) call(i uint32, r *reader) error {
	at := r.off()
	callee, err := r.u32()
	if err != nil {
		return err
	}
	total := uint64(d.g.Imports) + uint64(len(d.g.Calls))
	if uint64(callee) >= total {
		return fmt.Errorf("%w: function %s calls function %d of %d at byte %d",
			ErrInvalid, d.g.Name(uint32(d.g.Imports)+i), callee, total, at)
	}
	if int(callee) < d.g.Imports {
		return nil // imports are leaves
	}
	j := int(callee) - d.g.Imports
	if d.seen[j] != i+1 {
		d.seen[j] = i + 1
		d.g.Calls[i] = append(d.g.Calls[i], callee)
	}
	return nil
}

// memArg skips alignment and offset; alignments above 8 bytes (or with
// the multi-memory flag) are refused.
func (d *decoder) memArg(fn uint32, r *reader) error {
	at := r.off()
	align, err := r.u32()
	if err != nil {
		return err
	}
	if align > 3 {
		return d.refuse(fn, at, fmt.Sprintf("memory access with alignment flags %d", align))
	}
	_, err = r.u32()
	return err
}

func zeroBytes(r *reader, n int) error {
	for range n {
		at := r.off()
		c, err := r.byte()
		if err != nil {
			return err
		}
		if c != 0 {
			return fmt.Errorf("%w: memory index %d at byte %d (one memory only)", ErrInvalid, c, at)
		}
	}
	return nil
}

// prefixFC accepts memory.copy and memory.fill.
func (d *decoder) prefixFC(fn uint32, r *reader, at int) error {
	sub, err := r.u32()
	if err != nil {
		return err
	}
	switch sub {
	case fcMemoryCopy:
		return zeroBytes(r, 2)
	case fcMemoryFill:
		return zeroBytes(r, 1)
	}
	if n, ok := refusedFC[sub]; ok {
		return d.refuse(fn, at, fmt.Sprintf("%s (0xfc %d)", n, sub))
	}
	return d.refuse(fn, at, fmt.Sprintf("opcode 0xfc %d", sub))
}
