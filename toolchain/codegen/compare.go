package codegen

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// compare pushes whether LHS (record in local lhs, typed like v) op r holds.
func (rg *ruleGen) compare(o ast.Op, v *ir.Value, lhs uint32, r rhs) error {
	switch t := v.Type; {
	case t.Textual():
		return rg.compareText(o, lhs, r)
	case t == fields.Int, t == fields.Uint, t == fields.Bool, t == fields.Double:
		return rg.compareNum(o, t, lhs, r)
	case t == fields.IPAddr || t == fields.IPNet:
		return rg.compareIP(o, t, lhs, r)
	default:
		return fmt.Errorf("operator %s on %s values is not supported by the Wasm back end", o, t)
	}
}

// pushText pushes the record address of r.
func (rg *ruleGen) pushText(r rhs) {
	if r.isLocal {
		rg.f.get(r.local)
		return
	}
	rg.f.c32(int32(rg.g.l.consts.text(r.c.Text)))
}

// relOps maps an ordering operator to the i32 comparison of a three-way
// result with 0.
var relOps = map[ast.Op]op.Opcode{ast.OpLt: op.I32LtS, ast.OpLe: op.I32LeS, ast.OpGt: op.I32GtS, ast.OpGe: op.I32GeS}

func (rg *ruleGen) compareText(o ast.Op, lhs uint32, r rhs) error {
	f := rg.f
	call2 := func(fn uint32) {
		f.get(lhs)
		rg.pushText(r)
		f.Call(fn)
	}
	switch o {
	case ast.OpEq, ast.OpIn, ast.OpIntersects:
		call2(fnStrEq)
	case ast.OpNe:
		call2(fnStrEq)
		f.Op(op.I32Eqz)
	case ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe:
		call2(fnStrCmp)
		f.c32(0)
		f.Op(relOps[o])
	case ast.OpContains, ast.OpBContains:
		call2(fnContains)
	case ast.OpIContains:
		call2(fnIContains)
	case ast.OpStartsWith, ast.OpBStartsWith:
		call2(fnStarts)
	case ast.OpEndsWith:
		call2(fnEnds)
	case ast.OpGlob, ast.OpIGlob:
		rg.glob(lhs, r, o == ast.OpIGlob)
	case ast.OpPMatch:
		call2(fnPMatch)
	case ast.OpRegex:
		if r.isLocal {
			return fmt.Errorf("regex with a field on the right")
		}
		f.c32(int32(r.regex))
		f.recData(lhs)
		f.ld32(lhs, 0)
		f.Call(fnRegex)
	default:
		return fmt.Errorf("operator %s on text is not supported by the Wasm back end", o)
	}
	return nil
}

func (rg *ruleGen) glob(lhs uint32, r rhs, fold bool) {
	f := rg.f
	f.recData(lhs)
	f.ld32(lhs, 0)
	pat := f.i32("pat")
	rg.pushText(r)
	f.set(pat)
	f.recData(pat)
	f.ld32(pat, 0)
	if fold {
		f.c32(1)
	} else {
		f.c32(0)
	}
	f.Call(fnGlob)
}

var (
	numOpsS = map[ast.Op]op.Opcode{ast.OpEq: op.I64Eq, ast.OpNe: op.I64Ne, ast.OpLt: op.I64LtS, ast.OpLe: op.I64LeS, ast.OpGt: op.I64GtS, ast.OpGe: op.I64GeS}
	numOpsU = map[ast.Op]op.Opcode{ast.OpEq: op.I64Eq, ast.OpNe: op.I64Ne, ast.OpLt: op.I64LtU, ast.OpLe: op.I64LeU, ast.OpGt: op.I64GtU, ast.OpGe: op.I64GeU}
	numOpsF = map[ast.Op]op.Opcode{ast.OpEq: op.F64Eq, ast.OpNe: op.F64Ne, ast.OpLt: op.F64Lt, ast.OpLe: op.F64Le, ast.OpGt: op.F64Gt, ast.OpGe: op.F64Ge}
)

func (rg *ruleGen) compareNum(o ast.Op, t fields.Type, lhs uint32, r rhs) error {
	f := rg.f
	if o == ast.OpIn || o == ast.OpIntersects {
		o = ast.OpEq
	}
	table := numOpsU
	switch t {
	case fields.Int:
		table = numOpsS
	case fields.Double:
		table = numOpsF
	}
	code, ok := table[o]
	if !ok {
		return fmt.Errorf("operator %s on %s values", o, t)
	}
	f.pushNum(lhs)
	if t == fields.Double {
		f.Op(op.F64ReinterpretI64)
	}
	if r.isLocal {
		f.pushNum(r.local)
	} else {
		f.I64Const(int64(r.c.Num))
	}
	if t == fields.Double {
		f.Op(op.F64ReinterpretI64)
	}
	f.Op(code)
	return nil
}

// compareIP: = and != on addresses (IPAddr) or address-in-network (IPNet);
// other operators never hold.
func (rg *ruleGen) compareIP(o ast.Op, t fields.Type, lhs uint32, r rhs) error {
	f := rg.f
	fnIdx := fnIPEq
	if t == fields.IPNet {
		fnIdx = fnInNet
	}
	switch o {
	case ast.OpEq, ast.OpIn, ast.OpIntersects, ast.OpNe:
		f.get(lhs)
		rg.pushText(r)
		f.Call(fnIdx)
		if o == ast.OpNe {
			f.Op(op.I32Eqz)
		}
	default:
		f.c32(0)
	}
	return nil
}
