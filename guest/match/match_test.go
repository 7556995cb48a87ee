package match

import (
	"math"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
)

func TestPathPrefix(t *testing.T) {
	cases := []struct {
		prefix, path string
		want         bool
	}{
		{"/tmp/hello", "/tmp/hello", true},
		{"/tmp/hello", "/tmp/hello/x", true},
		{"/tmp/hello", "/tmp/hello_x", false},
		{"/tmp/hello", "/tmp", false},
		{"/tmp//hello/", "/tmp/hello/x", true},
		{"/tmp/hello", "//tmp///hello", true},
		{"/", "/anything", true},
		{"/home/*/.ssh", "/home/u/.ssh/id", true},
		{"/home/*/.ssh", "/home/u/v/.ssh", false},
		{"/etc/[ab]*", "/etc/apt/x", true},
		{"/etc/[ab]*", "/etc/cron/x", false},
	}
	for _, c := range cases {
		if got := PathPrefix([]byte(c.prefix), []byte(c.path)); got != c.want {
			t.Errorf("PathPrefix(%q, %q) = %v, want %v", c.prefix, c.path, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	b := func(s string) []byte { return []byte(s) }
	checks := []struct {
		name string
		got  bool
		want bool
	}{
		{"contains", Contains(b("kube-system"), b("system")), true},
		{"contains empty", Contains(b("x"), b("")), true},
		{"contains no", Contains(b("kube"), b("Kube")), false},
		{"icontains", IContains(b("Kube-System"), b("SYSTEM")), true},
		{"icontains no", IContains(b("kube"), b("kubes")), false},
		{"icontains ascii only", IContains(b("É"), b("é")), false},
		{"startswith", StartsWith(b("/etc/passwd"), b("/etc")), true},
		{"startswith no", StartsWith(b("/et"), b("/etc")), false},
		{"endswith", EndsWith(b("a.yaml"), b(".yaml")), true},
		{"endswith no", EndsWith(b("yaml"), b(".yaml")), false},
		{"equalfold", EqualFold(b("AbC"), b("aBc")), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if got := string(ToLower(nil, b("AbC-É"))); got != "abc-É" {
		t.Errorf("ToLower = %q", got)
	}
	if got := string(ToUpper(nil, b("AbC-é"))); got != "ABC-é" {
		t.Errorf("ToUpper = %q", got)
	}
}

func TestRelate(t *testing.T) {
	i := func(n int64) *fields.Value { return &fields.Value{N: uint64(n)} }
	u := func(n uint64) *fields.Value { return &fields.Value{N: n} }
	f := func(x float64) *fields.Value { return &fields.Value{N: math.Float64bits(x)} }
	s := func(x string) *fields.Value { return &fields.Value{S: []byte(x)} }
	ip := func(x string) *fields.Value { b, _ := ParseIP(x); return &fields.Value{S: b} }
	nw := func(x string) *fields.Value { b, _ := ParseIPNet(x); return &fields.Value{S: b} }
	cases := []struct {
		name string
		t    fields.Type
		rel  Rel
		a, b *fields.Value
		want bool
	}{
		{"int signed", fields.Int, Lt, i(-1), i(1), true},
		{"uint unsigned", fields.Uint, Lt, u(math.MaxUint64), u(1), false},
		{"int eq", fields.Int, Eq, i(5), i(5), true},
		{"int ne", fields.Int, Ne, i(5), i(5), false},
		{"int ge", fields.Int, Ge, i(5), i(5), true},
		{"int gt", fields.Int, Gt, i(5), i(5), false},
		{"int le", fields.Int, Le, i(4), i(5), true},
		{"double", fields.Double, Gt, f(1.5), f(1.25), true},
		{"double nan eq", fields.Double, Eq, f(math.NaN()), f(math.NaN()), false},
		{"double nan ne", fields.Double, Ne, f(math.NaN()), f(1), true},
		{"string bytewise", fields.String, Lt, s("B"), s("a"), true},
		{"string prefix first", fields.String, Lt, s("ab"), s("abc"), true},
		{"string eq", fields.String, Eq, s("x"), s("x"), true},
		{"bool", fields.Bool, Eq, u(1), u(1), true},
		{"ip eq", fields.IPAddr, Eq, ip("10.0.0.1"), ip("10.0.0.1"), true},
		{"ip mapped", fields.IPAddr, Eq, &fields.Value{S: []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}}, ip("10.0.0.1"), true},
		{"ip ne", fields.IPAddr, Ne, ip("10.0.0.1"), ip("10.0.0.2"), true},
		{"ip no order", fields.IPAddr, Lt, ip("10.0.0.1"), ip("10.0.0.2"), false},
		{"net in", fields.IPNet, Eq, ip("10.1.2.3"), nw("10.0.0.0/8"), true},
		{"net out", fields.IPNet, Eq, ip("11.1.2.3"), nw("10.0.0.0/8"), false},
		{"net ne", fields.IPNet, Ne, ip("11.1.2.3"), nw("10.0.0.0/8"), true},
		{"net odd prefix", fields.IPNet, Eq, ip("192.168.1.130"), nw("192.168.1.128/25"), true},
		{"net v6", fields.IPNet, Eq, ip("2001:db8::1"), nw("2001:db8::/32"), true},
		{"net family", fields.IPNet, Eq, ip("2001:db8::1"), nw("10.0.0.0/8"), false},
	}
	for _, c := range cases {
		if got := Relate(c.t, c.rel, c.a, c.b); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestParseValue(t *testing.T) {
	cases := []struct {
		t    fields.Type
		text string
		n    uint64
		ok   bool
	}{
		{fields.Int, "-42", uint64(1<<64 - 42), true},
		{fields.Int, "0x10", 16, true},
		{fields.Int, "9223372036854775808", 0, false},
		{fields.Int, "-9223372036854775808", 1 << 63, true},
		{fields.Uint, "18446744073709551615", math.MaxUint64, true},
		{fields.Uint, "-1", 0, false},
		{fields.Uint, "12a", 0, false},
		{fields.Uint, "010", 10, true}, // decimal, never octal
		{fields.Bool, "true", 1, true},
		{fields.Bool, "yes", 0, false},
		{fields.Double, "1.5", math.Float64bits(1.5), true},
		{fields.Double, "x", 0, false},
	}
	for _, c := range cases {
		v, ok := ParseValue(c.t, c.text)
		if ok != c.ok || (ok && v.N != c.n) {
			t.Errorf("ParseValue(%v, %q) = %d, %v; want %d, %v", c.t, c.text, v.N, ok, c.n, c.ok)
		}
	}
	if _, ok := ParseValue(fields.IPAddr, "300.1.1.1"); ok {
		t.Error("ParseValue accepted a bad address")
	}
	if v, ok := ParseValue(fields.IPNet, "10.0.0.7/8"); !ok || len(v.S) != 5 || v.S[0] != 10 || v.S[3] != 0 || v.S[4] != 8 {
		t.Errorf("ParseValue(IPNet) = %v, %v", v.S, ok)
	}
}

func TestTransformers(t *testing.T) {
	for in, want := range map[string]string{"/usr/bin/bash": "bash", "/usr/bin/": "", "bash": "bash", "": ""} {
		if got := string(Basename([]byte(in))); got != want {
			t.Errorf("Basename(%q) = %q, want %q", in, got, want)
		}
	}
	b64 := []struct {
		in, want string
		ok       bool
	}{
		{"aGVsbG8=", "hello", true},
		{"aGVsbG8", "hello", true}, // padding optional
		{"aGVsbA==", "hell", true},
		{"aGVsbA", "hell", true},
		{"", "", true},
		{"a", "", false},
		{"aGV$bG8", "", false},
		{"aGVs bG8", "", false},
		{"aGVsbG8===", "", false},
	}
	for _, c := range b64 {
		got, ok := B64Decode(nil, []byte(c.in))
		if ok != c.ok || (ok && string(got) != c.want) {
			t.Errorf("B64Decode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if n := StrLen([]byte("ab\x00cd")); n != 2 {
		t.Errorf("StrLen stops at NUL: got %d", n)
	}
	if got := string(Join(nil, []byte(","), [][]byte{[]byte("a"), []byte("b")})); got != "a,b" {
		t.Errorf("Join = %q", got)
	}
	args := [][]byte{[]byte("-v"), []byte("-ofile"), []byte("-c"), []byte("cfg"), []byte("rest"), []byte("-x")}
	opts, vals := GetOpt(args, []byte("vo:c:"))
	if string(opts) != "voc" || string(vals[1]) != "file" || string(vals[2]) != "cfg" || len(vals[0]) != 0 {
		t.Errorf("GetOpt = %q %q", opts, vals)
	}
}

func TestAppendText(t *testing.T) {
	cases := []struct {
		t    fields.Type
		list bool
		v    fields.Value
		want string
	}{
		{fields.String, false, fields.Value{S: []byte("x y")}, "x y"},
		{fields.Int, false, fields.Value{N: uint64(1<<64 - 3)}, "-3"},
		{fields.Uint, false, fields.Value{N: 7}, "7"},
		{fields.Bool, false, fields.Value{N: 1}, "true"},
		{fields.Double, false, fields.Value{N: math.Float64bits(2.25)}, "2.2"},
		{fields.Bytes, false, fields.Value{S: []byte("a\x00b")}, "a.b"},
		{fields.IPAddr, false, fields.Value{S: []byte{10, 0, 0, 1}}, "10.0.0.1"},
		{fields.IPNet, false, fields.Value{S: []byte{10, 0, 0, 0, 8}}, "<IPNET>"},
		{fields.String, true, fields.Value{L: [][]byte{[]byte("a"), []byte("b")}}, "(a,b)"},
		{fields.String, true, fields.Value{}, "()"},
	}
	for _, c := range cases {
		if got := string(AppendText(nil, c.t, c.list, &c.v)); got != c.want {
			t.Errorf("AppendText(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}

func TestApply(t *testing.T) {
	s := func(x string) Typed { return Typed{T: fields.String, V: fields.Value{S: []byte(x)}} }
	l := Typed{T: fields.String, List: true, V: fields.Value{L: [][]byte{[]byte("A"), []byte("b")}}}
	cases := []struct {
		fn   string
		args []Typed
		want string
		ok   bool
	}{
		{"tolower", []Typed{s("AbC")}, "abc", true},
		{"toupper", []Typed{l}, "(A,B)", true},
		{"b64", []Typed{s("aGk")}, "hi", true},
		{"b64", []Typed{s("a")}, "", false},
		{"basename", []Typed{s("/a/b")}, "b", true},
		{"len", []Typed{l}, "2", true},
		{"len", []Typed{s("héllo")}, "6", true},
		{"join", []Typed{s("-"), l}, "A-b", true},
		{"concat", []Typed{s("a"), s("b"), s("c")}, "abc", true},
		{"concat", []Typed{s("a"), l}, "", false},
		{"list", []Typed{s("x"), l}, "(x,A,b)", true},
		{"val", []Typed{s("x")}, "x", true},
		{"tolower", []Typed{s("a"), s("b")}, "", false},
		{"nosuch", []Typed{s("a")}, "", false},
	}
	for _, c := range cases {
		got, ok := Apply(c.fn, c.args, "", false)
		if ok != c.ok || (ok && string(AppendText(nil, got.T, got.List, &got.V)) != c.want) {
			t.Errorf("Apply(%s) = %q, %v; want %q, %v", c.fn, AppendText(nil, got.T, got.List, &got.V), ok, c.want, c.ok)
		}
	}
	args := Typed{T: fields.String, List: true, V: fields.Value{L: [][]byte{[]byte("-n"), []byte("ns1")}}}
	if got, ok := Apply("getopt", []Typed{args, s("n:")}, "n", true); !ok || string(got.V.S) != "ns1" {
		t.Errorf("getopt[n] = %q, %v", got.V.S, ok)
	}
	if _, ok := Apply("getopt", []Typed{args, s("n:")}, "x", true); ok {
		t.Error("getopt[x] of an absent option succeeded")
	}
}
