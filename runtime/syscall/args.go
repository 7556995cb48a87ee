package syscall

import (
	"strconv"
	"strings"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
)

// arg is one named event argument: its rendered text and raw value.
type arg struct {
	name string
	get  func(e *Event) (text string, raw int64, ok bool)
}

func sint(v uint64) int64 { return int64(int32(v)) }

func res() arg {
	return arg{"res", func(e *Event) (string, int64, bool) { return strconv.FormatInt(e.Rec.Ret, 10), e.Rec.Ret, true }}
}

func fdRes() arg {
	return arg{"fd", func(e *Event) (string, int64, bool) { return strconv.FormatInt(e.Rec.Ret, 10), e.Rec.Ret, true }}
}

func intArg(name string, i int) arg {
	return arg{name, func(e *Event) (string, int64, bool) {
		v := sint(e.Rec.Args[i])
		return strconv.FormatInt(v, 10), v, true
	}}
}

func hexArg(name string, i int) arg {
	return arg{name, func(e *Event) (string, int64, bool) {
		v := e.Rec.Args[i]
		return "0x" + strconv.FormatUint(v, 16), int64(v), true
	}}
}

func strArg(name string, get func(e *Event) string) arg {
	return arg{name, func(e *Event) (string, int64, bool) { return get(e), 0, true }}
}

func path1(e *Event) string { return e.Path }
func path2(e *Event) string { return e.Path2 }
func raw1(e *Event) string  { return e.Raw }

func openFlags() arg {
	return arg{"flags", func(e *Event) (string, int64, bool) {
		f := uint64(state.OpenFlags(&e.Rec))
		return renderOpenFlags(f), int64(f), true
	}}
}

func exeFlags(e *Event) uint64 {
	if e.Proc == nil {
		return 0
	}
	f := uint64(e.Proc.ExeFlags)
	if e.Proc.FromMemfd {
		f |= 8
	}
	return f
}

var openArgs = []arg{fdRes(), strArg("name", path1), openFlags(), hexArg("mode", 2)}

var execArgs = []arg{
	res(),
	strArg("exe", func(e *Event) string { return e.Proc.Exe }),
	strArg("args", func(e *Event) string { return strings.Join(e.Proc.Args, " ") }),
	arg{"tid", func(e *Event) (string, int64, bool) { return u32s(e.Rec.Tid), int64(e.Rec.Tid), true }},
	arg{"pid", func(e *Event) (string, int64, bool) { return u32s(e.Rec.Tgid), int64(e.Rec.Tgid), true }},
	arg{"ptid", func(e *Event) (string, int64, bool) {
		return strconv.FormatInt(e.Proc.PPid, 10), e.Proc.PPid, true
	}},
	strArg("cwd", func(e *Event) string { return e.Proc.CwdDir() }),
	strArg("comm", func(e *Event) string { return e.Proc.Comm }),
	arg{"tty", func(e *Event) (string, int64, bool) { return u32s(e.Proc.TTY), int64(e.Proc.TTY), true }},
	arg{"flags", func(e *Event) (string, int64, bool) {
		f := exeFlags(e)
		return renderFlags(f, exeFlagNames), int64(f), true
	}},
	arg{"uid", func(e *Event) (string, int64, bool) { return u32s(e.Rec.UID), int64(e.Rec.UID), true }},
	strArg("trusted_exepath", func(e *Event) string { return e.Proc.ExePath }),
}

