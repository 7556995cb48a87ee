// Package program is the checked rule program: what the front end (load,
// parse, check) hands to the back ends (the reference evaluator and the
// Wasm code generator). Conditions here have macros expanded, lists
// substituted, exceptions folded in, fields resolved and literals typed.
//
// It may import guest/fields, guest/output, toolchain/ast and toolchain/diag.
package program

import (
	"fmt"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/output"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/diag"
)

// Priority is a rule priority; lower is more severe, as in Falco.
type Priority int

const (
	Emergency Priority = iota
	Alert
	Critical
	Error
	Warning
	Notice
	Informational
	Debug
)

var priorityNames = [...]string{"Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"}

// String is the capitalised full name Falco prints: "Informational".
func (p Priority) String() string {
	if p >= 0 && int(p) < len(priorityNames) {
		return priorityNames[p]
	}
	return fmt.Sprintf("Priority(%d)", int(p))
}

// ParsePriority accepts the eight names in any case, and "info".
func ParsePriority(s string) (Priority, bool) {
	l := strings.ToLower(s)
	if l == "info" {
		return Informational, true
	}
	for i, n := range priorityNames {
		if strings.ToLower(n) == l {
			return Priority(i), true
		}
	}
	return 0, false
}

// RuleMatching is Falco's rule_matching setting.
type RuleMatching uint8

const (
	MatchFirst RuleMatching = iota // stop at the first matching rule per event
	MatchAll                       // report every matching rule
)

// Rule is one checked rule.
type Rule struct {
	Name   string
	Desc   string
	Output string // the output template, trimmed
	// Format is Output parsed against the source's catalog; its parts'
	// Index fields point into the source's field table.
	Format   *output.Format
	Priority Priority
	Tags     []string // sorted, unique
	Enabled  bool
	Source   string
	Pos      diag.Pos

	// Condition is the full condition text after list substitution and
	// exception folding (Falco's "condition_compiled").
	Condition string
	Expr      ast.Expr

	// WarnEvttypes, SkipIfUnknownFilter, Capture and CaptureDuration (ms)
	// are the rule's keys of those names.
	WarnEvttypes        bool
	SkipIfUnknownFilter bool
	Capture             bool
	CaptureDuration     int

	// EventTypes is the set of event type names the rule can match
	// (syscall source), sorted; nil means every event of the source.
	EventTypes []string
}

// Source is the part of a program for one event source.
type Source struct {
	Name  string
	Rules []*Rule // in evaluation order (first-definition order)
	// Fields is the field table: every distinct field reference the rules'
	// conditions and outputs use, in first-use order. ast.FieldRef.Index
	// points into it; a fields.Event is bound to it.
	Fields []fields.Ref
}

// Program is a checked set of rules, split per source.
type Program struct {
	Sources []*Source // sorted by name; only sources that have rules
	// Hash is a hex SHA-256 over the rules files' contents in load order.
	Hash        string
	Diagnostics diag.List // warnings (a program with errors is not built)
}

// Source returns the program part for a source, or nil.
func (p *Program) Source(name string) *Source {
	for _, s := range p.Sources {
		if s.Name == name {
			return s
		}
	}
	return nil
}
