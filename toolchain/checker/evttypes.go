package checker

import (
	"math/bits"
	"sort"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/program"
)

// evtSet is a set of event type names, as bits over fields.EventTypeNames.
type evtSet []uint64

func fullSet() evtSet {
	s := make(evtSet, (len(fields.EventTypeNames)+63)/64)
	for i := range fields.EventTypeNames {
		s[i/64] |= 1 << (i % 64)
	}
	return s
}

func (s evtSet) complement() evtSet {
	out := fullSet()
	for i := range out {
		out[i] &^= s[i]
	}
	return out
}

func (s evtSet) combine(t evtSet, and bool) evtSet {
	out := make(evtSet, len(s))
	for i := range s {
		if and {
			out[i] = s[i] & t[i]
		} else {
			out[i] = s[i] | t[i]
		}
	}
	return out
}

func (s evtSet) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

func (s evtSet) names() []string {
	var out []string
	for i, n := range fields.EventTypeNames {
		if s[i/64]&(1<<(i%64)) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// EventTypes derives the event types an expression can match (Falco's
// event-type index): and intersects, or unites, not is pushed to the
// leaves; only evt.type/syscall.type with = == != in restrict, != and
// negation complement; any other check matches every type. nil = all.
func EventTypes(e ast.Expr) []string {
	s := evtTypes(e, false)
	if s.count() == len(fields.EventTypeNames) {
		return nil
	}
	names := s.names()
	if names == nil {
		names = []string{}
	}
	return names
}

func evtTypes(e ast.Expr, neg bool) evtSet {
	switch e := e.(type) {
	case *ast.And:
		return evtTerms(e.Terms, neg, !neg)
	case *ast.Or:
		return evtTerms(e.Terms, neg, neg)
	case *ast.Not:
		return evtTypes(e.X, !neg)
	case *ast.Check:
		return evtLeaf(e, neg)
	}
	return fullSet()
}

func evtTerms(terms []ast.Expr, neg, and bool) evtSet {
	s := evtTypes(terms[0], neg)
	for _, t := range terms[1:] {
		s = s.combine(evtTypes(t, neg), and)
	}
	return s
}

func evtLeaf(c *ast.Check, neg bool) evtSet {
	f := c.LHS.Field
	if f == nil || f.HasArg || c.RHS != nil || c.Modifier != ast.ModNone ||
		(f.Name != "evt.type" && f.Name != "syscall.type") ||
		(c.Op != ast.OpEq && c.Op != ast.OpNe && c.Op != ast.OpIn) {
		return fullSet()
	}
	s := make(evtSet, len(fullSet()))
	for _, v := range c.Values {
		if i := sort.SearchStrings(fields.EventTypeNames, v.Text); i < len(fields.EventTypeNames) && fields.EventTypeNames[i] == v.Text {
			s[i/64] |= 1 << (i % 64)
		}
	}
	if (c.Op == ast.OpNe) != neg {
		return s.complement()
	}
	return s
}

// tooManyEvttypes is the count of event types above which a syscall rule
// with warn_evttypes gets LOAD_NO_EVTTYPE (Falco counts event codes; Aerie
// has one code per name, every syscall event being an exit event).
const tooManyEvttypes = 100

func (rc *ruleCheck) eventTypes(r *program.Rule) {
	if r.Source != fields.SourceSyscall {
		return
	}
	r.EventTypes = EventTypes(r.Expr)
	if r.WarnEvttypes && (r.EventTypes == nil || len(r.EventTypes) > tooManyEvttypes) {
		rc.c.report(diag.Warning, CodeNoEvttype, rc.item, r.Pos,
			"Rule matches too many evt.type values. This has a significant performance penalty.")
	}
}
