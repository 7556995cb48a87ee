package state

import (
	"encoding/hex"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type sockInfo struct {
	family FDType
	l4     string
	laddr  netip.Addr
	lport  uint16
	raddr  netip.Addr
	rport  uint16
	listen bool
}

func (fs *ProcFS) readFDs(p *Process, dir string) {
	ents, err := os.ReadDir(filepath.Join(dir, "fd"))
	if err != nil {
		return
	}
	for _, e := range ents {
		n, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil {
			continue
		}
		target, err := os.Readlink(filepath.Join(dir, "fd", e.Name()))
		if err != nil {
			continue
		}
		f := fs.fdFromLink(n, target)
		flags := fdinfoFlags(filepath.Join(dir, "fdinfo", e.Name()))
		f.Flags, f.CloExec = flags, flags&oCloexec != 0
		p.FDs.Set(f)
	}
}

func fdinfoFlags(p string) uint32 {
	b, _ := os.ReadFile(p)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "flags:"); ok {
			n, _ := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			return uint32(n)
		}
	}
	return 0
}

func (fs *ProcFS) fdFromLink(n int64, target string) *FD {
	f := &FD{Num: n, Name: target}
	switch {
	case strings.HasPrefix(target, "/memfd:"):
		f.Type, f.Name = FDMemfd, strings.TrimSuffix(target[1:], " (deleted)")
	case strings.HasPrefix(target, "/"):
		f.Type = FDFile
		if st, err := os.Stat(target); err == nil && st.IsDir() {
			f.Type = FDDirectory
		}
	case strings.HasPrefix(target, "socket:["):
		ino, _ := strconv.ParseUint(strings.Trim(target[7:], "[]"), 10, 64)
		fs.socketFD(f, ino)
	case strings.HasPrefix(target, "pipe:"):
		f.Type, f.Name = FDPipe, ""
	default:
		f.Type, f.Name = anonType(target), ""
	}
	return f
}

func anonType(target string) FDType {
	for k, v := range map[string]FDType{"eventfd": FDEvent, "eventpoll": FDEventpoll, "inotify": FDInotify,
		"signalfd": FDSignalfd, "timerfd": FDTimerfd, "bpf": FDBPF, "userfaultfd": FDUserfaultfd,
		"io_uring": FDIOUring, "pidfd": FDPidfd} {
		if strings.Contains(target, k) {
			return v
		}
	}
	return FDUnknown
}

func (fs *ProcFS) socketFD(f *FD, ino uint64) {
	si, ok := fs.sockets[ino]
	if !ok {
		f.Type, f.Name = FDUnix, ""
		return
	}
	f.Type, f.L4 = si.family, si.l4
	f.Server = !si.listen && fs.listening(si.lport)
	f.Connected = si.rport != 0
	f.SetTuple(si.laddr, si.lport, si.raddr, si.rport)
}

func (fs *ProcFS) listening(port uint16) bool {
	for _, s := range fs.sockets {
		if s.listen && s.lport == port {
			return true
		}
	}
	return false
}

// readSockets parses /proc/net/{tcp,tcp6,udp,udp6} into a map by inode.
func readSockets(root string) map[uint64]sockInfo {
	m := map[uint64]sockInfo{}
	for _, f := range []struct {
		name   string
		family FDType
		l4     string
	}{{"tcp", FDIPv4, "tcp"}, {"tcp6", FDIPv6, "tcp"}, {"udp", FDIPv4, "udp"}, {"udp6", FDIPv6, "udp"}} {
		b, err := os.ReadFile(filepath.Join(root, "net", f.name))
		if err != nil {
			continue
		}
		lines := strings.Split(string(b), "\n")
		for _, line := range lines[1:] {
			fl := strings.Fields(line)
			if len(fl) < 10 {
				continue
			}
			la, lp := hexAddr(fl[1])
			ra, rp := hexAddr(fl[2])
			ino, _ := strconv.ParseUint(fl[9], 10, 64)
			m[ino] = sockInfo{family: f.family, l4: f.l4, laddr: la, lport: lp, raddr: ra, rport: rp,
				listen: f.l4 == "tcp" && fl[3] == "0A"}
		}
	}
	return m
}

// hexAddr parses /proc/net's "0100007F:1F90" (address words in host order).
func hexAddr(s string) (netip.Addr, uint16) {
	a, p, ok := strings.Cut(s, ":")
	if !ok {
		return netip.Addr{}, 0
	}
	port, _ := strconv.ParseUint(p, 16, 16)
	raw, err := hex.DecodeString(a)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return netip.Addr{}, uint16(port)
	}
	for i := 0; i+4 <= len(raw); i += 4 { // each 32-bit word is little-endian
		raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
	}
	if len(raw) == 4 {
		return netip.AddrFrom4([4]byte(raw)), uint16(port)
	}
	return netip.AddrFrom16([16]byte(raw)).Unmap(), uint16(port)
}
