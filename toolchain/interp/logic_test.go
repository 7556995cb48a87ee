package interp

import (
	"testing"
)

func TestBooleanLogic(t *testing.T) {
	ev := tev{"s.str": str("bash"), "n.int": num(3)}
	runOpCases(t, []opCase{
		{"s.str = bash and n.int = 3", ev, true},
		{"s.str = bash and n.int = 4", ev, false},
		{"s.str = sh and n.int = 3", ev, false},
		{"s.str = sh or n.int = 3", ev, true},
		{"s.str = sh or n.int = 4", ev, false},
		{"not s.str = sh and not n.int = 4", ev, true},
		{"not (s.str = sh or n.int = 3)", ev, false},
		{"not not s.str = bash", ev, true},
		{"s.str = sh or s.str = zsh or (n.int > 1 and n.int < 5)", ev, true},
		{"(s.str = bash or s.str = sh) and not (n.int in (1, 2))", ev, true},
		{"s.other = x or not s.other = x", ev, true}, // missing: the check is false, its negation true
		{"s.other != x or s.other = x", ev, false},   // missing: both checks false
		{"s.other exists and s.other = x", ev, false},
		{"s.str = bash and s.other exists", ev, false},
	})
}

func TestFieldToField(t *testing.T) {
	ev := tev{"s.str": str("bash"), "s.other": str("bash"), "l.list": lst("sh", "bash"),
		"n.uint": num(7), "n.int": num(-7), "n.txt": str("x7"), "l.nums": lst("7", "8")}
	runOpCases(t, []opCase{
		{"s.str in val(s.other)", ev, true},
		{"s.str in val(l.list)", ev, true}, // a list on the right: its elements
		{"s.str intersects tolower(l.list)", ev, true},
		{"l.list in val(l.list)", ev, true},
		{"l.nums intersects val(n.uint)", ev, true},
		{"n.uint = val(l.nums)", ev, false}, // a list cannot be one value
		{"n.txt endswith val(n.uint)", ev, true},
		{"n.uint = val(n.txt)", ev, false}, // "x7" is no number
		{"n.int < val(n.uint)", ev, true},
		{"n.uint > val(n.int)", ev, false}, // -7 does not fit a uint
		{"s.str != val(s.other)", ev, false},
		{"s.str contains val(s.other)", ev, true},
	})
}

func TestEventTypeFieldAdded(t *testing.T) {
	p := checked(t, "s.str exists")
	p.Sources[0].Rules[0].EventTypes = []string{"open"}
	in, err := New(p, "test")
	if err != nil {
		t.Fatal(err)
	}
	m := in.Metadata()
	if len(m.Fields) != 2 || m.Fields[1].Name != "evt.type" {
		t.Fatalf("field table = %+v, want evt.type added", m.Fields)
	}
	if got := matches(t, in, tev{"s.str": str("x"), "evt.type": str("close")}); got != nil {
		t.Errorf("close: got %v", got)
	}
	if got := matches(t, in, tev{"s.str": str("x")}); len(got) != 1 {
		t.Errorf("an event without evt.type runs every rule: got %v", got)
	}
}
