package state

import (
	"path"

	"github.com/aeriesec/aerie/probes/record"
)

type handler func(t *Table, r *record.Record, p *Process, c *Ctx)

// Linux constants the handlers need.
const (
	atFDCWD     = -100
	oDirectory  = 0o200000
	oCloexec    = 0o2000000
	oCreat      = 0o100
	oWronly     = 0o1
	oTrunc      = 0o1000
	sockCloexec = 0o2000000
	einprogress = -115
)

var handlers = map[uint16]handler{}

func init() {
	on := func(name string, h handler) {
		s, ok := record.ByName(name)
		if !ok {
			panic("BUG: no syscall " + name)
		}
		handlers[s.NR] = h
	}
	for _, n := range []string{"open", "openat", "openat2", "creat"} {
		on(n, openHandler)
	}
	on("execve", pathArg(0, -1))
	on("execveat", pathArg(1, 0))
	on("close", closeHandler)
	on("close_range", closeRange)
	for _, n := range []string{"dup", "dup2", "dup3"} {
		on(n, dupHandler)
	}
	on("fcntl", fcntlHandler)
	on("chdir", chdirHandler)
	on("fchdir", fchdirHandler)
	on("pipe", pairHandler(FDPipe, -1))
	on("pipe2", pairHandler(FDPipe, 1))
	on("socketpair", pairHandler(FDUnix, 1))
	on("socket", socketHandler)
	on("connect", connectHandler)
	on("bind", bindHandler)
	on("accept", acceptHandler)
	on("accept4", acceptHandler)
	on("sendto", sendHandler)
	on("sendmsg", sendHandler)
	on("memfd_create", memfdHandler)
	on("setsid", setsidHandler)
	typed := map[string]FDType{"eventfd": FDEvent, "eventfd2": FDEvent, "epoll_create": FDEventpoll,
		"epoll_create1": FDEventpoll, "inotify_init": FDInotify, "inotify_init1": FDInotify,
		"timerfd_create": FDTimerfd, "signalfd": FDSignalfd, "signalfd4": FDSignalfd,
		"userfaultfd": FDUserfaultfd, "io_uring_setup": FDIOUring, "pidfd_open": FDPidfd,
		"bpf": FDBPF, "perf_event_open": FDUnknown, "pidfd_getfd": FDUnknown, "open_by_handle_at": FDFile}
	for n, ty := range typed {
		on(n, newFDHandler(ty))
	}
	on("symlink", symlinkHandler(-1))
	on("symlinkat", symlinkHandler(1))
	on("link", twoPaths(-1, 0, -1, 1))
	on("linkat", twoPaths(0, 1, 2, 3))
	on("rename", twoPaths(-1, 0, -1, 1))
	on("renameat", twoPaths(0, 1, 2, 3))
	on("renameat2", twoPaths(0, 1, 2, 3))
	for n, a := range map[string][2]int{"unlink": {-1, 0}, "unlinkat": {0, 1}, "mkdir": {-1, 0},
		"mkdirat": {0, 1}, "rmdir": {-1, 0}, "chmod": {-1, 0}, "fchmodat": {0, 1}, "chown": {-1, 0},
		"chroot": {-1, 0}, "mount": {-1, 1}, "umount2": {-1, 0}} {
		on(n, pathArg(a[1], a[0]))
	}
	for _, n := range []string{"listen", "recvfrom", "recvmsg", "shutdown", "finit_module", "fchmod"} {
		on(n, fdArg(0))
	}
}

func sint(a uint64) int64 { return int64(int32(a)) }

// resolve joins a path with the cwd (dirfd AT_FDCWD or -1) or the dirfd's
// name, and cleans it; symlinks are not resolved (Falco's fd.name).
func resolve(p *Process, dirfd int64, raw string) string {
	if raw == "" {
		return ""
	}
	if raw[0] == '/' {
		return path.Clean(raw)
	}
	base := p.Cwd
	if dirfd != atFDCWD && dirfd != -1 {
		if f := p.FDs.Get(dirfd); f != nil {
			base = f.Name
		}
	}
	if base == "" {
		return path.Clean(raw)
	}
	return path.Join(base, raw)
}

func dirfdOf(r *record.Record, i int) int64 {
	if i < 0 {
		return atFDCWD
	}
	return sint(r.Args[i])
}

func pathArg(arg, dirfd int) handler {
	return func(t *Table, r *record.Record, p *Process, c *Ctx) {
		c.Raw = r.Str(record.ParamStr0)
		c.Path = resolve(p, dirfdOf(r, dirfd), c.Raw)
		if arg == 1 && dirfd < 0 { // mount: the target is the second string
			c.Raw2 = r.Str(record.ParamStr1)
			c.Path2 = resolve(p, atFDCWD, c.Raw2)
		}
	}
}

func twoPaths(dir1, _, dir2, _ int) handler {
	return func(t *Table, r *record.Record, p *Process, c *Ctx) {
		c.Raw, c.Raw2 = r.Str(record.ParamStr0), r.Str(record.ParamStr1)
		c.Path = resolve(p, dirfdOf(r, dir1), c.Raw)
		c.Path2 = resolve(p, dirfdOf(r, dir2), c.Raw2)
	}
}

func symlinkHandler(dir int) handler {
	return func(t *Table, r *record.Record, p *Process, c *Ctx) {
		c.Raw, c.Raw2 = r.Str(record.ParamStr0), r.Str(record.ParamStr1)
		c.Path = c.Raw // the target is stored as given
		c.Path2 = resolve(p, dirfdOf(r, dir), c.Raw2)
	}
}

func fdArg(i int) handler {
	return func(t *Table, r *record.Record, p *Process, c *Ctx) {
		c.FD = p.FDs.Get(sint(r.Args[i]))
	}
}
