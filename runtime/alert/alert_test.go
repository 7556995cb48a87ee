package alert

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestMain(m *testing.M) {
	time.Local = time.FixedZone("UTC+1", 3600) // the text line uses local time
	os.Exit(m.Run())
}

// mapEvent serves values by field-table entry, written as in rules.
type mapEvent struct {
	table []abi.Field
	vals  map[string]fields.Value
}

func (e mapEvent) Field(i int, dst *fields.Value) bool {
	f := e.table[i]
	v, ok := e.vals[fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}.String()]
	*dst = v
	return ok
}

func s(x string) fields.Value { return fields.Value{S: []byte(x)} }

// 2018-10-25T13:58:49.730588Z plus 123 ns
const eventTime = int64(1540475929730588123)

var event = map[string]fields.Value{
	"ka.user.name":          s("system:admin"),
	"ka.verb":               s("create"),
	"ka.target.name":        s("nginx"),
	"ka.user.groups":        {L: [][]byte{[]byte("system:masters"), []byte("system:authenticated")}},
	"ka.uri.param[command]": s("bash"),
	"jevt.value[/stage]":    s("ResponseComplete"),
	"jevt.rawtime":          {N: 1540475929730588000},
	"ka.useragent":          s("curl \"7\"\n<x> \xff"),
}

var table = []abi.Field{
	{Name: "ka.user.name"}, {Name: "ka.verb"}, {Name: "ka.target.name"}, {Name: "ka.response.code"},
	{Name: "ka.user.groups"}, {Name: "ka.uri.param", Arg: "command", HasArg: true},
	{Name: "jevt.value", Arg: "/stage", HasArg: true}, {Name: "jevt.rawtime"}, {Name: "ka.useragent"},
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name   string
		output string
		tags   []string
		opts   func(*Options)
	}{
		{"basic", "%ka.user.name did %ka.verb on %ka.target.name (resp=%ka.response.code)", []string{"k8s", "audit"}, nil},
		{"width", "[%5ka.verb][%3ka.user.name][%6ka.response.code]", nil, nil},
		{"list", "groups=%ka.user.groups", nil, nil},
		{"transformer", "%toupper(ka.user.name) %len(ka.user.groups) %tolower(toupper(ka.verb))", nil, nil},
		{"longest_prefix", "%ka.verb_x %ka.verb) %ka.verb.", nil, nil},
		{"args", "cmd=%ka.uri.param[command] stage=%jevt.value[/stage] t=%jevt.rawtime", nil, nil},
		{"escapes", "ua=%ka.useragent", nil, nil},
		{"options", "%ka.user.name", []string{"b", "a"}, func(o *Options) {
			o.ISO8601, o.IncludeMessage, o.IncludeOutputFields, o.IncludeTags = true, true, false, false
		}},
		{"no_output", "%ka.verb", nil, func(o *Options) { o.IncludeOutput = false }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{Hostname: "node-1", IncludeOutput: true, IncludeOutputFields: true, IncludeTags: true}
			if c.opts != nil {
				c.opts(&opts)
			}
			meta := &abi.Metadata{Source: fields.SourceK8sAudit, Fields: table,
				Rules: []abi.Rule{{Name: "Some Rule", Priority: 3, Tags: c.tags, Output: c.output}}}
			f, err := New(meta, opts)
			if err != nil {
				t.Fatal(err)
			}
			a := f.Format(0, mapEvent{table, event}, eventTime)
			if !json.Valid(a.JSON) {
				t.Fatalf("invalid JSON: %s", a.JSON)
			}
			if a.Rule != "Some Rule" || a.Priority != 3 || a.Source != "k8s_audit" || a.Time.UnixNano() != eventTime {
				t.Errorf("alert header = %+v", a)
			}
			golden(t, c.name, string(a.Text)+"\n"+string(a.JSON)+"\n")
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestTemplateErrors(t *testing.T) {
	for _, out := range []string{"ends with %", "%nosuchfield here", "%toupper(ka.verb", "%(ka.verb)", "%ka.uri.param"} {
		meta := &abi.Metadata{Source: fields.SourceK8sAudit, Rules: []abi.Rule{{Name: "r", Output: out}}}
		if _, err := New(meta, DefaultOptions()); err == nil || !strings.Contains(err.Error(), `rule "r"`) {
			t.Errorf("%q: err = %v", out, err)
		}
	}
}
