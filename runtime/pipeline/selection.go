package pipeline

import (
	"slices"
	"strings"

	"github.com/aeriesec/aerie/guest/abi"
)

// Selector is one entry of falco.yaml's `rules:` list: enable or disable
// the rules whose name matches Rule (a `*` wildcard) or that carry Tag.
type Selector struct {
	Enable bool
	Rule   string
	Tag    string
}

// Selection is the host's choice of rules: falco.yaml's `rules:` entries,
// its priority threshold and rule_matching.
type Selection struct {
	Selectors   []Selector
	MinPriority int // rules less severe (numerically greater) never run; 7 keeps all
	MatchAll    bool
}

// Options applies the selection to a rule set's metadata: each rule starts
// from its own enabled flag, the selectors apply in order, and rules below
// the priority threshold are off whatever the selectors say.
func (s Selection) Options(m *abi.Metadata) abi.Options {
	on := make([]bool, len(m.Rules))
	for i, r := range m.Rules {
		on[i] = r.Enabled
		for _, sel := range s.Selectors {
			if sel.matches(r) {
				on[i] = sel.Enable
			}
		}
		if r.Priority > s.MinPriority {
			on[i] = false
		}
	}
	return abi.Options{Enabled: on, MatchAll: s.MatchAll}
}

func (sel Selector) matches(r abi.Rule) bool {
	if sel.Rule != "" && MatchWildcard(sel.Rule, r.Name) {
		return true
	}
	return sel.Tag != "" && slices.Contains(r.Tags, sel.Tag)
}

// MatchWildcard matches s against a pattern where `*` stands for any run of
// characters, as Falco does: each literal piece after a star binds to its
// first occurrence, with no backtracking (so "*ab" does not match "abab").
func MatchWildcard(pattern, s string) bool {
	for {
		star := strings.IndexByte(pattern, '*')
		if star < 0 {
			return pattern == s
		}
		if star > 0 {
			if !strings.HasPrefix(s, pattern[:star]) {
				return false
			}
			pattern, s = pattern[star:], s[star:]
			continue
		}
		pattern = strings.TrimLeft(pattern, "*")
		if pattern == "" {
			return true
		}
		lit := pattern
		if k := strings.IndexByte(pattern, '*'); k >= 0 {
			lit = pattern[:k]
		}
		at := strings.Index(s, lit)
		if at < 0 {
			return false
		}
		pattern, s = pattern[len(lit):], s[at+len(lit):]
	}
}
