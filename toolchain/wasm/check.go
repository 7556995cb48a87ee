package wasm

// check panics with "BUG:" on indexes out of range and invalid types.
func (m *Module) check() {
	for i, im := range m.Imports {
		if im.Type >= uint32(len(m.Types)) {
			bug("import %d (%s.%s) has type %d of %d", i, im.Module, im.Name, im.Type, len(m.Types))
		}
	}
	for i, f := range m.Funcs {
		if f.Type >= uint32(len(m.Types)) {
			bug("func %d (%s) has type %d of %d", i, f.Name, f.Type, len(m.Types))
		}
		if len(f.Body) == 0 || f.Body[len(f.Body)-1] != 0x0b {
			bug("func %d (%s) body does not end with end", i, f.Name)
		}
		checkValTypes(f.Locals)
	}
	for _, t := range m.Types {
		checkValTypes(t.Params)
		checkValTypes(t.Results)
	}
	for _, g := range m.Globals {
		checkValTypes([]ValType{g.Type})
	}
	m.checkExports()
	if len(m.Data) > 0 && m.Memory == nil {
		bug("%d data segments without a memory", len(m.Data))
	}
}

func (m *Module) checkExports() {
	seen := map[string]bool{}
	for _, e := range m.Exports {
		if seen[e.Name] {
			bug("export %q twice", e.Name)
		}
		seen[e.Name] = true
		var n uint32
		switch e.Kind {
		case ExportFunc:
			n = m.NumFuncs()
		case ExportMemory:
			if m.Memory != nil {
				n = 1
			}
		case ExportGlobal:
			n = uint32(len(m.Globals))
		default:
			bug("export %q has kind %d", e.Name, e.Kind)
		}
		if e.Index >= n {
			bug("export %q index %d of %d", e.Name, e.Index, n)
		}
	}
}

func checkValTypes(ts []ValType) {
	for _, t := range ts {
		if t < F64 || t > I32 {
			bug("value type %#x", byte(t))
		}
	}
}
