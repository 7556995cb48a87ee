package parser

import "fmt"

// MaxDepth is the recursion limit Falco sets for rule conditions.
const MaxDepth = 1000

// Error is a parse error: Falco's message and the byte offset in the
// condition text where parsing stopped.
type Error struct {
	Pos int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%d: %s", e.Pos, e.Msg) }

// bailout carries an *Error up the recursive descent; Parse recovers it.
type bailout struct{ err *Error }

func (p *parser) fail(msg string) {
	panic(bailout{&Error{Pos: p.i, Msg: msg}})
}
