package probetest

import (
	"testing"

	"github.com/aeriesec/aerie/probes/state"
)

// GenericInit renames pid 1 and programs run from a memfd or a relative
// path, and leaves ordinary processes alone.
func TestGenericInit(t *testing.T) {
	for _, c := range []struct {
		p       state.Process
		renamed bool
	}{
		{state.Process{Pid: 1, Comm: "sandbox_init", Exe: "/sandbox_init"}, true},
		{state.Process{Pid: 40, Comm: "memfd:agent", ExePath: "/memfd:agent (deleted)", FromMemfd: true}, true},
		{state.Process{Pid: 41, Comm: "agent", Exe: "tools/agent", ExePath: ""}, true},
		{state.Process{Pid: 42, Comm: "bash", Exe: "bash", ExePath: "/usr/bin/bash", Args: []string{"-l"}}, false},
	} {
		p := c.p
		GenericInit(&p)
		if renamed := p.Comm == "init" && p.ExePath == "/sbin/init" && !p.FromMemfd && p.Args == nil; renamed != c.renamed {
			t.Errorf("pid %d: %+v (renamed %v, want %v)", c.p.Pid, p, renamed, c.renamed)
		}
	}
}
