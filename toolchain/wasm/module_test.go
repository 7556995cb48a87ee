package wasm

import (
	"bytes"
	"strings"
	"testing"
)

func TestEncodeSmallModule(t *testing.T) {
	m := &Module{
		Name:    "t",
		Types:   []FuncType{{Results: []ValType{I32}}},
		Funcs:   []Func{{Name: "f", Body: []byte{0x41, 0x2a, 0x0b}}},
		Memory:  &Memory{Min: 1},
		Exports: []Export{{"f", ExportFunc, 0}},
		Customs: []Custom{{"c", nil}},
	}
	want := []byte{
		0x00, 0x61, 0x73, 0x6d, // magic "\0asm"
		0x01, 0x00, 0x00, 0x00, // version 1
		0x01, 0x05, // type section, 5 bytes
		0x01, 0x60, 0x00, 0x01, 0x7f, // one type: func () -> i32
		0x03, 0x02, // function section, 2 bytes
		0x01, 0x00, // one function of type 0
		0x05, 0x03, // memory section, 3 bytes
		0x01, 0x00, 0x01, // one memory, min 1 page
		0x07, 0x05, // export section, 5 bytes
		0x01, 0x01, 'f', 0x00, 0x00, // "f": func 0
		0x0a, 0x06, // code section, 6 bytes
		0x01, 0x04, 0x00, // one body of 4 bytes, no locals
		0x41, 0x2a, 0x0b, // i32.const 42 end
		0x00, 0x0f, // custom section, 15 bytes
		0x04, 'n', 'a', 'm', 'e', // "name"
		0x00, 0x02, 0x01, 't', // module name "t"
		0x01, 0x04, 0x01, 0x00, 0x01, 'f', // function 0 is "f"
		0x00, 0x02, // custom section, 2 bytes
		0x01, 'c', // "c", empty payload
	}
	got := m.Encode()
	if !bytes.Equal(got, want) {
		t.Errorf("Encode:\ngot  %#x\nwant %#x", got, want)
	}
	if again := m.Encode(); !bytes.Equal(again, got) {
		t.Error("Encode is not deterministic")
	}
}

func TestEncodePanicsOnBrokenInvariants(t *testing.T) {
	body := []byte{0x0b}
	tests := map[string]*Module{
		"func type out of range":   {Funcs: []Func{{Type: 0, Body: body}}},
		"import type out of range": {Imports: []Import{{Module: "a", Name: "b", Type: 1}}, Types: []FuncType{{}}},
		"body without end":         {Types: []FuncType{{}}, Funcs: []Func{{Body: []byte{0x01}}}},
		"export index out of range": {Types: []FuncType{{}}, Funcs: []Func{{Body: body}},
			Exports: []Export{{"f", ExportFunc, 1}}},
		"memory export without memory": {Exports: []Export{{"memory", ExportMemory, 0}}},
		"duplicate export":             {Memory: &Memory{}, Exports: []Export{{"m", ExportMemory, 0}, {"m", ExportMemory, 0}}},
		"data without memory":          {Data: []Data{{Bytes: []byte{1}}}},
		"bad local type":               {Types: []FuncType{{}}, Funcs: []Func{{Locals: []ValType{0x40}, Body: body}}},
		"max below min":                {Memory: &Memory{Min: 2, Max: 1, HasMax: true}},
	}
	for name, m := range tests {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r, _ := recover().(string)
				if !strings.HasPrefix(r, "BUG: ") {
					t.Errorf("recover() = %q, want a BUG: panic", r)
				}
			}()
			m.Encode()
		})
	}
}
