package conformance

import (
	"strings"
	"testing"

	"github.com/aeriesec/aerie/runtime/alert"
)

// TestJudge proves the judge rejects each way a case can fail.
func TestJudge(t *testing.T) {
	a := func(rule string, prio int) alert.Alert { return alert.Alert{Rule: rule, Priority: prio} }
	detect := Case{Detect: true, Level: "WARNING", Counts: map[string]int{"R": 2}}
	errCase := Case{Error: &struct {
		StderrContains string `yaml:"stderr_contains"`
		ExitStatus     int    `yaml:"exit_status"`
	}{StderrContains: "Data not recognized"}}
	cases := []struct {
		name string
		c    Case
		o    Outcome
		want string // "" = passes; else a fragment of the first violation
	}{
		{"detect ok", detect, Outcome{Alerts: []alert.Alert{a("R", 4), a("R", 4), a("Other", 6)}}, ""},
		{"detect count low", detect, Outcome{Alerts: []alert.Alert{a("R", 4)}}, `rule "R" fired 1 times, want 2`},
		{"detect count high", detect, Outcome{Alerts: []alert.Alert{a("R", 4), a("R", 4), a("R", 4)}}, "fired 3 times"},
		{"detect wrong level", detect, Outcome{Alerts: []alert.Alert{a("R", 5), a("R", 5)}}, "no alert at level WARNING"},
		{"detect none", Case{Detect: true, Level: "INFO"}, Outcome{}, "no alerts"},
		{"info level", Case{Detect: true, Level: "INFO"}, Outcome{Alerts: []alert.Alert{a("X", 6)}}, ""},
		{"no detect ok", Case{}, Outcome{}, ""},
		{"no detect fired", Case{}, Outcome{Alerts: []alert.Alert{a("X", 6)}}, "1 alerts, want 0"},
		{"warnings", Case{}, Outcome{Warnings: 1, Stderr: "w"}, "rules loaded with 1 warnings"},
		{"error ok", errCase, Outcome{Stderr: "x Data not recognized y"}, ""},
		{"error missing", errCase, Outcome{Stderr: "other"}, "does not contain"},
		{"error with alerts", errCase, Outcome{Stderr: "Data not recognized", Alerts: []alert.Alert{a("X", 1)}}, "want 0"},
	}
	for _, c := range cases {
		got := Judge(c.c, &c.o)
		switch {
		case c.want == "" && len(got) != 0:
			t.Errorf("%s: unexpected violations %q", c.name, got)
		case c.want != "" && (len(got) == 0 || !strings.Contains(got[0], c.want)):
			t.Errorf("%s: violations %q, want one containing %q", c.name, got, c.want)
		}
	}
}
