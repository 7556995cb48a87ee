package record

import "encoding/binary"

// Exe flags of ExecInfo.Flags (struct exec_info).
const (
	ExeWritable   = 1
	ExeUpperLayer = 2
	ExeLowerLayer = 4
)

// ExecInfoSize is the size of struct exec_info.
const ExecInfoSize = 96

// ExecInfo is what sched_process_exec reads besides strings.
type ExecInfo struct {
	PPid, Sid, Pgid, VPid, VPgid, TTY uint32
	ExeNlink, Flags                   uint32
	CapEff, CapPrm, CapInh            uint64
	ExeIno, ExeCtime, ExeMtime        uint64
	StartTS, PidNSStart               uint64 // boot ns
}

// Exec decodes the exec info parameter of a KindExec record.
func (r *Record) Exec() (ExecInfo, bool) {
	b := r.Params[ParamExecInfo]
	if r.Kind != KindExec || len(b) < ExecInfoSize {
		return ExecInfo{}, false
	}
	le := binary.LittleEndian
	u32 := func(i int) uint32 { return le.Uint32(b[4*i:]) }
	u64 := func(i int) uint64 { return le.Uint64(b[32+8*i:]) }
	return ExecInfo{PPid: u32(0), Sid: u32(1), Pgid: u32(2), VPid: u32(3), VPgid: u32(4), TTY: u32(5),
		ExeNlink: u32(6), Flags: u32(7), CapEff: u64(0), CapPrm: u64(1), CapInh: u64(2),
		ExeIno: u64(3), ExeCtime: u64(4), ExeMtime: u64(5), StartTS: u64(6), PidNSStart: u64(7)}, true
}

// Exit is what a KindExit record says (its header Ret is the exit code).
type Exit struct {
	GroupDead bool   // the last thread of the process exited
	Reaper    uint32 // tgid inheriting the children when GroupDead (0: unknown)
}

// Exit decodes a KindExit record.
func (r *Record) Exit() (Exit, bool) {
	if r.Kind != KindExit {
		return Exit{}, false
	}
	return Exit{GroupDead: r.Args[0] != 0, Reaper: uint32(r.Args[1])}, true
}

// Fork is what a KindFork record says; Tid and Tgid of the header are the child's.
type Fork struct {
	ParentTid, ParentTgid uint32
	SharesFiles           bool // CLONE_FILES
	SharesFS              bool // CLONE_FS
	StartTS               uint64
	RealParent            uint32 // the child's real parent tgid (CLONE_PARENT, threads)
}

// Fork decodes a KindFork record.
func (r *Record) Fork() (Fork, bool) {
	if r.Kind != KindFork {
		return Fork{}, false
	}
	a := r.Args
	return Fork{ParentTid: uint32(a[0]), ParentTgid: uint32(a[1]), SharesFiles: a[2] != 0,
		StartTS: a[3], RealParent: uint32(a[4]), SharesFS: a[5] != 0}, true
}
