package wat

import (
	"strings"
	"testing"
)

func TestDisassembleErrors(t *testing.T) {
	tests := map[string]struct {
		body []byte
		want string
	}{
		"empty":            {nil, "missing final end"},
		"no final end":     {[]byte{0x02, 0x40, 0x0b}, "missing final end"},
		"after final end":  {[]byte{0x0b, 0x01}, "bytes after the final end"},
		"unknown opcode":   {[]byte{0x06, 0x0b}, "unknown opcode"},
		"truncated leb":    {[]byte{0x41, 0x80}, "truncated"},
		"deep label":       {[]byte{0x0c, 0x02, 0x0b}, "label depth 2 with 0 blocks open"},
		"else outside":     {[]byte{0x05, 0x0b}, "else outside a block"},
		"memory index":     {[]byte{0x3f, 0x01, 0x0b}, "memory index 1"},
		"truncated f64":    {[]byte{0x44, 0x00, 0x00}, "truncated"},
		"huge label table": {[]byte{0x0e, 0xff, 0xff, 0x03, 0x0b}, "truncated"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Disassemble(tc.body, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Disassemble(%#x) error = %v, want one containing %q", tc.body, err, tc.want)
			}
		})
	}
}

func TestDisassembleListing(t *testing.T) {
	body := []byte{
		0x02, 0x7e, // block $L0 (result i64)
		0x42, 0x7f, // i64.const -1
		0x0c, 0x00, // br $L0
		0x0b,                   // end
		0x1a,                   // drop
		0x43, 0, 0, 0xc0, 0x3f, // f32.const 1.5
		0x1a,       // drop
		0x10, 0x02, // call 2
		0x0b, // end of body
	}
	lines, err := Disassemble(body, func(i uint32) string { return map[uint32]string{2: "f"}[i] })
	if err != nil {
		t.Fatal(err)
	}
	want := "block $L0 (result i64)\n  i64.const -1\n  br $L0\nend\ndrop\nf32.const 1.5\ndrop\ncall $f\n"
	if got := Format(lines, ""); got != want {
		t.Errorf("listing:\n%s\nwant:\n%s", got, want)
	}
}

func TestQuote(t *testing.T) {
	if got, want := Quote([]byte("a\"\\\x00\x7f~")), `"a\"\\\00\7f~"`; got != want {
		t.Errorf("Quote = %s, want %s", got, want)
	}
}
