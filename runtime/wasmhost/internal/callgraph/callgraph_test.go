package callgraph

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func check(t *testing.T, wasm []byte, lim Limits, want error, text string) {
	t.Helper()
	err := Check(wasm, lim)
	if want == nil {
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
		return
	}
	if !errors.Is(err, want) || !strings.Contains(err.Error(), text) {
		t.Fatalf("error %v, want %v containing %q", err, want, text)
	}
}

func TestRecursionRefused(t *testing.T) {
	names := map[uint32]string{1: "a", 2: "b", 3: "c"}
	for _, tc := range []struct {
		name   string
		bodies [][]byte
		names  map[uint32]string
		text   string
	}{
		{"self, named", [][]byte{body(cat(call(0), call(2), []byte{0x0b})...), body(cat(call(2), []byte{0x0b})...)},
			map[uint32]string{2: "down"}, "function $down calls itself (recursion is not allowed)"},
		{"self, unnamed", [][]byte{body(cat(call(1), []byte{0x0b})...)}, nil, "function 1 calls itself"},
		{"mutual", [][]byte{body(cat(call(2), []byte{0x0b})...), body(cat(call(0), call(1), []byte{0x0b})...)},
			names, "function $a calls $b, which calls $a (recursion is not allowed)"},
		{"through three, found from the lowest index", [][]byte{
			body(cat(call(2), []byte{0x0b})...), body(cat(call(3), []byte{0x0b})...), body(cat(call(1), []byte{0x0b})...)},
			names, "function $a calls $b, which calls $c, which calls $a"},
		{"inside nested blocks", [][]byte{body(0x02, 0x40, 0x03, 0x40, 0x41, 0x00, 0x04, 0x40, 0x10, 0x01, 0x0b, 0x0b, 0x0b, 0x0b)},
			nil, "function 1 calls itself"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			check(t, module{imports: 1, bodies: tc.bodies, names: tc.names}.bytes(), Limits{}, ErrRecursion, tc.text)
		})
	}
}

