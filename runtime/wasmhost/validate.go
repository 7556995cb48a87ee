package wasmhost

import (
	"fmt"
	"regexp"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

func checkImports(c wazero.CompiledModule) error {
	if mems := c.ImportedMemories(); len(mems) > 0 {
		mod, name, _ := mems[0].Import()
		return fmt.Errorf("import %q: %w (memory)", mod+"."+name, ErrImport)
	}
	for _, f := range c.ImportedFunctions() {
		mod, name, _ := f.Import()
		spec, ok := allowed(mod, name)
		if !ok {
			return fmt.Errorf("import %q: %w", mod+"."+name, ErrImport)
		}
		if !allI32(f.ParamTypes(), spec.Params) || !allI32(f.ResultTypes(), spec.Results) {
			return fmt.Errorf("import %q: %w: wrong signature", mod+"."+name, ErrImport)
		}
	}
	return nil
}

func allowed(mod, name string) (abi.ImportSpec, bool) {
	if mod != abi.ImportModule {
		return abi.ImportSpec{}, false
	}
	for _, s := range abi.Imports {
		if s.Name == name {
			return s, true
		}
	}
	return abi.ImportSpec{}, false
}

func allI32(ts []api.ValueType, n int) bool {
	if len(ts) != n {
		return false
	}
	for _, t := range ts {
		if t != api.ValueTypeI32 {
			return false
		}
	}
	return true
}

func checkExports(c wazero.CompiledModule) error {
	if _, ok := c.ExportedMemories()[abi.ExportMemory]; !ok {
		return fmt.Errorf("%w: no memory export %q", ErrExport, abi.ExportMemory)
	}
	f, ok := c.ExportedFunctions()[abi.ExportEvalBatch]
	if !ok {
		return fmt.Errorf("%w: no function export %q", ErrExport, abi.ExportEvalBatch)
	}
	if !allI32(f.ParamTypes(), 1) || !allI32(f.ResultTypes(), 1) {
		return fmt.Errorf("%w: %q must be (i32) -> i32", ErrExport, abi.ExportEvalBatch)
	}
	return nil
}

func (m *Module) readMetadata() error {
	var sec []byte
	n := 0
	for _, s := range m.compiled.CustomSections() {
		if s.Name() == abi.MetadataSection {
			sec, n = s.Data(), n+1
		}
	}
	if n == 0 {
		return fmt.Errorf("%w: %w", ErrMetadata, abi.ErrNoMetadata)
	}
	if n > 1 {
		return fmt.Errorf("%w: %d %s sections", ErrMetadata, n, abi.MetadataSection)
	}
	md, err := abi.DecodeMetadata(sec)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMetadata, err)
	}
	m.meta = md
	return nil
}

// resolve checks every field against the host catalog (and binder) and
// compiles the regexes.
func (m *Module) resolve() error {
	cat := m.cfg.Catalog
	if cat == nil || cat(m.meta.Source) == nil {
		return fmt.Errorf("%w: source %q is not served by this host", ErrMetadata, m.meta.Source)
	}
	c := cat(m.meta.Source)
	refs := refsOf(m.meta)
	for _, r := range refs {
		f, _, ok := c.Lookup(r.Name)
		if !ok {
			return fmt.Errorf("field %q: %w for source %s", r.String(), ErrUnknownField, m.meta.Source)
		}
		m.kinds = append(m.kinds, abi.KindOfRef(f, r))
	}
	if m.cfg.Bind != nil {
		if err := m.cfg.Bind(m.meta.Source, refs); err != nil {
			return fmt.Errorf("bind fields: %w: %w", ErrUnknownField, err)
		}
	}
	for i, p := range m.meta.Regexes {
		re, err := CompileRegex(p)
		if err != nil {
			return fmt.Errorf("regex %d %q: %w: %v", i, p, ErrRegex, err)
		}
		m.regexes = append(m.regexes, re)
	}
	m.evtType = -1
	for i, f := range m.meta.Fields {
		if f.Name == "evt.type" && !f.HasArg {
			m.evtType = i
		}
	}
	m.codes = make(map[string]uint32, len(m.meta.EventTypes))
	for i, t := range m.meta.EventTypes {
		m.codes[t] = uint32(i)
	}
	return nil
}

// CompileRegex compiles a rule regex with Falco's semantics: RE2 syntax,
// matching the whole value.
func CompileRegex(p string) (*regexp.Regexp, error) {
	if _, err := regexp.Compile(p); err != nil {
		return nil, err
	}
	return regexp.Compile(`^(?:` + p + `)$`)
}
