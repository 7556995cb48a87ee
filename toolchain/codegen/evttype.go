package codegen

import (
	"slices"

	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// evtTypeCodes returns, for `evt.type = x`, `!= x` or `in (…)` in a module
// with event types, the codes of the constants that are event types of the
// module (ok false for any other predicate). The host stages each event's
// code before the batch runs, so such a test needs no call to the host
// when the code names a type; only an event of another or unknown type
// (code OtherEventType or AnyEventType) reads the field.
func (rg *ruleGen) evtTypeCodes(p *ir.Pred) (codes []int, ok bool) {
	m := rg.g.m
	if len(m.EventTypes) == 0 || p.RHS != nil || p.Mod != ast.ModNone || p.LHS.Field < 0 ||
		m.Fields[p.LHS.Field].Ref.Name != "evt.type" || m.Fields[p.LHS.Field].Ref.HasArg {
		return nil, false
	}
	switch {
	case p.Op == ast.OpIn:
	case (p.Op == ast.OpEq || p.Op == ast.OpNe) && len(p.Consts) == 1:
	default:
		return nil, false
	}
	for _, c := range p.Consts {
		if i, found := slices.BinarySearch(m.EventTypes, string(c.Text)); found && !slices.Contains(codes, i) {
			codes = append(codes, i)
		}
	}
	return codes, true
}

// evtTypeTest emits an evt.type predicate (see evtTypeCodes) from the
// staged event code, falling back to the field for other codes.
func (rg *ruleGen) evtTypeTest(p *ir.Pred, codes []int, fail code.Label) error {
	f := rg.f
	c := f.i32("code")
	done := f.Block(code.Empty)
	f.get(evtLocal)
	f.c32(2)
	f.Op(op.I32Shl)
	f.Load(op.I32Load, rg.g.l.events)
	f.LocalTee(c)
	f.c32(int32(len(rg.g.m.EventTypes)))
	f.Op(op.I32LtU)
	f.If(code.Empty)
	rg.codeIn(c, codes)
	if p.Op != ast.OpNe {
		f.Op(op.I32Eqz)
	}
	f.BrIf(fail)
	f.Br(done)
	f.End()
	if err := rg.evalField(p, fail); err != nil {
		return err
	}
	f.End()
	return nil
}

// codeIn pushes whether the code in local c is one of codes: a bit test
// when every code is below 64, else a chain of compares.
func (rg *ruleGen) codeIn(c uint32, codes []int) {
	f := rg.f
	if len(codes) == 0 {
		f.c32(0)
		return
	}
	if slices.Max(codes) < 64 {
		var mask uint64
		for _, x := range codes {
			mask |= 1 << x
		}
		f.I64Const(int64(mask))
		f.get(c)
		f.Op(op.I64ExtendI32U)
		f.Op(op.I64ShrU)
		f.I64Const(1)
		f.Op(op.I64And)
		f.Op(op.I32WrapI64)
		return
	}
	for i, x := range codes {
		f.get(c)
		f.c32(int32(x))
		f.Op(op.I32Eq)
		if i > 0 {
			f.Op(op.I32Or)
		}
	}
}
