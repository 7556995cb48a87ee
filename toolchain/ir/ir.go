// Package ir is the intermediate form between a checked rule program and
// Wasm: per rule a block of small statements where a false condition leaves
// the enclosing block, in the spirit of OPA's ir. Lowering to Wasm maps a
// Block to `block … end` and a false Test to `br_if` out of it.
//
// It may import guest/abi, guest/fields, toolchain/ast, toolchain/diag and
// toolchain/program.
package ir

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/diag"
)

// Module is the IR of one event source's rules.
type Module struct {
	Source     string
	Fields     []Field  // the field table, in program order
	Regexes    []string // regex table; Pred.Regex indexes it
	EventTypes []string // union of the rules' event types, sorted; nil: none declared
	Rules      []*Rule  // in evaluation order
}

// Field is an entry of the field table with the record kind the host
// writes for it.
type Field struct {
	Ref  fields.Ref
	Type fields.Type
	Kind abi.Kind
}

// Rule is one rule: it matches an event when Body runs to its end.
type Rule struct {
	ID    int // index in Module.Rules and in the metadata
	Name  string
	Pos   diag.Pos
	Codes []int // event codes (indexes into Module.EventTypes); nil: every event
	Body  Block
}

// Block is a sequence of statements; a failing statement leaves it.
type Block []Stmt

// Stmt is a statement: Test, Any or Not. Each keeps the position of the
// condition text it came from.
type Stmt interface {
	Position() ast.Pos
	stmt()
}

// Test continues when Pred holds and leaves the block otherwise.
type Test struct {
	At   ast.Pos
	Pred *Pred
}

// Any continues when one of its alternatives runs to its end (tried in
// order) and leaves the block when none does.
type Any struct {
	At   ast.Pos
	Alts []Block
}

// Not continues when Body leaves early and leaves the block when Body runs
// to its end.
type Not struct {
	At   ast.Pos
	Body Block
}

func (s *Test) Position() ast.Pos { return s.At }
func (s *Any) Position() ast.Pos  { return s.At }
func (s *Not) Position() ast.Pos  { return s.At }

func (*Test) stmt() {}
func (*Any) stmt()  {}
func (*Not) stmt()  {}
