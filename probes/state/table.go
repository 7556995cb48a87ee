package state

import (
	"path"
	"strings"

	"github.com/aeriesec/aerie/probes/record"
)

// Table is the process table. It is not safe for concurrent use: one
// goroutine applies records. Processes and FDs are copy-on-write: once an
// event holds a *Process or *FD, later records never change it, so events
// can be evaluated on other goroutines after their record was applied.
type Table struct {
	procs map[uint32]*Process
	env   map[uint32][]string // environments of execs whose record is next
	gen   uint64              // bumped whenever a process is replaced or removed
	Users *Users
	// Fill, when set, is asked for a process the table does not know (live
	// runs read /proc); nil or a nil result creates a bare entry.
	Fill func(tgid uint32) *Process
	// BootEpoch is wall-clock ns at boot: record times plus BootEpoch are
	// ns since the Unix epoch.
	BootEpoch int64
}

// NewTable returns an empty table.
func NewTable(users *Users, bootEpoch int64) *Table {
	if users == nil {
		users = &Users{Users: map[uint32]User{}, Groups: map[uint32]string{}}
	}
	return &Table{procs: map[uint32]*Process{}, env: map[uint32][]string{}, Users: users, BootEpoch: bootEpoch}
}

// Ctx is what applying one record established, for its fields.
type Ctx struct {
	Proc        *Process // the process after the event (exec: the new image)
	FD          *FD      // the event's fd: new, used, or just closed; nil when none
	NameChanged bool     // the event changed the fd's name (sendto to a new peer)
	Path, Raw   string   // first path argument: resolved and as passed
	Path2, Raw2 string   // second path argument
}

// Get returns the process of tgid, or nil.
func (t *Table) Get(tgid uint32) *Process { return t.procs[tgid] }

// Put installs p as the process of p.Pid.
func (t *Table) Put(p *Process) {
	if p.FDs == nil {
		p.FDs = NewFDTable()
	}
	if p.Container == "" {
		p.Container, p.ContainerFull = containerID(p.Cgroups)
	}
	t.procs[uint32(p.Pid)] = p
}

// Len is the number of processes.
func (t *Table) Len() int { return len(t.procs) }

// Each calls fn for every process.
func (t *Table) Each(fn func(*Process)) {
	for _, p := range t.procs {
		fn(p)
	}
}

// Remove drops a process (the purge of vanished pids).
func (t *Table) Remove(tgid uint32) {
	delete(t.procs, tgid)
	t.gen++
}

// replace installs a copy of p for modification (copy-on-write) and
// returns it; the fd table stays shared.
func (t *Table) replace(p *Process) *Process {
	c := *p
	c.anc = nil
	t.procs[uint32(p.Pid)] = &c
	t.gen++
	return &c
}

// Ancestors returns p's ancestors, parent first, as they are now. The slice
// is shared and read-only; it is cached until a process changes.
func (t *Table) Ancestors(p *Process) []*Process {
	if p.anc != nil && p.ancGen == t.gen {
		return p.anc
	}
	anc := make([]*Process, 0, 8)
	for q := p; len(anc) < 64; {
		if q.PPid <= 0 || q.PPid == q.Pid {
			break
		}
		if q = t.procs[uint32(q.PPid)]; q == nil {
			break
		}
		anc = append(anc, q)
	}
	p.anc, p.ancGen = anc, t.gen
	return anc
}

func (t *Table) proc(tgid uint32) *Process {
	if p := t.procs[tgid]; p != nil {
		return p
	}
	var p *Process
	if t.Fill != nil {
		p = t.Fill(tgid)
	}
	if p == nil {
		p = &Process{Pid: int64(tgid), Threads: 1}
	}
	t.Put(p)
	return p
}

// Apply updates the tables with r and fills c for r's fields.
func (t *Table) Apply(r *record.Record, c *Ctx) {
	*c = Ctx{}
	switch r.Kind {
	case record.KindExec:
		c.Proc = t.exec(r)
	case record.KindFork:
		c.Proc = t.fork(r)
	case record.KindExit:
		c.Proc = t.exit(r)
	case record.KindEnv:
		t.env[r.Tgid] = record.Components(r.Params[record.ParamEnv])
		c.Proc = t.proc(r.Tgid)
	default:
		p := t.proc(r.Tgid)
		c.Proc = p
		if h := handlers[r.NR]; h != nil {
			h(t, r, p, c)
		}
	}
}

