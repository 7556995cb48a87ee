package codegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// rhs is the right side of one comparison: a record in a local (a field)
// or a constant.
type rhs struct {
	local   uint32
	isLocal bool
	c       ir.Const
	regex   int
}

// test emits p; when it does not hold, control branches to fail. A missing
// left or right operand fails every operator but exists.
func (rg *ruleGen) test(p *ir.Pred, fail code.Label) error {
	f := rg.f
	slot, memo := rg.g.memo[predKey(p)]
	if !memo || p.Op == ast.OpExists {
		return rg.eval(p, fail)
	}
	addr := rg.g.l.memo + uint32(slot)
	s := f.i32("memo")
	pass := f.Block(code.Empty)
	f.c32(0)
	f.Load(op.I32Load8U, addr)
	f.LocalTee(s)
	f.If(code.Empty) // evaluated before for this event
	f.eqConst(s, 2)
	f.BrIf(pass)
	f.Br(fail)
	f.End()
	no := f.Block(code.Empty)
	if err := rg.eval(p, no); err != nil {
		return err
	}
	f.memoStore(addr, 2)
	f.Br(pass)
	f.End()
	f.memoStore(addr, 1)
	f.Br(fail)
	f.End()
	return nil
}

// memoStore records a predicate's result for the event.
func (f *fn) memoStore(addr uint32, v int32) {
	f.c32(0)
	f.c32(v)
	f.Store(op.I32Store8, addr)
}

// eval emits p, branching to fail when it does not hold.
func (rg *ruleGen) eval(p *ir.Pred, fail code.Label) error {
	if codes, ok := rg.evtTypeCodes(p); ok {
		return rg.evtTypeTest(p, codes, fail)
	}
	return rg.evalField(p, fail)
}

// evalField emits p from its operands' records.
func (rg *ruleGen) evalField(p *ir.Pred, fail code.Label) error {
	f := rg.f
	lhs, err := rg.value(p.LHS)
	if err != nil {
		return err
	}
	f.brIfZero(lhs, fail)
	if p.Op == ast.OpExists {
		return nil
	}
	if err := rg.holds(p, lhs); err != nil {
		return err
	}
	f.Op(op.I32Eqz)
	f.BrIf(fail)
	return nil
}

// holds pushes whether p holds for the present LHS in local lhs.
func (rg *ruleGen) holds(p *ir.Pred, lhs uint32) error {
	if p.RHS != nil {
		return rg.fieldCompare(p, lhs)
	}
	if p.LHS.Kind != abi.KindList {
		return rg.scalar(p, lhs)
	}
	if !listable(p.LHS.Type) {
		return fmt.Errorf("operator %s on a list of %s is not supported by the Wasm back end", p.Op, p.LHS.Type)
	}
	if p.Op == ast.OpIn || p.Op == ast.OpIntersects { // constants of a list compare as text
		if p.LHS.Type.Textual() && len(p.Consts) <= searchTreeMax { // no set_has loop per element
			return rg.overElems(lhs, p.Op == ast.OpIn, func(e uint32) error { return rg.member(p, e) })
		}
		return rg.listOp(p, lhs)
	}
	return rg.overElems(lhs, false, rg.asElem(p.LHS.Type, func(e uint32) error { return rg.scalar(p, e) }))
}

// listable reports whether list elements of type t can be compared: text,
// or integers in decimal (proc.apid).
func listable(t fields.Type) bool { return t.Textual() || t == fields.Int || t == fields.Uint }

// asElem adapts a body over an element record of type t: numbers arrive
// as decimal text and become number records first.
func (rg *ruleGen) asElem(t fields.Type, body func(e uint32) error) func(e uint32) error {
	if t.Textual() {
		return body
	}
	return func(e uint32) error {
		n := rg.f.i32("elem")
		rg.f.get(e)
		rg.f.Call(fnDecRec)
		rg.f.set(n)
		return body(n)
	}
}

// scalar pushes whether p holds for the single value in local lhs.
func (rg *ruleGen) scalar(p *ir.Pred, lhs uint32) error {
	switch {
	case p.Op == ast.OpIn || p.Op == ast.OpIntersects:
		return rg.member(p, lhs)
	case p.Op == ast.OpPMatch:
		return rg.anyConst(p, lhs)
	case p.Mod != ast.ModNone:
		return rg.modified(p, lhs)
	case len(p.Consts) != 1:
		rg.f.c32(0)
		return nil
	}
	return rg.compare(p.Op, p.LHS, lhs, rg.constRHS(p, 0))
}

