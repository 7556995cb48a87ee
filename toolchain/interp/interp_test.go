package interp

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/program"
)

type opCase struct {
	cond string
	ev   tev
	want bool
}

func runOpCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, c := range cases {
		in, err := New(checked(t, c.cond), "test")
		if err != nil {
			t.Fatalf("%s: %v", c.cond, err)
		}
		if got := len(matches(t, in, c.ev)) == 1; got != c.want {
			t.Errorf("%s on %v: got %v, want %v", c.cond, c.ev, got, c.want)
		}
	}
}

var bash = tev{"s.str": str("bash"), "s.path": str("/usr/bin/bash")}

func TestMissingField(t *testing.T) {
	none := tev{}
	runOpCases(t, []opCase{
		{"s.str = bash", none, false},
		{"s.str != bash", none, false}, // missing is false even for !=
		{"not s.str = bash", none, true},
		{"s.str in (a, b)", none, false},
		{"not s.str in (a, b)", none, true},
		{"s.str intersects (a)", none, false},
		{"s.str contains a", none, false},
		{"s.str glob '*'", none, false},
		{"s.str regex '.*'", none, false},
		{"n.int < 5", none, false},
		{"n.int >= 5", none, false},
		{"s.str exists", none, false},
		{"not s.str exists", none, true},
		{"s.str exists", tev{"s.str": str("")}, true},
		{"s.str = ''", tev{"s.str": str("")}, true},
		{"s.str = '<NA>'", none, false},
		{"l.list in (a)", none, false},
		{"len(l.list) = 0", none, false},
		{"s.str = val(s.other)", bash, false}, // missing right side
		{"tolower(s.str) = bash", none, false},
	})
}

func TestStringOperators(t *testing.T) {
	runOpCases(t, []opCase{
		{"s.str = bash", bash, true},
		{"s.str == bash", bash, true},
		{"s.str = Bash", bash, false},
		{"s.str != sh", bash, true},
		{"s.str != bash", bash, false},
		{"s.str < val(s.other)", tev{"s.str": str("bash"), "s.other": str("bat")}, true}, // bytewise order
		{"s.str < val(s.other)", tev{"s.str": str("bash"), "s.other": str("Bat")}, false},
		{"s.str > val(s.other)", tev{"s.str": str("bash"), "s.other": str("bas")}, true},
		{"s.str <= val(s.other)", tev{"s.str": str("bash"), "s.other": str("bash")}, true},
		{"s.str >= val(s.other)", tev{"s.str": str("bash"), "s.other": str("bashz")}, false},
		{"s.str contains as", bash, true},
		{"s.str contains AS", bash, false},
		{"s.str icontains AS", bash, true},
		{"s.str startswith ba", bash, true},
		{"s.str startswith sh", bash, false},
		{"s.str endswith sh", bash, true},
		{"s.str endswith ba", bash, false},
		{"s.path glob '/usr/*'", bash, true}, // * crosses /
		{"s.path glob '/usr/?in/b*'", bash, true},
		{"s.path glob '/USR/*'", bash, false},
		{"s.path iglob '/USR/*'", bash, true},
		{"s.path pmatch (/usr/bin)", bash, true},
		{"s.path pmatch (/usr/bi)", bash, false},
		{"s.path pmatch (/etc, /usr/*/bash)", bash, true},
		{"s.str regex 'ba.h'", bash, true},
		{"s.str regex 'ba'", bash, false}, // full match
		{"s.str regex 'as'", bash, false}, // not a search
		{"s.str regex 'b|bash'", bash, true},
		{"s.str in (sh, bash)", bash, true},
		{"s.str in (sh, zsh)", bash, false},
		{"s.str in ()", bash, false},
		{"s.str intersects (bash)", bash, true},
		{"s.arg[x] = 1", tev{"s.arg[x]": str("1"), "s.arg[y]": str("2")}, true},
		{"s.arg[y] = 1", tev{"s.arg[x]": str("1"), "s.arg[y]": str("2")}, false},
	})
}

func TestBytesOperators(t *testing.T) {
	ev := tev{"s.bytes": str("\xca\xfe\xba\xbe\x00x")}
	runOpCases(t, []opCase{
		{"s.bytes bcontains BABE", ev, true},
		{"s.bytes bcontains babe00", ev, true},
		{"s.bytes bcontains BEEF", ev, false},
		{"s.bytes bstartswith CAFE", ev, true},
		{"s.bytes bstartswith FEBA", ev, false},
		{"s.bytes contains x", ev, true},
		{"s.bytes endswith x", ev, true},
	})
}

