package codegen

import (
	"fmt"

	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/code"
)

// ruleGen generates one rule function: rule(evt) -> 0|1.
type ruleGen struct {
	g *gen
	f *fn
}

const evtLocal = 0

func (g *gen) rule(r *ir.Rule) (*fn, error) {
	f := newFn(fmt.Sprintf("rule%d:%s", r.ID, r.Name), params(1), vI32, "evt")
	rg := &ruleGen{g: g, f: f}
	fail := f.Block(code.Empty)
	if err := rg.block(r.Body, fail); err != nil {
		return nil, err
	}
	f.ret(1)
	f.End()
	f.c32(0)
	return f, nil
}

// block emits the statements of b; any failing statement branches to fail.
func (rg *ruleGen) block(b ir.Block, fail code.Label) error {
	for _, s := range b {
		if err := rg.stmt(s, fail); err != nil {
			return err
		}
	}
	return nil
}

func (rg *ruleGen) stmt(s ir.Stmt, fail code.Label) error {
	f := rg.f
	switch s := s.(type) {
	case *ir.Test:
		return rg.test(s.Pred, fail)
	case *ir.Any:
		ok := f.Block(code.Empty)
		for _, alt := range s.Alts {
			altFail := f.Block(code.Empty)
			if err := rg.block(alt, altFail); err != nil {
				return err
			}
			f.Br(ok)
			f.End()
		}
		f.Br(fail)
		f.End()
	case *ir.Not:
		bodyFail := f.Block(code.Empty)
		if err := rg.block(s.Body, bodyFail); err != nil {
			return err
		}
		f.Br(fail)
		f.End()
	default:
		return fmt.Errorf("unknown statement %T", s)
	}
	return nil
}
