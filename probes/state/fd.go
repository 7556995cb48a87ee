package state

import (
	"maps"
	"net/netip"
	"strconv"
)

// FDType is the kind of object an fd refers to.
type FDType uint8

// FD types (Falco's names and type characters).
const (
	FDUnknown FDType = iota
	FDFile
	FDDirectory
	FDIPv4
	FDIPv6
	FDUnix
	FDPipe
	FDEvent
	FDSignalfd
	FDEventpoll
	FDInotify
	FDTimerfd
	FDNetlink
	FDMemfd
	FDBPF
	FDUserfaultfd
	FDIOUring
	FDPidfd
)

var fdTypeNames = [...]string{"unknown", "file", "directory", "ipv4", "ipv6", "unix", "pipe", "event",
	"signalfd", "eventpoll", "inotify", "timerfd", "netlink", "memfd", "bpf", "userfaultfd", "io_uring", "pidfd"}

var fdTypeChars = [...]string{"o", "f", "d", "4", "6", "u", "p", "e", "s", "l", "i", "t", "n", "m", "b", "u", "r", "P"}

func (t FDType) String() string { return fdTypeNames[t] }

// Char is Falco's one-character fd type.
func (t FDType) Char() string { return fdTypeChars[t] }

// IsSocket reports whether t is a network or unix socket.
func (t FDType) IsSocket() bool { return t == FDIPv4 || t == FDIPv6 || t == FDUnix || t == FDNetlink }

// FD is one open file descriptor.
type FD struct {
	Num     int64
	Type    FDType
	Name    string // resolved path, or the socket tuple text
	NameRaw string // the path as passed
	Flags   uint32 // open flags
	CloExec bool
	// Sockets.
	L4        string // tcp, udp, icmp, raw
	LAddr     netip.Addr
	RAddr     netip.Addr
	LPort     uint16
	RPort     uint16
	Server    bool // accepted: the process is the server end
	Connected bool
	Dev, Ino  uint64
}

// SetTuple sets a socket's endpoints and renders its name as Falco does:
// client "ip:port->ip:port" server.
func (f *FD) SetTuple(laddr netip.Addr, lport uint16, raddr netip.Addr, rport uint16) {
	f.LAddr, f.LPort, f.RAddr, f.RPort = laddr, lport, raddr, rport
	f.Name = f.renderTuple()
}

func (f *FD) renderTuple() string {
	c, cp, s, sp := f.LAddr, f.LPort, f.RAddr, f.RPort
	if f.Server {
		c, cp, s, sp = f.RAddr, f.RPort, f.LAddr, f.LPort
	}
	return hostPort(c, cp) + "->" + hostPort(s, sp)
}

func hostPort(a netip.Addr, p uint16) string {
	if !a.IsValid() {
		a = netip.IPv4Unspecified()
	}
	return a.String() + ":" + strconv.Itoa(int(p))
}

// Client and server endpoints (for fd.cip, fd.sip, …).
func (f *FD) Client() (netip.Addr, uint16) {
	if f.Server {
		return f.RAddr, f.RPort
	}
	return f.LAddr, f.LPort
}

func (f *FD) ServerEnd() (netip.Addr, uint16) {
	if f.Server {
		return f.LAddr, f.LPort
	}
	return f.RAddr, f.RPort
}

// FDTable is a process's fds; processes forked with CLONE_FILES share one.
type FDTable struct {
	m map[int64]*FD
}

// NewFDTable returns an empty table.
func NewFDTable() *FDTable { return &FDTable{m: map[int64]*FD{}} }

// Get returns fd n.
func (t *FDTable) Get(n int64) *FD { return t.m[n] }

// Set installs f as fd f.Num.
func (t *FDTable) Set(f *FD) { t.m[f.Num] = f }

// Remove closes fd n and returns what it was.
func (t *FDTable) Remove(n int64) *FD {
	f := t.m[n]
	delete(t.m, n)
	return f
}

// Len is the number of open fds.
func (t *FDTable) Len() int { return len(t.m) }

// Clone copies the table (the FDs too: later changes do not leak across).
func (t *FDTable) Clone() *FDTable {
	c := &FDTable{m: make(map[int64]*FD, len(t.m))}
	for n, f := range t.m {
		cp := *f
		c.m[n] = &cp
	}
	return c
}

// All returns the fds (unordered).
func (t *FDTable) All() map[int64]*FD { return maps.Clone(t.m) }

func (t *FDTable) closeOnExec() {
	for n, f := range t.m {
		if f.CloExec {
			delete(t.m, n)
		}
	}
}
