package match

import "bytes"

// Basename returns the text after the last '/' of s (all of s when it has
// none, "" when s ends with '/').
func Basename(s []byte) []byte {
	return s[bytes.LastIndexByte(s, '/')+1:]
}

// StrLen is len() of a string or path: its length up to the first NUL byte
// (strnlen). Byte buffers count every byte; lists count their elements.
func StrLen(s []byte) uint64 {
	if i := bytes.IndexByte(s, 0); i >= 0 {
		return uint64(i)
	}
	return uint64(len(s))
}

// B64Decode decodes standard base64 (A–Z a–z 0–9 + /) appending to dst.
// Padding is optional: up to two trailing '=' are dropped first. It fails on
// any other byte (whitespace included) and on a length that leaves a single
// dangling character; unused low bits of the last character are ignored.
func B64Decode(dst, s []byte) ([]byte, bool) {
	for k := 0; k < 2 && len(s) > 0 && s[len(s)-1] == '='; k++ {
		s = s[:len(s)-1]
	}
	if len(s)%4 == 1 {
		return dst, false
	}
	var acc uint32
	var nbits uint
	for _, c := range s {
		d, ok := b64Digit(c)
		if !ok {
			return dst, false
		}
		acc = acc<<6 | uint32(d)
		nbits += 6
		if nbits >= 8 {
			nbits -= 8
			dst = append(dst, byte(acc>>nbits))
		}
	}
	return dst, true
}

func b64Digit(c byte) (byte, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		return c - 'A', true
	case 'a' <= c && c <= 'z':
		return c - 'a' + 26, true
	case '0' <= c && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}

// Join appends the elements joined by sep to dst.
func Join(dst, sep []byte, elems [][]byte) []byte {
	for i, e := range elems {
		if i > 0 {
			dst = append(dst, sep...)
		}
		dst = append(dst, e...)
	}
	return dst
}

// GetOpt scans args as POSIX getopt(3) does with optstring (a letter
// followed by ':' takes a value, attached or in the next argument); it stops
// at "--" or at the first argument that is not an option. It returns the
// options found in order and, for each, its value ("" for a flag). An
// unknown option letter or a missing value ends the scan.
func GetOpt(args [][]byte, optstring []byte) (opts []byte, vals [][]byte) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' || string(a) == "--" {
			return opts, vals
		}
		for j := 1; j < len(a); j++ {
			k := bytes.IndexByte(optstring, a[j])
			if k < 0 || a[j] == ':' {
				return opts, vals
			}
			if k+1 >= len(optstring) || optstring[k+1] != ':' {
				opts, vals = append(opts, a[j]), append(vals, []byte{})
				continue
			}
			v := a[j+1:]
			if len(v) == 0 {
				if i+1 >= len(args) {
					return opts, vals
				}
				i++
				v = args[i]
			}
			opts, vals = append(opts, a[j]), append(vals, v)
			break // the value took the rest of this argument
		}
	}
	return opts, vals
}
