package probetest

import (
	"strings"

	"github.com/aeriesec/aerie/probes/state"
)

// GenericInit renames the recording machine's own init and agents (pid 1,
// programs run from a memfd or from a relative path) to a plain init, for
// captures that are committed as test fixtures: rules read the fixture's
// process tree, not the machine's supervisors above it.
func GenericInit(p *state.Process) {
	if p.Pid != 1 && !p.FromMemfd && strings.HasPrefix(p.ExePath, "/") {
		return
	}
	p.Comm, p.Exe, p.ExePath, p.FromMemfd, p.Args = "init", "/sbin/init", "/sbin/init", false, nil
}
