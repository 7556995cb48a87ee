package output

import (
	"strconv"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
)

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isIdent(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' || c == '_' }

// parseToken parses what follows a '%' at i; it returns the token and the
// offset just after it.
func parseToken(s string, i int, cat *fields.Catalog) (*Token, int, error) {
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	width := 0
	if i > start {
		width, _ = strconv.Atoi(s[start:i])
	}
	if i >= len(s) {
		return nil, 0, &Error{start - 1, "invalid formatting syntax: formatting cannot end with a %"}
	}
	if s[i] == '(' {
		return nil, 0, &Error{i, "unknown filter: " + word(s, i)}
	}
	tok := &Token{Width: width}
	end, err := tok.parseExpr(s, i, cat)
	if err != nil {
		return nil, 0, err
	}
	tok.Text = s[i:end]
	return tok, end, nil
}

// word is the text from i to the next blank, for messages.
func word(s string, i int) string {
	j := i
	for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' {
		j++
	}
	return s[i:j]
}

// parseExpr parses a field or a transformer applied to one, from i.
func (t *Token) parseExpr(s string, i int, cat *fields.Catalog) (int, error) {
	for _, fn := range Transformers {
		if strings.HasPrefix(s[i:], fn+"(") {
			t.Funcs = append(t.Funcs, fn)
			j := skipBlanks(s, i+len(fn)+1)
			end, err := t.parseExpr(s, j, cat)
			if err != nil {
				return 0, err
			}
			end = skipBlanks(s, end)
			if end >= len(s) || s[end] != ')' {
				return 0, &Error{end, "expected a ')' token closing the transformer"}
			}
			return end + 1, nil
		}
	}
	return t.parseField(s, i, cat)
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// parseField takes the longest prefix at i that names a known field,
// then an optional [arg].
func (t *Token) parseField(s string, i int, cat *fields.Catalog) (int, error) {
	j := i
	for j < len(s) && (isIdent(s[j]) || s[j] == '.') {
		j++
	}
	for end := j; end > i; end-- {
		name := s[i:end]
		if !isLetter(name[0]) || !strings.Contains(name, ".") || name[len(name)-1] == '.' {
			continue
		}
		f, _, ok := cat.Lookup(name)
		if !ok {
			continue
		}
		t.Ref, t.Field = fields.Ref{Name: name}, f
		return t.parseArg(s, end)
	}
	return 0, &Error{i, "invalid formatting token %" + word(s, i)}
}

func (t *Token) parseArg(s string, i int) (int, error) {
	if i >= len(s) || s[i] != '[' {
		if t.Field.Arg == fields.ArgRequired {
			return 0, &Error{i, "field '" + t.Ref.Name + "' requires an argument"}
		}
		return i, nil
	}
	close := strings.IndexByte(s[i:], ']')
	if close < 0 {
		return 0, &Error{i, "expected a ']' token"}
	}
	if t.Field.Arg == fields.ArgNone {
		return i, nil // the bracket is literal text
	}
	t.Ref.Arg = strings.Trim(s[i+1:i+close], `"'`)
	t.Ref.HasArg = true
	return i + close + 1, nil
}
