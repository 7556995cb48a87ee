package parser

import "strings"

// The lexical helpers below mirror Falco's: each one either consumes a
// token at the cursor (and remembers it as the last token, used by the
// "unexpected token after" message) or leaves the cursor where it was.

func isBlank(c byte) bool { // lex_blank's set
	return c == ' ' || c == '\t' || c == '\b' || c == '\r' || c == '\n'
}

func isSpace(c byte) bool { // POSIX [:space:]
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }

func isHexDigit(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (p *parser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

// take consumes n bytes as the last token.
func (p *parser) take(n int) string {
	p.last = p.s[p.i : p.i+n]
	p.i += n
	return p.last
}

func (p *parser) blank() bool {
	start := p.i
	for p.i < len(p.s) && isBlank(p.s[p.i]) {
		p.i++
	}
	return p.i > start
}

func (p *parser) str(tok string) bool {
	if strings.HasPrefix(p.s[p.i:], tok) {
		p.take(len(tok))
		return true
	}
	return false
}

func (p *parser) strList(toks []string) (string, bool) {
	for _, t := range toks {
		if p.str(t) {
			return t, true
		}
	}
	return "", false
}

// identLen is the length of [a-zA-Z]+[a-zA-Z0-9_]* at offset i, or 0.
func identLen(s string, i int) int {
	if i >= len(s) || !isLetter(s[i]) {
		return 0
	}
	j := i + 1
	for j < len(s) && isIdentChar(s[j]) {
		j++
	}
	return j - i
}

func (p *parser) identifier() bool {
	if n := identLen(p.s, p.i); n > 0 {
		p.take(n)
		return true
	}
	return false
}

// fieldNameLen matches ident('.'ident)+ at i (leftmost-longest).
func fieldNameLen(s string, i int) int {
	n := identLen(s, i)
	if n == 0 {
		return 0
	}
	j, parts := i+n, 0
	for j < len(s) && s[j] == '.' {
		m := identLen(s, j+1)
		if m == 0 {
			break
		}
		j += 1 + m
		parts++
	}
	if parts == 0 {
		return 0
	}
	return j - i
}

func (p *parser) fieldName() bool {
	if n := fieldNameLen(p.s, p.i); n > 0 {
		p.take(n)
		return true
	}
	return false
}

// runLen counts bytes from i for which ok holds.
func runLen(s string, i int, ok func(byte) bool) int {
	j := i
	for j < len(s) && ok(s[j]) {
		j++
	}
	return j - i
}

func isFieldArgBare(c byte) bool {
	return c != '[' && c != ']' && c != '"' && c != '\'' && !isSpace(c)
}

func isBare(c byte) bool {
	return !strings.ContainsRune("()\"'=,", rune(c)) && !isSpace(c)
}

func (p *parser) fieldArgBare() bool {
	if n := runLen(p.s, p.i, isFieldArgBare); n > 0 {
		p.take(n)
		return true
	}
	return false
}

func (p *parser) bareStr() bool {
	if n := runLen(p.s, p.i, isBare); n > 0 {
		p.take(n)
		return true
	}
	return false
}

// notBlank matches not[[:space:]]+.
func (p *parser) notBlank() bool {
	if !strings.HasPrefix(p.s[p.i:], "not") {
		return false
	}
	n := runLen(p.s, p.i+3, isSpace)
	if n == 0 {
		return false
	}
	p.take(3 + n)
	return true
}

func (p *parser) hexNum() bool {
	s, i := p.s, p.i
	if i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') {
		if n := runLen(s, i+2, isHexDigit); n > 0 {
			p.take(2 + n)
			return true
		}
	}
	return false
}

// number matches [+-]?[0-9]+[.]?[0-9]*([eE][+-][0-9]+)?
func (p *parser) number() bool {
	s, j := p.s, p.i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	d := runLen(s, j, isDigit)
	if d == 0 {
		return false
	}
	j += d
	if j < len(s) && s[j] == '.' {
		j++
	}
	j += runLen(s, j, isDigit)
	if j+2 < len(s) && (s[j] == 'e' || s[j] == 'E') && (s[j+1] == '+' || s[j+1] == '-') {
		if e := runLen(s, j+2, isDigit); e > 0 {
			j += 2 + e
		}
	}
	p.take(j - p.i)
	return true
}

// quoted lexes a '…' or "…" string; the closing quote is the first
// delimiter not preceded by a backslash. It returns the unescaped body.
// An unterminated string consumes nothing; a bad escape is an error
// reported after the closing quote, as Falco does.
func (p *parser) quoted() (string, bool) {
	q := p.peek()
	if q != '"' && q != '\'' {
		return "", false
	}
	for j := p.i + 1; j < len(p.s); j++ {
		if p.s[j] == q && p.s[j-1] != '\\' {
			body := p.s[p.i+1 : j]
			p.i = j + 1
			v, msg := Unescape(body, q)
			if msg != "" {
				p.fail(msg)
			}
			p.last = v
			return v, true
		}
	}
	p.last = p.s[p.i:]
	return "", false
}
