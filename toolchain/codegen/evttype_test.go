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
			if w, _ := evalSyscall(t, c.cond, evs); w != c.want {
				t.Errorf("wasm %s, want %s", w, c.want)
			}
		})
	}
}
