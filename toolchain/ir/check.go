package ir

import (
	"fmt"
	"strconv"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
)

// check lowers one comparison to a Test.
func (l *lowerer) check(c *ast.Check) (Block, error) {
	lhs, err := l.operand(c.LHS)
	if err != nil {
		return nil, err
	}
	p := &Pred{Op: c.Op, LHS: lhs}
	if f := c.LHS.Field; f != nil && f.Def.MatchesAny(f.Ref) && p.Op == ast.OpIn {
		p.Op = ast.OpIntersects // some of the values (ancestors) is in the set
	}
	if c.RHS != nil {
		if p.RHS, err = l.operand(c.RHS); err != nil {
			return nil, err
		}
		return Block{&Test{At: c.At, Pred: p}}, nil
	}
	for _, v := range c.Values {
		p.Consts = append(p.Consts, constOf(v, lhs))
	}
	if c.Op == ast.OpRegex {
		for _, v := range c.Values {
			p.Regex = append(p.Regex, l.regexID(v.Text))
		}
	}
	p.Mod = c.Modifier
	return Block{&Test{At: c.At, Pred: p}}, nil
}

func (l *lowerer) regexID(pat string) int {
	if id, ok := l.regex[pat]; ok {
		return id
	}
	id := len(l.m.Regexes)
	l.regex[pat] = id
	l.m.Regexes = append(l.m.Regexes, pat)
	return id
}

// constOf converts a checked literal: its typed value, or for text types
// its text when the checker left the value empty. Elements of list fields
// are text, so constants compared with a list keep a text form.
func constOf(v *ast.Literal, lhs *Value) Const {
	c := Const{Text: v.Value.S, Num: v.Value.N}
	if c.Text == nil && lhs.Type.Textual() {
		c.Text = []byte(v.Text)
	}
	if lhs.Kind == abi.KindList && c.Text == nil {
		switch lhs.Type {
		case fields.Int:
			c.Text = []byte(strconv.FormatInt(int64(c.Num), 10))
		case fields.Uint:
			c.Text = []byte(strconv.FormatUint(c.Num, 10))
		default:
			c.Text = []byte(v.Text)
		}
	}
	return c
}

func (l *lowerer) operand(o *ast.Operand) (*Value, error) {
	switch {
	case o.Field != nil:
		return l.field(o), nil
	case o.Lit != nil:
		return &Value{Type: fields.String, Kind: abi.KindText, Field: -1, Lit: &Const{Text: []byte(o.Lit.Text)}}, nil
	case o.Func == "val" && len(o.Args) == 1:
		return l.operand(o.Args[0])
	case o.Func != "":
		v := &Value{Type: o.Type, Kind: kindOf(o.Type, o.List), Field: -1, Func: o.Func}
		for _, a := range o.Args {
			av, err := l.operand(a)
			if err != nil {
				return nil, err
			}
			v.Args = append(v.Args, av)
		}
		return v, nil
	}
	return nil, fmt.Errorf("%d: empty operand", o.At)
}

func (l *lowerer) field(o *ast.Operand) *Value {
	f := o.Field
	typ, list := o.Type, o.List
	if typ == 0 && f.Def != nil { // an operand the checker did not type
		typ, list = f.Def.Type, f.Def.List
	}
	if f.Def.MatchesAny(f.Ref) { // a list of every ancestor's value
		list = true
	}
	k := kindOf(typ, list)
	l.m.Fields[f.Index].Type, l.m.Fields[f.Index].Kind = typ, k
	return &Value{Type: typ, Kind: k, Field: f.Index}
}

func kindOf(t fields.Type, list bool) abi.Kind {
	return abi.KindOf(&fields.Field{Type: t, List: list})
}
