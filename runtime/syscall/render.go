package syscall

import (
	"strconv"
	"strings"
)

type flagName struct {
	bit  uint64
	name string
}

// renderFlags renders the set bits of v as NAME|NAME in table order.
func renderFlags(v uint64, table []flagName) string {
	var parts []string
	for _, f := range table {
		if f.bit != 0 && v&f.bit == f.bit {
			parts = append(parts, f.name)
		}
	}
	return strings.Join(parts, "|")
}

// Open flags in the order Falco renders them.
var openFlagNames = []flagName{
	{0o100000, "O_LARGEFILE"}, {0o200000, "O_DIRECTORY"}, {0o40000, "O_DIRECT"}, {0o1000, "O_TRUNC"},
	{0o400000, "O_NOFOLLOW"}, {0o4000, "O_NONBLOCK"}, {0o1000000, "O_NOATIME"}, {0o10000, "O_DSYNC"},
	{0o4010000, "O_SYNC"}, {0o20000000, "O_TMPFILE"}, {0o10000000, "O_PATH"}, {0o100, "O_CREAT"},
	{0o2000, "O_APPEND"}, {0o200, "O_EXCL"}, {0o400, "O_NOCTTY"},
}

// renderOpenFlags renders open(2) flags as Falco does (the access mode
// always appears).
func renderOpenFlags(v uint64) string {
	s := renderFlags(v, openFlagNames)
	mode := [...]string{"O_RDONLY", "O_WRONLY", "O_RDWR", "O_RDWR"}[v&3]
	if s != "" {
		s += "|"
	}
	s += mode
	if v&0o2000000 != 0 {
		s += "|O_CLOEXEC"
	}
	return s
}

var exeFlagNames = []flagName{{1, "EXE_WRITABLE"}, {2, "EXE_UPPER_LAYER"}, {8, "EXE_FROM_MEMFD"}, {4, "EXE_LOWER_LAYER"}}

var ptraceRequests = map[uint64]string{
	0: "PTRACE_TRACEME", 1: "PTRACE_PEEKTEXT", 2: "PTRACE_PEEKDATA", 3: "PTRACE_PEEKUSR",
	4: "PTRACE_POKETEXT", 5: "PTRACE_POKEDATA", 6: "PTRACE_POKEUSR", 7: "PTRACE_CONT",
	8: "PTRACE_KILL", 9: "PTRACE_SINGLESTEP", 12: "PTRACE_GETREGS", 13: "PTRACE_SETREGS",
	14: "PTRACE_GETFPREGS", 15: "PTRACE_SETFPREGS", 16: "PTRACE_ATTACH", 17: "PTRACE_DETACH",
	18: "PTRACE_GETFPXREGS", 19: "PTRACE_SETFPXREGS", 24: "PTRACE_SYSCALL", 31: "PTRACE_SYSEMU",
	32: "PTRACE_SYSEMU_SINGLESTEP", 0x4200: "PTRACE_SETOPTIONS", 0x4201: "PTRACE_GETEVENTMSG",
	0x4202: "PTRACE_GETSIGINFO", 0x4203: "PTRACE_SETSIGINFO", 0x4204: "PTRACE_GETREGSET",
	0x4205: "PTRACE_SETREGSET", 0x4206: "PTRACE_SEIZE", 0x4207: "PTRACE_INTERRUPT",
	0x4208: "PTRACE_LISTEN", 0x4209: "PTRACE_PEEKSIGINFO",
}

var socketFamilies = []string{"AF_UNSPEC", "AF_LOCAL", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK",
	"AF_NETROM", "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet", "AF_NETBEUI",
	"AF_SECURITY", "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH", "AF_ECONET", "AF_ATMSVC", "AF_RDS",
	"AF_SNA", "AF_IRDA", "AF_PPPOX", "AF_WANPIPE", "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN", "AF_TIPC",
	"AF_BLUETOOTH", "AF_IUCV", "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG",
	"AF_NFC", "AF_VSOCK", "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP"}

func renderFamily(v uint64) string {
	if v < uint64(len(socketFamilies)) {
		return socketFamilies[v]
	}
	return strconv.FormatUint(v, 10)
}

var capNames = []string{"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
	"CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
	"CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
	"CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
	"CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
	"CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"}

// renderCaps renders a capability set as space-separated names.
func renderCaps(v uint64) string {
	var parts []string
	for i, n := range capNames {
		if v&(1<<uint(i)) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, " ")
}

// errnoName is the name of a (positive) errno.
func errnoName(n int64) string {
	if n > 0 && n < int64(len(errnoNames)) && errnoNames[n] != "" {
		return errnoNames[n]
	}
	return "E" + strconv.FormatInt(n, 10)
}

var errnoNames = [...]string{"", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC",
	"EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV",
	"ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC",
	"ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS",
	"ENOTEMPTY", "ELOOP", "", "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG",
	"EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO", "EBADRQC", "EBADSLT", "",
	"EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV",
	"ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD",
	"EREMCHG", "ELIBACC", "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE",
	"EUSERS", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT",
	"ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL",
	"ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN",
	"ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY",
	"EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM",
	"EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD",
	"ENOTRECOVERABLE", "ERFKILL", "EHWPOISON"}
