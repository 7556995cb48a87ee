package match

import (
	"bytes"
	"net/netip"
)

// IP values are raw address bytes: 4 for IPv4, 16 for IPv6. A network is
// its address bytes followed by one byte holding the prefix length.

// ParseIP parses a textual IPv4 or IPv6 address into 4 or 16 bytes.
func ParseIP(text string) ([]byte, bool) {
	a, err := netip.ParseAddr(text)
	if err != nil || a.Zone() != "" {
		return nil, false
	}
	return a.Unmap().AsSlice(), true
}

// ParseIPNet parses "addr/bits" (or a bare address, a host network) into
// address bytes plus a prefix-length byte. The address is masked.
func ParseIPNet(text string) ([]byte, bool) {
	if bytes.IndexByte([]byte(text), '/') < 0 {
		ip, ok := ParseIP(text)
		if !ok {
			return nil, false
		}
		return append(ip, byte(len(ip)*8)), true
	}
	p, err := netip.ParsePrefix(text)
	if err != nil {
		return nil, false
	}
	p = p.Masked()
	a, bits := p.Addr(), p.Bits()
	if a.Is4In6() && bits >= 96 {
		a, bits = a.Unmap(), bits-96
	}
	return append(a.AsSlice(), byte(bits)), true
}

// IPEqual reports whether two addresses are equal; an IPv4-mapped IPv6
// address equals its IPv4 form.
func IPEqual(a, b []byte) bool {
	return bytes.Equal(unmap(a), unmap(b))
}

// InNet reports whether address a lies in network n (ParseIPNet's form).
func InNet(a, n []byte) bool {
	if len(n) != 5 && len(n) != 17 {
		return false
	}
	addr, bits := n[:len(n)-1], int(n[len(n)-1])
	a = unmap(a)
	if len(a) != len(addr) || bits > len(addr)*8 {
		return false
	}
	for i := 0; bits > 0; i++ {
		m := byte(0xff)
		if bits < 8 {
			m = byte(0xff << (8 - bits))
		}
		if a[i]&m != addr[i]&m {
			return false
		}
		bits -= 8
	}
	return true
}

var v4InV6 = []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}

func unmap(a []byte) []byte {
	if len(a) == 16 && bytes.HasPrefix(a, v4InV6) {
		return a[12:]
	}
	return a
}
