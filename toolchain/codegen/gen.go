package codegen

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm"
)

// gen holds the state of one module's generation.
type gen struct {
	m     *ir.Module
	l     *layout
	memo  map[string]int // predicate key -> memo byte
	types types
	funcs []*fn // support routines, rules, event, eval_batch: index numImports+i
	// prefetch is per event code the fields the dispatch fetches at once.
	prefetch []prefetchTable
}

// Generate builds the module for m; meta becomes its metadata section.
func Generate(m *ir.Module, meta *abi.Metadata) (*wasm.Module, error) {
	if len(meta.Rules) != len(m.Rules) || len(meta.Fields) != len(m.Fields) {
		return nil, fmt.Errorf("generate %s: metadata has %d rules and %d fields, IR %d and %d",
			m.Source, len(meta.Rules), len(meta.Fields), len(m.Rules), len(m.Fields))
	}
	memo := memoPreds(m)
	g := &gen{m: m, memo: memo, l: newLayout(len(m.Rules), len(m.Fields), len(memo))}
	for _, r := range routines() {
		f := newFn(r.name, r.params, r.results, r.pnames...)
		r.body(g, f)
		g.funcs = append(g.funcs, f)
	}
	if len(g.funcs)+numImports != int(numFns) {
		panic("BUG: support routine table out of step with its indexes")
	}
	for _, r := range m.Rules {
		f, err := g.rule(r)
		if err != nil {
			return nil, &ir.RuleError{Rule: r.ID, Err: fmt.Errorf("generate %s: rule %q: %w", m.Source, r.Name, err)}
		}
		g.funcs = append(g.funcs, f)
	}
	g.placePrefetch()
	g.l.heapBase = align8(g.l.consts.end())
	g.funcs = append(g.funcs, g.evalEvent(), g.evalBatch())
	return g.module(meta), nil
}

// ruleFn is the function index of rule id.
func ruleFn(id int) uint32 { return uint32(numFns) + uint32(id) }

func (g *gen) module(meta *abi.Metadata) *wasm.Module {
	mod := &wasm.Module{Name: "aerie_" + g.m.Source}
	mod.Imports = []wasm.Import{
		{Module: abi.ImportModule, Name: abi.ImportField, Type: g.types.index(params(2), vI32)},
		{Module: abi.ImportModule, Name: abi.ImportRegex, Type: g.types.index(params(3), vI32)},
		{Module: abi.ImportModule, Name: abi.ImportFields, Type: g.types.index(params(4), vI32)},
	}
	for _, f := range g.funcs {
		f.Names(mod.FuncName)
		mod.Funcs = append(mod.Funcs, wasm.Func{
			Name: f.name, Type: g.types.index(f.params, f.results),
			Locals: f.locals, Body: f.Bytes(), LocalNames: f.lnames,
		})
	}
	mod.Types = g.types.list
	pages := (g.l.heapBase + 2*65536 - 1) / 65536
	mod.Memory = &wasm.Memory{Min: pages, Max: max(pages, memoryMaxPages), HasMax: true}
	mod.Exports = []wasm.Export{
		{Name: abi.ExportMemory, Kind: wasm.ExportMemory, Index: 0},
		{Name: abi.ExportEvalBatch, Kind: wasm.ExportFunc, Index: uint32(numImports + len(g.funcs) - 1)},
	}
	mod.Data = []wasm.Data{
		{Offset: abi.HeaderAddr, Bytes: g.l.header(len(g.m.Rules), len(g.m.Fields))},
		{Offset: g.l.enabled, Bytes: enabledBytes(meta)},
	}
	if len(g.l.consts.buf) > 0 {
		mod.Data = append(mod.Data, wasm.Data{Offset: g.l.consts.base, Bytes: g.l.consts.buf})
	}
	mod.Customs = []wasm.Custom{{Name: abi.MetadataSection, Bytes: abi.EncodeMetadata(meta)}}
	return mod
}

func enabledBytes(meta *abi.Metadata) []byte {
	b := make([]byte, len(meta.Rules))
	for i, r := range meta.Rules {
		if r.Enabled {
			b[i] = 1
		}
	}
	return b
}
