package codegen

import (
	"encoding/binary"

	"github.com/aeriesec/aerie/guest/abi"
)

// MaxBatch is the largest batch a generated module accepts.
const MaxBatch = 256

// memoryMaxPages is the memory maximum generated modules declare (64 MiB)
// unless their constants need more.
const memoryMaxPages = 1024

// layout places the module's areas in memory. The zero-filled areas follow
// the header; the constants follow them; the heap comes last.
type layout struct {
	events, enabled, cache, matches, matchCap uint32
	memo, memoLen                             uint32 // predicate memo bytes
	consts                                    *constants
	heapBase                                  uint32
}

func newLayout(rules, nfields, npreds int) *layout {
	l := &layout{memoLen: uint32(npreds)}
	at := uint32(abi.HeaderAddr + abi.HeaderSize)
	l.events, at = at, align8(at+4*MaxBatch)
	l.enabled, at = at, align8(at+uint32(rules))
	l.cache, at = at, align8(at+4*uint32(nfields))
	l.memo, at = at, align8(at+uint32(npreds))
	l.matchCap = uint32(MaxBatch * max(rules, 1))
	l.matches, at = at, align8(at+8*l.matchCap)
	l.consts = newConstants(at)
	return l
}

func align8(n uint32) uint32 { return (n + 7) &^ 7 }

// header renders the header words once the heap base is known.
func (l *layout) header(rules, nfields int) []byte {
	h := make([]byte, abi.HeaderSize)
	put := func(off, v uint32) { binary.LittleEndian.PutUint32(h[off:], v) }
	put(abi.HdrMagic, abi.Magic)
	put(abi.HdrABI, abi.Version)
	put(abi.HdrMaxBatch, MaxBatch)
	put(abi.HdrEvents, l.events)
	put(abi.HdrMatches, l.matches)
	put(abi.HdrMatchCap, l.matchCap)
	put(abi.HdrEnabled, l.enabled)
	put(abi.HdrRules, uint32(rules))
	put(abi.HdrCache, l.cache)
	put(abi.HdrFields, uint32(nfields))
	put(abi.HdrHeapBase, l.heapBase)
	put(abi.HdrHeapPtr, l.heapBase)
	return h
}

// constants is the constant area: text records, set tables, number tables,
// each deduplicated, in first-use order.
type constants struct {
	base uint32
	buf  []byte
	seen map[string]uint32
}

func newConstants(base uint32) *constants {
	return &constants{base: base, seen: map[string]uint32{}}
}

// add places b (8-aligned) and returns its address; equal contents share one.
func (c *constants) add(kind byte, b []byte) uint32 {
	key := string(kind) + string(b)
	if a, ok := c.seen[key]; ok {
		return a
	}
	for len(c.buf)%8 != 0 {
		c.buf = append(c.buf, 0)
	}
	a := c.base + uint32(len(c.buf))
	c.buf = append(c.buf, b...)
	c.seen[key] = a
	return a
}

// text places a text record (u32 length, bytes).
func (c *constants) text(s []byte) uint32 {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(s)))
	return c.add('t', append(b, s...))
}

// end is the first address after the constants.
func (c *constants) end() uint32 { return c.base + uint32(len(c.buf)) }
