package loader

import (
	"sort"

	"github.com/aeriesec/aerie/toolchain/diag"
	"gopkg.in/yaml.v3"
)

// Scalar is a YAML scalar value and where it came from.
type Scalar struct {
	File  *File
	Node  *yaml.Node
	Value string
	m     []int // lazily: file offset of each value byte
}

// Pos is the position of the scalar's node.
func (s *Scalar) Pos() diag.Pos {
	return diag.Pos{File: s.File.Name, Line: s.Node.Line, Col: s.Node.Column}
}

// PosOf maps a byte offset in the scalar's value to its file position,
// also inside quoted, multi-line and block scalars: the value is aligned
// with the raw source, skipping indentation, line breaks, quotes and
// escape characters that the value does not contain.
func (s *Scalar) PosOf(off int) diag.Pos {
	if s.m == nil {
		s.m = align(s.Value, s.File.Data, s.File.Offset(s.Node.Line, s.Node.Column))
	}
	if len(s.m) == 0 {
		return s.Pos()
	}
	if off >= len(s.m) {
		return s.File.PosAt(s.m[len(s.m)-1] + 1)
	}
	if off < 0 {
		off = 0
	}
	return s.File.PosAt(s.m[off])
}

func skippable(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '"' ||
		c == '\'' || c == '|' || c == '>' || c == '-' || c == '+' || (c >= '0' && c <= '9')
}

// align returns, for each byte of value, the offset in src it came from.
func align(value string, src []byte, start int) []int {
	m := make([]int, len(value))
	s := start
	for i := 0; i < len(value); i++ {
		c := value[i]
		j := s
		for j < len(src) && src[j] != c && skippable(src[j]) && j-s < 256 {
			j++
		}
		if j < len(src) && src[j] == c {
			s = j
		}
		m[i] = s
		if s < len(src) && src[s] == c {
			s++
		}
	}
	return m
}

// Text is a piece of condition or output text assembled from YAML scalars
// (appends, exceptions, list substitution) that remembers, for each byte,
// the scalar byte it came from.
type Text struct {
	S    string
	segs []seg // sorted by at
}

type seg struct {
	at  int     // first byte of the segment in S
	sc  *Scalar // nil: synthetic text
	off int     // offset in sc.Value of byte at
	pin bool    // every byte of the segment maps to off
}

// TextOf is the text of a scalar.
func TextOf(sc *Scalar) Text {
	return Text{S: sc.Value, segs: []seg{{at: 0, sc: sc}}}
}

// Plain is synthetic text with no source.
func Plain(s string) Text { return Text{S: s, segs: []seg{{at: 0}}} }

// Pinned is text s whose every byte maps to the source of byte off of t
// (list items substituted for a list name map to the name).
func Pinned(s string, t Text, off int) Text {
	k := t.segAt(off)
	if k < 0 || t.segs[k].sc == nil {
		return Plain(s)
	}
	sg := t.segs[k]
	if !sg.pin {
		sg.off += off - sg.at
	}
	return Text{S: s, segs: []seg{{at: 0, sc: sg.sc, off: sg.off, pin: true}}}
}

// Cat concatenates texts.
func Cat(parts ...Text) Text {
	var t Text
	for _, p := range parts {
		for _, sg := range p.segs {
			sg.at += len(t.S)
			t.segs = append(t.segs, sg)
		}
		t.S += p.S
	}
	return t
}

// Slice returns t.S[i:j] with its map.
func (t Text) Slice(i, j int) Text {
	out := Text{S: t.S[i:j]}
	k := t.segAt(i)
	for ; k < len(t.segs) && (k < 0 || t.segs[k].at < j); k++ {
		if k < 0 {
			continue
		}
		sg := t.segs[k]
		if sg.at < i {
			if !sg.pin {
				sg.off += i - sg.at
			}
			sg.at = i
		}
		sg.at -= i
		out.segs = append(out.segs, sg)
	}
	return out
}

// segAt returns the index of the segment holding byte i, or -1.
func (t Text) segAt(i int) int {
	return sort.Search(len(t.segs), func(k int) bool { return t.segs[k].at > i }) - 1
}

// Locate maps a byte offset of the text to a file position and the scalar
// it came from (nil if the text has no source at all).
func (t Text) Locate(off int) (diag.Pos, *Scalar) {
	if off >= len(t.S) {
		off = len(t.S) - 1
	}
	if off < 0 {
		off = 0
	}
	k := t.segAt(off)
	if k >= 0 && t.segs[k].sc != nil {
		sg := t.segs[k]
		if sg.pin {
			return sg.sc.PosOf(sg.off), sg.sc
		}
		return sg.sc.PosOf(sg.off + off - sg.at), sg.sc
	}
	// Synthetic text: use the nearest sourced byte before, else after.
	for j := k - 1; j >= 0; j-- {
		if sg := t.segs[j]; sg.sc != nil {
			end := t.segs[j+1].at - 1
			return sg.sc.PosOf(sg.off + end - sg.at), sg.sc
		}
	}
	for j := k + 1; j < len(t.segs); j++ {
		if sg := t.segs[j]; sg.sc != nil {
			return sg.sc.PosOf(sg.off), sg.sc
		}
	}
	return diag.Pos{}, nil
}