func TestLongCycleNamesAFew(t *testing.T) {
	const n = 20
	var bodies [][]byte
	for i := range uint32(n) {
		bodies = append(bodies, body(cat(call((i+1)%n), []byte{0x0b})...))
	}
	err := Check(module{bodies: bodies}.bytes(), Limits{})
	want := "function 0 calls 1, which calls 2, which calls 3, which calls 4, which calls 5, which calls 6, which calls 7, ... (20 functions in the cycle), which calls 0 (recursion is not allowed)"
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

func TestAcyclicGraph(t *testing.T) {
	// 2 imports; f2 → f3, f4 (twice); f3 → f4, import 0; f4 → import 1.
	m := module{imports: 2, bodies: [][]byte{
		body(cat(call(3), call(4), call(4), call(0), []byte{0x0b})...),
		body(cat(call(4), call(0), []byte{0x0b})...),
		body(cat(call(1), []byte{0x0b})...),
	}}
	g, err := Decode(m.bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]uint32{{3, 4}, {4}, nil}
	if g.Imports != 2 || !slices.EqualFunc(g.Calls, want, slices.Equal) {
		t.Errorf("imports %d, calls %v; want 2, %v", g.Imports, g.Calls, want)
	}
	if c := g.Cycle(); c != nil {
		t.Errorf("cycle %v in an acyclic graph", c)
	}
	// Weights: body bytes (locals none): f2 = 10, f3 = 6, f4 = 4; heaviest chain f2 → f3 → f4.
	if slots, from := g.Stack(); slots != 20 || from != 2 {
		t.Errorf("stack %d from %d, want 20 from 2", slots, from)
	}
}

func TestLimits(t *testing.T) {
	leaf := body(0x0b)
	three := module{bodies: [][]byte{leaf, leaf, leaf}}.bytes()
	check(t, three, Limits{MaxFunctions: 3}, nil, "")
	check(t, three, Limits{MaxFunctions: 2}, ErrLimit, "3 functions: over a static limit (2)")
	check(t, module{imports: 3}.bytes(), Limits{MaxFunctions: 2}, ErrLimit, "3 functions")

	big := module{bodies: [][]byte{body(append(slices.Repeat([]byte{0x01}, 100), 0x0b)...)}, names: map[uint32]string{0: "big"}}.bytes()
	check(t, big, Limits{MaxBodyBytes: 102}, nil, "")
	check(t, big, Limits{MaxBodyBytes: 101}, ErrLimit, "function $big body of 102 bytes: over a static limit (101)")

	locals := module{bodies: [][]byte{cat([]byte{2}, u32(5), []byte{0x7f}, u32(6), []byte{0x7e}, []byte{0x0b})}}.bytes()
	check(t, locals, Limits{MaxLocals: 11}, nil, "")
	check(t, locals, Limits{MaxLocals: 10}, ErrLimit, "function 0 has over 10 locals")

	chain := module{bodies: [][]byte{body(cat(call(1), []byte{0x0b})...), body(cat(call(2), []byte{0x0b})...), leaf}}.bytes()
	check(t, chain, Limits{MaxStackSlots: 10}, nil, "") // body bytes 4 + 4 + 2
	check(t, chain, Limits{MaxStackSlots: 9}, ErrLimit, "calls from function 0 may need 10 stack slots: over a static limit (9)")
}

func TestRefusedInstructions(t *testing.T) {
	for _, tc := range []struct {
		name string
		code []byte
		text string
	}{
		{"call_indirect", []byte{0x41, 0, 0x11, 0, 0}, "function $f: instruction not allowed: call_indirect (0x11) at byte"},
		{"return_call", []byte{0x12, 0}, "return_call (tail calls) (0x12)"},
		{"ref.func", []byte{0xd2, 0, 0x1a}, "ref.func (0xd2)"},
		{"SIMD", []byte{0xfd, 0x0c}, "the 0xfd prefix (SIMD) (0xfd)"},
		{"atomics", []byte{0xfe, 0x03, 0}, "threads and atomics"},
		{"unknown", []byte{0x27}, "opcode 0x27"},
		{"saturating truncation", []byte{0x43, 0, 0, 0, 0, 0xfc, 0x00}, "i32.trunc_sat_f32_s (0xfc 0)"},
		{"memory.init", []byte{0xfc, 0x08, 0, 0}, "memory.init (0xfc 8)"},
		{"unknown 0xfc", []byte{0xfc, 0x80, 0x01}, "opcode 0xfc 128"},
		{"multi-value block", []byte{0x02, 0x00, 0x0b}, "block type 0x00 (multi-value)"},
		{"v128 block", []byte{0x02, 0x7b, 0x0b}, "block result of type v128 (SIMD)"},
		{"multi-memory alignment", []byte{0x41, 0, 0x28, 0x40, 0x00, 0x00, 0x1a}, "alignment flags 64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := module{bodies: [][]byte{body(append(tc.code, 0x0b)...)}, names: map[uint32]string{0: "f"}}
			check(t, m.bytes(), Limits{}, ErrInstruction, tc.text)
		})
	}
	v128 := module{bodies: [][]byte{{1, 1, 0x7b, 0x0b}}}.bytes()
	check(t, v128, Limits{}, ErrInstruction, "function 0: instruction not allowed: local of type v128 (SIMD)")
}

