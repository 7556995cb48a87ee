package syscall

import (
	"strconv"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/state"
)

// procGet extracts one value of a process.
type procGet func(e *Event, p *state.Process, d *fields.Value) bool

func self(get procGet) extractFn {
	return func(_ *extractor, e *Event, d *fields.Value) bool { return e.Proc != nil && get(e, e.Proc, d) }
}

func parent(get procGet) extractFn {
	return func(_ *extractor, e *Event, d *fields.Value) bool { return len(e.Anc) > 0 && get(e, e.Anc[0], d) }
}

// ancestor is proc.aname[N] (0 the process, 1 the parent …). Without an
// index the field matches any ancestor (fields.Field.AnyOf): L lists every
// ancestor's value, parent first, numbers in decimal; S holds the parent's
// (N its number) for outputs. No ancestor known: missing.
func ancestor(get procGet) extractFn { return ancestorOf(get, false) }

// ancestorNum is ancestor for a numeric field.
func ancestorNum(get procGet) extractFn { return ancestorOf(get, true) }

func ancestorOf(get procGet, numeric bool) extractFn {
	return func(x *extractor, e *Event, d *fields.Value) bool {
		if e.Proc == nil {
			return false
		}
		if x.idx == 0 {
			return get(e, e.Proc, d)
		}
		if x.idx > 0 {
			return x.idx <= len(e.Anc) && get(e, e.Anc[x.idx-1], d)
		}
		return ancestors(e, get, d, numeric)
	}
}

func ancestors(e *Event, get procGet, d *fields.Value, numeric bool) bool {
	var one fields.Value
	for _, a := range e.Anc {
		one.S, one.N = d.S[:0], 0
		if !get(e, a, &one) {
			continue
		}
		d.S = one.S
		elem := one.S
		if numeric {
			elem = strconv.AppendInt(d.S[:0], int64(one.N), 10)
		}
		d.L = appendElem(d.L, elem)
		if len(d.L) == 1 {
			d.N = one.N
		}
	}
	if len(d.L) == 0 {
		return false
	}
	d.S = append(d.S[:0], d.L[0]...)
	return true
}

// appendElem appends a copy of b to l, reusing the spare element's array.
func appendElem(l [][]byte, b []byte) [][]byte {
	if len(l) < cap(l) {
		l = l[:len(l)+1]
		l[len(l)-1] = append(l[len(l)-1][:0], b...)
		return l
	}
	return append(l, append([]byte(nil), b...))
}

// find returns the process with pid among the process and its ancestors.
func find(e *Event, pid int64) *state.Process {
	if e.Proc != nil && e.Proc.Pid == pid {
		return e.Proc
	}
	for _, a := range e.Anc {
		if a.Pid == pid {
			return a
		}
	}
	return nil
}

func byPid(pidOf func(p *state.Process) int64, get procGet) extractFn {
	return func(_ *extractor, e *Event, d *fields.Value) bool {
		if e.Proc == nil {
			return false
		}
		q := find(e, pidOf(e.Proc))
		return q != nil && get(e, q, d)
	}
}

func pName(_ *Event, p *state.Process, d *fields.Value) bool    { return p.Comm != "" && str(d, p.Comm) }
func pExe(_ *Event, p *state.Process, d *fields.Value) bool     { return str(d, p.Exe) }
func pExePath(_ *Event, p *state.Process, d *fields.Value) bool { return str(d, p.ExePath) }
func pPid(_ *Event, p *state.Process, d *fields.Value) bool     { return num(d, p.Pid) }
func pArgs(_ *Event, p *state.Process, d *fields.Value) bool {
	return str(d, strings.Join(p.Args, " "))
}

func pCmdline(_ *Event, p *state.Process, d *fields.Value) bool {
	d.S = append(d.S[:0], p.Comm...)
	for _, a := range p.Args {
		d.S = append(append(d.S, ' '), a...)
	}
	return true
}

