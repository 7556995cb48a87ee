package wasm

import "github.com/aeriesec/aerie/toolchain/wasm/leb128"

// Limits flags.
const (
	limitsMin    = 0x00
	limitsMinMax = 0x01
)

// appendMemory appends the memory section's content: one memory's limits.
func (m *Module) appendMemory(b []byte) []byte {
	if m.Memory == nil {
		return b
	}
	b = appendVecLen(b, 1)
	return m.Memory.appendLimits(b)
}

func (mem *Memory) appendLimits(b []byte) []byte {
	if !mem.HasMax {
		return leb128.AppendUint32(append(b, limitsMin), mem.Min)
	}
	if mem.Max < mem.Min {
		bug("memory max %d below min %d", mem.Max, mem.Min)
	}
	b = leb128.AppendUint32(append(b, limitsMinMax), mem.Min)
	return leb128.AppendUint32(b, mem.Max)
}
