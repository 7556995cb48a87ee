package codegen_test

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/wasmhost"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/tests/wasmtest"
	"github.com/aeriesec/aerie/toolchain"
)

const threeRules = `
- rule: a
  desc: d
  condition: ka.verb = create
  output: a
  priority: WARNING
  source: k8s_audit
- rule: b
  desc: d
  condition: ka.user.name = admin
  output: b
  priority: WARNING
  source: k8s_audit
- rule: c
  desc: d
  condition: ka.verb exists
  output: c
  priority: WARNING
  source: k8s_audit
  enabled: false
`

func mt(e, r int) abi.Match { return abi.Match{Event: e, Rule: r} }

func TestRuleMatchingAndEnabled(t *testing.T) {
	p, err := wasmtest.Load(toolchain.File{Name: "r.yaml", Data: []byte(threeRules)})
	if err != nil {
		t.Fatal(err)
	}
	e := wasmtest.MustBuild(t, p, "k8s_audit")
	batch := wasmtest.Bind(e.Wasm.Metadata(), events...)
	for _, tc := range []struct {
		name string
		opts abi.Options
		want []abi.Match
	}{
		{"first", abi.Options{}, []abi.Match{mt(0, 0)}},
		{"all", abi.Options{MatchAll: true}, []abi.Match{mt(0, 0), mt(0, 1)}},
		{"all enabled", abi.Options{MatchAll: true, Enabled: []bool{true, true, true}},
			[]abi.Match{mt(0, 0), mt(0, 1), mt(0, 2), mt(1, 2), mt(3, 2)}},
		{"only c", abi.Options{Enabled: []bool{false, false, true}}, []abi.Match{mt(0, 2), mt(1, 2), mt(3, 2)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.SetOptions(tc.opts)
			w, ref, err := e.Eval(batch)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w, tc.want) || !slices.Equal(ref, tc.want) {
				t.Errorf("wasm %v, interpreter %v, want %v", w, ref, tc.want)
			}
		})
	}
}

// TestLargeBatch crosses the module's batch size.
func TestLargeBatch(t *testing.T) {
	p, err := wasmtest.Load(toolchain.File{Name: "r.yaml", Data: []byte(threeRules)})
	if err != nil {
		t.Fatal(err)
	}
	e := wasmtest.MustBuild(t, p, "k8s_audit")
	var evs []wasmtest.Event
	for range 700 {
		evs = append(evs, events...)
	}
	w, ref, err := e.Eval(wasmtest.Bind(e.Wasm.Metadata(), evs...))
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 700 || !slices.Equal(w, ref) {
		t.Errorf("wasm %d matches, interpreter %d; equal %v", len(w), len(ref), slices.Equal(w, ref))
	}
}

func TestDeterministic(t *testing.T) {
	rules := []string{
		testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}
	var prev []byte
	for i := range 3 {
		mods, _, ds := toolchain.Compile(rules, toolchain.CompileOptions{})
		m := mods["k8s_audit"]
		if m == nil {
			t.Fatalf("no k8s_audit module: %v", ds)
		}
		if i > 0 && !bytes.Equal(m, prev) {
			t.Fatalf("compile %d differs from the previous one (%d vs %d bytes)", i, len(m), len(prev))
		}
		prev = m
	}
}

const syscallRules = `
- rule: open etc
  desc: d
  condition: evt.type in (open, openat) and fd.name startswith /etc
  output: o
  priority: WARNING
- rule: connect to server
  desc: d
  condition: evt.type in (connect, accept) and fd.sip = 10.0.0.1
  output: o
  priority: WARNING
- rule: connect to v4 server
  desc: d
  condition: evt.type = connect and fd.sip in (192.168.3.4, 10.1.2.3)
  output: o
  priority: WARNING
- rule: not v6 loopback
  desc: d
  condition: evt.type = accept and fd.sip != "::1"
  output: o
  priority: WARNING
- rule: bash anything
  desc: d
  condition: proc.name = bash
  output: o
  priority: WARNING
- rule: zsh not opening
  desc: d
  condition: not evt.type = open and proc.name = zsh
  output: o
  priority: WARNING
- rule: to private net
  desc: d
  condition: evt.type = connect and fd.snet in (192.168.0.0/16, "::ffff:10.0.0.0/104")
  output: o
  priority: WARNING
`

