// Package ast is the syntax tree of a rule condition, shared by the parser,
// the checker, the reference evaluator and the code generator.
//
// The parser builds it; the checker resolves fields and types literals in
// place (the fields marked "set by the checker"); after checking, macro
// references are gone and every Check is typed.
//
// It may import only guest/fields.
package ast

import "github.com/aeriesec/aerie/guest/fields"

// Pos is a byte offset into the condition text an expression was parsed
// from. The loader maps it to file:line:col in the YAML file.
type Pos int

// Expr is a boolean expression: And, Or, Not, Check or MacroRef.
type Expr interface {
	Position() Pos
	expr()
}

// And is true when every term is true; terms are evaluated left to right
// and evaluation stops at the first false one.
type And struct {
	At    Pos
	Terms []Expr
}

// Or is true when any term is true; evaluation stops at the first true one.
type Or struct {
	At    Pos
	Terms []Expr
}

// Not negates X.
type Not struct {
	At Pos
	X  Expr
}

// MacroRef names a macro; the checker replaces it by the macro's expression.
type MacroRef struct {
	At   Pos
	Name string
}

// Op is a comparison operator.
type Op uint8

const (
	OpInvalid     Op = iota
	OpEq             // = or ==
	OpNe             // !=
	OpLt             // <
	OpLe             // <=
	OpGt             // >
	OpGe             // >=
	OpContains       // contains
	OpIContains      // icontains
	OpBContains      // bcontains (hex RHS)
	OpStartsWith     // startswith
	OpBStartsWith    // bstartswith (hex RHS)
	OpEndsWith       // endswith
	OpGlob           // glob (fnmatch without FNM_PATHNAME)
	OpIGlob          // iglob (fnmatch with FNM_CASEFOLD)
	OpPMatch         // pmatch (path-prefix by components)
	OpIn             // in
	OpIntersects     // intersects
	OpExists         // exists (unary)
	OpRegex          // regex (RE2, full match)
)

var opNames = [...]string{"<invalid>", "=", "!=", "<", "<=", ">", ">=", "contains", "icontains",
	"bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "pmatch", "in",
	"intersects", "exists", "regex"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "<invalid>"
}

// ListOp reports whether the operator takes a list of values on its right.
func (o Op) ListOp() bool { return o == OpIn || o == OpIntersects || o == OpPMatch }

// Modifier is Falco 0.44's string-operator modifier: `startswith oneof (a, b)`.
type Modifier uint8

const (
	ModNone  Modifier = iota
	ModOneOf          // exactly one RHS value matches
	ModAnyOf          // at least one RHS value matches
	ModAllOf          // every RHS value matches
)

var modNames = [...]string{"", "oneof", "anyof", "allof"}

func (m Modifier) String() string { return modNames[m] }

// Check compares an operand with literal values or with another operand.
//
//	LHS Op                       (exists)
//	LHS Op Values[0]             (scalar operators)
//	LHS Op (Values...)           (in, intersects, pmatch, or a Modifier)
//	LHS Op RHS                   (field-to-field: val(f) or a transformer)
type Check struct {
	At       Pos
	LHS      *Operand
	Op       Op
	Modifier Modifier
	Values   []*Literal
	RHS      *Operand // nil unless the right side is a field
}

// Literal is a constant value as written, plus its typed form.
type Literal struct {
	At     Pos
	Text   string // unescaped text, quotes removed
	Quoted bool
	// Set by the checker: the value converted to the type of the
	// comparison's left side (numbers parsed, hex decoded, IPs parsed).
	Value fields.Value
}

// Operand is a field, or a transformer applied to operands.
//
//	Field != nil         a plain field reference: proc.name, ka.uri.param[x]
//	Func != ""           a transformer: tolower, toupper, b64, basename, len,
//	                     val, join, concat, getopt; Args are its operands
//	Lit != nil           a quoted literal inside a transformer's arguments
type Operand struct {
	At    Pos
	Field *FieldRef
	Func  string
	Args  []*Operand
	Lit   *Literal
	// FuncArg is the bracketed argument after a transformer: getopt(...)[c].
	FuncArg    string
	HasFuncArg bool
	// Set by the checker: the type of the operand's value and whether it is a list.
	Type fields.Type
	List bool
}

// FuncList is the Func of an Operand that is a transformer list, Falco
// 0.44's `( a, b, … )` argument of join and concat; Args are its elements.
const FuncList = "list"

// FieldRef is a reference to a field of the rule's source.
type FieldRef struct {
	fields.Ref
	// Set by the checker.
	Def   *fields.Field // the catalog entry
	Dyn   string        // dynamic part of a prefix field (evt.arg.<Dyn>)
	Index int           // index into the program's field table for this source
}

func (e *And) Position() Pos      { return e.At }
func (e *Or) Position() Pos       { return e.At }
func (e *Not) Position() Pos      { return e.At }
func (e *MacroRef) Position() Pos { return e.At }
func (e *Check) Position() Pos    { return e.At }

func (*And) expr()      {}
func (*Or) expr()       {}
func (*Not) expr()      {}
func (*MacroRef) expr() {}
func (*Check) expr()    {}