func (t *Table) exec(r *record.Record) *Process {
	p := t.replace(t.proc(r.Tgid))
	x, _ := r.Exec()
	filename := r.Str(record.ParamFilename)
	argv := record.Components(r.Params[record.ParamArgv])
	p.Comm = comm(filename)
	p.Exe, p.Args = "", nil
	if len(argv) > 0 {
		p.Exe, p.Args = argv[0], argv[1:]
	}
	p.ExePath = record.JoinReversed(r.Params[record.ParamExePath])
	leaf := path.Base(p.ExePath)
	p.FromMemfd = strings.HasPrefix(leaf, "memfd:") && x.ExeNlink == 0
	if x.ExeNlink == 0 {
		p.ExePath += " (deleted)"
	}
	if len(r.Params[record.ParamCwd]) > 0 {
		p.Cwd = record.JoinReversed(r.Params[record.ParamCwd])
	}
	p.PPid, p.Sid, p.Pgid = int64(x.PPid), int64(x.Sid), int64(x.Pgid)
	p.VPid, p.VPgid, p.TTY = int64(x.VPid), int64(x.VPgid), x.TTY
	p.CapEff, p.CapPrm, p.CapInh = x.CapEff, x.CapPrm, x.CapInh
	p.ExeFlags, p.ExeIno, p.ExeCtime, p.ExeMtime = x.Flags, x.ExeIno, x.ExeCtime, x.ExeMtime
	p.StartTS, p.PidNSStart = x.StartTS, x.PidNSStart
	p.Env = t.env[r.Tgid] // nil when the probe sent none (older captures)
	delete(t.env, r.Tgid)
	p.Cgroups = record.Components(r.Params[record.ParamCgroups])
	p.Container, p.ContainerFull = containerID(p.Cgroups)
	p.PodUID = podUID(p.Cgroups)
	p.FDs.closeOnExec()
	return p
}

// comm is what the kernel puts in task->comm: the file name, 15 bytes at most.
func comm(filename string) string {
	b := path.Base(filename)
	if len(b) > 15 {
		b = b[:15]
	}
	return b
}

func (t *Table) fork(r *record.Record) *Process {
	f, _ := r.Fork()
	parent := t.proc(f.ParentTgid)
	if r.Tgid == f.ParentTgid {
		return parent
	}
	child := parent.clone(f.SharesFiles)
	child.Pid, child.PPid, child.StartTS = int64(r.Tgid), int64(f.RealParent), f.StartTS
	if child.VPid == child.Pid || child.VPid == 0 {
		child.VPid = child.Pid
	}
	t.procs[r.Tgid] = child
	return child
}

func (t *Table) exit(r *record.Record) *Process {
	p := t.procs[r.Tgid]
	if p == nil {
		return &Process{Pid: int64(r.Tgid), Container: HostContainer, FDs: NewFDTable()}
	}
	if r.Args[0] != 0 { // the whole thread group is gone
		delete(t.procs, r.Tgid)
		delete(t.env, r.Tgid)
		t.gen++
		t.reparent(p.Pid, int64(r.Args[1]))
	}
	return p
}

// reparent gives the children of an exited process to its reaper, as the
// kernel does (0: the reaper is unknown; children keep the stale ppid).
func (t *Table) reparent(pid, reaper int64) {
	if reaper <= 0 {
		return
	}
	var kids []*Process
	for _, q := range t.procs {
		if q.PPid == pid {
			kids = append(kids, q)
		}
	}
	for _, q := range kids {
		t.replace(q).PPid = reaper
	}
}

// Ancestor returns the n-th ancestor of p (1 the parent), or nil.
func (t *Table) Ancestor(p *Process, n int) *Process {
	for i := 0; i < n && p != nil; i++ {
		if p.PPid <= 0 || p.PPid == p.Pid {
			return nil
		}
		p = t.procs[uint32(p.PPid)]
	}
	return p
}
