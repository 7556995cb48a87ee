package wasm

import (
	"bytes"
	"math"
	"testing"
)

// sectionTest is one section encoder applied to a module.
type sectionTest struct {
	name string
	enc  func([]byte) []byte
	want []byte
}

func runSectionTests(t *testing.T, tests []sectionTest) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.enc(nil); !bytes.Equal(got, tc.want) {
				t.Errorf("got  %#x\nwant %#x", got, tc.want)
			}
		})
	}
}

func TestTypeSection(t *testing.T) {
	m := &Module{Types: []FuncType{{}, {Params: []ValType{I32, I64}, Results: []ValType{I32}}}}
	runSectionTests(t, []sectionTest{
		{"empty", (&Module{}).appendTypes, nil}, // no types: section left out
		{"two", m.appendTypes, []byte{
			0x02,             // two types
			0x60, 0x00, 0x00, // func () -> ()
			0x60,             // func
			0x02, 0x7f, 0x7e, // params i32 i64
			0x01, 0x7f, // result i32
		}},
	})
}

func TestImportSection(t *testing.T) {
	m := &Module{Imports: []Import{{Module: "aerie", Name: "field", Type: 3}}}
	runSectionTests(t, []sectionTest{{"one", m.appendImports, []byte{
		0x01,                          // one import
		0x05, 'a', 'e', 'r', 'i', 'e', // module "aerie"
		0x05, 'f', 'i', 'e', 'l', 'd', // name "field"
		0x00, // function
		0x03, // type 3
	}}})
}

func TestFunctionSection(t *testing.T) {
	m := &Module{Funcs: []Func{{Type: 1}, {Type: 200}}}
	runSectionTests(t, []sectionTest{{"two", m.appendFunctions, []byte{
		0x02,       // two functions
		0x01,       // type 1
		0xc8, 0x01, // type 200, two-byte LEB128
	}}})
}

func TestMemorySection(t *testing.T) {
	runSectionTests(t, []sectionTest{
		{"min only", (&Module{Memory: &Memory{Min: 2}}).appendMemory, []byte{
			0x01,       // one memory
			0x00, 0x02, // limits: min 2, no max
		}},
		{"min and max", (&Module{Memory: &Memory{Min: 1, Max: 256, HasMax: true}}).appendMemory, []byte{
			0x01,       // one memory
			0x01, 0x01, // limits with max: min 1
			0x80, 0x02, // max 256
		}},
	})
}

func TestGlobalSection(t *testing.T) {
	m := &Module{Globals: []Global{
		{Type: I32, Mutable: true, Init: 65536},
		{Type: I64, Init: -1},
		{Type: F64, Init: int64(math.Float64bits(1))},
	}}
	runSectionTests(t, []sectionTest{{"three", m.appendGlobals, []byte{
		0x03,       // three globals
		0x7f, 0x01, // i32, mutable
		0x41, 0x80, 0x80, 0x04, 0x0b, // i32.const 65536 end
		0x7e, 0x00, // i64, immutable
		0x42, 0x7f, 0x0b, // i64.const -1 end
		0x7c, 0x00, // f64, immutable
		0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x0b, // f64.const 1.0 (little-endian bits) end
	}}})
}

func TestExportSection(t *testing.T) {
	m := &Module{Exports: []Export{{"memory", ExportMemory, 0}, {"eval", ExportFunc, 4}}}
	runSectionTests(t, []sectionTest{{"two", m.appendExports, []byte{
		0x02,                                           // two exports
		0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00, // "memory": memory 0
		0x04, 'e', 'v', 'a', 'l', 0x00, 0x04, // "eval": func 4
	}}})
}

func TestCodeSection(t *testing.T) {
	m := &Module{Funcs: []Func{
		{Body: []byte{0x0b}},
		{Locals: []ValType{I32, I32, I64, I32}, Body: []byte{0x20, 0x00, 0x0b}},
	}}
	runSectionTests(t, []sectionTest{{"two", m.appendCode, []byte{
		0x02,       // two bodies
		0x02,       // size 2
		0x00,       // no locals
		0x0b,       // end
		0x0a,       // size 10
		0x03,       // three local runs
		0x02, 0x7f, // 2 × i32
		0x01, 0x7e, // 1 × i64
		0x01, 0x7f, // 1 × i32 (runs are consecutive only)
		0x20, 0x00, // local.get 0
		0x0b, // end
	}}})
}

func TestDataSection(t *testing.T) {
	m := &Module{Memory: &Memory{Min: 1}, Data: []Data{{Offset: 1024, Bytes: []byte("hi")}}}
	runSectionTests(t, []sectionTest{{"one", m.appendData, []byte{
		0x01,                   // one segment
		0x00,                   // active, memory 0
		0x41, 0x80, 0x08, 0x0b, // i32.const 1024 end
		0x02, 'h', 'i', // two bytes "hi"
	}}})
}

func TestCustomSection(t *testing.T) {
	runSectionTests(t, []sectionTest{{"meta", Custom{"m", []byte{1, 2}}.appendTo, []byte{
		0x01, 'm', // name "m"
		0x01, 0x02, // payload
	}}})
}

func TestNameSection(t *testing.T) {
	m := &Module{
		Name:    "k",
		Imports: []Import{{Module: "a", Name: "b"}},
		Funcs:   []Func{{}, {Name: "r", LocalNames: []string{"", "x"}}},
		Globals: []Global{{Name: "g"}},
	}
	runSectionTests(t, []sectionTest{
		{"empty", (&Module{}).appendNames, nil}, // nothing named: section left out
		{"all", m.appendNames, []byte{
			0x04, 'n', 'a', 'm', 'e', // custom section "name"
			0x00, 0x02, // module name subsection, 2 bytes
			0x01, 'k', // "k"
			0x01, 0x09, // function names subsection, 9 bytes
			0x02,                      // two named functions (function 1 is unnamed)
			0x00, 0x03, 'a', '.', 'b', // 0: import "a.b"
			0x02, 0x01, 'r', // 2: "r"
			0x02, 0x06, // local names subsection, 6 bytes
			0x01,            // one function with named locals
			0x02,            // function 2
			0x01,            // one named local
			0x01, 0x01, 'x', // local 1: "x"
			0x07, 0x04, // global names subsection, 4 bytes
			0x01,            // one named global
			0x00, 0x01, 'g', // global 0: "g"
		}},
	})
}