func TestNumericOperators(t *testing.T) {
	ev := tev{"n.int": num(-5), "n.uint": num(-1), "n.dbl": dbl(2.5), "b.bool": num(1)}
	runOpCases(t, []opCase{
		{"n.int < 0", ev, true}, // signed
		{"n.int = -5", ev, true},
		{"n.int > -6", ev, true},
		{"n.int != -5", ev, false},
		{"n.int in (1, -5)", ev, true},
		{"n.int in (1, 5)", ev, false},
		{"n.uint > 0", ev, true}, // unsigned: 2^64-1
		{"n.uint = 18446744073709551615", ev, true},
		{"n.uint >= 0x10", ev, true},
		{"n.dbl > 2.25", ev, true},
		{"n.dbl <= 2.5", ev, true},
		{"n.dbl < 2.5", ev, false},
		{"b.bool = true", ev, true},
		{"b.bool != true", ev, false},
		{"b.bool in (false)", ev, false},
	})
}

func TestIPOperators(t *testing.T) {
	ev := tev{"ip.addr": ip("10.1.2.3"), "ip.net": ip("10.1.2.3")}
	runOpCases(t, []opCase{
		{"ip.addr = 10.1.2.3", ev, true},
		{"ip.addr = 10.1.2.4", ev, false},
		{"ip.addr != 10.1.2.4", ev, true},
		{"ip.addr in (::ffff:10.1.2.3)", ev, true},
		{"ip.net = 10.0.0.0/8", ev, true},
		{"ip.net = 11.0.0.0/8", ev, false},
		{"ip.net != 11.0.0.0/8", ev, true},
		{"ip.net in (192.168.0.0/16, 10.1.0.0/16)", ev, true},
	})
}

func TestListOperators(t *testing.T) {
	ev := tev{"l.list": lst("a", "b"), "l.nums": lst("80", "443")}
	empty := tev{"l.list": lst()}
	runOpCases(t, []opCase{
		{"l.list in (a, b, c)", ev, true},
		{"l.list in (a, c)", ev, false}, // in: every element
		{"l.list intersects (a, c)", ev, true},
		{"l.list intersects (c, d)", ev, false},
		{"l.list in (x)", empty, true}, // empty list is in any set
		{"l.list intersects (x)", empty, false},
		{"l.list exists", empty, true},
		{"l.nums in (80, 443)", ev, true},
		{"l.nums intersects (0x50)", ev, true}, // numeric elements compare as numbers
		{"len(l.list) = 2", ev, true},
		{"len(l.list) = 0", empty, true},
		{"s.str in (l.list)", tev{"s.str": str("l.list")}, true}, // bare field on the RHS is text
	})
}

func TestModifiers(t *testing.T) {
	runOpCases(t, []opCase{
		{"s.str startswith oneof (b, ba, x)", bash, false}, // two match
		{"s.str startswith oneof (b, x)", bash, true},
		{"s.str startswith anyof (b, ba, x)", bash, true},
		{"s.str startswith anyof (x, y)", bash, false},
		{"s.str startswith allof (b, ba)", bash, true},
		{"s.str startswith allof (b, x)", bash, false},
		{"s.str = anyof (sh, bash)", bash, true},
		{"s.str != allof (sh, zsh)", bash, true},
		{"s.str regex oneof ('b.*', 'x.*')", bash, true},
		{"s.path glob anyof ('/etc/*', '/usr/*')", bash, true},
	})
}

func TestTransformers(t *testing.T) {
	ev := tev{"s.str": str("BaSh"), "s.other": str("bash"), "s.path": str("/usr/bin/bash"),
		"s.bytes": str("aGVsbG8"), "n.txt": str("5"), "n.uint": num(5), "l.list": lst("A", "b")}
	runOpCases(t, []opCase{
		{"tolower(s.str) = bash", ev, true},
		{"toupper(s.str) = BASH", ev, true},
		{"tolower(s.str) = val(s.other)", ev, true},
		{"s.other = tolower(s.str)", ev, true},
		{"s.str = val(s.other)", ev, false},
		{"basename(s.path) = bash", ev, true},
		{"basename(s.path) = val(s.other)", ev, true},
		{"b64(s.bytes) = hello", ev, true},
		{"b64(s.str) = x", ev, false},     // "BaSh" decodes, but not to x
		{"b64(s.path) exists", ev, false}, // '/' ok, but length 13 leaves a dangling char
		{"len(s.str) = 4", ev, true},
		{"len(s.str) > 3", ev, true},
		{"toupper(basename(s.path)) = BASH", ev, true},
		{"n.uint = val(n.txt)", ev, true}, // text converted to the left side's type
		{"tolower(l.list) in (a, b)", ev, true},
		{"concat(s.other, '-', s.str) = bash-BaSh", ev, true},
		{"concat(s.other, s.str) startswith bashB", ev, true},
		{"join(',', l.list) = 'A,b'", ev, true},
		{"join('+', (s.other, 'x')) = 'bash+x'", ev, true},
	})
}

