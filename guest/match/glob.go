package match

// Glob reports whether s matches the shell pattern p as glibc's
// fnmatch(p, s, 0) does (fold: FNM_CASEFOLD, ASCII only). Without
// FNM_PATHNAME and FNM_PERIOD, '*' and '?' match '/' and a leading '.'.
//
//   - any sequence of bytes, including the empty one
//     ?        any single byte
//     [set]    one byte in set: single bytes and ranges a-z; a leading ! or ^
//     negates; ] right after [ (or [!) is literal; \ escapes a byte
//     \c       the byte c literally; a trailing lone \ never matches
//
// A '[' without a closing ']' is an ordinary byte. Character classes such as
// [:alpha:] are not supported: their bytes are members of the set.
func Glob(p, s []byte, fold bool) bool {
	var pi, si int
	starP, starS := -1, -1 // position after the last '*', and the text position it took
	for si < len(s) {
		if pi < len(p) {
			n, ok := step(p, pi, s[si], fold)
			switch {
			case n == -1: // '*'
				pi++
				starP, starS = pi, si
				continue
			case ok:
				pi += n
				si++
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starS++
		pi, si = starP, starS
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// step matches one pattern element at p[pi] against byte c. It returns the
// element's length and whether c matched, or n == -1 for '*'.
func step(p []byte, pi int, c byte, fold bool) (n int, ok bool) {
	switch p[pi] {
	case '*':
		return -1, false
	case '?':
		return 1, true
	case '\\':
		if pi+1 >= len(p) {
			return 1, false // trailing backslash: no match
		}
		return 2, eqByte(p[pi+1], c, fold)
	case '[':
		if end, in, valid := bracket(p, pi, c, fold); valid {
			return end - pi, in
		}
	}
	return 1, eqByte(p[pi], c, fold)
}

// bracket matches c against the set starting at p[start] == '['. It returns
// the index after the closing ']', whether c is in the set, and whether the
// set is well formed (closed).
func bracket(p []byte, start int, c byte, fold bool) (end int, in, valid bool) {
	i := start + 1
	neg := i < len(p) && (p[i] == '!' || p[i] == '^')
	if neg {
		i++
	}
	first := true
	for i < len(p) {
		if p[i] == ']' && !first {
			return i + 1, in != neg, true
		}
		first = false
		lo, n := setByte(p, i)
		if n == 0 {
			return 0, false, false
		}
		i += n
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			h, m := setByte(p, i+1)
			if m == 0 {
				return 0, false, false
			}
			hi = h
			i += 1 + m
		}
		if inRange(c, lo, hi, fold) {
			in = true
		}
	}
	return 0, false, false
}

// setByte reads one (possibly backslash-escaped) byte of a bracket set.
func setByte(p []byte, i int) (b byte, n int) {
	if p[i] == '\\' {
		if i+1 >= len(p) {
			return 0, 0
		}
		return p[i+1], 2
	}
	return p[i], 1
}

// inRange tests lo <= c <= hi; with fold, all three are lowered first, as
// glibc folds both the text and the pattern.
func inRange(c, lo, hi byte, fold bool) bool {
	if fold {
		c, lo, hi = lower(c), lower(lo), lower(hi)
	}
	return lo <= c && c <= hi
}

func eqByte(a, b byte, fold bool) bool {
	return a == b || (fold && lower(a) == lower(b))
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