func u32s(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

var tupleArg = arg{"tuple", func(e *Event) (string, int64, bool) {
	if e.FD == nil || !e.FD.Type.IsSocket() {
		return "", 0, false
	}
	return e.FD.Name, 0, true
}}

// eventArgs are the arguments of each event type, in Falco's order.
var eventArgs = map[string][]arg{
	"open": openArgs, "openat": {fdRes(), intArg("dirfd", 0), strArg("name", path1), openFlags(), hexArg("mode", 3)},
	"openat2": {fdRes(), intArg("dirfd", 0), strArg("name", path1), openFlags()},
	"creat":   {fdRes(), strArg("name", path1), hexArg("mode", 1)},
	"execve":  execArgs, "execveat": {res(), intArg("dirfd", 0), strArg("pathname", path1)},
	"connect": {res(), tupleArg, intArg("fd", 0)},
	"accept":  {fdRes(), tupleArg}, "accept4": {fdRes(), tupleArg, intArg("flags", 3)},
	"bind":      {res(), intArg("fd", 0)},
	"sendto":    {res(), intArg("fd", 0), intArg("size", 2), tupleArg},
	"sendmsg":   {res(), intArg("fd", 0), intArg("size", 2), tupleArg},
	"socket":    {fdRes(), familyArg, intArg("type", 1), intArg("proto", 2)},
	"symlink":   {res(), strArg("target", raw1), strArg("linkpath", path2)},
	"symlinkat": {res(), strArg("target", raw1), intArg("linkdirfd", 1), strArg("linkpath", path2)},
	"link":      {res(), strArg("oldpath", path1), strArg("newpath", path2)},
	"linkat":    {res(), intArg("olddir", 0), strArg("oldpath", path1), intArg("newdir", 2), strArg("newpath", path2), intArg("flags", 4)},
	"rename":    {res(), strArg("oldpath", path1), strArg("newpath", path2)},
	"renameat":  {res(), intArg("olddirfd", 0), strArg("oldpath", path1), intArg("newdirfd", 2), strArg("newpath", path2)},
	"renameat2": {res(), intArg("olddirfd", 0), strArg("oldpath", path1), intArg("newdirfd", 2), strArg("newpath", path2), intArg("flags", 4)},
	"unlink":    {res(), strArg("path", path1)}, "unlinkat": {res(), intArg("dirfd", 0), strArg("name", path1), intArg("flags", 2)},
	"mkdir": {res(), strArg("path", path1), hexArg("mode", 1)}, "mkdirat": {res(), intArg("dirfd", 0), strArg("path", path1), hexArg("mode", 2)},
	"rmdir": {res(), strArg("path", path1)},
	"chdir": {res(), strArg("path", path1)}, "fchdir": {res(), intArg("fd", 0)},
	"dup": {res(), intArg("oldfd", 0)}, "dup2": {res(), intArg("oldfd", 0), intArg("newfd", 1)},
	"dup3":         {res(), intArg("oldfd", 0), intArg("newfd", 1), intArg("flags", 2)},
	"close":        {res(), intArg("fd", 0)},
	"init_module":  {res(), intArg("length", 1), strArg("uargs", func(*Event) string { return "" })},
	"finit_module": {res(), intArg("fd", 0), intArg("flags", 2)},
	"ptrace":       {res(), hexArg("addr", 2), hexArg("data", 3), ptraceRequest, intArg("pid", 1)},
	"setuid":       {res(), intArg("uid", 0)}, "setgid": {res(), intArg("gid", 0)},
	"setresuid": {res(), intArg("ruid", 0), intArg("euid", 1), intArg("suid", 2)},
	"setresgid": {res(), intArg("rgid", 0), intArg("egid", 1), intArg("sgid", 2)},
	"setreuid":  {res(), intArg("ruid", 0), intArg("euid", 1)}, "setregid": {res(), intArg("rgid", 0), intArg("egid", 1)},
	"setsid":       {res()},
	"memfd_create": {fdRes(), strArg("name", raw1), intArg("flags", 1)},
	"kill":         {res(), intArg("pid", 0), intArg("sig", 1)},
	"mount":        {res(), strArg("dev", raw1), strArg("dir", path2)},
	"chmod":        {res(), strArg("filename", path1), hexArg("mode", 1)},
	"procexit":     {arg{"status", func(e *Event) (string, int64, bool) { return strconv.FormatInt(e.Rec.Ret, 10), e.Rec.Ret, true }}},
	"clone":        {res(), strArg("exe", func(e *Event) string { return e.Proc.Exe }), strArg("args", func(e *Event) string { return strings.Join(e.Proc.Args, " ") })},
}

var familyArg = arg{"domain", func(e *Event) (string, int64, bool) {
	return renderFamily(e.Rec.Args[0]), int64(e.Rec.Args[0]), true
}}

var ptraceRequest = arg{"request", func(e *Event) (string, int64, bool) {
	v := e.Rec.Args[0]
	if n, ok := ptraceRequests[v]; ok {
		return n, int64(v), true
	}
	return strconv.FormatUint(v, 10), int64(v), true
}}

func argsOf(e *Event) []arg {
	if a, ok := eventArgs[e.typ]; ok {
		return a
	}
	if e.Rec.Kind == record.KindSyscall {
		return genericArgs
	}
	return nil
}

var genericArgs = []arg{res(), hexArg("arg0", 0), hexArg("arg1", 1), hexArg("arg2", 2)}

func findArg(e *Event, name string) (arg, bool) {
	for _, a := range argsOf(e) {
		if a.name == name {
			return a, true
		}
	}
	return arg{}, false
}

// renderArgs is evt.args: name=value pairs.
func renderArgs(e *Event) string {
	var sb strings.Builder
	for _, a := range argsOf(e) {
		text, _, ok := a.get(e)
		if !ok {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(a.name)
		sb.WriteByte('=')
		sb.WriteString(text)
	}
	return sb.String()
}

func openFlagsOf(e *Event) uint32 { return state.OpenFlags(&e.Rec) }