// TestAcceptedInstructions walks a body with every immediate kind, each at
// its longest encoding, and a call hidden after them.
func TestAcceptedInstructions(t *testing.T) {
	code := cat(
		[]byte{0x02, 0x40, 0x03, 0x7f, 0x41, 0xff, 0xff, 0xff, 0xff, 0x07, 0x0b, 0x1a, 0x0b}, // block, loop i32, i32.const max
		[]byte{0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x1a},       // i64.const min
		[]byte{0x43, 1, 2, 3, 4, 0x1a, 0x44, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a},                   // f32, f64
		[]byte{0x41, 0, 0x04, 0x40, 0x01, 0x05, 0x01, 0x0b},                                  // if else
		[]byte{0x02, 0x40, 0x41, 0, 0x0e, 0x02, 0x00, 0x00, 0x00, 0x0b},                      // br_table
		[]byte{0x41, 0, 0x28, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x1a},                      // i32.load align 2, offset max
		[]byte{0x3f, 0x00, 0x40, 0x00, 0x1a},                                                 // memory.size, memory.grow
		[]byte{0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0a, 0x00, 0x00},                            // memory.copy
		[]byte{0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0b, 0x00},                                  // memory.fill
		[]byte{0x41, 0, 0xc0, 0x1a, 0x23, 0x00, 0x1a},                                        // i32.extend8_s, global.get
		call(2), call(0), []byte{0x0b},
	)
	m := module{imports: 1, bodies: [][]byte{body(code...), body(0x0b)}}
	g, err := Decode(m.bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(g.Calls, [][]uint32{{2}, nil}, slices.Equal) {
		t.Errorf("calls %v, want [[2] []]", g.Calls)
	}
}

func TestMalformed(t *testing.T) {
	leaf := body(0x0b)
	for _, tc := range []struct {
		name string
		wasm []byte
		want error
		text string
	}{
		{"no header", []byte("\x00asm\x02\x00\x00\x00"), ErrInvalid, "no WebAssembly 1.0 header"},
		{"table section", cat([]byte(header), sec(4, vec())), ErrSection, "section not allowed: table section (id 4)"},
		{"start section", cat([]byte(header), sec(8, u32(0))), ErrSection, "start section (id 8)"},
		{"element section", cat([]byte(header), sec(9, vec())), ErrSection, "element section"},
		{"unknown section", cat([]byte(header), sec(14, nil)), ErrInvalid, "unknown section id 14"},
		{"out of order", cat([]byte(header), sec(3, vec()), sec(1, vec())), ErrInvalid, "section id 1 out of order"},
		{"repeated", cat([]byte(header), sec(1, vec()), sec(1, vec())), ErrInvalid, "section id 1 out of order"},
		{"memory import", cat([]byte(header), sec(2, vec(cat(str("env"), str("memory"), []byte{2, 0, 1})))),
			ErrImport, `import "env.memory": import not allowed: only functions may be imported (kind 2)`},
		{"bodies missing", cat([]byte(header), sec(1, vec([]byte{0x60, 0, 0})), sec(3, vec([]byte{0}))), ErrInvalid, "1 functions declared, 0 bodies"},
		{"call out of range", module{bodies: [][]byte{body(cat(call(7), []byte{0x0b})...)}}.bytes(), ErrInvalid, "calls function 7 of 1"},
		{"code after end", module{bodies: [][]byte{body(0x0b, 0x01)}}.bytes(), ErrInvalid, "code after its final end"},
		{"unclosed block", module{bodies: [][]byte{body(0x02, 0x40, 0x0b)}}.bytes(), ErrInvalid, "body ends inside a block"},
		{"memory index", module{bodies: [][]byte{body(0x3f, 0x01, 0x1a, 0x0b)}}.bytes(), ErrInvalid, "memory index 1"},
		{"section past the end", cat([]byte(header), []byte{1, 0x10, 0}), ErrInvalid, "16 bytes announced, 1 left"},
		{"leb too large", cat([]byte(header), []byte{1, 0x80, 0x80, 0x80, 0x80, 0x10}), ErrInvalid, "too large for 32 bits"},
		{"unknown local type", module{bodies: [][]byte{{1, 1, 0x01, 0x0b}}}.bytes(), ErrInvalid, "local of unknown type 0x01"},
		{"valid", module{bodies: [][]byte{leaf}}.bytes(), nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) { check(t, tc.wasm, Limits{}, tc.want, tc.text) })
	}
}

// TestEveryTruncation: every prefix of a module that cuts a section is an
// error, not a panic.
func TestEveryTruncation(t *testing.T) {
	m := module{imports: 1, bodies: [][]byte{body(cat([]byte{0x41, 0x80, 0x01, 0x1a, 0x0e, 1, 0, 0}, call(0), call(2), []byte{0x0b})...), body(0x0b)},
		names: map[uint32]string{1: "x"}}.bytes()
	if err := Check(m, Limits{}); err != nil {
		t.Fatal(err)
	}
	secs, err := split(m)
	if err != nil {
		t.Fatal(err)
	}
	ends := map[int]bool{8: true}
	for _, s := range secs {
		ends[s.r.base+len(s.r.b)] = true
	}
	for n := range len(m) {
		if err := Check(m[:n], Limits{}); err == nil && !ends[n] {
			t.Errorf("prefix of %d bytes accepted", n)
		}
	}
}

func TestNames(t *testing.T) {
	g := &Graph{names: map[uint32]string{1: "ok.name_1", 2: "has space", 3: "nl\n", 4: strings.Repeat("x", 70)}}
	for i, want := range []string{"0", "$ok.name_1", `$"has space"`, `$"nl\n"`, "$" + strings.Repeat("x", 64) + "..."} {
		if got := g.Name(uint32(i)); got != want {
			t.Errorf("Name(%d) = %s, want %s", i, got, want)
		}
	}
}

func TestMalformedNameSectionOnlyLosesNames(t *testing.T) {
	m := module{bodies: [][]byte{body(cat(call(0), []byte{0x0b})...)}}.bytes()
	m = append(m, sec(0, cat(str("name"), []byte{1, 0x20, 1, 0}))...) // function names cut short
	check(t, m, Limits{}, ErrRecursion, "function 0 calls itself")
}
