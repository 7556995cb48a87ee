package checker

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/program"
)

// Codes of Falco's load results used by the checker.
const (
	CodeCompileCondition = "LOAD_ERR_COMPILE_CONDITION"
	CodeCompileOutput    = "LOAD_ERR_COMPILE_OUTPUT"
	CodeValidate         = "LOAD_ERR_VALIDATE"
	CodeUnsafeNA         = "LOAD_UNSAFE_NA_CHECK"
	CodeNoEvttype        = "LOAD_NO_EVTTYPE"
	CodeUnknownFilter    = "LOAD_UNKNOWN_FILTER"
	CodeUnusedMacro      = "LOAD_UNUSED_MACRO"
	CodeUnusedList       = "LOAD_UNUSED_LIST"
	CodeCondWarning      = "LOAD_COMPILE_CONDITION"
	CodeDeprecated       = "LOAD_DEPRECATED_ITEM"
)

type checker struct {
	col    *loader.Collection
	lists  []*list
	macros map[string]*macro
	diags  diag.List
}

// Check compiles everything collected so far into a program. The program
// is nil when there are errors; the diagnostics hold errors and warnings.
func Check(col *loader.Collection) (*program.Program, diag.List) {
	c := &checker{col: col, macros: map[string]*macro{}}
	c.compileLists()
	c.compileMacros()
	prog := &program.Program{}
	for _, r := range col.Rules {
		if r.UnknownSource {
			continue
		}
		if pr := c.compileRule(r); pr != nil {
			addRule(prog, pr)
		}
	}
	c.unused()
	if c.diags.HasErrors() {
		return nil, c.diags
	}
	for _, s := range prog.Sources {
		buildFieldTable(s)
	}
	return prog, c.diags
}

func addRule(p *program.Program, r *program.Rule) {
	s := p.Source(r.Source)
	if s == nil {
		s = &program.Source{Name: r.Source}
		i := 0
		for i < len(p.Sources) && p.Sources[i].Name < s.Name {
			i++
		}
		p.Sources = append(p.Sources[:i], append([]*program.Source{s}, p.Sources[i:]...)...)
	}
	s.Rules = append(s.Rules, r)
}

func (c *checker) report(sev diag.Severity, code, item string, p diag.Pos, msg string) {
	c.diags = append(c.diags, diag.Diagnostic{Severity: sev, Code: code, Pos: p, Item: item,
		Message: msg, Snippet: c.col.Snippet(p)})
}

// reportText reports at a byte offset of a condition or output text.
func (c *checker) reportText(sev diag.Severity, code, item string, t loader.Text, off int, msg string) {
	p, _ := t.Locate(off)
	c.report(sev, code, item, p, msg)
}

func (c *checker) unused() {
	for _, l := range c.lists {
		if !l.used {
			c.report(diag.Warning, CodeUnusedList, "list '"+l.src.Name+"'", l.src.Pos, "List not referred to by any other rule/macro")
		}
	}
	for _, m := range c.col.Macros {
		if !c.macros[m.Name].used {
			c.report(diag.Warning, CodeUnusedMacro, "macro '"+m.Name+"'", m.Pos, "Macro not referred to by any other rule/macro")
		}
	}
}

// buildFieldTable numbers the distinct field references of a source:
// every condition's first, in rule order, then every output's.
func buildFieldTable(s *program.Source) {
	index := map[fields.Ref]int{}
	add := func(r fields.Ref) int {
		if i, ok := index[r]; ok {
			return i
		}
		index[r] = len(s.Fields)
		s.Fields = append(s.Fields, r)
		return index[r]
	}
	for _, r := range s.Rules {
		walkOperands(r.Expr, func(o *ast.Operand) {
			if o.Field != nil {
				o.Field.Index = add(o.Field.Ref)
			}
		})
	}
	for _, r := range s.Rules {
		if r.Format == nil {
			continue
		}
		for i := range r.Format.Parts {
			r.Format.Parts[i].Index = -1
			if tok := r.Format.Parts[i].Token; tok != nil {
				r.Format.Parts[i].Index = add(tok.Ref)
			}
		}
	}
}

// walkOperands calls f on every operand of e, depth first, left to right.
func walkOperands(e ast.Expr, f func(*ast.Operand)) {
	var op func(o *ast.Operand)
	op = func(o *ast.Operand) {
		if o == nil {
			return
		}
		f(o)
		for _, a := range o.Args {
			op(a)
		}
	}
	ast.Checks(e, func(c *ast.Check) {
		op(c.LHS)
		op(c.RHS)
	})
}
