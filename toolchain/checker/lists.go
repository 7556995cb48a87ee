package checker

import (
	"fmt"

	"github.com/aeriesec/aerie/toolchain/diag"
	"strings"

	"github.com/aeriesec/aerie/toolchain/loader"
)

// list is a compiled list: its items with earlier lists expanded.
type list struct {
	src   *loader.List
	items []string
	sub   string // the substitution text: items quoted and joined
	used  bool
}

// compileLists expands list references inside lists: an item naming a
// list defined before this list's latest (re)definition is replaced by
// that list's items; any other item stays a literal.
func (c *checker) compileLists() {
	byName := map[string]*list{}
	for _, l := range c.col.Lists {
		cl := &list{src: l}
		for _, it := range l.Items {
			if ref := byName[it.Value]; ref != nil && ref.src.Index < l.Visibility {
				cl.items = append(cl.items, ref.items...)
				ref.used = true
				continue
			}
			cl.items = append(cl.items, it.Value)
		}
		if len(cl.items) > MaxListItems {
			c.report(diag.Error, CodeValidate, "list '"+l.Name+"'", l.Pos, fmt.Sprintf("list expands to more than %d items", MaxListItems))
			cl.items = cl.items[:0]
		}
		quoted := make([]string, len(cl.items))
		for i, it := range cl.items {
			quoted[i] = QuoteItem(it)
		}
		cl.sub = strings.Join(quoted, ", ")
		byName[l.Name] = cl
		c.lists = append(c.lists, cl)
	}
}

// MaxListItems bounds a list with its referenced lists expanded; MaxText
// bounds a condition after list substitution.
const (
	MaxListItems = 100000
	MaxText      = 4 << 20
)

// QuoteItem wraps an item in double quotes when it contains a space and
// does not start with a quote, as Falco does for list items and
// exception values.
func QuoteItem(s string) string {
	if strings.Contains(s, " ") && !strings.HasPrefix(s, `"`) && !strings.HasPrefix(s, "'") {
		return `"` + s + `"`
	}
	return s
}

// resolveLists substitutes every list, in definition order; ok is false
// when the text grows beyond MaxText.
func (c *checker) resolveLists(t loader.Text) (loader.Text, bool) {
	for _, l := range c.lists {
		var used bool
		t, used = ResolveList(t, l.src.Name, l.sub)
		l.used = l.used || used
		if len(t.S) > MaxText {
			return t, false
		}
	}
	return t, true
}

const (
	listBlanks = " \t\n\r"
	listDelims = listBlanks + "(),="
)

// ResolveList replaces each occurrence of name bounded by the start or
// end of the text or by one of ` \t\n\r(),=` with sub, exactly as Falco's
// resolve_list: blanks around the name are eaten and replaced by single
// spaces, and an empty substitution also eats one adjacent comma.
func ResolveList(t loader.Text, name, sub string) (loader.Text, bool) {
	used := false
	start := strings.Index(t.S, name)
	for start >= 0 {
		s := t.S
		end := start + len(name)
		if (start == 0 || strings.IndexByte(listDelims, s[start-1]) >= 0) &&
			(end >= len(s) || strings.IndexByte(listDelims, s[end]) >= 0) {
			t, start = substitute(t, start, end, sub)
			used = true
		}
		next := strings.Index(t.S[min(start+1, len(t.S)):], name)
		if next < 0 {
			break
		}
		start += 1 + next
	}
	return t, used
}

func substitute(t loader.Text, start, end int, sub string) (loader.Text, int) {
	s, name := t.S, start
	for start > 0 && strings.IndexByte(listBlanks, s[start-1]) >= 0 {
		start--
	}
	for end < len(s) && strings.IndexByte(listBlanks, s[end]) >= 0 {
		end++
	}
	if sub == "" {
		if start > 0 && s[start-1] == ',' {
			start--
		} else if end < len(s) && s[end] == ',' {
			end++
		}
	}
	var parts []loader.Text
	if start > 0 {
		parts = append(parts, t.Slice(0, start), loader.Plain(" "))
	}
	parts = append(parts, loader.Pinned(sub, t, name), loader.Plain(" "), t.Slice(end, len(s)))
	return loader.Cat(parts...), start + len(sub) + 1
}
