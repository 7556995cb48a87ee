package hostile

import (
	"encoding/binary"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/wasm"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
)

// Type indexes of every fixture.
const (
	typeField   = 0 // (i32, i32) -> i32: aerie.field
	typeEval    = 1 // (i32) -> i32: eval_batch and the recursion helper
	typeFdWrite = 2 // (i32, i32, i32, i32) -> i32: WASI fd_write
	typeAbort   = 3 // (i32, i32, i32, i32) -> (): env.abort
	typeVoid    = 4 // () -> ()
)

var (
	i32x4 = []wasm.ValType{wasm.I32, wasm.I32, wasm.I32, wasm.I32}
	types = []wasm.FuncType{
		typeField:   {Params: []wasm.ValType{wasm.I32, wasm.I32}, Results: []wasm.ValType{wasm.I32}},
		typeEval:    {Params: []wasm.ValType{wasm.I32}, Results: []wasm.ValType{wasm.I32}},
		typeFdWrite: {Params: i32x4, Results: []wasm.ValType{wasm.I32}},
		typeAbort:   {Params: i32x4},
		typeVoid:    {},
	}
)

// spec describes a fixture as its differences from the valid module.
type spec struct {
	extraImports []wasm.Import
	headerABI    uint32                         // 0: abi.Version
	meta         func() []byte                  // nil: the valid metadata
	noMeta       bool                           // leave the metadata section out
	fields       int                            // 0: one field
	defect       func(*emitter)                 // nil: no run-time defect
	helpers      func(first uint32) []wasm.Func // functions after eval_batch, from index first
}

// build assembles the module: aerie.field first (function 0), the extra
// imports, eval_batch, then the helpers.
func (s spec) build() *wasm.Module {
	imports := append([]wasm.Import{{Module: abi.ImportModule, Name: abi.ImportField, Type: typeField}}, s.extraImports...)
	e := &emitter{b: code.New(), self: uint32(len(imports)), spec: s}
	m := &wasm.Module{
		Name:    "hostile",
		Types:   types,
		Imports: imports,
		Funcs:   append([]wasm.Func{{Name: abi.ExportEvalBatch, Type: typeEval, Locals: evalLocals, Body: e.eval()}}, s.helperFuncs(e.self+1)...),
		Memory:  &wasm.Memory{Min: 1},
		Exports: []wasm.Export{
			{Name: abi.ExportMemory, Kind: wasm.ExportMemory},
			{Name: abi.ExportEvalBatch, Kind: wasm.ExportFunc, Index: e.self},
		},
		Data: []wasm.Data{{Offset: abi.HeaderAddr, Bytes: s.header()}},
	}
	if !s.noMeta {
		m.Customs = []wasm.Custom{{Name: abi.MetadataSection, Bytes: s.metadata()}}
	}
	return m
}

func (s spec) helperFuncs(first uint32) []wasm.Func {
	if s.helpers == nil {
		return nil
	}
	return s.helpers(first)
}

func (s spec) numFields() uint32 {
	if s.fields == 0 {
		return 1
	}
	return uint32(s.fields)
}

// header is the data segment that initialises the ABI header.
func (s spec) header() []byte {
	h := make([]byte, abi.HeaderSize)
	put := func(off, v uint32) { binary.LittleEndian.PutUint32(h[off:], v) }
	ver := s.headerABI
	if ver == 0 {
		ver = abi.Version
	}
	put(abi.HdrMagic, abi.Magic)
	put(abi.HdrABI, ver)
	put(abi.HdrMaxBatch, maxBatch)
	put(abi.HdrEvents, eventsAddr)
	put(abi.HdrMatches, matchesAddr)
	put(abi.HdrMatchCap, maxBatch) // one rule
	put(abi.HdrEnabled, enabledAddr)
	put(abi.HdrRules, 1)
	put(abi.HdrCache, cacheAddr)
	put(abi.HdrFields, s.numFields())
	put(abi.HdrHeapBase, heapBase)
	put(abi.HdrHeapPtr, heapBase)
	return h
}

func (s spec) metadata() []byte {
	if s.meta != nil {
		return s.meta()
	}
	return abi.EncodeMetadata(validMetadata())
}
