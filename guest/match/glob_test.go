package match

import "testing"

func TestGlob(t *testing.T) {
	cases := []struct {
		p, s string
		fold bool
		want bool
	}{
		{"", "", false, true},
		{"", "a", false, false},
		{"*", "", false, true},
		{"*", "/var/run/x", false, true}, // no FNM_PATHNAME: * crosses /
		{"/var/*", "/var/run/x", false, true},
		{"/home/*/.ssh/*", "/home/u/.ssh/id_rsa", false, true},
		{"/home/*/.ssh/*", "/home/u/.ssh", false, false},
		{"*../*../*", "a/../b/../c", false, true},
		{".*", ".hidden", false, true}, // no FNM_PERIOD
		{"?", "/", false, true},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"a*b*c", "axxbyyc", false, true},
		{"a*b*c", "axxbyy", false, false},
		{"*a", "aaaa", false, true},
		{"[abc]", "b", false, true},
		{"[abc]", "d", false, false},
		{"[a-c]x", "bx", false, true},
		{"[!a-c]", "b", false, false},
		{"[!a-c]", "d", false, true},
		{"[^a-c]", "d", false, true},
		{"[]]", "]", false, true},
		{"[!]]", "]", false, false},
		{"[!]]", "a", false, true},
		{"[a-]", "-", false, true},
		{"[z-a]", "m", false, false},
		{"[\\]]", "]", false, true},
		{"[", "[", false, true}, // unterminated: literal
		{"[ab", "[ab", false, true},
		{"\\*", "*", false, true},
		{"\\*", "a", false, false},
		{"a\\", "a\\", false, false}, // trailing backslash never matches
		{"ABC", "abc", false, false},
		{"ABC", "abc", true, true},
		{"[A-Z]x", "qX", true, true},
		{"*.EXE", "setup.exe", true, true},
	}
	for _, c := range cases {
		if got := Glob([]byte(c.p), []byte(c.s), c.fold); got != c.want {
			t.Errorf("Glob(%q, %q, fold=%v) = %v, want %v", c.p, c.s, c.fold, got, c.want)
		}
	}
}

// refGlob is a plainly recursive fnmatch(…, 0) used to check Glob.
func refGlob(p, s string) bool {
	if p == "" {
		return s == ""
	}
	switch p[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if refGlob(p[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && refGlob(p[1:], s[1:])
	case '\\':
		if len(p) < 2 {
			return false
		}
		return s != "" && s[0] == p[1] && refGlob(p[2:], s[1:])
	case '[':
		if n, in, ok := refBracket(p, s); ok {
			return in && refGlob(p[n:], s[1:])
		}
	}
	return s != "" && s[0] == p[0] && refGlob(p[1:], s[1:])
}

// refBracket: ok reports a closed set; in reports s[0] in it.
func refBracket(p, s string) (n int, in, ok bool) {
	i := 1
	neg := i < len(p) && (p[i] == '!' || p[i] == '^')
	if neg {
		i++
	}
	var members []func(byte) bool
	for first := true; i < len(p); first = false {
		if p[i] == ']' && !first {
			if s == "" {
				return i + 1, false, true
			}
			hit := false
			for _, m := range members {
				hit = hit || m(s[0])
			}
			return i + 1, hit != neg, true
		}
		lo, w := p[i], 1
		if lo == '\\' {
			if i+1 >= len(p) {
				return 0, false, false
			}
			lo, w = p[i+1], 2
		}
		i += w
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			hi, w = p[i+1], 2
			if hi == '\\' {
				if i+2 >= len(p) {
					return 0, false, false
				}
				hi, w = p[i+2], 3
			}
			i += w
		}
		l, h := lo, hi
		members = append(members, func(c byte) bool { return l <= c && c <= h })
	}
	return 0, false, false
}

func FuzzGlob(f *testing.F) {
	seeds := [][2]string{{"a*b", "axxb"}, {"[!a-c]?", "dz"}, {"\\[x]", "[x]"}, {"*[]]*", "a]b"},
		{"[a-", "[a-"}, {"**/x", "a/b/x"}, {"[\\]-a]", "^"}}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		if len(p) > 24 || len(s) > 24 {
			return // keep the exponential reference cheap
		}
		if got, want := Glob([]byte(p), []byte(s), false), refGlob(p, s); got != want {
			t.Fatalf("Glob(%q, %q) = %v, reference says %v", p, s, got, want)
		}
	})
}
