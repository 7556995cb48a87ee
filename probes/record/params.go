package record

import (
	"encoding/binary"
	"net/netip"
	"strings"
)

// Parameter slots of a KindSyscall record.
const (
	ParamStr0     = 0 // first C-string argument (a path, a symlink target …)
	ParamStr1     = 1 // second C-string argument
	ParamBytes    = 2 // user bytes: a sockaddr, struct open_how, int[2] …
	ParamTuple    = 3 // socket tuple of the syscall's socket fd, read from the kernel
	ParamExecInfo = 0 // KindExec: struct exec_info
	ParamFilename = 1 // KindExec: bprm->filename
	ParamArgv     = 2 // KindExec: argv, NUL-separated
	ParamExePath  = 3 // KindExec: exe path components, leaf first
	ParamCwd      = 4 // KindExec: cwd components, leaf first
	ParamCgroups  = 5 // KindExec: leaf cgroup names
	ParamEnv      = 0 // KindEnv: the environment, NUL-separated NAME=value
)

// Address families.
const (
	AFUnix  = 1
	AFInet  = 2
	AFInet6 = 10
)

// Tuple is a socket's endpoints as the kernel knows them.
type Tuple struct {
	Family uint16
	Type   uint16
	Proto  uint16
	LAddr  netip.Addr
	LPort  uint16
	RAddr  netip.Addr
	RPort  uint16
}

// TupleSize is the size of struct tuple.
const TupleSize = 44

// Tuple decodes the socket tuple parameter.
func (r *Record) Tuple() (Tuple, bool) {
	b := r.Params[ParamTuple]
	if len(b) < TupleSize {
		return Tuple{}, false
	}
	le := binary.LittleEndian
	t := Tuple{Family: le.Uint16(b), Type: le.Uint16(b[2:]), Proto: le.Uint16(b[4:]),
		LPort: le.Uint16(b[6:]), RPort: le.Uint16(b[8:])}
	switch t.Family {
	case AFInet:
		t.LAddr = netip.AddrFrom4([4]byte(b[12:16]))
		t.RAddr = netip.AddrFrom4([4]byte(b[28:32]))
	case AFInet6:
		t.LAddr = netip.AddrFrom16([16]byte(b[12:28])).Unmap()
		t.RAddr = netip.AddrFrom16([16]byte(b[28:44])).Unmap()
	}
	return t, true
}

// Sockaddr decodes a struct sockaddr from the bytes parameter: family,
// address and port (host order), or the path of a unix socket.
func (r *Record) Sockaddr() (family uint16, addr netip.Addr, port uint16, path string, ok bool) {
	b := r.Params[ParamBytes]
	if len(b) < 2 {
		return 0, netip.Addr{}, 0, "", false
	}
	family = binary.LittleEndian.Uint16(b)
	switch {
	case family == AFInet && len(b) >= 8:
		return family, netip.AddrFrom4([4]byte(b[4:8])), binary.BigEndian.Uint16(b[2:]), "", true
	case family == AFInet6 && len(b) >= 24:
		return family, netip.AddrFrom16([16]byte(b[8:24])).Unmap(), binary.BigEndian.Uint16(b[2:]), "", true
	case family == AFUnix:
		p := b[2:]
		if i := strings.IndexByte(string(p), 0); i >= 0 && i > 0 {
			p = p[:i]
		}
		return family, netip.Addr{}, 0, string(p), true
	}
	return family, netip.Addr{}, 0, "", true
}

// FdPair decodes an int[2] (pipe, socketpair) from the bytes parameter.
func (r *Record) FdPair() (int64, int64, bool) {
	b := r.Params[ParamBytes]
	if len(b) < 8 {
		return 0, 0, false
	}
	le := binary.LittleEndian
	return int64(int32(le.Uint32(b))), int64(int32(le.Uint32(b[4:]))), true
}

// OpenHowFlags decodes struct open_how's flags (openat2) from the bytes parameter.
func (r *Record) OpenHowFlags() (uint64, bool) {
	b := r.Params[ParamBytes]
	if len(b) < 8 {
		return 0, false
	}
	return binary.LittleEndian.Uint64(b), true
}

// Components splits a NUL-separated list, dropping empty entries.
func Components(b []byte) []string {
	var out []string
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != 0 {
			i++
		}
		if i > 0 {
			out = append(out, string(b[:i]))
		}
		if i == len(b) {
			break
		}
		b = b[i+1:]
	}
	return out
}

// JoinReversed turns leaf-first path components into an absolute path.
func JoinReversed(b []byte) string {
	cs := Components(b)
	if len(cs) == 0 {
		return "/"
	}
	var sb strings.Builder
	for i := len(cs) - 1; i >= 0; i-- {
		sb.WriteByte('/')
		sb.WriteString(cs[i])
	}
	return sb.String()
}
