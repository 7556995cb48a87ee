package wasm

import (
	"fmt"
	"math"
	"strings"

	"github.com/aeriesec/aerie/toolchain/wasm/internal/wat"
)

// WAT returns a readable, WAT-like text of the whole module: types,
// imports, functions with their bodies, memory, globals, exports, data as
// escaped strings, and custom sections by name and size. A body that does
// not decode is shown up to the error, followed by the error as a comment.
func (m *Module) WAT() string {
	var sb strings.Builder
	sb.WriteString("(module")
	if m.Name != "" {
		sb.WriteString(" $" + m.Name)
	}
	sb.WriteString("\n")
	m.watTypes(&sb)
	m.watImports(&sb)
	m.watFuncs(&sb)
	m.watMemory(&sb)
	m.watGlobals(&sb)
	m.watExports(&sb)
	m.watData(&sb)
	for _, c := range m.Customs {
		fmt.Fprintf(&sb, "  ;; custom section %q, %d bytes\n", c.Name, len(c.Bytes))
	}
	sb.WriteString(")\n")
	return sb.String()
}

func (m *Module) watTypes(sb *strings.Builder) {
	for i, t := range m.Types {
		fmt.Fprintf(sb, "  (type (;%d;) (func%s))\n", i, signature(t))
	}
}

// signature is " (param …) (result …)", each part left out when empty.
func signature(t FuncType) string {
	return valList(" (param", t.Params) + valList(" (result", t.Results)
}

func valList(prefix string, ts []ValType) string {
	if len(ts) == 0 {
		return ""
	}
	s := prefix
	for _, t := range ts {
		s += " " + t.String()
	}
	return s + ")"
}

func (m *Module) watImports(sb *strings.Builder) {
	for i, im := range m.Imports {
		fmt.Fprintf(sb, "  (import %q %q (func $%s.%s (;%d;) (type %d)))\n",
			im.Module, im.Name, im.Module, im.Name, i, im.Type)
	}
}

func (m *Module) watFuncs(sb *strings.Builder) {
	for i, f := range m.Funcs {
		idx := len(m.Imports) + i
		sb.WriteString("  (func")
		if f.Name != "" {
			sb.WriteString(" $" + f.Name)
		}
		fmt.Fprintf(sb, " (;%d;) (type %d)", idx, f.Type)
		var params []ValType
		if int(f.Type) < len(m.Types) {
			params = m.Types[f.Type].Params
			sb.WriteString(namedList("param", params, f.LocalNames))
			sb.WriteString(valList(" (result", m.Types[f.Type].Results))
		}
		sb.WriteString("\n")
		if len(f.Locals) > 0 {
			sb.WriteString("   " + namedList("local", f.Locals, tail(f.LocalNames, len(params))) + "\n")
		}
		lines, err := wat.Disassemble(f.Body, m.FuncName)
		sb.WriteString(wat.Format(lines, "    "))
		if err != nil {
			fmt.Fprintf(sb, "    ;; undecodable body: %v\n", err)
		}
		sb.WriteString("  )\n")
	}
}

func (m *Module) watMemory(sb *strings.Builder) {
	if m.Memory == nil {
		return
	}
	fmt.Fprintf(sb, "  (memory (;0;) %d", m.Memory.Min)
	if m.Memory.HasMax {
		fmt.Fprintf(sb, " %d", m.Memory.Max)
	}
	sb.WriteString(")\n")
}

func (m *Module) watGlobals(sb *strings.Builder) {
	for i, g := range m.Globals {
		sb.WriteString("  (global")
		if g.Name != "" {
			sb.WriteString(" $" + g.Name)
		}
		typ := g.Type.String()
		if g.Mutable {
			typ = "(mut " + typ + ")"
		}
		fmt.Fprintf(sb, " (;%d;) %s (%s.const %s))\n", i, typ, g.Type, g.initText())
	}
}

func (g Global) initText() string {
	switch g.Type {
	case F32:
		return fmt.Sprint(math.Float32frombits(uint32(g.Init)))
	case F64:
		return fmt.Sprint(math.Float64frombits(uint64(g.Init)))
	case I32:
		return fmt.Sprint(int32(g.Init))
	}
	return fmt.Sprint(g.Init)
}

var exportKindNames = map[ExportKind]string{ExportFunc: "func", ExportMemory: "memory", ExportGlobal: "global"}

func (m *Module) watExports(sb *strings.Builder) {
	for _, e := range m.Exports {
		fmt.Fprintf(sb, "  (export %q (%s %d))\n", e.Name, exportKindNames[e.Kind], e.Index)
	}
}

func (m *Module) watData(sb *strings.Builder) {
	for i, d := range m.Data {
		fmt.Fprintf(sb, "  (data (;%d;) (i32.const %d) %s)\n", i, int32(d.Offset), wat.Quote(d.Bytes))
	}
}
