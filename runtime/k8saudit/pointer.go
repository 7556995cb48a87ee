package k8saudit

import (
	"fmt"
	"strings"

	"github.com/valyala/fastjson"
)

// ptrToken is one reference token of a JSON pointer (RFC 6901), unescaped;
// index is its value as an array index, or -1 when it is not one.
type ptrToken struct {
	key   string
	index int
}

// parsePointer parses a JSON pointer: "" (the whole document) or a sequence
// of "/token" with ~0 for ~ and ~1 for /.
func parsePointer(s string) ([]ptrToken, error) {
	if s == "" {
		return []ptrToken{}, nil
	}
	if s[0] != '/' {
		return nil, fmt.Errorf("JSON pointer %q does not start with /", s)
	}
	parts := strings.Split(s[1:], "/")
	toks := make([]ptrToken, len(parts))
	for i, p := range parts {
		key, err := unescapeToken(p)
		if err != nil {
			return nil, fmt.Errorf("JSON pointer %q: %w", s, err)
		}
		toks[i] = ptrToken{key: key, index: arrayIndex(key)}
	}
	return toks, nil
}

func unescapeToken(p string) (string, error) {
	if !strings.Contains(p, "~") {
		return p, nil
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '~' {
			b.WriteByte(p[i])
			continue
		}
		if i+1 >= len(p) || (p[i+1] != '0' && p[i+1] != '1') {
			return "", fmt.Errorf("bad escape at %q", p[i:])
		}
		b.WriteByte("~/"[p[i+1]-'0'])
		i++
	}
	return b.String(), nil
}

// arrayIndex parses an RFC 6901 array index: 0 or a decimal without a
// leading zero; -1 when key is not one (or is absurdly large).
func arrayIndex(key string) int {
	if key == "" || len(key) > 9 || (key[0] == '0' && len(key) > 1) {
		return -1
	}
	n := 0
	for i := 0; i < len(key); i++ {
		if key[i] < '0' || key[i] > '9' {
			return -1
		}
		n = n*10 + int(key[i]-'0')
	}
	return n
}

// resolve walks the pointer from v; nil when a step is missing.
func resolve(v *fastjson.Value, toks []ptrToken) *fastjson.Value {
	for _, t := range toks {
		switch v.Type() {
		case fastjson.TypeObject:
			o, _ := v.Object()
			v = o.Get(t.key)
		case fastjson.TypeArray:
			a := v.GetArray()
			if t.index < 0 || t.index >= len(a) {
				return nil
			}
			v = a[t.index]
		default:
			return nil
		}
		if v == nil {
			return nil
		}
	}
	return v
}
