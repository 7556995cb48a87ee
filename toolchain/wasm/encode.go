package wasm

import (
	"fmt"

	"github.com/aeriesec/aerie/toolchain/wasm/leb128"
)

// Section ids of the binary format.
const (
	secCustom   = 0
	secType     = 1
	secImport   = 2
	secFunction = 3
	secMemory   = 5
	secGlobal   = 6
	secExport   = 7
	secCode     = 10
	secData     = 11
)

// header is the magic number "\0asm" followed by binary format version 1.
var header = []byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}

// Encode returns the module's binary form: the standard sections in the
// specification's order (empty ones left out), then the name section, then
// Customs in order. The same module always encodes to the same bytes. It
// panics with "BUG:" when the module breaks an invariant.
func (m *Module) Encode() []byte {
	m.check()
	b := append([]byte(nil), header...)
	b = appendSection(b, secType, m.appendTypes)
	b = appendSection(b, secImport, m.appendImports)
	b = appendSection(b, secFunction, m.appendFunctions)
	b = appendSection(b, secMemory, m.appendMemory)
	b = appendSection(b, secGlobal, m.appendGlobals)
	b = appendSection(b, secExport, m.appendExports)
	b = appendSection(b, secCode, m.appendCode)
	b = appendSection(b, secData, m.appendData)
	b = appendSection(b, secCustom, m.appendNames)
	for _, c := range m.Customs {
		b = appendSection(b, secCustom, c.appendTo)
	}
	return b
}

// appendSection appends section id with the content that body appends;
// body returns b unchanged when the section is empty and is then left out.
func appendSection(b []byte, id byte, body func([]byte) []byte) []byte {
	content := body(nil)
	if content == nil {
		return b
	}
	b = append(b, id)
	b = leb128.AppendUint32(b, uint32(len(content)))
	return append(b, content...)
}

// appendName appends a length-prefixed UTF-8 name.
func appendName(b []byte, s string) []byte {
	b = leb128.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// appendVecLen appends a vector length.
func appendVecLen(b []byte, n int) []byte { return leb128.AppendUint32(b, uint32(n)) }

func bug(format string, args ...any) {
	panic(fmt.Sprintf("BUG: wasm: "+format, args...))
}
