package parser

import (
	"strings"

	"github.com/aeriesec/aerie/toolchain/ast"
)

// condition parses the operator and right side of a check whose left side
// has been parsed.
func (p *parser) condition(lhs *ast.Operand, at int) ast.Expr {
	p.enter()
	defer p.leave()
	c := &ast.Check{At: ast.Pos(at), LHS: lhs}
	p.blank()
	if _, ok := p.strList(unaryOps); ok {
		c.Op = ast.OpExists
		return c
	}
	if tok, ok := p.strList(numOps); ok {
		c.Op = opByName[tok]
		p.numValue(c)
	} else if tok, ok := p.strList(strOps); ok {
		c.Op = opByName[strings.TrimSpace(tok)]
		p.strValue(c)
	} else if tok, ok := p.strList(listOps); ok {
		c.Op = opByName[tok]
		p.listValue(c)
	} else {
		p.fail("expected a valid check operator: one of " + quoteList(Operators()))
	}
	return c
}

func (p *parser) numValue(c *ast.Check) {
	p.enter()
	defer p.leave()
	p.blank()
	if c.RHS = p.tryTransformerOrVal(); c.RHS != nil {
		return
	}
	at := p.i
	if p.hexNum() || p.number() {
		c.Values = []*ast.Literal{{At: ast.Pos(at), Text: p.last}}
		return
	}
	p.fail("expected a number value or a field with a valid transformer: " + quoteList(Transformers(true)))
}

func (p *parser) strValue(c *ast.Check) {
	p.enter()
	defer p.leave()
	if p.modifier(c) {
		return
	}
	p.blank()
	if c.RHS = p.tryTransformerOrVal(); c.RHS != nil {
		return
	}
	if lit := p.plainValue(); lit != nil {
		c.Values = []*ast.Literal{lit}
		return
	}
	p.fail("expected a string value or a field with a valid transformer: " + quoteList(Transformers(true)))
}

// plainValue lexes a quoted or bare string, or returns nil.
func (p *parser) plainValue() *ast.Literal {
	at := p.i
	if v, ok := p.quoted(); ok {
		return &ast.Literal{At: ast.Pos(at), Text: v, Quoted: true}
	}
	if p.bareStr() {
		return &ast.Literal{At: ast.Pos(at), Text: p.last}
	}
	return nil
}

// modifier parses `oneof|anyof|allof <list>` after a string operator. The
// word is a modifier only when a blank follows it and then a '(' or an
// identifier other than and/or/not; otherwise nothing is consumed.
func (p *parser) modifier(c *ast.Check) bool {
	save, saveLast := p.i, p.last
	p.blank()
	for _, m := range modifiers {
		rest := p.s[p.i:]
		if !strings.HasPrefix(rest, m) || len(rest) == len(m) || !isBlank(rest[len(m)]) {
			continue
		}
		p.take(len(m))
		p.blank()
		if p.peek() == '(' || p.listIdentifier() {
			c.Modifier = modByName[m]
			c.Values = p.listOrIdentifier()
			return true
		}
		break
	}
	p.i, p.last = save, saveLast
	return false
}

// listIdentifier reports whether an identifier usable as a list value (not
// and/or/not) starts at the cursor.
func (p *parser) listIdentifier() bool {
	n := identLen(p.s, p.i)
	if n == 0 {
		return false
	}
	w := p.s[p.i : p.i+n]
	return w != "and" && w != "or" && w != "not"
}

func (p *parser) listValue(c *ast.Check) {
	p.enter()
	defer p.leave()
	p.blank()
	if p.peek() == '(' {
		c.Values = p.listOrIdentifier()
		return
	}
	if c.RHS = p.tryTransformerOrVal(); c.RHS != nil {
		return
	}
	if vals := p.listOrIdentifier(); vals != nil {
		c.Values = vals
		return
	}
	p.fail("expected a list, an identifier, or a field with a valid transformer: " + quoteList(Transformers(true)))
}

// listOrIdentifier parses '(' values ')' or a single identifier; nil when
// neither starts at the cursor.
func (p *parser) listOrIdentifier() []*ast.Literal {
	at := p.i
	if p.str("(") {
		return p.listItems()
	}
	if p.identifier() {
		return []*ast.Literal{{At: ast.Pos(at), Text: p.last}}
	}
	return nil
}

// listItems parses the rest of a value list after its '('. An empty list
// is allowed; as in Falco, a first item that fails to lex (even with a bad
// escape) counts as an empty list.
func (p *parser) listItems() []*ast.Literal {
	vals := []*ast.Literal{}
	p.blank()
	if first := p.tryItem(); first != nil {
		vals = append(vals, first)
		p.blank()
		for p.str(",") {
			p.blank()
			lit := p.plainValue()
			if lit == nil {
				p.fail("expected a string value")
			}
			vals = append(vals, lit)
			p.blank()
		}
	}
	if !p.str(")") {
		p.fail("expected a ')' token")
	}
	return vals
}

func (p *parser) tryItem() (lit *ast.Literal) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			lit = nil
		}
	}()
	return p.plainValue()
}
