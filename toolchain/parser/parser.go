package parser

import (
	"strconv"

	"github.com/aeriesec/aerie/toolchain/ast"
)

type parser struct {
	s        string
	i        int
	last     string // the last token lexed, for error messages
	depth    int
	maxDepth int
}

// Parse parses a condition with Falco's depth limit (MaxDepth).
func Parse(text string) (ast.Expr, error) {
	return ParseDepth(text, MaxDepth)
}

// ParseDepth parses a condition with a given recursion limit.
func ParseDepth(text string, maxDepth int) (e ast.Expr, err error) {
	if text == "" {
		return nil, &Error{Msg: "filter input string is empty"}
	}
	p := &parser{s: text, maxDepth: maxDepth}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			e, err = nil, b.err
		}
	}()
	e = p.parseOr()
	if p.i != len(p.s) {
		p.fail("unexpected token after '" + p.last + "', expecting 'or', 'and'")
	}
	return e, nil
}

// enter counts one level of recursion, as Falco's depth guard does.
func (p *parser) enter() {
	p.depth++
	if p.depth >= p.maxDepth {
		p.fail("exceeded max depth limit of " + strconv.Itoa(p.maxDepth))
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) parseOr() ast.Expr {
	at, terms := p.chain("or", p.parseAnd)
	if len(terms) == 1 {
		return terms[0]
	}
	return &ast.Or{At: at, Terms: terms}
}

func (p *parser) parseAnd() ast.Expr {
	at, terms := p.chain("and", p.parseNot)
	if len(terms) == 1 {
		return terms[0]
	}
	return &ast.And{At: at, Terms: terms}
}

// chain parses next, then more of it after each keyword kw, one nesting
// level deeper; at is where the chain starts.
func (p *parser) chain(kw string, next func() ast.Expr) (at ast.Pos, terms []ast.Expr) {
	p.enter()
	defer p.leave()
	p.blank()
	at = ast.Pos(p.i)
	terms = []ast.Expr{next()}
	p.blank()
	for p.str(kw) {
		terms = append(terms, p.tail(kw, next))
		p.blank()
	}
	return at, terms
}

// tail parses what follows 'and'/'or': a blank then next, or '(' Expr ')'.
func (p *parser) tail(kw string, next func() ast.Expr) ast.Expr {
	if p.blank() {
		return next()
	}
	if p.str("(") {
		return p.embedded()
	}
	p.fail("expected blank or '(' after '" + kw + "'")
	return nil
}

func (p *parser) parseNot() ast.Expr {
	p.enter()
	defer p.leave()
	p.blank()
	at := ast.Pos(p.i)
	neg := false
	for p.notBlank() {
		neg = !neg
	}
	var x ast.Expr
	if p.str("not(") {
		neg = !neg
		x = p.embedded()
	} else {
		x = p.parseCheck()
	}
	if neg {
		return &ast.Not{At: at, X: x}
	}
	return x
}

// embedded parses the rest of a parenthesised expression after its '('.
func (p *parser) embedded() ast.Expr {
	p.enter()
	defer p.leave()
	p.blank()
	x := p.parseOr()
	p.blank()
	if !p.str(")") {
		p.fail("expected a ')' token")
	}
	return x
}

func (p *parser) parseCheck() ast.Expr {
	p.enter()
	defer p.leave()
	p.blank()
	at := p.i
	if p.str("(") {
		return p.embedded()
	}
	if p.fieldName() {
		lhs := p.fieldRemainder(p.last, at)
		return p.condition(lhs, at)
	}
	if name, ok := p.transformerType(); ok {
		lhs := p.transformerRemainder(name, at)
		return p.condition(lhs, at)
	}
	if p.identifier() {
		return &ast.MacroRef{At: ast.Pos(at), Name: p.last}
	}
	p.fail("expected a '(' token, a field check, or an identifier")
	return nil
}
