package syscall

import (
	"time"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/record"
)

// table maps catalog field names to extractors; bind_test checks it covers
// the whole catalog.
var table = map[string]extractFn{}

func def(name string, fn extractFn) {
	if _, dup := table[name]; dup {
		panic("BUG: extractor defined twice: " + name)
	}
	table[name] = fn
}

func evtFn(fn func(e *Event, dst *fields.Value) bool) extractFn {
	return func(_ *extractor, e *Event, dst *fields.Value) bool { return fn(e, dst) }
}

func missing(*extractor, *Event, *fields.Value) bool { return false }

func timeFmt(layout string) extractFn {
	return evtFn(func(e *Event, dst *fields.Value) bool {
		dst.S = time.Unix(0, e.Time).AppendFormat(dst.S[:0], layout)
		return true
	})
}

func init() {
	def("evt.num", evtFn(func(e *Event, d *fields.Value) bool { return unum(d, e.Num) }))
	def("evt.time", timeFmt("15:04:05.000000000"))
	def("evt.time.s", timeFmt("15:04:05"))
	def("evt.time.iso8601", evtFn(func(e *Event, d *fields.Value) bool {
		d.S = time.Unix(0, e.Time).UTC().AppendFormat(d.S[:0], "2006-01-02T15:04:05.000000000Z")
		return true
	}))
	def("evt.datetime", timeFmt("2006-01-02 15:04:05.000000000"))
	def("evt.datetime.s", timeFmt("2006-01-02 15:04:05"))
	def("evt.rawtime", evtFn(func(e *Event, d *fields.Value) bool { return num(d, e.Time) }))
	def("evt.rawtime.s", evtFn(func(e *Event, d *fields.Value) bool { return num(d, e.Time/1e9) }))
	def("evt.rawtime.ns", evtFn(func(e *Event, d *fields.Value) bool { return num(d, e.Time%1e9) }))
	def("evt.reltime", evtFn(func(e *Event, d *fields.Value) bool { return num(d, e.Time-e.Start) }))
	def("evt.latency", evtFn(func(e *Event, d *fields.Value) bool { return num(d, 0) }))
	def("evt.dir", evtFn(func(e *Event, d *fields.Value) bool { return str(d, "<") }))
	def("evt.type", evtFn(func(e *Event, d *fields.Value) bool { return str(d, e.typ) }))
	def("syscall.type", evtFn(func(e *Event, d *fields.Value) bool {
		return e.Rec.Kind != record.KindExit && str(d, e.typ)
	}))
	def("evt.category", evtFn(func(e *Event, d *fields.Value) bool { return str(d, category(e)) }))
	def("evt.cpu", evtFn(func(e *Event, d *fields.Value) bool { return num(d, int64(e.Rec.CPU)) }))
	def("evt.args", evtFn(func(e *Event, d *fields.Value) bool { return str(d, renderArgs(e)) }))
	def("evt.info", evtFn(func(e *Event, d *fields.Value) bool { return str(d, renderArgs(e)) }))
	def("evt.arg", argField(false))
	def("evt.rawarg", argField(true))
	def("evt.buffer", missing)
	def("evt.buflen", missing)
	def("evt.res", evtFn(func(e *Event, d *fields.Value) bool {
		if !hasRes(e) {
			return false
		}
		if e.Rec.Ret < 0 && e.Rec.Kind == record.KindSyscall {
			return str(d, errnoName(-e.Rec.Ret))
		}
		return str(d, "SUCCESS")
	}))
	def("evt.rawres", evtFn(func(e *Event, d *fields.Value) bool { return hasRes(e) && num(d, e.Rec.Ret) }))
	def("evt.failed", evtFn(func(e *Event, d *fields.Value) bool {
		return boolean(d, e.Rec.Kind == record.KindSyscall && e.Rec.Ret < 0)
	}))
	for _, n := range []string{"evt.is_io", "evt.is_io_read", "evt.is_io_write"} {
		def(n, ioField(n))
	}
	def("evt.io_dir", evtFn(func(e *Event, d *fields.Value) bool {
		switch ioKind[e.typ] {
		case 'r':
			return str(d, "r")
		case 'w':
			return str(d, "w")
		}
		return false
	}))
	def("evt.is_wait", evtFn(func(e *Event, d *fields.Value) bool { return boolean(d, false) }))
	def("evt.is_syslog", evtFn(func(e *Event, d *fields.Value) bool {
		return boolean(d, e.FD != nil && e.FD.Name == "/dev/log" && ioKind[e.typ] == 'w')
	}))
	def("evt.is_open_read", openCheck(func(f, _ uint64, _ bool) bool { return f&3 == 0 || f&3 == 2 }))
	def("evt.is_open_write", openCheck(func(f, _ uint64, _ bool) bool { return f&3 == 1 || f&3 == 2 }))
	def("evt.is_open_exec", openCheck(func(f, mode uint64, ok bool) bool { return ok && f&0o100 != 0 && mode&0o111 != 0 }))
	def("evt.is_open_create", openCheck(func(f, _ uint64, ok bool) bool { return ok && f&0o100 != 0 }))
	def("evt.count", evtFn(func(e *Event, d *fields.Value) bool { return num(d, 1) }))
	def("evt.hostname", evtFn(func(e *Event, d *fields.Value) bool { return str(d, e.Host) }))
	def("evt.source", evtFn(func(e *Event, d *fields.Value) bool { return str(d, fields.SourceSyscall) }))
	def("evt.abspath", evtFn(func(e *Event, d *fields.Value) bool {
		p := e.Path
		if e.typ == "symlink" || e.typ == "symlinkat" {
			p = e.Path2
		}
		return p != "" && str(d, p)
	}))
}

