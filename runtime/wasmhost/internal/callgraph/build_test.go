package callgraph

// A minimal module writer for the tests (the runtime may not use the
// toolchain's encoder): every function has type () -> ().

func u32(v uint32) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func vec(items ...[]byte) []byte {
	b := u32(uint32(len(items)))
	for _, it := range items {
		b = append(b, it...)
	}
	return b
}

func str(s string) []byte { return append(u32(uint32(len(s))), s...) }

func sec(id byte, content []byte) []byte {
	return append(append([]byte{id}, u32(uint32(len(content)))...), content...)
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

const header = "\x00asm\x01\x00\x00\x00"

// body is a function body without locals: code must end with 0x0b.
func body(code ...byte) []byte { return append([]byte{0}, code...) }

// call is the bytes of `call f`.
func call(f uint32) []byte { return append([]byte{0x10}, u32(f)...) }

// module has imports function imports ("aerie"."f<i>"), then one function
// per body, named by names (index → name) when given.
type module struct {
	imports int
	bodies  [][]byte
	names   map[uint32]string
	extra   []byte // sections appended after the code section
}

func (m module) bytes() []byte {
	b := []byte(header)
	b = append(b, sec(1, vec([]byte{0x60, 0, 0}))...)
	var imps [][]byte
	for i := range m.imports {
		imps = append(imps, cat(str("aerie"), str("f"+string(rune('a'+i))), []byte{0, 0}))
	}
	if m.imports > 0 {
		b = append(b, sec(2, vec(imps...))...)
	}
	var types, codes [][]byte
	for _, bd := range m.bodies {
		types = append(types, []byte{0})
		codes = append(codes, append(u32(uint32(len(bd))), bd...))
	}
	b = append(b, sec(3, vec(types...))...)
	b = append(b, sec(10, vec(codes...))...)
	if m.names != nil {
		var entries [][]byte
		for i := range uint32(m.imports + len(m.bodies)) {
			if n, ok := m.names[i]; ok {
				entries = append(entries, cat(u32(i), str(n)))
			}
		}
		sub := vec(entries...)
		b = append(b, sec(0, cat(str("name"), []byte{1}, u32(uint32(len(sub))), sub))...)
	}
	return append(b, m.extra...)
}
