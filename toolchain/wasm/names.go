package wasm

import "github.com/aeriesec/aerie/toolchain/wasm/leb128"

// Name section subsections.
const (
	nameModule    = 0
	nameFunctions = 1
	nameLocals    = 2
	nameGlobals   = 7 // extended name section; runtimes skip it if unknown
)

// appendNames appends the "name" custom section's content: the module
// name, every named function (imports as "module.name"), named locals and
// named globals. It returns b unchanged when there is nothing to name.
func (m *Module) appendNames(b []byte) []byte {
	var subs []byte
	if m.Name != "" {
		subs = appendSubsection(subs, nameModule, appendName(nil, m.Name))
	}
	subs = appendSubsection(subs, nameFunctions, m.appendFuncNames(nil))
	subs = appendSubsection(subs, nameLocals, m.appendLocalNames(nil))
	subs = appendSubsection(subs, nameGlobals, m.appendGlobalNames(nil))
	if len(subs) == 0 {
		return b
	}
	return append(appendName(b, "name"), subs...)
}

// appendSubsection appends a subsection unless its content is empty.
func appendSubsection(b []byte, id byte, content []byte) []byte {
	if len(content) == 0 {
		return b
	}
	b = leb128.AppendUint32(append(b, id), uint32(len(content)))
	return append(b, content...)
}

// appendNameMap appends an index-sorted name map of the non-empty names, or
// nothing when all are empty.
func appendNameMap(b []byte, names func(i uint32) string, n uint32) []byte {
	var entries []byte
	count := 0
	for i := uint32(0); i < n; i++ {
		if s := names(i); s != "" {
			entries = appendName(leb128.AppendUint32(entries, i), s)
			count++
		}
	}
	if count == 0 {
		return b
	}
	return append(appendVecLen(b, count), entries...)
}

func (m *Module) appendFuncNames(b []byte) []byte {
	return appendNameMap(b, m.FuncName, m.NumFuncs())
}

func (m *Module) appendLocalNames(b []byte) []byte {
	var entries []byte
	count := 0
	for i, f := range m.Funcs {
		names := f.LocalNames
		local := appendNameMap(nil, func(j uint32) string { return names[j] }, uint32(len(names)))
		if len(local) > 0 {
			entries = append(leb128.AppendUint32(entries, uint32(len(m.Imports)+i)), local...)
			count++
		}
	}
	if count == 0 {
		return b
	}
	return append(appendVecLen(b, count), entries...)
}

func (m *Module) appendGlobalNames(b []byte) []byte {
	return appendNameMap(b, func(i uint32) string { return m.Globals[i].Name }, uint32(len(m.Globals)))
}