func TestRuleMatching(t *testing.T) {
	p := checked(t, "s.str = bash", "s.str startswith b", "s.str = zsh", "s.str exists")
	in, err := New(p, "test")
	if err != nil {
		t.Fatal(err)
	}
	if got := matches(t, in, bash); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("first: got %v", got)
	}
	in.SetOptions(abi.Options{MatchAll: true})
	if got := matches(t, in, bash); !reflect.DeepEqual(got, []int{0, 1, 3}) {
		t.Errorf("all: got %v", got)
	}
	in.SetOptions(abi.Options{MatchAll: true, Enabled: []bool{false, true, true, false}})
	if got := matches(t, in, bash); !reflect.DeepEqual(got, []int{1}) {
		t.Errorf("enabled set: got %v", got)
	}
	in.SetOptions(abi.Options{Enabled: []bool{false, false, false, true}})
	if got := matches(t, in, bash); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("first with enabled set: got %v", got)
	}
	p.Sources[0].Rules[0].Enabled = false
	in, _ = New(p, "test")
	if got := matches(t, in, bash); !reflect.DeepEqual(got, []int{1}) {
		t.Errorf("metadata enabled flag: got %v", got)
	}
}

func TestEventTypeBuckets(t *testing.T) {
	p := checked(t, "s.str exists", "s.str exists")
	p.Sources[0].Rules[0].EventTypes = []string{"open", "openat"}
	p.Sources[0].Rules[1].EventTypes = []string{"execve"}
	in, err := New(p, "test")
	if err != nil {
		t.Fatal(err)
	}
	m := in.Metadata()
	if !reflect.DeepEqual(m.EventTypes, []string{"execve", "open", "openat"}) {
		t.Errorf("metadata event types = %v", m.EventTypes)
	}
	in.SetOptions(abi.Options{MatchAll: true})
	for typ, want := range map[string][]int{"openat": {0}, "execve": {1}, "close": nil} {
		if got := matches(t, in, tev{"s.str": str("x"), "evt.type": str(typ)}); !reflect.DeepEqual(got, want) {
			t.Errorf("evt.type %s: got %v, want %v", typ, got, want)
		}
	}
}

func TestBatchAndMetadata(t *testing.T) {
	p := checked(t, "s.str = bash", "s.str regex 'z.*'")
	p.Sources[0].Rules[1].Tags = []string{"a"}
	in, err := New(p, "test")
	if err != nil {
		t.Fatal(err)
	}
	m := in.Metadata()
	if m.ABI != abi.Version || m.Source != "test" || m.Hash != "h" || len(m.Rules) != 2 ||
		m.Rules[1].ID != 1 || m.Rules[1].Tags[0] != "a" || !reflect.DeepEqual(m.Regexes, []string{"z.*"}) ||
		m.EventTypes != nil || len(m.Fields) != 1 || m.Fields[0].Name != "s.str" {
		t.Fatalf("metadata = %+v", m)
	}
	batch := []fields.Event{boundEvent{m.Fields, tev{"s.str": str("zsh")}}, boundEvent{m.Fields, bash}, boundEvent{m.Fields, tev{}}}
	out, err := in.Eval(batch, []abi.Match{{Event: 9, Rule: 9}})
	if err != nil {
		t.Fatal(err)
	}
	want := []abi.Match{{Event: 9, Rule: 9}, {Event: 0, Rule: 1}, {Event: 1, Rule: 0}}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("Eval = %v, want %v", out, want)
	}
}

func TestEmptyAndBadPrograms(t *testing.T) {
	in, err := New(&program.Program{}, "k8s_audit")
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := in.Eval([]fields.Event{boundEvent{nil, tev{}}}, nil); len(out) != 0 || in.Metadata().Source != "k8s_audit" {
		t.Errorf("empty program: %v %+v", out, in.Metadata())
	}
	p := checked(t, "s.str regex 'ok'")
	p.Sources[0].Rules[0].Expr.(*ast.Check).Values[0].Text = "("
	if _, err := New(p, "test"); err == nil || !strings.Contains(err.Error(), `compile regex "("`) {
		t.Errorf("bad regex: err = %v", err)
	}
	p.Sources[0].Rules[0].Expr.(*ast.Check).Values[0].Text = "a)|(b" // valid only once wrapped
	if _, err := New(p, "test"); err == nil {
		t.Error("a pattern that only compiles once anchored was accepted")
	}
}
