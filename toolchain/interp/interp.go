package interp

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/program"
)

// Interp evaluates one source's rules of a checked program. It is not safe
// for concurrent use.
type Interp struct {
	meta    *abi.Metadata
	rules   []*program.Rule
	regexes map[string]*regexp.Regexp     // keyed by the pattern as written
	lits    map[*ast.Check][]fields.Value // each check's literals, typed
	enabled []bool
	all     bool

	evtType  int               // field-table index of evt.type, or -1
	ruleEvts []map[string]bool // per rule: its event types; nil = every event
	ev       event             // the event being evaluated
}

// New builds the interpreter for one source of p. A source without rules
// yields an interpreter that never matches.
func New(p *program.Program, source string) (*Interp, error) {
	src := p.Source(source)
	if src == nil {
		src = &program.Source{Name: source}
	}
	in := &Interp{rules: src.Rules, regexes: map[string]*regexp.Regexp{}, evtType: -1,
		lits: map[*ast.Check][]fields.Value{}}
	for _, r := range src.Rules {
		in.typeLiterals(r.Expr)
	}
	in.meta = buildMetadata(p.Hash, src)
	if err := in.compileRegexes(); err != nil {
		return nil, err
	}
	in.indexEventTypes()
	in.SetOptions(abi.Options{})
	in.ev.vals = make([]fields.Value, len(in.meta.Fields))
	in.ev.state = make([]uint8, len(in.meta.Fields))
	return in, nil
}

// Metadata describes the rule set and the field table events must be bound
// with. The caller must not modify it.
func (in *Interp) Metadata() *abi.Metadata { return in.meta }

// SetOptions chooses the enabled rules and first- or all-matching.
func (in *Interp) SetOptions(o abi.Options) {
	in.all = o.MatchAll
	in.enabled = make([]bool, len(in.rules))
	for i, r := range in.meta.Rules {
		in.enabled[i] = r.Enabled
		if len(o.Enabled) == len(in.rules) {
			in.enabled[i] = o.Enabled[i]
		}
	}
}

// Eval evaluates every event of the batch against the enabled rules in
// definition order and appends the matches to out.
func (in *Interp) Eval(batch []fields.Event, out []abi.Match) ([]abi.Match, error) {
	for ei, e := range batch {
		in.ev.reset(e)
		typ, typed := in.eventType()
		for ri, r := range in.rules {
			if !in.enabled[ri] || (typed && in.ruleEvts[ri] != nil && !in.ruleEvts[ri][typ]) {
				continue
			}
			if in.expr(r.Expr) {
				out = append(out, abi.Match{Event: ei, Rule: ri})
				if !in.all {
					break
				}
			}
		}
	}
	return out, nil
}

// compileRegexes compiles every regex pattern once, anchored at both ends
// (Falco's full match).
func (in *Interp) compileRegexes() error {
	for _, pat := range in.meta.Regexes {
		_, err := regexp.Compile(pat) // alone first: "a)|(b" must not pass as ^(?:a)|(b)$
		re, err2 := regexp.Compile(`^(?:` + pat + `)$`)
		if err = errors.Join(err, err2); err != nil {
			return fmt.Errorf("compile regex %q: %w", pat, err)
		}
		in.regexes[pat] = re
	}
	return nil
}

// indexEventTypes prepares Falco's event-type buckets: a rule with event
// types runs only on events of those types.
func (in *Interp) indexEventTypes() {
	in.ruleEvts = make([]map[string]bool, len(in.rules))
	for i, r := range in.rules {
		if r.EventTypes == nil {
			continue
		}
		in.ruleEvts[i] = map[string]bool{}
		for _, t := range r.EventTypes {
			in.ruleEvts[i][t] = true
		}
	}
	for i, f := range in.meta.Fields {
		if f.Name == "evt.type" && !f.HasArg {
			in.evtType = i
		}
	}
}

// eventType returns the current event's evt.type when the field table has it.
func (in *Interp) eventType() (string, bool) {
	if in.evtType < 0 {
		return "", false
	}
	v, ok := in.ev.field(in.evtType)
	if !ok {
		return "", false
	}
	return string(v.S), true
}
