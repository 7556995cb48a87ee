package code

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/toolchain/wasm/internal/wat"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

var update = flag.Bool("update", false, "rewrite golden files")

// nested builds blocks three deep and branches to each level.
func nested() *Builder {
	b := New()
	outer := b.Block(Empty)
	loop := b.Loop(Empty)
	b.LocalGet(0)
	inner := b.If(BlockI32)
	b.Comment("inside the if")
	b.Br(inner)
	b.Else()
	b.BrIf(loop)
	b.Br(outer)
	b.BrTable([]Label{inner, loop}, outer)
	b.End()
	b.Op(op.Drop)
	b.End()
	b.End()
	return b
}

func TestLabelDepths(t *testing.T) {
	want := []byte{
		0x02, 0x40, // block $L0
		0x03, 0x40, // loop $L1
		0x20, 0x00, // local.get 0
		0x04, 0x7f, // if $L2 (result i32)
		0x0c, 0x00, // br $L2: innermost, depth 0
		0x05,       // else
		0x0d, 0x01, // br_if $L1: depth 1
		0x0c, 0x02, // br $L0: depth 2
		0x0e, 0x02, 0x00, 0x01, 0x02, // br_table, 2 entries: $L2=0 $L1=1, default $L0=2
		0x0b, // end $L2
		0x1a, // drop
		0x0b, // end $L1
		0x0b, // end $L0
		0x0b, // end of the function body
	}
	if got := nested().Bytes(); !bytes.Equal(got, want) {
		t.Errorf("Bytes:\ngot  %#x\nwant %#x", got, want)
	}
}

func TestInstructionBytes(t *testing.T) {
	b := New()
	b.I32Const(-1)
	b.I64Const(1 << 40)
	b.Load(op.I64Load, 8)
	b.Store(op.I32Store8, 0)
	b.Load(op.I32Load16U, 300)
	b.GlobalSet(2)
	b.LocalTee(129)
	b.Call(5)
	b.MemoryGrow()
	b.MemoryCopy()
	b.MemoryFill()
	want := []byte{
		0x41, 0x7f, // i32.const -1
		0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, // i64.const 2^40
		0x29, 0x03, 0x08, // i64.load align=8 (2^3) offset=8
		0x3a, 0x00, 0x00, // i32.store8 align=1 offset=0
		0x2f, 0x01, 0xac, 0x02, // i32.load16_u align=2 offset=300
		0x24, 0x02, // global.set 2
		0x22, 0x81, 0x01, // local.tee 129
		0x10, 0x05, // call 5
		0x40, 0x00, // memory.grow memory 0
		0xfc, 0x0a, 0x00, 0x00, // memory.copy memory 0 to memory 0
		0xfc, 0x0b, 0x00, // memory.fill memory 0
		0x0b, // end
	}
	if got := b.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("Bytes:\ngot  %#x\nwant %#x", got, want)
	}
}

func TestStringGolden(t *testing.T) {
	b := nested()
	b.Call(0)
	b.Call(7)
	b.Load(op.I32Load, 4)
	b.F64Const(1.5)
	b.Names(func(i uint32) string {
		if i == 0 {
			return "aerie.field"
		}
		return ""
	})
	checkGolden(t, "nested.wat", b.String())
}

func TestStringMatchesDisassembly(t *testing.T) {
	b := nested()
	lines, err := wat.Disassemble(b.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var uncommented []string
	for _, l := range strings.SplitAfter(b.String(), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), ";;") {
			uncommented = append(uncommented, l)
		}
	}
	if got, want := wat.Format(lines, ""), strings.Join(uncommented, ""); got != want {
		t.Errorf("disassembly:\n%s\nlisting without comments:\n%s", got, want)
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update if intended):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestMisusePanics(t *testing.T) {
	tests := map[string]func(b *Builder){
		"branch to closed label":  func(b *Builder) { l := b.Block(Empty); b.End(); b.Br(l) },
		"branch to unknown label": func(b *Builder) { b.BrIf(Label(3)) },
		"br_table default closed": func(b *Builder) { l := b.Block(Empty); b.End(); b.Block(Empty); b.BrTable(nil, l) },
		"end without block":       func(b *Builder) { b.End() },
		"else without if":         func(b *Builder) { b.Block(Empty); b.Else() },
		"else twice":              func(b *Builder) { b.If(Empty); b.Else(); b.Else() },
		"unbalanced bytes":        func(b *Builder) { b.Loop(Empty); b.Bytes() },
		"op with immediates":      func(b *Builder) { b.Op(op.Call) },
		"load of a store":         func(b *Builder) { b.Load(op.I32Store, 0) },
		"store of a load":         func(b *Builder) { b.Store(op.I32Load, 0) },
		"bad block type":          func(b *Builder) { b.Block(BlockType(0x01)) },
		"unknown opcode":          func(b *Builder) { b.Op(op.Opcode(0x06)) },
	}
	for name, f := range tests {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r, _ := recover().(string)
				if !strings.HasPrefix(r, "BUG: ") {
					t.Errorf("recover() = %q, want a BUG: panic", r)
				}
			}()
			f(New())
		})
	}
}

func TestOpEndAndElseKeepNesting(t *testing.T) {
	b := New()
	b.I32Const(1)
	b.If(Empty)
	b.Op(op.Else)
	b.Op(op.End)
	want := []byte{0x41, 0x01, 0x04, 0x40, 0x05, 0x0b, 0x0b} // i32.const 1, if, else, end, end of body
	if got := b.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("Bytes = %#x, want %#x", got, want)
	}
}