func startNS(e *Event, p *state.Process) (int64, bool) {
	if p.StartTS == 0 {
		return 0, false
	}
	return int64(p.StartTS), true
}

func pDuration(e *Event, p *state.Process, d *fields.Value) bool {
	s, ok := startNS(e, p)
	return ok && num(d, int64(e.Rec.TS)-s)
}

func pStartTS(e *Event, p *state.Process, d *fields.Value) bool {
	s, ok := startNS(e, p)
	return ok && num(d, s+(e.Time-int64(e.Rec.TS)))
}

var shells = map[string]bool{"ash": true, "bash": true, "csh": true, "ksh": true, "sh": true, "tcsh": true,
	"zsh": true, "dash": true, "fish": true}

func init() {
	def("proc.pid", self(pPid))
	def("proc.ppid", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, p.PPid) }))
	def("proc.apid", ancestorNum(pPid))
	def("proc.vpid", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, p.VPid) }))
	def("proc.pvpid", parent(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, p.VPid) }))
	def("proc.sid", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, p.Sid) }))
	def("proc.vpgid", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, p.VPgid) }))
	def("proc.name", self(pName))
	def("proc.pname", parent(pName))
	def("proc.aname", ancestor(pName))
	def("proc.exe", self(pExe))
	def("proc.pexe", parent(pExe))
	def("proc.aexe", ancestor(pExe))
	def("proc.exepath", self(pExePath))
	def("proc.pexepath", parent(pExePath))
	def("proc.aexepath", ancestor(pExePath))
	def("proc.args", self(pArgs))
	def("proc.cmdline", self(pCmdline))
	def("proc.pcmdline", parent(pCmdline))
	def("proc.acmdline", ancestor(pCmdline))
	def("proc.exeline", self(func(_ *Event, p *state.Process, d *fields.Value) bool {
		return str(d, strings.Join(append([]string{p.Exe}, p.Args...), " "))
	}))
	def("proc.cmdnargs", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, int64(len(p.Args))) }))
	def("proc.cmdlenargs", self(func(_ *Event, p *state.Process, d *fields.Value) bool {
		n := 0
		for _, a := range p.Args {
			n += len(a)
		}
		return num(d, int64(n))
	}))
	def("proc.env", procEnv)
	def("proc.aenv", missing)
	def("proc.cwd", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return p.Cwd != "" && str(d, p.CwdDir()) }))
	def("proc.tty", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, int64(p.TTY)) }))
	def("proc.loginshellid", self(func(e *Event, p *state.Process, d *fields.Value) bool {
		id := int64(-1)
		if shells[p.Comm] {
			id = p.Pid
		}
		for _, a := range e.Anc {
			if shells[a.Comm] {
				id = a.Pid
			}
		}
		return id >= 0 && num(d, id)
	}))
	sid := func(p *state.Process) int64 { return p.Sid }
	pgid := func(p *state.Process) int64 { return p.Pgid }
	def("proc.sname", byPid(sid, pName))
	def("proc.sid.exe", byPid(sid, pExe))
	def("proc.sid.exepath", byPid(sid, pExePath))
	def("proc.vpgid.name", byPid(pgid, pName))
	def("proc.vpgid.exe", byPid(pgid, pExe))
	def("proc.vpgid.exepath", byPid(pgid, pExePath))
	def("proc.duration", self(pDuration))
	def("proc.ppid.duration", parent(pDuration))
	def("proc.pid.ts", self(pStartTS))
	def("proc.ppid.ts", parent(pStartTS))
	def("proc.is_exe_writable", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return boolean(d, p.ExeFlags&1 != 0) }))
	def("proc.is_exe_upper_layer", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return boolean(d, p.ExeFlags&2 != 0) }))
	def("proc.is_exe_from_memfd", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return boolean(d, p.FromMemfd) }))
	def("proc.is_sid_leader", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return boolean(d, p.Sid == p.Pid) }))
	def("proc.is_vpgid_leader", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return boolean(d, p.Pgid == p.Pid) }))
	def("proc.exe_ino", self(func(_ *Event, p *state.Process, d *fields.Value) bool {
		return p.ExeIno != 0 && num(d, int64(p.ExeIno))
	}))
	def("proc.exe_ino.ctime", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return p.ExeCtime != 0 && unum(d, p.ExeCtime) }))
	def("proc.exe_ino.mtime", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return p.ExeMtime != 0 && unum(d, p.ExeMtime) }))
	def("proc.exe_ino.ctime_duration_proc_start", self(func(e *Event, p *state.Process, d *fields.Value) bool {
		s, ok := startNS(e, p)
		return ok && p.ExeCtime != 0 && num(d, s+(e.Time-int64(e.Rec.TS))-int64(p.ExeCtime))
	}))
	def("proc.exe_ino.ctime_duration_pidns_start", self(func(e *Event, p *state.Process, d *fields.Value) bool {
		return p.PidNSStart != 0 && p.ExeCtime != 0 && num(d, int64(p.ExeCtime)-(int64(p.PidNSStart)+e.Time-int64(e.Rec.TS)))
	}))
	def("proc.pidns_init_start_ts", self(func(e *Event, p *state.Process, d *fields.Value) bool {
		return p.PidNSStart != 0 && num(d, int64(p.PidNSStart)+e.Time-int64(e.Rec.TS))
	}))
	for _, n := range []string{"proc.is_container_healthcheck", "proc.is_container_liveness_probe", "proc.is_container_readiness_probe"} {
		def(n, self(func(_ *Event, _ *state.Process, d *fields.Value) bool { return boolean(d, false) }))
	}
	def("proc.fdopencount", evtFn(func(e *Event, d *fields.Value) bool { return e.Proc != nil && num(d, int64(e.FDCount)) }))
	for _, n := range []string{"proc.fdlimit", "proc.fdusage", "proc.vmsize", "proc.vmrss", "proc.vmswap", "proc.nchilds"} {
		def(n, missing)
	}
	def("proc.nthreads", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return num(d, int64(max(p.Threads, 1))) }))
	threadFields()
}