// untyped hides the EventType method: the host reads evt.type instead.
type untyped struct{ ev fields.Event }

func (u untyped) Field(i int, dst *fields.Value) bool { return u.ev.Field(i, dst) }

func ip(b ...byte) fields.Value { return fields.Value{S: b} }

func TestSyscallDispatchAndIPs(t *testing.T) {
	p, err := wasmtest.Load(toolchain.File{Name: "s.yaml", Data: []byte(syscallRules)})
	if err != nil {
		t.Fatal(err)
	}
	e := wasmtest.MustBuild(t, p, "syscall")
	if got := e.Wasm.Metadata().EventTypes; len(got) == 0 {
		t.Fatalf("module declares no event types")
	}
	mapped := append([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 10, 0, 0, 1)
	evs := []wasmtest.Event{
		{"evt.type": wasmtest.S("open"), "fd.name": wasmtest.S("/etc/passwd"), "proc.name": wasmtest.S("bash")},
		{"evt.type": wasmtest.S("connect"), "fd.sip": ip(10, 0, 0, 1)},
		{"evt.type": wasmtest.S("connect"), "fd.sip": ip(mapped...)},
		{"evt.type": wasmtest.S("connect"), "fd.sip": ip(192, 168, 3, 4)},
		{"evt.type": wasmtest.S("accept"), "fd.sip": ip(127, 0, 0, 1)},
		{"evt.type": wasmtest.S("accept"), "fd.sip": ip(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)},
		{"evt.type": wasmtest.S("execve"), "fd.name": wasmtest.S("/etc/x"), "proc.name": wasmtest.S("bash")},
		{"evt.type": wasmtest.S("connect"), "fd.sip": ip(append(mapped[:12:12], 10, 1, 2, 3)...)},
	}
	evs = append(evs, wasmtest.Event{"proc.name": wasmtest.S("zsh")}, wasmtest.Event{"evt.type": wasmtest.S("open"), "proc.name": wasmtest.S("zsh")},
		wasmtest.Event{"evt.type": wasmtest.S("connect"), "fd.snet": ip(192, 168, 3, 4)},
		wasmtest.Event{"evt.type": wasmtest.S("connect"), "fd.snet": ip(append(mapped[:12:12], 10, 1, 2, 3)...)},
		wasmtest.Event{"evt.type": wasmtest.S("connect"), "fd.snet": ip(11, 0, 0, 1)})
	e.SetOptions(abi.Options{MatchAll: true})
	typed := wasmtest.Bind(e.Wasm.Metadata(), evs...)
	var plain []fields.Event
	for _, ev := range typed {
		plain = append(plain, untyped{ev})
	}
	want := []abi.Match{mt(0, 0), mt(0, 4), mt(1, 1), mt(2, 1), mt(3, 2), mt(4, 3), mt(6, 4), mt(7, 2), mt(8, 5), mt(10, 6), mt(11, 6)}
	for name, batch := range map[string][]fields.Event{"typed": typed, "evt.type field": plain} {
		w, ref, err := e.Eval(batch)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(w, want) || !slices.Equal(ref, want) {
			t.Errorf("%s:\nwasm   %v\ninterp %v\nwant   %v", name, w, ref, want)
		}
	}
}

// TestCompatModulesValidate compiles Falco's syscall and k8s_audit rules
// and the default rules, and loads every module in wazero.
func TestCompatModulesValidate(t *testing.T) {
	sets := map[string][]string{
		"falco 0.31":           {testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"), testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml")},
		"falco stable syscall": {testenv.Compat(t, "syscall", "rules", "falco_rules.yaml")},
		"default":              {filepath.Join(testenv.RepoRoot(t), "rules", "syscall_rules.yaml"), filepath.Join(testenv.RepoRoot(t), "rules", "k8s_audit_rules.yaml")},
	}
	for name, files := range sets {
		mods, _, ds := toolchain.Compile(files, toolchain.CompileOptions{})
		if ds.HasErrors() || len(mods) == 0 {
			t.Fatalf("%s: %v", name, ds.Err())
		}
		for src, m := range mods {
			hm, err := wasmhost.Load(context.Background(), m, wasmtest.HostConfig())
			if err != nil {
				t.Errorf("%s %s: %v", name, src, err)
				continue
			}
			hm.Close(context.Background())
		}
	}
}
