// Package record decodes the probe's ring-buffer records: a fixed header
// (struct rec_hdr in probes/bpf/probe.c) followed by up to six parameters
// whose lengths the header carries. Decoding checks every bound: arbitrary
// bytes give an error, never a panic. It also holds the x86_64 syscall
// table (numbers, Falco event-type names, what the probe reads for each).
//
// It may import only the standard library.
package record

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// HeaderSize is the size of struct rec_hdr.
const HeaderSize = 112

// NParams is the number of parameter slots of a record.
const NParams = 6

// Kind says which probe program produced a record.
type Kind uint16

const (
	KindSyscall Kind = 1 // sys_exit
	KindExec    Kind = 2 // sched_process_exec: a successful execve/execveat
	KindFork    Kind = 3 // sched_process_fork: a new thread or process
	KindExit    Kind = 4 // sched_process_exit
	// KindEnv carries the environment of the exec record that follows it
	// (ParamEnv); it is state, not an event.
	KindEnv Kind = 5
)

// Header is the fixed part of a record.
type Header struct {
	TS       uint64 // boot-clock nanoseconds (bpf_ktime_get_boot_ns)
	Len      uint32 // whole record length
	Kind     Kind
	NR       uint16 // syscall number (KindSyscall)
	Tgid     uint32
	Tid      uint32
	UID      uint32 // effective uid of the current task
	GID      uint32 // effective gid
	LoginUID uint32 // audit loginuid (4294967295 when unset)
	CPU      uint32
	Ret      int64 // syscall return value; exit code for KindExit
	Args     [6]uint64
	Lens     [NParams]uint16
}

// Record is one decoded record. Params alias the decoded buffer: copy what
// must outlive it.
type Record struct {
	Header
	Params [NParams][]byte
}

// Decoding errors.
var (
	ErrShort  = errors.New("record shorter than its header")
	ErrLength = errors.New("record length out of bounds")
	ErrParams = errors.New("record parameters overrun the record")
	ErrKind   = errors.New("unknown record kind")
)

// Decode parses b into r. r's params alias b.
func Decode(b []byte, r *Record) error {
	if len(b) < HeaderSize {
		return fmt.Errorf("decode record: %w (%d bytes)", ErrShort, len(b))
	}
	le := binary.LittleEndian
	h := &r.Header
	h.TS = le.Uint64(b[0:])
	h.Len = le.Uint32(b[8:])
	h.Kind = Kind(le.Uint16(b[12:]))
	h.NR = le.Uint16(b[14:])
	h.Tgid = le.Uint32(b[16:])
	h.Tid = le.Uint32(b[20:])
	h.UID = le.Uint32(b[24:])
	h.GID = le.Uint32(b[28:])
	h.LoginUID = le.Uint32(b[32:])
	h.CPU = le.Uint32(b[36:])
	h.Ret = int64(le.Uint64(b[40:]))
	for i := range h.Args {
		h.Args[i] = le.Uint64(b[48+8*i:])
	}
	for i := range h.Lens {
		h.Lens[i] = le.Uint16(b[96+2*i:])
	}
	if h.Kind < KindSyscall || h.Kind > KindEnv {
		return fmt.Errorf("decode record: %w %d", ErrKind, h.Kind)
	}
	if h.Len < HeaderSize || int(h.Len) > len(b) {
		return fmt.Errorf("decode record: %w (len %d, have %d)", ErrLength, h.Len, len(b))
	}
	off := HeaderSize
	for i, n := range h.Lens {
		if off+int(n) > int(h.Len) {
			return fmt.Errorf("decode record: %w (param %d)", ErrParams, i)
		}
		r.Params[i] = b[off : off+int(n) : off+int(n)]
		off += int(n)
	}
	return nil
}

// Str returns parameter i as a string, without its trailing NUL.
func (r *Record) Str(i int) string {
	p := r.Params[i]
	for len(p) > 0 && p[len(p)-1] == 0 {
		p = p[:len(p)-1]
	}
	return string(p)
}

// HasStr reports whether parameter i was read (a string of at least its NUL).
func (r *Record) HasStr(i int) bool { return len(r.Params[i]) > 0 }
