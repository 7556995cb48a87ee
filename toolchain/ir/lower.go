package ir

import (
	"fmt"
	"sort"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/program"
)

// Lower turns the checked rules of one source into IR. The program must
// come from the checker: macros expanded, fields resolved, literals typed.
func Lower(src *program.Source) (*Module, error) {
	l := &lowerer{
		m:      &Module{Source: src.Name, Fields: make([]Field, len(src.Fields))},
		regex:  map[string]int{},
		codeOf: map[string]int{},
	}
	for i, r := range src.Fields {
		l.m.Fields[i] = Field{Ref: r, Type: fields.String, Kind: abi.KindText}
	}
	l.eventTypes(src.Rules)
	for i, r := range src.Rules {
		body, err := l.expr(r.Expr)
		if err != nil {
			return nil, &RuleError{Rule: i, Err: fmt.Errorf("lower rule %q: %w", r.Name, err)}
		}
		l.m.Rules = append(l.m.Rules, &Rule{ID: i, Name: r.Name, Pos: r.Pos, Codes: l.codes(r.EventTypes), Body: body})
	}
	return l.m, nil
}

// RuleError is an error in one rule: Rule indexes the source's rules.
type RuleError struct {
	Rule int
	Err  error
}

func (e *RuleError) Error() string { return e.Err.Error() }
func (e *RuleError) Unwrap() error { return e.Err }

type lowerer struct {
	m      *Module
	regex  map[string]int
	codeOf map[string]int
}

func (l *lowerer) eventTypes(rules []*program.Rule) {
	seen := map[string]bool{}
	for _, r := range rules {
		for _, t := range r.EventTypes {
			if !seen[t] {
				seen[t] = true
				l.m.EventTypes = append(l.m.EventTypes, t)
			}
		}
	}
	sort.Strings(l.m.EventTypes)
	for i, t := range l.m.EventTypes {
		l.codeOf[t] = i
	}
}

func (l *lowerer) codes(types []string) []int {
	if types == nil {
		return nil
	}
	cs := make([]int, 0, len(types))
	for _, t := range types {
		cs = append(cs, l.codeOf[t])
	}
	sort.Ints(cs)
	return cs
}

func (l *lowerer) expr(e ast.Expr) (Block, error) {
	switch e := e.(type) {
	case *ast.And:
		var b Block
		for _, t := range e.Terms {
			tb, err := l.expr(t)
			if err != nil {
				return nil, err
			}
			b = append(b, tb...)
		}
		return b, nil
	case *ast.Or:
		alts := make([]Block, 0, len(e.Terms))
		for _, t := range e.Terms {
			tb, err := l.expr(t)
			if err != nil {
				return nil, err
			}
			alts = append(alts, tb)
		}
		return Block{&Any{At: e.At, Alts: alts}}, nil
	case *ast.Not:
		body, err := l.expr(e.X)
		if err != nil {
			return nil, err
		}
		return Block{&Not{At: e.At, Body: body}}, nil
	case *ast.Check:
		return l.check(e)
	case *ast.MacroRef:
		return nil, fmt.Errorf("%d: unexpanded macro %q", e.At, e.Name)
	}
	return nil, fmt.Errorf("unknown expression %T", e)
}