func hasRes(e *Event) bool { return e.Rec.Kind != record.KindExit }

var openTypes = map[string]int{"open": 2, "openat": 3, "openat2": -1, "creat": 1}

// openCheck evaluates a predicate on an open event's flags and mode; false
// for every other event.
func openCheck(pred func(flags, mode uint64, success bool) bool) extractFn {
	return evtFn(func(e *Event, d *fields.Value) bool {
		mi, ok := openTypes[e.typ]
		if !ok || e.Rec.Kind != record.KindSyscall {
			return boolean(d, false)
		}
		var mode uint64
		if mi >= 0 {
			mode = e.Rec.Args[mi]
		}
		return boolean(d, pred(uint64(openFlagsOf(e)), mode, e.Rec.Ret >= 0))
	})
}

var ioKind = map[string]byte{"read": 'r', "readv": 'r', "pread64": 'r', "recvfrom": 'r', "recvmsg": 'r',
	"write": 'w', "writev": 'w', "pwrite64": 'w', "sendto": 'w', "sendmsg": 'w'}

func ioField(name string) extractFn {
	return evtFn(func(e *Event, d *fields.Value) bool {
		k := ioKind[e.typ]
		switch name {
		case "evt.is_io_read":
			return boolean(d, k == 'r')
		case "evt.is_io_write":
			return boolean(d, k == 'w')
		}
		return boolean(d, k != 0)
	})
}

func category(e *Event) string {
	switch {
	case e.Rec.Kind != record.KindSyscall:
		return "process"
	case openTypes[e.typ] != 0 || e.typ == "openat2":
		return "file"
	case e.FD != nil && e.FD.Type.IsSocket():
		return "net"
	}
	switch e.typ {
	case "socket", "connect", "accept", "accept4", "bind", "listen", "sendto", "sendmsg", "recvfrom", "recvmsg":
		return "net"
	case "execve", "execveat", "clone", "clone3", "fork", "vfork", "ptrace", "kill", "prctl":
		return "process"
	case "setuid", "setgid", "setresuid", "setresgid", "setreuid", "setregid", "setsid":
		return "user"
	}
	return "file"
}

// argField is evt.arg.<name> / evt.arg[N] (rendered) or evt.rawarg.<name> (raw).
func argField(raw bool) extractFn {
	return func(x *extractor, e *Event, d *fields.Value) bool {
		var a arg
		var ok bool
		if x.idx >= 0 {
			args := argsOf(e)
			if ok = x.idx < len(args); ok {
				a = args[x.idx]
			}
		} else {
			a, ok = findArg(e, x.key)
		}
		if !ok {
			return false
		}
		text, n, present := a.get(e)
		if !present {
			return false
		}
		if raw {
			return num(d, n)
		}
		return str(d, text)
	}
}