// fieldCompare pushes LHS op RHS for a field (or transformer) on the right.
func (rg *ruleGen) fieldCompare(p *ir.Pred, lhs uint32) error {
	f := rg.f
	member := p.Op == ast.OpIn || p.Op == ast.OpIntersects
	if p.RHS.Kind == abi.KindList && !member {
		f.c32(0) // only membership looks into a list on the right
		return nil
	}
	if !sameFamily(p.LHS.Type, p.RHS.Type) {
		return fmt.Errorf("comparing %s with %s is not supported by the Wasm back end", p.LHS.Type, p.RHS.Type)
	}
	r, err := rg.value(p.RHS)
	if err != nil {
		return err
	}
	f.get(r)
	f.Op(op.I32Eqz)
	f.If(code.BlockI32)
	f.c32(0)
	f.Else()
	rr := rhs{local: r, isLocal: true}
	cmp := func(e uint32) error { return rg.compare(p.Op, p.LHS, e, rr) }
	if p.RHS.Kind == abi.KindList {
		if !p.LHS.Type.Textual() || !p.RHS.Type.Textual() {
			return fmt.Errorf("%s a list of %s is not supported by the Wasm back end", p.Op, p.RHS.Type)
		}
		cmp = func(e uint32) error { // e is one of the right list's elements
			return rg.overElems(r, false, func(x uint32) error { return rg.compare(ast.OpEq, p.LHS, e, rhs{local: x, isLocal: true}) })
		}
	}
	switch {
	case p.LHS.Kind != abi.KindList:
		err = cmp(lhs)
	case !listable(p.LHS.Type) || !p.LHS.Type.Textual() && p.RHS.Kind == abi.KindList:
		err = fmt.Errorf("a list of %s is not supported by the Wasm back end", p.LHS.Type)
	default:
		err = rg.overElems(lhs, p.Op == ast.OpIn, rg.asElem(p.LHS.Type, cmp))
	}
	f.End()
	return err
}

func sameFamily(a, b fields.Type) bool {
	return a.Textual() && b.Textual() || a.Numeric() && b.Numeric() || a == b
}

// overElems pushes whether body (which pushes a condition for the element
// record in the given local) holds for some element of the list in local
// lst, or with all for every element (true for an empty list).
func (rg *ruleGen) overElems(lst uint32, all bool, body func(e uint32) error) error {
	f := rg.f
	n, e, res := f.i32("n"), f.i32("e"), f.i32("res")
	f.listStart(lst, n, e)
	f.c32(boolInt(all))
	f.set(res)
	var err error
	f.loop(func(brk code.Label) {
		f.brIfZero(n, brk)
		err = body(e)
		if all {
			f.Op(op.I32Eqz)
		}
		f.If(code.Empty)
		f.c32(boolInt(!all))
		f.set(res)
		f.Br(brk)
		f.End()
		f.elemNext(n, e)
	})
	f.get(res)
	return err
}

