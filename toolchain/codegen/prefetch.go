package codegen

import (
	"encoding/binary"
	"slices"

	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// Every rule run for an event reads the field of its first test (after
// the evt.type tests the event's code decides), so those fields are read
// whatever the event holds. The dispatch fetches them with one fields()
// host call per event instead of one field() call each: a host call costs
// more than most rules' Wasm.

// prefetchIDs is the sorted set of fields the rules for event code c read
// first.
func (g *gen) prefetchIDs(c int) []uint32 {
	var ids []uint32
	for _, r := range g.m.Rules {
		if r.Codes != nil && !hasCode(r.Codes, c) {
			continue
		}
		if id, ok := g.firstField(r.Body, c); ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// firstField is the field a block reads first for events of code c, if
// that is a plain field; evt.type tests decided by c are skipped.
func (g *gen) firstField(b ir.Block, c int) (uint32, bool) {
	for _, s := range b {
		switch s := s.(type) {
		case *ir.Test:
			if codes, ok := (&ruleGen{g: g}).evtTypeCodes(s.Pred); ok {
				if hasCode(codes, c) != (s.Pred.Op == ast.OpNe) {
					continue // holds for this code: the next statement runs
				}
				return 0, false // fails: the rule stops here
			}
			if s.Pred.LHS.Field < 0 {
				return 0, false
			}
			return uint32(s.Pred.LHS.Field), true
		case *ir.Any:
			if len(s.Alts) == 0 {
				return 0, false
			}
			return g.firstField(s.Alts[0], c)
		case *ir.Not:
			return g.firstField(s.Body, c)
		}
		return 0, false
	}
	return 0, false
}

// prefetchTable is one event code's fields() arguments.
type prefetchTable struct {
	addr uint32 // the u32 field ids, in the constants
	n    int
}

// placePrefetch places each event code's id table among the constants
// (before the heap base is fixed); a module without event types has one
// table, of its common fields. Tables of fewer than two fields are left
// out.
func (g *gen) placePrefetch() {
	if len(g.m.EventTypes) == 0 {
		g.prefetch = []prefetchTable{g.placeIDs(g.commonIDs())}
		return
	}
	g.prefetch = make([]prefetchTable, len(g.m.EventTypes))
	for c := range g.m.EventTypes {
		g.prefetch[c] = g.placeIDs(g.prefetchIDs(c))
	}
}

func (g *gen) placeIDs(ids []uint32) prefetchTable {
	if len(ids) < 2 {
		return prefetchTable{}
	}
	tbl := make([]byte, 0, 4*len(ids))
	for _, id := range ids {
		tbl = binary.LittleEndian.AppendUint32(tbl, id)
	}
	return prefetchTable{addr: g.l.consts.add('f', tbl), n: len(ids)}
}

// prefetch emits the fields() call for event code c, if it has a table.
func (b *batchGen) prefetch(c int) {
	t := b.g.prefetch[c]
	if t.n == 0 {
		return
	}
	f := b.f
	f.get(b.evt)
	f.c32(int32(t.addr))
	f.c32(int32(t.n))
	f.c32(int32(b.g.l.cache))
	f.Call(fnFields)
	f.Op(op.Drop)
}
