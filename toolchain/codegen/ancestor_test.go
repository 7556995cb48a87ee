package codegen_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/tests/wasmtest"
	"github.com/aeriesec/aerie/toolchain"
)

// ancestorEvents: the process's ancestors as the syscall extractor lists
// them (parent first) for proc.aname and proc.apid without an index.
var ancestorEvents = []wasmtest.Event{
	{ // 0: sh under bash under sshd under systemd
		"proc.name": wasmtest.S("sh"), "proc.pid": wasmtest.N(40),
		"proc.aname": wasmtest.L("bash", "sshd", "systemd"), "proc.aname[1]": wasmtest.S("bash"),
		"proc.apid": wasmtest.L("30", "20", "1"),
	},
	{ // 1: nginx under nginx under systemd
		"proc.name": wasmtest.S("nginx"), "proc.pid": wasmtest.N(11),
		"proc.aname": wasmtest.L("nginx", "systemd"), "proc.aname[1]": wasmtest.S("nginx"),
		"proc.apid": wasmtest.L("10", "1"),
	},
	{"proc.name": wasmtest.S("init")}, // 2: no ancestor known
	{ // 3: a child of sshd, pid 5
		"proc.name": wasmtest.S("sshd"), "proc.pid": wasmtest.N(5),
		"proc.aname": wasmtest.L("sshd"), "proc.aname[1]": wasmtest.S("sshd"),
		"proc.apid": wasmtest.L("5"),
	},
}

// Falco (libsinsp) compares proc.aname/proc.apid without an index with
// each ancestor in turn: true as soon as one ancestor satisfies the
// operator, so `!=` holds when some ancestor differs.
var ancestorCases = []struct{ cond, want string }{
	{`proc.aname = sshd`, "1001"},
	{`proc.aname != sshd`, "1100"},
	{`not proc.aname = sshd`, "0110"},
	{`proc.aname in (sshd, nginx)`, "1101"},
	{`not proc.aname in (sshd, nginx)`, "0010"},
	{`proc.aname in (` + manyNames(70) + `, sshd)`, "1001"},
	{`proc.aname in (` + manyNames(20) + `, systemd)`, "1100"},
	{`proc.aname exists`, "1101"},
	{`not proc.aname exists`, "0010"},
	{`proc.aname startswith ssh`, "1001"},
	{`proc.aname contains ginx`, "0100"},
	{`proc.aname glob "s*d"`, "1101"},
	{`proc.aname = oneof (bash, systemd)`, "1100"},
	{`proc.aname[1] = bash`, "1000"},
	{`proc.aname[1] in (sshd, nginx)`, "0101"},
	{`proc.aname = val(proc.name)`, "0101"},
	{`proc.aname != val(proc.name)`, "1100"},
	{`proc.apid = 1`, "1100"},
	{`proc.apid != 1`, "1101"},
	{`proc.apid in (5, 20)`, "1001"},
	{`proc.apid > 25`, "1000"},
	{`proc.apid <= 5`, "1101"},
	{`proc.apid = val(proc.pid)`, "0001"},
	{`proc.aname = sshd and not proc.apid = 1`, "0001"},
}

func manyNames(n int) string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("name%02d", i)
	}
	return strings.Join(names, ", ")
}

func syscallRule(cond string) toolchain.File {
	return toolchain.File{Name: "test.yaml", Data: []byte(fmt.Sprintf(
		"- rule: r\n  desc: d\n  condition: %q\n  output: o\n  priority: WARNING\n  source: syscall\n", cond))}
}

// evalSyscall runs a syscall rule with condition cond over evs in Wasm and
// in the interpreter, checks that they agree and returns which events
// matched in each ("1" a match, "0" none).
func evalSyscall(t *testing.T, cond string, evs []wasmtest.Event) (wasm, interp string) {
	t.Helper()
	p, err := wasmtest.Load(syscallRule(cond))
	if err != nil {
		t.Fatal(err)
	}
	e := wasmtest.MustBuild(t, p, "syscall")
	defer e.Close()
	w, ref, err := e.Eval(wasmtest.Bind(e.Wasm.Metadata(), evs...))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := bits(w, len(evs)), bits(ref, len(evs)); got != want {
		t.Errorf("wasm %s, interpreter %s", got, want)
	}
	return bits(w, len(evs)), bits(ref, len(evs))
}

func TestAncestorAnyOf(t *testing.T) {
	for _, c := range ancestorCases {
		t.Run(c.cond, func(t *testing.T) {
			_, ref := evalSyscall(t, c.cond, ancestorEvents)
			if ref != c.want {
				t.Errorf("interpreter %s, want %s", ref, c.want)
			}
		})
	}
}

// A transformer over every ancestor has no single value: refused.
func TestAncestorTransformRefused(t *testing.T) {
	for _, cond := range []string{`tolower(proc.aname) = sshd`, `len(proc.aname) > 1`, `concat(proc.aname, proc.name) = y`} {
		_, err := wasmtest.Load(syscallRule(cond))
		if err == nil || !strings.Contains(err.Error(), "without an index") {
			t.Errorf("%s: err = %v, want a refusal naming the missing index", cond, err)
		}
	}
	if _, err := wasmtest.Load(syscallRule(`tolower(proc.aname[2]) = sshd`)); err != nil {
		t.Errorf("indexed ancestor in a transformer: %v", err)
	}
}
