package ruletest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/aeriesec/aerie/runtime/alert"
)

// maxShown bounds the alert lines printed per rule in a failure report.
const maxShown = 3

// check compares the alerts with the case's expectations and returns one
// message per unmet expectation, then the alert diff when any failed.
func check(s *Spec, c *Case, rules map[string]int, got []alert.Alert) []string {
	byRule := map[string][]alert.Alert{}
	for _, a := range got {
		byRule[a.Rule] = append(byRule[a.Rule], a)
	}
	var problems []string
	expected := map[string]bool{}
	for _, e := range c.Expect {
		expected[e.Rule] = true
		problems = append(problems, checkExpect(s, e, rules, byRule[e.Rule])...)
	}
	for _, f := range c.Forbid {
		problems = append(problems, checkForbid(s, f, rules, got)...)
	}
	if !c.AllowOtherAlerts {
		problems = append(problems, unexpected(s, c, expected, byRule)...)
	}
	if len(problems) > 0 {
		problems = append(problems, diff(c, byRule))
	}
	return problems
}

func checkExpect(s *Spec, e Expectation, rules map[string]int, alerts []alert.Alert) []string {
	at := s.where(e.Line) + ": "
	if _, ok := rules[e.Rule]; !ok {
		return []string{at + fmt.Sprintf("expect: no rule %q in the loaded rules", e.Rule)}
	}
	n := len(alerts)
	switch {
	case e.Count == nil && n == 0:
		return []string{at + fmt.Sprintf("%s: want at least 1 alert, got 0", e.Rule)}
	case e.Count != nil && n != *e.Count:
		return []string{at + fmt.Sprintf("%s: want %d alert(s), got %d", e.Rule, *e.Count, n)}
	}
	var problems []string
	for i, a := range alerts {
		for _, p := range checkOutput(e, a) {
			problems = append(problems, at+fmt.Sprintf("%s: alert %d: %s", e.Rule, i+1, p))
		}
	}
	return problems
}

// checkOutput checks one alert's output fields and text.
func checkOutput(e Expectation, a alert.Alert) []string {
	var problems []string
	if e.OutputContains != "" && !bytes.Contains(a.Text, []byte(e.OutputContains)) {
		problems = append(problems, fmt.Sprintf("output does not contain %q: %s", e.OutputContains, a.Text))
	}
	if len(e.OutputFields) == 0 {
		return problems
	}
	have, err := outputFields(a)
	if err != nil {
		return append(problems, err.Error())
	}
	keys := make([]string, 0, len(e.OutputFields))
	for k := range e.OutputFields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, ok := have[k]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("output field %s: not in the rule's output", k))
		case v != e.OutputFields[k]:
			problems = append(problems, fmt.Sprintf("output field %s = %q, want %q", k, v, e.OutputFields[k]))
		}
	}
	return problems
}

// outputFields decodes an alert's JSON output_fields as text: strings as
// they are, a missing value as <NA>, lists as (a,b), numbers and booleans
// as written.
func outputFields(a alert.Alert) (map[string]string, error) {
	var doc struct {
		OutputFields map[string]json.RawMessage `json:"output_fields"`
	}
	if err := json.Unmarshal(a.JSON, &doc); err != nil {
		return nil, fmt.Errorf("decode alert JSON: %w", err)
	}
	out := make(map[string]string, len(doc.OutputFields))
	for k, raw := range doc.OutputFields {
		out[k] = fieldText(raw)
	}
	return out, nil
}

func fieldText(raw json.RawMessage) string {
	if string(raw) == "null" {
		return "<NA>"
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var l []json.RawMessage
	if json.Unmarshal(raw, &l) == nil {
		parts := make([]string, len(l))
		for i, e := range l {
			parts[i] = fieldText(e)
		}
		return "(" + strings.Join(parts, ",") + ")"
	}
	return string(raw)
}

func checkForbid(s *Spec, f Forbidden, rules map[string]int, got []alert.Alert) []string {
	at := s.where(f.Line) + ": "
	if f.Rule != "" {
		if _, ok := rules[f.Rule]; !ok {
			return []string{at + fmt.Sprintf("forbid: no rule %q in the loaded rules", f.Rule)}
		}
		n := 0
		for _, a := range got {
			if a.Rule == f.Rule {
				n++
			}
		}
		if n > 0 {
			return []string{at + fmt.Sprintf("%s: forbidden, got %d alert(s)", f.Rule, n)}
		}
		return nil
	}
	limit, _ := parsePriority(f.Priority)
	n := 0
	for _, a := range got {
		if a.Priority <= limit {
			n++
		}
	}
	if n > 0 {
		return []string{at + fmt.Sprintf("want no alert at or above %s, got %d", priorityTitle(limit), n)}
	}
	return nil
}

func unexpected(s *Spec, c *Case, expected map[string]bool, byRule map[string][]alert.Alert) []string {
	var names []string
	for r := range byRule {
		if !expected[r] {
			names = append(names, r)
		}
	}
	sort.Strings(names)
	var problems []string
	for _, r := range names {
		problems = append(problems, s.where(c.Line)+": "+fmt.Sprintf("%s: %d unexpected alert(s)", r, len(byRule[r])))
	}
	return problems
}

// diff lists, per rule, the expected and observed alert counts, marking
// differences with - (expected, missing) and + (got, not expected), and
// shows the first alerts of every rule that fired.
func diff(c *Case, byRule map[string][]alert.Alert) string {
	want := map[string]string{}
	for _, e := range c.Expect {
		want[e.Rule] = "≥1"
		if e.Count != nil {
			want[e.Rule] = fmt.Sprint(*e.Count)
		}
	}
	names := unionKeys(want, byRule)
	var b strings.Builder
	b.WriteString("alerts (want → got):")
	for _, n := range names {
		w, g := want[n], len(byRule[n])
		mark := " "
		switch {
		case w == "" && g > 0:
			mark = "+"
		case w != "" && !countOK(w, g):
			mark = "-"
		}
		if w == "" {
			w = "0"
		}
		fmt.Fprintf(&b, "\n  %s %s: %s → %d", mark, n, w, g)
		for i, a := range byRule[n] {
			if i == maxShown {
				fmt.Fprintf(&b, "\n        … %d more", g-maxShown)
				break
			}
			fmt.Fprintf(&b, "\n        %s", a.Text)
		}
	}
	return b.String()
}

func countOK(want string, got int) bool {
	if want == "≥1" {
		return got > 0
	}
	return want == fmt.Sprint(got)
}

func unionKeys(a map[string]string, b map[string][]alert.Alert) []string {
	seen := map[string]bool{}
	var out []string
	for k := range a {
		seen[k] = true
		out = append(out, k)
	}
	for k := range b {
		if !seen[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func priorityTitle(p int) string {
	n := priorityNames[p]
	return strings.ToUpper(n[:1]) + n[1:]
}
