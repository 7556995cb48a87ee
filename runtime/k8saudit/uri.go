package k8saudit

import (
	"bytes"
	"net/url"
)

// queryParam appends to dst the URL-decoded value of the first query
// parameter of uri named key, as Go's url.ParseQuery would find it (pairs
// that do not decode are skipped).
func queryParam(dst, uri []byte, key string) ([]byte, bool) {
	q := uri
	if i := bytes.IndexByte(q, '?'); i >= 0 {
		q = q[i+1:]
	} else {
		return dst, false
	}
	if i := bytes.IndexByte(q, '#'); i >= 0 {
		q = q[:i]
	}
	for len(q) > 0 {
		var pair []byte
		pair, q, _ = bytes.Cut(q, []byte{'&'})
		if len(pair) == 0 || bytes.IndexByte(pair, ';') >= 0 {
			continue
		}
		k, v, _ := bytes.Cut(pair, []byte{'='})
		if !keyIs(k, key) {
			continue
		}
		if out, ok := appendUnescaped(dst, v); ok {
			return out, true
		}
	}
	return dst, false
}

func hasEscapes(b []byte) bool {
	return bytes.IndexByte(b, '%') >= 0 || bytes.IndexByte(b, '+') >= 0
}

// keyIs reports whether the query component k decodes to key.
func keyIs(k []byte, key string) bool {
	if !hasEscapes(k) {
		return string(k) == key
	}
	s, err := url.QueryUnescape(string(k))
	return err == nil && s == key
}

// appendUnescaped appends the decoded query component v, allocating only
// when it holds escapes.
func appendUnescaped(dst, v []byte) ([]byte, bool) {
	if !hasEscapes(v) {
		return append(dst, v...), true
	}
	s, err := url.QueryUnescape(string(v))
	if err != nil {
		return dst, false
	}
	return append(dst, s...), true
}
