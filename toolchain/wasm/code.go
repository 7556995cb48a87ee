package wasm

import "github.com/aeriesec/aerie/toolchain/wasm/leb128"

// appendCode appends the code section's content: for each defined function
// its size, its locals compressed into runs of one type, and its body.
func (m *Module) appendCode(b []byte) []byte {
	if len(m.Funcs) == 0 {
		return b
	}
	b = appendVecLen(b, len(m.Funcs))
	for _, f := range m.Funcs {
		entry := appendLocals(nil, f.Locals)
		entry = append(entry, f.Body...)
		b = leb128.AppendUint32(b, uint32(len(entry)))
		b = append(b, entry...)
	}
	return b
}

// localRun is a run of consecutive locals of one type.
type localRun struct {
	n int
	t ValType
}

// localRuns compresses locals into runs of equal types.
func localRuns(locals []ValType) []localRun {
	var runs []localRun
	for _, t := range locals {
		if len(runs) > 0 && runs[len(runs)-1].t == t {
			runs[len(runs)-1].n++
			continue
		}
		runs = append(runs, localRun{1, t})
	}
	return runs
}

func appendLocals(b []byte, locals []ValType) []byte {
	runs := localRuns(locals)
	b = appendVecLen(b, len(runs))
	for _, r := range runs {
		b = leb128.AppendUint32(b, uint32(r.n))
		b = append(b, byte(r.t))
	}
	return b
}
