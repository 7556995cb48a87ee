package checker

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/parser"
)

func TestResolveList(t *testing.T) {
	tests := []struct {
		cond, name, sub, want string
		used                  bool
	}{
		{"proc.name in (shells)", "shells", "bash, sh", "proc.name in ( bash, sh )", true},
		{"proc.name in (shells, zsh)", "shells", "bash, sh", "proc.name in ( bash, sh , zsh)", true},
		{"proc.name in (x,shells)", "shells", "bash", "proc.name in (x, bash )", true},
		{"proc.name in (empty, zsh)", "empty", "", "proc.name in (   zsh)", true},
		{"proc.name in (zsh, empty)", "empty", "", "proc.name in (zsh  )", true},
		{"proc.name in (my_shells)", "shells", "bash", "proc.name in (my_shells)", false},
		{"proc.name in (shells_x)", "shells", "bash", "proc.name in (shells_x)", false},
		{`proc.cmdline = "run shells"`, "shells", "bash", `proc.cmdline = "run shells"`, false},
		{"proc.name=shells", "shells", "bash", "proc.name= bash ", true},
		{"shells", "shells", "a, b", "a, b ", true},
		{"a in (l) or b in (l)", "l", "x", "a in ( x ) or b in ( x )", true},
		{"proc.name in (\n  shells\n)", "shells", "bash", "proc.name in ( bash )", true},
	}
	for _, tt := range tests {
		got, used := ResolveList(loader.Plain(tt.cond), tt.name, tt.sub)
		if got.S != tt.want || used != tt.used {
			t.Errorf("ResolveList(%q, %s) = %q %v, want %q %v", tt.cond, tt.name, got.S, used, tt.want, tt.used)
		}
	}
}

func TestQuoteItem(t *testing.T) {
	for in, want := range map[string]string{"bash": "bash", "a b": `"a b"`, `"a b"`: `"a b"`, "'a b'": "'a b'", "": ""} {
		if got := QuoteItem(in); got != want {
			t.Errorf("QuoteItem(%q) = %q, want %q", in, got, want)
		}
	}
}

func scalarEntry(s string) loader.Entry { return loader.Entry{Item: s} }

func listEntry(items ...string) loader.Entry {
	e := loader.Entry{IsList: true}
	for _, s := range items {
		e.Items = append(e.Items, scalarEntry(s))
	}
	return e
}

// TestFoldExceptions checks the compiled text against the outputs
// Falco's own unit tests verify (rendered from the parsed condition).
func TestFoldExceptions(t *testing.T) {
	tests := []struct {
		cond string
		ex   loader.Exception
		text string // the exact compiled text
		ast  string // Falco's verified condition_compiled
	}{
		{
			cond: "proc.cmdline contains curl or proc.cmdline contains wget",
			ex: loader.Exception{Name: "e", Fields: listEntry("proc.cmdline"), Comps: listEntry("contains"),
				Values: []loader.Entry{listEntry("curl 127.0.0.1")}},
			text: `(proc.cmdline contains curl or proc.cmdline contains wget) and not (( proc.cmdline contains "curl 127.0.0.1"))`,
			ast:  `((proc.cmdline contains curl or proc.cmdline contains wget) and not proc.cmdline contains "curl 127.0.0.1")`,
		},
		{
			cond: "evt.type = open",
			ex: loader.Exception{Name: "e", Fields: scalarEntry("proc.name"), Comps: scalarEntry("startswith oneof"),
				Values: []loader.Entry{scalarEntry("sshd"), scalarEntry("sudo"), scalarEntry("systemd")}},
			text: "(evt.type = open) and not (proc.name startswith oneof (sshd, sudo, systemd))",
			ast:  "(evt.type = open and not proc.name startswith oneof (sshd, sudo, systemd))",
		},
		{
			cond: "evt.type = open",
			ex: loader.Exception{Name: "e", Fields: listEntry("tolower(proc.name)"), Comps: listEntry("="),
				Values: []loader.Entry{listEntry("test")}},
			text: "(evt.type = open) and not (( tolower(proc.name) = test))",
			ast:  "(evt.type = open and not tolower(proc.name) = test)",
		},
		{
			cond: "evt.type = open",
			ex: loader.Exception{Name: "e", Fields: listEntry("proc.name", "fd.name"), Comps: listEntry("in", "startswith"),
				Values: []loader.Entry{
					{IsList: true, Items: []loader.Entry{listEntry("a", "b c"), scalarEntry("/tmp")}},
					{IsList: true, Items: []loader.Entry{scalarEntry("my_list"), scalarEntry("/var dir")}},
				}},
			text: `(evt.type = open) and not (( proc.name in (a, "b c") and  fd.name startswith /tmp) or ( proc.name in (my_list) and  fd.name startswith "/var dir"))`,
			ast:  `(evt.type = open and not ((proc.name in (a, "b c") and fd.name startswith /tmp) or (proc.name in (my_list) and fd.name startswith "/var dir")))`,
		},
		{
			cond: "evt.type = open",
			ex:   loader.Exception{Name: "no values", Fields: listEntry("proc.name"), Comps: listEntry("=")},
			text: "(evt.type = open)",
			ast:  "evt.type = open",
		},
	}
	for _, tt := range tests {
		ex := tt.ex
		got, err := FoldExceptions(loader.Plain(tt.cond), []*loader.Exception{&ex})
		if err != nil {
			t.Fatalf("%s: %s", tt.cond, err.msg)
		}
		if got.S != tt.text {
			t.Errorf("text:\n got %s\nwant %s", got.S, tt.text)
		}
		e, perr := parser.Parse(got.S)
		if perr != nil {
			t.Fatalf("parse %q: %v", got.S, perr)
		}
		if f := ast.Format(e); f != tt.ast {
			t.Errorf("ast:\n got %s\nwant %s", f, tt.ast)
		}
	}
}

func TestEventTypes(t *testing.T) {
	all := len(fields.EventTypeNames)
	tests := []struct {
		cond string
		want string // names joined by ","; "ALL" for nil; "#n" for a count
	}{
		{"evt.type = open", "open"},
		{"evt.type in (open, openat, openat2) and proc.name = x", "open,openat,openat2"},
		{"evt.type = open or proc.name = x", "ALL"},
		{"proc.name = x", "ALL"},
		{"not proc.name = x", "ALL"},
		{"evt.type != open", "#" + itoa(all-1)},
		{"not evt.type in (open, close)", "#" + itoa(all-2)},
		{"evt.type in (open, openat) and not evt.type = open", "openat"},
		{"not (evt.type = open or evt.type = close) and evt.type in (open, close, execve)", "execve"},
		{"not (evt.type != open and proc.name = x)", "ALL"},
		{"not (evt.type != open)", "open"},
		{"evt.type = open and evt.type = close", ""},
		{"evt.type exists", "ALL"},
		{"evt.type startswith open", "ALL"},
		{"(evt.type = open or evt.type = close) and (evt.type = close or evt.type = execve)", "close"},
	}
	for _, tt := range tests {
		e, err := parser.Parse(tt.cond)
		if err != nil {
			t.Fatal(err)
		}
		got := EventTypes(e)
		var s string
		switch {
		case got == nil:
			s = "ALL"
		case strings.HasPrefix(tt.want, "#"):
			s = "#" + itoa(len(got))
		default:
			s = strings.Join(got, ",")
		}
		if s != tt.want {
			t.Errorf("EventTypes(%q) = %s, want %s", tt.cond, s, tt.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
