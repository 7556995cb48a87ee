package loader

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/aeriesec/aerie/toolchain/diag"
)

// File is one rules file: its name as given and its content.
type File struct {
	Name  string
	Data  []byte
	lines []int // byte offset of each line start
}

// NewFile prepares a file for reading.
func NewFile(name string, data []byte) *File {
	f := &File{Name: name, Data: data, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// Offset returns the byte offset of a 1-based line and column (in runes).
func (f *File) Offset(line, col int) int {
	if line < 1 || line > len(f.lines) {
		return len(f.Data)
	}
	off := f.lines[line-1]
	for c := 1; c < col && off < len(f.Data) && f.Data[off] != '\n'; c++ {
		_, n := utf8.DecodeRune(f.Data[off:])
		off += n
	}
	return off
}

// PosAt returns the file:line:col of a byte offset.
func (f *File) PosAt(off int) diag.Pos {
	line := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off })
	start := f.lines[line-1]
	if off > len(f.Data) {
		off = len(f.Data)
	}
	return diag.Pos{File: f.Name, Line: line, Col: utf8.RuneCount(f.Data[start:off]) + 1}
}

// Snippet returns the source line of p and a caret under its column.
func (f *File) Snippet(p diag.Pos) string {
	if p.Line < 1 || p.Line > len(f.lines) {
		return ""
	}
	start := f.lines[p.Line-1]
	end := len(f.Data)
	if p.Line < len(f.lines) {
		end = f.lines[p.Line] - 1
	}
	line := strings.TrimRight(string(f.Data[start:end]), "\r")
	var pad strings.Builder
	for i, r := range []rune(line) {
		if i >= p.Col-1 {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return line + "\n" + pad.String() + "^"
}
