package ruletest

import (
	"strings"
	"testing"
)

func TestParseSpecErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"empty", "", "t_test.yaml: empty test file"},
		{"no cases", "rules: [r.yaml]\n", "t_test.yaml: no cases"},
		// \x00 marks the end of the message: no Go type name after it.
		{"unknown key", "cases:\n- name: a\n  events: e.json\n  expected: []\n", "t_test.yaml:4: field expected not found\x00"},
		{"unnamed", "cases:\n- events: e.json\n", "t_test.yaml:2: case without a name"},
		{"duplicate", "cases:\n- {name: a, events: e.json}\n- {name: a, events: e.json}\n", `t_test.yaml:3: case "a" already defined at line 2`},
		{"no events", "cases:\n- name: a\n", `t_test.yaml:2: case "a": no events`},
		{"matching", "cases:\n- {name: a, events: e.json, rule_matching: some}\n", `rule_matching "some": want first or all`},
		{"forbid both", "cases:\n- name: a\n  events: e.json\n  forbid:\n  - {rule: X, priority: WARNING}\n", "t_test.yaml:5: forbid entry needs exactly one of rule or priority"},
		{"priority", "cases:\n- name: a\n  events: e.json\n  forbid:\n  - {priority: loud}\n", `t_test.yaml:5: forbid: unknown priority "loud"`},
		{"count", "cases:\n- name: a\n  events: e.json\n  expect:\n  - {rule: X, count: -1}\n", `t_test.yaml:5: expect "X": negative count`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSpec("t_test.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error()+"\x00", tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestParseSpecShapes(t *testing.T) {
	s, err := ParseSpec("t_test.yaml", []byte(`
rules: [default]
cases:
- name: one event
  events: a.json
  expect:
  - {rule: X}
- name: two events
  events: [a.json, b.cap]
  forbid:
  - {priority: info}
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Cases[0].Events; len(got) != 1 || got[0] != "a.json" {
		t.Errorf("single events = %q", got)
	}
	if got := s.Cases[1].Events; len(got) != 2 {
		t.Errorf("list events = %q", got)
	}
	if s.Cases[0].Expect[0].Count != nil || s.Cases[0].Line != 4 || s.Cases[0].Expect[0].Line != 7 {
		t.Errorf("case 0 = %+v", s.Cases[0])
	}
}

func TestPriorities(t *testing.T) {
	for in, want := range map[string]int{"EMERGENCY": 0, "Warning": 4, "info": 6, "informational": 6, "debug": 7} {
		if got, ok := parsePriority(in); !ok || got != want {
			t.Errorf("parsePriority(%q) = %d, %v", in, got, ok)
		}
	}
	if _, ok := parsePriority("warn"); ok {
		t.Error(`parsePriority("warn") accepted`)
	}
}

func TestSourceOf(t *testing.T) {
	for in, want := range map[string]string{
		"a.json": "k8s_audit", "a.jsonl": "k8s_audit", "a.jsonl.gz": "k8s_audit",
		"a.cap": "syscall", "a.cap.gz": "syscall", "events": "syscall",
	} {
		if got := sourceOf(in); got != want {
			t.Errorf("sourceOf(%q) = %q, want %q", in, got, want)
		}
	}
}
