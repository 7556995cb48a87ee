package record

// Shape says what the probe reads for a syscall besides the raw argument
// registers and the return value (struct shape in probe.c). Argument
// indexes are 0..5; FromRet is the return value; None reads nothing.
type Shape struct {
	Str      [2]int8 // C-string arguments → ParamStr0, ParamStr1
	SaPtr    int8    // user bytes pointer → ParamBytes
	SaLen    int8    // its length argument
	SaFixed  uint8   // or a fixed length
	Msghdr   bool    // SaPtr is a struct msghdr; read its msg_name
	SockFd   int8    // fd whose socket tuple to read → ParamTuple
	OnlyFail bool    // emit only failures (execve: success comes from sched_process_exec)
}

// Argument sources in a Shape.
const (
	None    int8 = -1
	FromRet int8 = 6
)

// Syscall is one entry of the syscall table.
type Syscall struct {
	NR    uint16
	Name  string // Falco's event type name
	Shape Shape
	State bool // state tracking needs it whatever the rules say
}

func plain(nr uint16, name string) Syscall {
	return Syscall{NR: nr, Name: name, Shape: Shape{Str: [2]int8{None, None}, SaPtr: None, SaLen: None, SockFd: None}}
}

func (s Syscall) strs(a, b int8) Syscall { s.Shape.Str = [2]int8{a, b}; return s }
func (s Syscall) bytes(ptr, n int8) Syscall {
	s.Shape.SaPtr, s.Shape.SaLen = ptr, n
	return s
}
func (s Syscall) fixed(ptr int8, n uint8) Syscall { s.Shape.SaPtr, s.Shape.SaFixed = ptr, n; return s }
func (s Syscall) sock(fd int8) Syscall            { s.Shape.SockFd = fd; return s }
func (s Syscall) msghdr() Syscall                 { s.Shape.Msghdr = true; return s }
func (s Syscall) onlyFail() Syscall               { s.Shape.OnlyFail = true; return s }
func (s Syscall) state() Syscall                  { s.State = true; return s }

// Syscalls is the x86_64 table of the syscalls the probe can report.
var Syscalls = []Syscall{
	plain(2, "open").strs(0, None).state(),
	plain(257, "openat").strs(1, None).state(),
	plain(437, "openat2").strs(1, None).bytes(2, 3).state(),
	plain(85, "creat").strs(0, None).state(),
	plain(304, "open_by_handle_at").state(),
	plain(59, "execve").strs(0, None).onlyFail(),
	plain(322, "execveat").strs(1, None).onlyFail(),
	plain(3, "close").state(),
	plain(436, "close_range").state(),
	plain(32, "dup").sock(0).state(),
	plain(33, "dup2").sock(0).state(),
	plain(292, "dup3").sock(0).state(),
	plain(72, "fcntl").state(),
	plain(80, "chdir").strs(0, None).state(),
	plain(81, "fchdir").state(),
	plain(22, "pipe").fixed(0, 8).state(),
	plain(293, "pipe2").fixed(0, 8).state(),
	plain(41, "socket").state(),
	plain(53, "socketpair").fixed(3, 8).state(),
	plain(42, "connect").bytes(1, 2).sock(0).state(),
	plain(43, "accept").sock(FromRet).state(),
	plain(288, "accept4").sock(FromRet).state(),
	plain(49, "bind").bytes(1, 2).sock(0).state(),
	plain(50, "listen").sock(0),
	plain(44, "sendto").bytes(4, 5).sock(0),
	plain(46, "sendmsg").bytes(1, None).msghdr().sock(0),
	plain(45, "recvfrom").sock(0),
	plain(47, "recvmsg").sock(0),
	plain(48, "shutdown"),
	plain(319, "memfd_create").strs(0, None).state(),
	plain(284, "eventfd").state(),
	plain(290, "eventfd2").state(),
	plain(291, "epoll_create1").state(),
	plain(213, "epoll_create").state(),
	plain(294, "inotify_init1").state(),
	plain(253, "inotify_init").state(),
	plain(283, "timerfd_create").state(),
	plain(289, "signalfd4").state(),
	plain(282, "signalfd").state(),
	plain(323, "userfaultfd").state(),
	plain(425, "io_uring_setup").state(),
	plain(434, "pidfd_open").state(),
	plain(438, "pidfd_getfd").state(),
	plain(321, "bpf").state(),
	plain(298, "perf_event_open").state(),
	plain(88, "symlink").strs(0, 1),
	plain(266, "symlinkat").strs(0, 2),
	plain(86, "link").strs(0, 1),
	plain(265, "linkat").strs(1, 3),
	plain(87, "unlink").strs(0, None),
	plain(263, "unlinkat").strs(1, None),
	plain(82, "rename").strs(0, 1),
	plain(264, "renameat").strs(1, 3),
	plain(316, "renameat2").strs(1, 3),
	plain(83, "mkdir").strs(0, None),
	plain(258, "mkdirat").strs(1, None),
	plain(84, "rmdir").strs(0, None),
	plain(90, "chmod").strs(0, None),
	plain(268, "fchmodat").strs(1, None),
	plain(91, "fchmod"),
	plain(92, "chown").strs(0, None),
	plain(161, "chroot").strs(0, None),
	plain(165, "mount").strs(0, 1),
	plain(166, "umount2").strs(0, None),
	plain(175, "init_module"),
	plain(313, "finit_module"),
	plain(176, "delete_module").strs(0, None),
	plain(101, "ptrace"),
	plain(105, "setuid"),
	plain(106, "setgid"),
	plain(113, "setreuid"),
	plain(114, "setregid"),
	plain(117, "setresuid"),
	plain(119, "setresgid"),
	plain(112, "setsid"),
	plain(126, "capset"),
	plain(157, "prctl"),
	plain(62, "kill"),
	plain(200, "tkill"),
	plain(234, "tgkill"),
	plain(56, "clone"),
	plain(435, "clone3"),
	plain(57, "fork"),
	plain(58, "vfork"),
	plain(272, "unshare"),
	plain(308, "setns"),
}

var (
	byNR   = map[uint16]*Syscall{}
	byName = map[string]*Syscall{}
)

func init() {
	for i := range Syscalls {
		s := &Syscalls[i]
		if byNR[s.NR] != nil || byName[s.Name] != nil {
			panic("BUG: duplicate syscall " + s.Name)
		}
		byNR[s.NR], byName[s.Name] = s, s
	}
}

// ByNR returns the table entry of a syscall number.
func ByNR(nr uint16) (*Syscall, bool) { s, ok := byNR[nr]; return s, ok }

// ByName returns the table entry of an event type name.
func ByName(name string) (*Syscall, bool) { s, ok := byName[name]; return s, ok }

// Names of the event types of non-syscall records.
const (
	EventExec     = "execve"   // sched_process_exec (Falco reports successful execs as execve)
	EventFork     = "clone"    // sched_process_fork
	EventProcExit = "procexit" // sched_process_exit
)

// Type returns the record's event type name.
func (r *Record) Type() string {
	switch r.Kind {
	case KindExec:
		return EventExec
	case KindFork:
		return EventFork
	case KindExit:
		return EventProcExit
	}
	if s, ok := byNR[r.NR]; ok {
		return s.Name
	}
	return "syscall"
}
