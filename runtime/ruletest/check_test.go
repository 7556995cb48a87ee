package ruletest

import (
	"strings"
	"testing"

	"github.com/aeriesec/aerie/runtime/alert"
)

func al(rule string, prio int, json string) alert.Alert {
	return alert.Alert{Rule: rule, Priority: prio, Text: []byte("12:00:00: " + rule), JSON: []byte(json)}
}

func count(n int) *int { return &n }

func TestCheck(t *testing.T) {
	spec := &Spec{Path: "x_test.yaml"}
	rules := map[string]int{"A": 4, "B": 6, "C": 2}
	got := []alert.Alert{
		al("A", 4, `{"output_fields":{"ka.user.name":"bob","ka.req.pod.volumes.hostpath":["/","/etc"],"n":3,"gone":null}}`),
		al("B", 6, `{"output_fields":{}}`),
	}
	for _, tc := range []struct {
		name string
		c    Case
		want []string // substrings of the problems, in order; nil: pass
	}{
		{"exact", Case{Expect: []Expectation{{Rule: "A", Count: count(1)}, {Rule: "B"}}}, nil},
		{"fields", Case{AllowOtherAlerts: true, Expect: []Expectation{{Rule: "A", OutputFields: map[string]string{
			"ka.user.name": "bob", "ka.req.pod.volumes.hostpath": "(/,/etc)", "n": "3", "gone": "<NA>"}}}}, nil},
		{"wrong field", Case{AllowOtherAlerts: true, Expect: []Expectation{{Rule: "A", OutputFields: map[string]string{"ka.user.name": "eve", "x": "1"}}}},
			[]string{`A: alert 1: output field ka.user.name = "bob", want "eve"`, "A: alert 1: output field x: not in the rule's output", "alerts (want → got):"}},
		{"count", Case{Expect: []Expectation{{Rule: "A", Count: count(2)}, {Rule: "B"}}}, []string{"A: want 2 alert(s), got 1", "  - A: 2 → 1"}},
		{"missing", Case{Expect: []Expectation{{Rule: "C"}}}, []string{"C: want at least 1 alert, got 0", "A: 1 unexpected alert(s)", "B: 1 unexpected alert(s)", "  + A: 0 → 1"}},
		{"unknown rule", Case{AllowOtherAlerts: true, Expect: []Expectation{{Rule: "Z"}}}, []string{`expect: no rule "Z" in the loaded rules`}},
		{"forbid rule", Case{AllowOtherAlerts: true, Forbid: []Forbidden{{Rule: "B"}}}, []string{"B: forbidden, got 1 alert(s)"}},
		{"forbid priority", Case{AllowOtherAlerts: true, Forbid: []Forbidden{{Priority: "warning"}}}, []string{"want no alert at or above Warning, got 1"}},
		{"forbid priority passes", Case{AllowOtherAlerts: true, Forbid: []Forbidden{{Priority: "error"}}}, nil},
		{"contains", Case{AllowOtherAlerts: true, Expect: []Expectation{{Rule: "A", OutputContains: "nope"}}}, []string{`output does not contain "nope"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probs := check(spec, &tc.c, rules, got)
			all := strings.Join(probs, "\n")
			if tc.want == nil {
				if len(probs) > 0 {
					t.Fatalf("unexpected problems:\n%s", all)
				}
				return
			}
			at := 0
			for _, w := range tc.want {
				i := strings.Index(all[at:], w)
				if i < 0 {
					t.Fatalf("problems lack %q (in order):\n%s", w, all)
				}
				at += i
			}
		})
	}
}
