package match

import "bytes"

// Contains reports whether sub occurs in s (strstr / memmem).
func Contains(s, sub []byte) bool { return bytes.Contains(s, sub) }

// IContains reports whether sub occurs in s, ignoring ASCII case
// (strcasestr in the C locale).
func IContains(s, sub []byte) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if EqualFold(s[i:i+n], sub) {
			return true
		}
	}
	return false
}

// EqualFold reports whether a and b are equal ignoring ASCII case.
func EqualFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// StartsWith reports whether s begins with prefix.
func StartsWith(s, prefix []byte) bool { return bytes.HasPrefix(s, prefix) }

// EndsWith reports whether s ends with suffix.
func EndsWith(s, suffix []byte) bool { return bytes.HasSuffix(s, suffix) }

// ToLower returns s with ASCII upper-case letters lowered, appended to dst.
func ToLower(dst, s []byte) []byte {
	for _, c := range s {
		dst = append(dst, lower(c))
	}
	return dst
}

// ToUpper returns s with ASCII lower-case letters raised, appended to dst.
func ToUpper(dst, s []byte) []byte {
	for _, c := range s {
		dst = append(dst, upper(c))
	}
	return dst
}
