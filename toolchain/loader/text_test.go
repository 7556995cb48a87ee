package loader

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// scalarOf decodes a one-key document and returns its value as a Scalar.
func scalarOf(t *testing.T, src string) *Scalar {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	v := doc.Content[0].Content[1]
	return &Scalar{File: NewFile("f.yaml", []byte(src)), Node: v, Value: v.Value}
}

// TestPosOf maps an offset of a scalar's value back into the file for
// every scalar style: the token "fd.nme" must be found where it is written.
func TestPosOf(t *testing.T) {
	tests := []struct{ name, src string }{
		{"plain", "c: evt.type = open and fd.nme = x\n"},
		{"double", `c: "evt.type = open and fd.nme = \"x\""` + "\n"},
		{"single", "c: 'evt.type = open and fd.nme = ''x'''\n"},
		{"plain multi-line", "c: evt.type = open\n  and fd.nme = x\n"},
		{"folded", "c: >\n  evt.type = open\n  and\n    fd.nme = x\n"},
		{"literal", "c: |-\n    evt.type = open and\n    (a or\n     fd.nme = x)\n"},
		{"double multi-line", "c: \"evt.type = open\n  and fd.nme = x\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scalarOf(t, tt.src)
			off := strings.Index(sc.Value, "fd.nme")
			if off < 0 {
				t.Fatalf("value %q", sc.Value)
			}
			p := sc.PosOf(off)
			line := strings.Split(tt.src, "\n")[p.Line-1]
			if !strings.HasPrefix(line[p.Col-1:], "fd.nme") {
				t.Errorf("PosOf = %d:%d, line %q", p.Line, p.Col, line)
			}
		})
	}
}

func TestTextLocateThroughCatAndSlice(t *testing.T) {
	a := scalarOf(t, "c: proc.name = x\n")
	b := scalarOf(t, "c:   fd.nme = y\n")
	txt := Cat(Plain("("), TextOf(a), Plain(") and "), TextOf(b))
	off := strings.Index(txt.S, "fd.nme")
	p, sc := txt.Locate(off)
	if sc != b || p.Line != 1 || p.Col != 6 {
		t.Errorf("Locate = %v in %p", p, sc)
	}
	sl := txt.Slice(off, len(txt.S))
	if p2, _ := sl.Locate(0); p2 != p {
		t.Errorf("slice Locate = %v, want %v", p2, p)
	}
	pin := Pinned("a, b, c", txt, off)
	if p3, _ := pin.Locate(5); p3 != p {
		t.Errorf("pinned Locate = %v, want %v", p3, p)
	}
}

func TestParseVersion(t *testing.T) {
	for s, ok := range map[string]bool{"0.31.0": true, "1.2.3-rc1": true, "1.2": false, "x.1.2": false, "": false} {
		if _, got := ParseVersion(s); got != ok {
			t.Errorf("ParseVersion(%q) ok = %v", s, got)
		}
	}
	if !(Version{0, 62, 0}).CompatibleWith(Version{0, 15, 0}) || (Version{0, 62, 0}).CompatibleWith(Version{1, 0, 0}) {
		t.Error("CompatibleWith")
	}
}
