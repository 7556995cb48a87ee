package match

import (
	"math"
	"strconv"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
)

// ParseValue converts text to a value of type t, as a literal on the right
// of a comparison with a field of type t is converted, and as the text
// elements of a list field are read when compared as numbers. Integers are
// decimal or 0x-prefixed hexadecimal; booleans are true or false.
func ParseValue(t fields.Type, text string) (fields.Value, bool) {
	var v fields.Value
	var ok bool
	switch t {
	case fields.Int:
		var n int64
		n, ok = parseInt(text)
		v.N = uint64(n)
	case fields.Uint:
		v.N, ok = parseUint(text)
	case fields.Bool:
		v.N, ok = parseBool(text)
	case fields.Double:
		var f float64
		f, ok = parseFloat(text)
		v.N = math.Float64bits(f)
	case fields.IPAddr:
		v.S, ok = ParseIP(text)
	case fields.IPNet:
		v.S, ok = ParseIPNet(text)
	default:
		v.S, ok = []byte(text), true
	}
	return v, ok
}

func parseInt(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	u, ok := parseUint(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+"))
	if !ok || (!neg && u > math.MaxInt64) || (neg && u > 1<<63) {
		return 0, false
	}
	if neg {
		return -int64(u), true
	}
	return int64(u), true
}

func parseUint(s string) (uint64, bool) {
	base := 10
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s, base = s[2:], 16
	}
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseUint(s, base, 64)
	return n, err == nil
}

func parseBool(s string) (uint64, bool) {
	switch s {
	case "true":
		return 1, true
	case "false":
		return 0, true
	}
	return 0, false
}

func parseFloat(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
