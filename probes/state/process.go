// Package state keeps the process and fd tables the syscall source's
// fields read: seeded from /proc at start (or from a capture's snapshot),
// then kept by applying probe records in order (exec, fork, exit, open,
// socket, connect, dup, close, chdir …). It also holds user and group
// names and container ids from cgroups.
//
// It may import probes/record and the standard library (plus x/sys).
package state

import "slices"

// Process is one thread group (tgid), as the fields see it.
type Process struct {
	Pid, PPid, Sid, Pgid int64
	VPid, VPgid          int64
	Comm                 string   // task comm
	Exe                  string   // argv[0]
	ExePath              string   // full executable path
	Args                 []string // argv[1:]
	Env                  []string `json:",omitempty"` // NAME=value, at most 4 KiB in all; nil when unknown
	Cwd                  string   // absolute, without a trailing slash (except "/")
	TTY                  uint32
	UID, GID, LoginUID   uint32
	CapEff, CapPrm       uint64
	CapInh               uint64
	ExeFlags             uint32 // record.Exe*
	FromMemfd            bool
	ExeIno               uint64
	ExeCtime, ExeMtime   uint64 // ns since the epoch
	StartTS              uint64 // boot ns
	PidNSStart           uint64 // boot ns
	Container            string // 12-hex id or "host"
	ContainerFull        string
	PodUID               string   // from the pod's cgroup name, "" outside pods
	Cgroups              []string // leaf cgroup names
	Threads              int      // threads when read from /proc
	FDs                  *FDTable `json:"-"`

	anc    []*Process // cached ancestors (Table.Ancestors)
	ancGen uint64
}

// clone copies p for a forked child (the fd table is copied unless shared).
func (p *Process) clone(shareFDs bool) *Process {
	c := *p
	c.Args = slices.Clone(p.Args)
	c.Threads = 1
	c.anc = nil
	if !shareFDs {
		c.FDs = p.FDs.Clone()
	}
	return &c
}

// CwdDir is the cwd with a trailing slash, as Falco's proc.cwd shows it.
func (p *Process) CwdDir() string {
	if p.Cwd == "" || p.Cwd[len(p.Cwd)-1] == '/' {
		return p.Cwd
	}
	return p.Cwd + "/"
}