func boolInt(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func (rg *ruleGen) constRHS(p *ir.Pred, i int) rhs {
	r := rhs{c: p.Consts[i]}
	if p.Regex != nil {
		r.regex = p.Regex[i]
	}
	return r
}

// anyConst pushes whether LHS op c holds for some constant c.
func (rg *ruleGen) anyConst(p *ir.Pred, lhs uint32) error {
	f := rg.f
	f.c32(0)
	for i := range p.Consts {
		if err := rg.compare(p.Op, p.LHS, lhs, rg.constRHS(p, i)); err != nil {
			return err
		}
		f.Op(op.I32Or)
	}
	return nil
}

// modified pushes whether LHS op c holds for exactly one (oneof), at least
// one (anyof) or every (allof) constant c.
func (rg *ruleGen) modified(p *ir.Pred, lhs uint32) error {
	f := rg.f
	f.c32(0)
	for i := range p.Consts {
		if err := rg.compare(p.Op, p.LHS, lhs, rg.constRHS(p, i)); err != nil {
			return err
		}
		f.Op(op.I32Add)
	}
	switch p.Mod {
	case ast.ModOneOf:
		f.c32(1)
		f.Op(op.I32Eq)
	case ast.ModAnyOf:
		f.c32(0)
		f.Op(op.I32Ne)
	default:
		f.c32(int32(len(p.Consts)))
		f.Op(op.I32Eq)
	}
	return nil
}

// listOp: list LHS with in (every element in the set) or intersects (some).
func (rg *ruleGen) listOp(p *ir.Pred, lhs uint32) error {
	f := rg.f
	var fnIdx uint32
	switch p.Op {
	case ast.OpIn:
		fnIdx = fnListAll
	case ast.OpIntersects:
		fnIdx = fnListAny
	default:
		return fmt.Errorf("operator %s on a list field", p.Op)
	}
	f.get(lhs)
	f.c32(int32(rg.textSet(p.Consts)))
	f.Call(fnIdx)
	return nil
}

// member: scalar LHS in a constant set.
func (rg *ruleGen) member(p *ir.Pred, lhs uint32) error {
	f := rg.f
	t := p.LHS.Type
	switch {
	case t.Textual() && len(p.Consts) <= 8: // straight-line compares beat a search loop
		return rg.anyEq(p, lhs)
	case t.Textual() && len(p.Consts) <= searchTreeMax: // a search tree of calls: no loop
		rg.searchTree(lhs, f.i32("cmp"), sortedTexts(p.Consts))
	case t.Textual():
		f.c32(int32(rg.textSet(p.Consts)))
		f.get(lhs)
		f.Call(fnSetHas)
	case t == fields.Int || t == fields.Uint || t == fields.Bool:
		if len(p.Consts) <= 4 {
			return rg.anyEq(p, lhs)
		}
		f.c32(int32(rg.numSet(p.Consts)))
		f.pushNum(lhs)
		f.Call(fnNumSetHas)
	case t == fields.Double || t == fields.IPAddr || t == fields.IPNet:
		return rg.anyEq(p, lhs)
	default:
		return fmt.Errorf("operator %s on %s values is not supported by the Wasm back end", p.Op, t)
	}
	return nil
}

func (rg *ruleGen) anyEq(p *ir.Pred, lhs uint32) error {
	q := *p
	q.Op = ast.OpEq
	return rg.anyConst(&q, lhs)
}

// sortedTexts is the constants' texts, sorted bytewise, without duplicates.
func sortedTexts(cs []ir.Const) [][]byte {
	texts := make([][]byte, 0, len(cs))
	for _, c := range cs {
		texts = append(texts, c.Text)
	}
	slices.SortFunc(texts, bytes.Compare)
	return slices.CompactFunc(texts, bytes.Equal)
}

// searchTreeMax is the largest text set searched by an unrolled tree (about
// 30 bytes of code per text); larger sets use set_has, whose loop costs a
// deadline check (a trip out of the sandbox) per level.
const searchTreeMax = 256

// searchTree pushes whether the text in local lhs is one of the sorted
// texts, as an unrolled binary search: one str_cmp per level. Local c
// holds each level's comparison (used before the next level runs).
func (rg *ruleGen) searchTree(lhs, c uint32, texts [][]byte) {
	f := rg.f
	if len(texts) == 0 {
		f.c32(0)
		return
	}
	mid := len(texts) / 2
	f.get(lhs)
	f.c32(int32(rg.g.l.consts.text(texts[mid])))
	f.Call(fnStrCmp)
	f.LocalTee(c)
	f.Op(op.I32Eqz)
	f.If(code.BlockI32)
	f.c32(1)
	f.Else()
	f.get(c)
	f.c32(0)
	f.Op(op.I32LtS)
	f.If(code.BlockI32)
	rg.searchTree(lhs, c, texts[:mid])
	f.Else()
	rg.searchTree(lhs, c, texts[mid+1:])
	f.End()
	f.End()
}

// textSet places a sorted, deduplicated set table of the constants' texts.
func (rg *ruleGen) textSet(cs []ir.Const) uint32 {
	texts := sortedTexts(cs)
	consts := rg.g.l.consts
	tbl := binary.LittleEndian.AppendUint32(nil, uint32(len(texts)))
	for _, t := range texts {
		tbl = binary.LittleEndian.AppendUint32(tbl, consts.text(t))
	}
	return consts.add('s', tbl)
}

// numSet places a sorted, deduplicated number table.
func (rg *ruleGen) numSet(cs []ir.Const) uint32 {
	ns := make([]uint64, 0, len(cs))
	for _, c := range cs {
		ns = append(ns, c.Num)
	}
	slices.Sort(ns)
	ns = slices.Compact(ns)
	tbl := binary.LittleEndian.AppendUint32(nil, uint32(len(ns)))
	tbl = binary.LittleEndian.AppendUint32(tbl, 0)
	for _, n := range ns {
		tbl = binary.LittleEndian.AppendUint64(tbl, n)
	}
	return rg.g.l.consts.add('n', tbl)
}
