// Package diag holds the diagnostics of the toolchain: errors and warnings,
// each with a code, a position in a rules file and a caret snippet.
// Diagnostics are collected (many per run), sorted and capped.
//
// It imports nothing of ours.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity of a diagnostic.
type Severity uint8

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Pos is a position in a rules file; Line and Col count from 1.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one error or warning. Code is Falco's load-result code where
// one exists (LOAD_ERR_COMPILE_CONDITION, LOAD_UNUSED_MACRO, …). Item names
// the list, macro or rule it belongs to ("rule 'Terminal shell'"), if any.
type Diagnostic struct {
	Severity Severity
	Code     string
	Pos      Pos
	Item     string
	Message  string
	Snippet  string // the source line and a caret under Pos.Col
}

// Error renders the diagnostic on one line plus its snippet:
//
//	rules.yaml:41:17: error LOAD_ERR_COMPILE_CONDITION: rule 'x': unknown field "ka.usr.name"
//	    condition: ka.usr.name = bob
//	               ^
func (d Diagnostic) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: ", d.Pos, d.Severity, d.Code)
	if d.Item != "" {
		b.WriteString(d.Item + ": ")
	}
	b.WriteString(d.Message)
	if d.Snippet != "" {
		b.WriteString("\n" + d.Snippet)
	}
	return b.String()
}

// List is a set of diagnostics.
type List []Diagnostic

// Max is how many diagnostics a list keeps when capped.
const Max = 100

// Sort orders diagnostics by file, line, column, then errors first.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Severity < b.Severity
	})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ErrorList(l.Errors())
}

// ErrorList is a List used as an error value.
type ErrorList List

func (e ErrorList) Error() string {
	parts := make([]string, 0, len(e))
	for i, d := range e {
		if i == Max {
			parts = append(parts, fmt.Sprintf("… and %d more", len(e)-Max))
			break
		}
		parts = append(parts, d.Error())
	}
	return strings.Join(parts, "\n")
}
