// Package parser turns a rule condition into a toolchain/ast tree, following
// the grammar and the lexical rules of Falco's condition parser (libs
// filter/parser.cpp as shipped with Falco 0.44): the same operators and
// operator order, the same whitespace rules around and/or/not and word
// operators, the same escapes, the same error texts.
//
// Every node's ast.Pos is a byte offset into the condition text. Errors are
// *Error values carrying the offset where parsing stopped.
//
// It may import guest/fields and toolchain/ast.
package parser
