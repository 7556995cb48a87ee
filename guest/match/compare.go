package match

import (
	"bytes"
	"math"

	"github.com/aeriesec/aerie/guest/fields"
)

// Rel is an equality or ordering relation between two values.
type Rel uint8

const (
	Eq Rel = iota // =, ==
	Ne            // !=
	Lt            // <
	Le            // <=
	Gt            // >
	Ge            // >=
)

// Relate reports whether a rel b for two values of type t:
//
//	String, Path, Bytes   bytewise (strcmp order; a prefix sorts first)
//	Int                   signed 64-bit
//	Uint, Bool            unsigned 64-bit
//	Double                IEEE 754 (NaN is unordered: only != holds)
//	IPAddr                equal addresses (IPv4-mapped IPv6 equals IPv4); no order
//	IPNet                 a = b when address a lies in network b; no order
func Relate(t fields.Type, rel Rel, a, b *fields.Value) bool {
	switch t {
	case fields.Int:
		return ordered(rel, cmpInt(int64(a.N), int64(b.N)))
	case fields.Uint, fields.Bool:
		return ordered(rel, cmpUint(a.N, b.N))
	case fields.Double:
		return relateFloat(rel, math.Float64frombits(a.N), math.Float64frombits(b.N))
	case fields.IPAddr:
		return equality(rel, IPEqual(a.S, b.S))
	case fields.IPNet:
		return equality(rel, InNet(a.S, b.S))
	}
	return ordered(rel, bytes.Compare(a.S, b.S))
}

// ordered applies rel to the result of a three-way comparison.
func ordered(rel Rel, c int) bool {
	switch rel {
	case Eq:
		return c == 0
	case Ne:
		return c != 0
	case Lt:
		return c < 0
	case Le:
		return c <= 0
	case Gt:
		return c > 0
	case Ge:
		return c >= 0
	}
	return false
}

// equality applies = or != to an equality result; orderings are false.
func equality(rel Rel, eq bool) bool {
	switch rel {
	case Eq:
		return eq
	case Ne:
		return !eq
	}
	return false
}

func relateFloat(rel Rel, a, b float64) bool {
	switch rel {
	case Eq:
		return a == b
	case Ne:
		return a != b
	case Lt:
		return a < b
	case Le:
		return a <= b
	case Gt:
		return a > b
	case Ge:
		return a >= b
	}
	return false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
