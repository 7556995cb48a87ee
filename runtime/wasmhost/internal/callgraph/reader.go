package callgraph

import "fmt"

// reader reads a byte slice front to back; base is the offset of b[0] in
// the module, for error positions.
type reader struct {
	b    []byte
	pos  int
	base int
}

// off is the module offset of the next byte.
func (r *reader) off() int { return r.base + r.pos }

func (r *reader) done() bool { return r.pos >= len(r.b) }

func (r *reader) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: at byte %d: %s", ErrInvalid, r.off(), fmt.Sprintf(format, args...))
}

func (r *reader) byte() (byte, error) {
	if r.pos >= len(r.b) {
		return 0, r.errorf("unexpected end")
	}
	c := r.b[r.pos]
	r.pos++
	return c, nil
}

// bytes returns the next n bytes.
func (r *reader) bytes(n uint32) ([]byte, error) {
	if uint64(n) > uint64(len(r.b)-r.pos) {
		return nil, r.errorf("%d bytes announced, %d left", n, len(r.b)-r.pos)
	}
	s := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s, nil
}

// u32 reads an unsigned LEB128 of at most 5 bytes that fits 32 bits.
func (r *reader) u32() (uint32, error) {
	var v uint32
	for i := 0; i < 5; i++ {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		if i == 4 && c > 0x0f {
			return 0, r.errorf("integer too large for 32 bits")
		}
		v |= uint32(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			return v, nil
		}
	}
	return 0, r.errorf("integer longer than 5 bytes")
}

// skipSigned skips a signed LEB128 of at most max bytes (5 for i32, 10 for
// i64); the value's range is left to the compiler's validation.
func (r *reader) skipSigned(max int) error {
	for i := 0; i < max; i++ {
		c, err := r.byte()
		if err != nil {
			return err
		}
		if c&0x80 == 0 {
			return nil
		}
	}
	return r.errorf("integer longer than %d bytes", max)
}

// name reads a length-prefixed name.
func (r *reader) name() (string, error) {
	n, err := r.u32()
	if err != nil {
		return "", err
	}
	b, err := r.bytes(n)
	return string(b), err
}

// sub returns a reader over the next n bytes and skips them.
func (r *reader) sub(n uint32) (*reader, error) {
	base := r.off()
	b, err := r.bytes(n)
	if err != nil {
		return nil, err
	}
	return &reader{b: b, base: base}, nil
}
