package parser

import (
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// transformerType lexes "tolower(" and friends and returns the name.
func (p *parser) transformerType() (string, bool) {
	tok, ok := p.strList(transformers)
	if !ok {
		return "", false
	}
	name := strings.TrimSuffix(tok, "(")
	p.last = name
	return name, true
}

// fieldRemainder parses an optional [arg] after a field name.
func (p *parser) fieldRemainder(name string, at int) *ast.Operand {
	p.enter()
	defer p.leave()
	ref := &ast.FieldRef{Ref: fields.Ref{Name: name}}
	if p.str("[") {
		ref.Arg, ref.HasArg = p.fieldArg(), true
	}
	return &ast.Operand{At: ast.Pos(at), Field: ref}
}

// fieldArg parses the argument and the ']' after a '['.
func (p *parser) fieldArg() string {
	v, ok := p.quoted()
	if !ok {
		if !p.fieldArgBare() {
			p.fail("expected a valid field argument: a quoted string or a bare string")
		}
		v = p.last
	}
	if !p.str("]") {
		p.fail("expected a ']' token")
	}
	return v
}

// tryTransformerOrVal parses val(field) or a transformer expression, or
// returns nil having consumed nothing but blanks.
func (p *parser) tryTransformerOrVal() *ast.Operand {
	p.enter()
	defer p.leave()
	p.blank()
	at := p.i
	if p.str("val(") {
		p.blank()
		fat := p.i
		if !p.fieldName() {
			p.fail("expected a field within 'val' transformer")
		}
		f := p.fieldRemainder(p.last, fat)
		p.blank()
		if !p.str(")") {
			p.fail("expected a ')' token closing the transformer")
		}
		return &ast.Operand{At: ast.Pos(at), Func: "val", Args: []*ast.Operand{f}}
	}
	if name, ok := p.transformerType(); ok {
		return p.transformerRemainder(name, at)
	}
	return nil
}

// transformerRemainder parses a transformer's arguments after "name(",
// the closing ')' and an optional [arg].
func (p *parser) transformerRemainder(name string, at int) *ast.Operand {
	p.enter()
	defer p.leave()
	op := &ast.Operand{At: ast.Pos(at), Func: name}
	for {
		p.blank()
		op.Args = append(op.Args, p.transformerArg(true))
		p.blank()
		if !p.str(",") {
			break
		}
	}
	if !p.str(")") {
		p.fail("expected a ')' token closing the transformer")
	}
	if p.str("[") {
		op.FuncArg, op.HasFuncArg = p.fieldArg(), true
	}
	return op
}

// transformerArg parses one transformer argument: a transformer, a field,
// a quoted string, a number or (when lists are allowed) a transformer list.
func (p *parser) transformerArg(allowList bool) *ast.Operand {
	at := p.i
	if name, ok := p.transformerType(); ok {
		return p.transformerRemainder(name, at)
	}
	if p.fieldName() {
		return p.fieldRemainder(p.last, at)
	}
	if v, ok := p.quoted(); ok {
		return &ast.Operand{At: ast.Pos(at), Lit: &ast.Literal{At: ast.Pos(at), Text: v, Quoted: true}}
	}
	if p.hexNum() || p.number() {
		return &ast.Operand{At: ast.Pos(at), Lit: &ast.Literal{At: ast.Pos(at), Text: p.last}}
	}
	if allowList && p.str("(") {
		return p.transformerList(at)
	}
	p.fail("expected a field or a nested valid transformer: " + quoteList(Transformers(true)))
	return nil
}

// transformerList parses the rest of `( arg, … )` after its '('.
func (p *parser) transformerList(at int) *ast.Operand {
	p.enter()
	defer p.leave()
	op := &ast.Operand{At: ast.Pos(at), Func: ast.FuncList}
	p.blank()
	if p.str(")") {
		return op
	}
	for {
		p.blank()
		op.Args = append(op.Args, p.transformerArg(false))
		p.blank()
		if !p.str(",") {
			break
		}
	}
	if !p.str(")") {
		p.fail("expected a ')' token")
	}
	return op
}
