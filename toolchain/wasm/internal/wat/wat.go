// Package wat prints WebAssembly instructions as WAT-like text, shared by
// the instruction builder's String and the module's WAT: one instruction
// per line, indented by nesting, blocks named $L<n> in the order they open.
//
// It may import only the standard library and toolchain/wasm/leb128 and
// toolchain/wasm/op.
package wat

import (
	"strconv"
	"strings"
)

// Line is one line of text at a nesting depth.
type Line struct {
	Depth int
	Text  string
}

// Format joins lines, indenting each by indent plus two spaces per depth.
func Format(lines []Line, indent string) string {
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(indent)
		sb.WriteString(strings.Repeat("  ", l.Depth))
		sb.WriteString(l.Text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// ValType names a value type byte.
func ValType(t byte) string {
	switch t {
	case 0x7f:
		return "i32"
	case 0x7e:
		return "i64"
	case 0x7d:
		return "f32"
	case 0x7c:
		return "f64"
	}
	return "valtype(" + strconv.Itoa(int(t)) + ")"
}

// Label names the n-th block opened in a function.
func Label(n int) string { return "$L" + strconv.Itoa(n) }

// BlockType is the text after a block's label: empty for 0x40, else a result.
func BlockType(bt byte) string {
	if bt == 0x40 {
		return ""
	}
	return " (result " + ValType(bt) + ")"
}

// FuncRef names a function index: $name when names knows it, else the index.
func FuncRef(fn uint32, names func(uint32) string) string {
	if names != nil {
		if s := names(fn); s != "" {
			return "$" + s
		}
	}
	return strconv.FormatUint(uint64(fn), 10)
}

// MemArg is the text of a load or store's memarg: offset when non-zero,
// align when not the natural one.
func MemArg(offset, align, natural uint32) string {
	var s string
	if offset != 0 {
		s += " offset=" + strconv.FormatUint(uint64(offset), 10)
	}
	if align != natural {
		s += " align=" + strconv.FormatUint(1<<align, 10)
	}
	return s
}

// Quote writes b as a WAT string: printable ASCII as is, the rest as \hh.
func Quote(b []byte) string {
	const hex = "0123456789abcdef"
	var sb strings.Builder
	sb.WriteByte('"')
	for _, c := range b {
		switch {
		case c == '"' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			sb.WriteByte('\\')
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&15])
		}
	}
	sb.WriteByte('"')
	return sb.String()
}
