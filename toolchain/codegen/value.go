package codegen

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// value emits v and stores its record address (0: missing) in a new local.
func (rg *ruleGen) value(v *ir.Value) (uint32, error) {
	f := rg.f
	if err := rg.push(v); err != nil {
		return 0, err
	}
	l := f.i32("v")
	f.set(l)
	return l, nil
}

// push emits v, leaving its record address on the stack.
func (rg *ruleGen) push(v *ir.Value) error {
	f := rg.f
	switch {
	case v.Field >= 0:
		f.get(evtLocal)
		f.c32(int32(v.Field))
		f.Call(fnFld)
		f.Comment(rg.g.m.Fields[v.Field].Ref.String())
		return nil
	case v.Lit != nil:
		f.c32(int32(rg.g.l.consts.text(v.Lit.Text)))
		return nil
	}
	return rg.transform(v)
}

func (rg *ruleGen) transform(v *ir.Value) error {
	f := rg.f
	unary := map[string]uint32{"tolower": fnToLower, "toupper": fnToUpper, "basename": fnBasename, "b64": fnB64}
	switch {
	case unary[v.Func] != 0 && len(v.Args) == 1:
		if err := rg.push(v.Args[0]); err != nil {
			return err
		}
		f.Call(unary[v.Func])
	case v.Func == "len" && len(v.Args) == 1:
		if err := rg.push(v.Args[0]); err != nil {
			return err
		}
		f.Call(lenFn(v.Args[0]))
	case v.Func == "concat" && len(v.Args) >= 1:
		for i, a := range v.Args {
			if err := rg.push(a); err != nil {
				return err
			}
			if i > 0 {
				f.Call(fnConcat2)
			}
		}
	case v.Func == ast.FuncList && len(v.Args) == 0:
		f.c32(int32(rg.g.l.consts.add('l', []byte{0, 0, 0, 0})))
	case v.Func == ast.FuncList:
		for i, a := range v.Args {
			if !a.Type.Textual() {
				return fmt.Errorf("a %s in a transformer list is not supported by the Wasm back end", a.Type)
			}
			if err := rg.push(a); err != nil {
				return err
			}
			if a.Kind != abi.KindList {
				f.Call(fnList1)
			}
			if i > 0 {
				f.Call(fnListCat)
			}
		}
	case v.Func == "join" && len(v.Args) == 2 && v.Args[1].Kind == abi.KindList:
		if err := rg.push(v.Args[0]); err != nil {
			return err
		}
		if err := rg.push(v.Args[1]); err != nil {
			return err
		}
		f.Call(fnJoin)
	default:
		return fmt.Errorf("transformer %s with %d argument(s) is not supported by the Wasm back end", v.Func, len(v.Args))
	}
	return nil
}

func lenFn(a *ir.Value) uint32 {
	switch {
	case a.Kind == abi.KindList:
		return fnLenList
	case a.Type == fields.Bytes:
		return fnLenBytes
	}
	return fnLenText
}

// pushNum pushes the i64 of a number record in local l.
func (f *fn) pushNum(l uint32) {
	f.get(l)
	f.Load(op.I64Load, 0)
}
