package codegen

import (
	"slices"

	"github.com/aeriesec/aerie/toolchain/ir"
)

// Without event types (k8s_audit) every rule runs for every event, and the
// rules' first tests read few fields: Falco's audit rules open with the
// stage, then the verb or the resource. A field that many rules read among
// their first tests is read for nearly every event (the first such rule
// pays for it), so fetching it up front costs no extraction that would not
// happen anyway and saves a sandbox exit per field.

const (
	commonDepth = 3 // tests counted from the start of a rule
	commonShare = 4 // a field is common when at least 1/commonShare of the rules read it that early
)

// commonIDs is the sorted set of fields at least a quarter of the rules
// read among their first commonDepth tests.
func (g *gen) commonIDs() []uint32 {
	count := map[int]int{}
	for _, r := range g.m.Rules {
		seen := map[int]bool{}
		earlyFields(r.Body, 0, seen)
		for id := range seen {
			count[id]++
		}
	}
	var ids []uint32
	for id, n := range count {
		if n*commonShare >= len(g.m.Rules) {
			ids = append(ids, uint32(id))
		}
	}
	slices.Sort(ids)
	return ids
}

// earlyFields adds to seen the fields the tests of b read until depth
// reaches commonDepth, and returns the depth reached; alternatives count
// as deep as their deepest.
func earlyFields(b ir.Block, depth int, seen map[int]bool) int {
	for _, s := range b {
		if depth >= commonDepth {
			break
		}
		switch s := s.(type) {
		case *ir.Test:
			if s.Pred.LHS.Field >= 0 {
				seen[s.Pred.LHS.Field] = true
			}
			depth++
		case *ir.Any:
			d := depth
			for _, a := range s.Alts {
				d = max(d, earlyFields(a, depth, seen))
			}
			depth = d
		case *ir.Not:
			depth = earlyFields(s.Body, depth, seen)
		}
	}
	return depth
}