func threadFields() {
	def("thread.tid", evtFn(func(e *Event, d *fields.Value) bool { return num(d, int64(e.Rec.Tid)) }))
	def("thread.vtid", evtFn(func(e *Event, d *fields.Value) bool {
		return e.Proc != nil && e.Proc.VPid == e.Proc.Pid && num(d, int64(e.Rec.Tid))
	}))
	def("thread.ismain", evtFn(func(e *Event, d *fields.Value) bool { return boolean(d, e.Rec.Tid == e.Rec.Tgid) }))
	def("thread.cap_permitted", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return str(d, renderCaps(p.CapPrm)) }))
	def("thread.cap_inheritable", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return str(d, renderCaps(p.CapInh)) }))
	def("thread.cap_effective", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return str(d, renderCaps(p.CapEff)) }))
	def("thread.cgroups", self(func(_ *Event, p *state.Process, d *fields.Value) bool {
		return len(p.Cgroups) > 0 && str(d, strings.Join(p.Cgroups, " "))
	}))
	for _, n := range []string{"thread.cgroup", "thread.pfmajor", "thread.pfminor", "thread.vmsize", "thread.vmrss",
		"thread.exectime", "thread.totexectime"} {
		def(n, missing)
	}
}

// procEnv is the environment as NAME=value text separated by spaces, or
// with proc.env[NAME] one variable's value; missing when the environment
// is not known (processes of captures recorded before the probe sent it).
func procEnv(x *extractor, e *Event, d *fields.Value) bool {
	if e.Proc == nil || e.Proc.Env == nil {
		return false
	}
	if !x.hasArg {
		return str(d, strings.Join(e.Proc.Env, " "))
	}
	for _, kv := range e.Proc.Env {
		if name, v, ok := strings.Cut(kv, "="); ok && name == x.key {
			return str(d, v)
		}
	}
	return false
}
