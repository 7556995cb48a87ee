package match

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

// FuzzB64 checks B64Decode against encoding/base64: texts either codec
// accepts (padded or not) decode to the same bytes.
func FuzzB64(f *testing.F) {
	for _, s := range []string{"aGVsbG8=", "aGVsbG8", "", "QQ", "QQ==", "a", "****"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := B64Decode(nil, []byte(s))
		want, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		if strings.ContainsAny(s, "\r\n") || strings.Count(s, "=") > 2 || strings.Contains(strings.TrimRight(s, "="), "=") {
			return // Go skips newlines and rejects what B64Decode documents differently
		}
		if ok != (err == nil) {
			t.Fatalf("B64Decode(%q) ok=%v, encoding/base64 err=%v", s, ok, err)
		}
		if ok && err == nil && !bytes.Equal(got, want) {
			t.Fatalf("B64Decode(%q) = %q, encoding/base64 %q", s, got, want)
		}
	})
}

// refPathPrefix splits both paths into non-empty components and compares.
func refPathPrefix(prefix, path string) bool {
	split := func(s string) []string {
		var out []string
		for _, c := range strings.Split(s, "/") {
			if c != "" {
				out = append(out, c)
			}
		}
		return out
	}
	pc, sc := split(prefix), split(path)
	if len(pc) > len(sc) {
		return false
	}
	for i := range pc {
		if strings.ContainsAny(pc[i], "?*[") {
			if !refGlob(pc[i], sc[i]) {
				return false
			}
		} else if pc[i] != sc[i] {
			return false
		}
	}
	return true
}

func FuzzPathPrefix(f *testing.F) {
	for _, s := range [][2]string{{"/tmp/hello", "/tmp/hello_x"}, {"/a/*/c", "/a/b/c/d"}, {"/", "/x"}, {"a//b", "/a/b"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, prefix, path string) {
		if len(prefix) > 40 || len(path) > 40 {
			return
		}
		if got, want := PathPrefix([]byte(prefix), []byte(path)), refPathPrefix(prefix, path); got != want {
			t.Fatalf("PathPrefix(%q, %q) = %v, reference says %v", prefix, path, got, want)
		}
	})
}
