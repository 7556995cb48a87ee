package codegen_test

import (
	"testing"

	"github.com/aeriesec/aerie/tests/wasmtest"
)

// evt.type tests read the staged event code: a module type answers
// directly; another type (connect is none of these rules' types) and a
// missing type fall back to the field.
func TestEventTypeFromCode(t *testing.T) {
	evs := []wasmtest.Event{
		{"evt.type": wasmtest.S("openat")},
		{"evt.type": wasmtest.S("execve")},
		{"evt.type": wasmtest.S("connect")},
		{},
	}
	for _, c := range []struct{ cond, want string }{
		{`evt.type in (openat, execve) and evt.type != execve`, "1000"},
		{`evt.type = execve`, "0100"},
		{`evt.type in (openat, execve) or evt.type != openat`, "1110"},
		{`evt.type != openat and (evt.type = execve or evt.type exists)`, "0110"},
		{`(evt.type = openat or evt.type = execve) and not evt.type in (execve, execveat)`, "1000"},
		{`not evt.type = execve`, "1011"},
	} {
		t.Run(c.cond, func(t *testing.T) {
			p, err := wasmtest.Load(syscallRule(c.cond))
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
			if got := bits(w, len(evs)); got != c.want {
				t.Errorf("wasm %s, want %s", got, c.want)
			}
		})
	}
}
