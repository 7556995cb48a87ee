package match

import (
	"math"
	"net/netip"
	"strconv"

	"github.com/aeriesec/aerie/guest/fields"
)

// AppendText appends the display form of a value of type t to dst, as
// Falco prints it in an alert: text as-is, byte buffers with unprintable
// bytes as '.', numbers in decimal, booleans true/false, doubles with one
// decimal, addresses in their usual notation, networks as <IPNET>, and
// lists as (a,b,c).
func AppendText(dst []byte, t fields.Type, list bool, v *fields.Value) []byte {
	if list {
		dst = append(dst, '(')
		for i, e := range v.L {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, e...)
		}
		return append(dst, ')')
	}
	switch t {
	case fields.Int:
		return strconv.AppendInt(dst, int64(v.N), 10)
	case fields.Uint:
		return strconv.AppendUint(dst, v.N, 10)
	case fields.Bool:
		return strconv.AppendBool(dst, v.N != 0)
	case fields.Double:
		return strconv.AppendFloat(dst, math.Float64frombits(v.N), 'f', 1, 64)
	case fields.IPAddr:
		return appendIP(dst, v.S)
	case fields.IPNet:
		return append(dst, "<IPNET>"...)
	case fields.Bytes:
		return appendPrintable(dst, v.S)
	}
	return append(dst, v.S...)
}

func appendIP(dst, ip []byte) []byte {
	a, ok := netip.AddrFromSlice(ip)
	if !ok {
		return append(dst, "<NA>"...)
	}
	return a.AppendTo(dst)
}

func appendPrintable(dst, s []byte) []byte {
	for _, c := range s {
		if c < 0x20 || c > 0x7e {
			c = '.'
		}
		dst = append(dst, c)
	}
	return dst
}
