package ir

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// Pred is one comparison. When LHS (or RHS) is missing the predicate is
// false, except for OpExists, which is exactly "LHS is present".
//
//	Consts != nil  LHS Op each constant (one for scalar operators; the set
//	               for in, intersects and pmatch; one each with a modifier)
//	RHS != nil     LHS Op RHS (field-to-field)
//	Mod            oneof: exactly one constant satisfies LHS Op constant;
//	               anyof: at least one; allof: every one
//
// A list LHS with an operator other than in, intersects and exists holds
// when one of its elements satisfies the operator. A field matching any of
// several values (fields.Field.AnyOf, proc.aname) lowers to a list LHS with
// `in` turned into intersects; its elements are text (numbers in decimal).
type Pred struct {
	Op     ast.Op
	Mod    ast.Modifier
	LHS    *Value
	RHS    *Value
	Consts []Const
	Regex  []int // for OpRegex: regex table index per constant
}

// Value is an operand: a field, a transformer over operands, or a literal
// argument of a transformer.
type Value struct {
	Type  fields.Type
	Kind  abi.Kind
	Field int    // field table index; -1 when Func or Lit is set
	Func  string // transformer: tolower, toupper, b64, basename, len, join, concat
	Args  []*Value
	Lit   *Const
}

// Const is a literal converted to the type of its comparison's left side:
// Text for text-like types (and list elements), Num for numbers.
type Const struct {
	Text []byte
	Num  uint64
}
