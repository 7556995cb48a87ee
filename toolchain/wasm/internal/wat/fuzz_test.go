package wat

import "testing"

// FuzzDisassemble checks that arbitrary bytes never panic the disassembler
// and that a successful disassembly lists something for every byte run.
func FuzzDisassemble(f *testing.F) {
	f.Add([]byte{0x02, 0x40, 0x0c, 0x00, 0x0b, 0x0b})
	f.Add([]byte{0x0e, 0x01, 0x00, 0x00, 0x0b})
	f.Add([]byte{0xfc, 0x0a, 0x00, 0x00, 0x0b})
	f.Fuzz(func(t *testing.T, body []byte) {
		lines, err := Disassemble(body, nil)
		if err == nil && len(body) > 1 && len(lines) == 0 {
			t.Errorf("Disassemble(%#x) listed nothing", body)
		}
	})
}
