package op

// accessWidth is the number of bytes each load and store touches.
var accessWidth = map[Opcode]uint32{
	I32Load: 4, I64Load: 8, F32Load: 4, F64Load: 8,
	I32Load8S: 1, I32Load8U: 1, I32Load16S: 2, I32Load16U: 2,
	I64Load8S: 1, I64Load8U: 1, I64Load16S: 2, I64Load16U: 2, I64Load32S: 4, I64Load32U: 4,
	I32Store: 4, I64Store: 8, F32Store: 4, F64Store: 8,
	I32Store8: 1, I32Store16: 2, I64Store8: 1, I64Store16: 2, I64Store32: 4,
}

// NaturalAlign returns the natural alignment exponent (log2 of the access
// width in bytes) of a load or store, and false for any other opcode.
func (o Opcode) NaturalAlign() (uint32, bool) {
	w, ok := accessWidth[o]
	if !ok {
		return 0, false
	}
	var e uint32
	for w > 1 {
		w >>= 1
		e++
	}
	return e, true
}

// IsLoad reports whether o reads memory through a memarg.
func (o Opcode) IsLoad() bool { return o >= I32Load && o <= I64Load32U }

// IsStore reports whether o writes memory through a memarg.
func (o Opcode) IsStore() bool { return o >= I32Store && o <= I64Store32 }
