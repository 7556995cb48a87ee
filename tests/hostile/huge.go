package hostile

import (
	"fmt"

	"github.com/aeriesec/aerie/toolchain/wasm"
)

// HugeSize is the size of the oversized fixture: 100 MiB.
const HugeSize = 100 << 20

// paddingSection names the custom section that makes Huge large.
const paddingSection = "aerie.padding"

// Huge returns the valid module padded with a custom section to exactly
// size bytes: valid in every respect except its size. It is built at test
// time, never committed.
func Huge(size int) []byte {
	m := All()[0].Module()
	base := len(m.Encode())
	name := len(paddingSection) + 1
	for lebLen := 1; lebLen <= 5; lebLen++ {
		content := size - base - 1 - lebLen
		if content < name || lenLEB(content) != lebLen {
			continue
		}
		m.Customs = append(m.Customs, wasm.Custom{Name: paddingSection, Bytes: make([]byte, content-name)})
		b := m.Encode()
		if len(b) != size {
			panic(fmt.Sprintf("BUG: hostile: padded module is %d bytes, want %d", len(b), size))
		}
		return b
	}
	panic(fmt.Sprintf("BUG: hostile: cannot pad a %d-byte module to %d bytes", base, size))
}

func lenLEB(n int) int {
	l := 1
	for n >= 0x80 {
		n >>= 7
		l++
	}
	return l
}
