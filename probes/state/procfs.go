package state

import (
	"bytes"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aeriesec/aerie/probes/record"
)

// ProcFS reads processes from a /proc mount, for the start-up seed and for
// processes the probe reports before the table knows them.
type ProcFS struct {
	Root    string // "/proc"
	sockets map[uint64]sockInfo
}

const clockTicks = 100 // USER_HZ

// Seed reads every process under Root into t.
func (fs *ProcFS) Seed(t *Table) error {
	ents, err := os.ReadDir(fs.Root)
	if err != nil {
		return err
	}
	fs.sockets = readSockets(fs.Root)
	for _, e := range ents {
		pid, err := strconv.ParseUint(e.Name(), 10, 32)
		if err != nil {
			continue
		}
		if p := fs.Process(uint32(pid)); p != nil {
			t.Put(p)
		}
	}
	return nil
}

// Process reads one process, or returns nil when it is gone.
func (fs *ProcFS) Process(pid uint32) *Process {
	dir := filepath.Join(fs.Root, strconv.FormatUint(uint64(pid), 10))
	stat, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return nil
	}
	p := &Process{Pid: int64(pid), VPid: int64(pid), Threads: 1, FDs: NewFDTable()}
	parseStat(p, stat)
	parseStatus(p, readString(dir, "status"))
	p.Comm = strings.TrimSuffix(readString(dir, "comm"), "\n")
	argv := strings.Split(strings.TrimRight(readString(dir, "cmdline"), "\x00"), "\x00")
	if len(argv) > 0 && argv[0] != "" {
		p.Exe, p.Args = argv[0], argv[1:]
	}
	p.Env = readEnv(dir)
	p.ExePath, _ = os.Readlink(filepath.Join(dir, "exe"))
	p.FromMemfd = strings.HasPrefix(p.ExePath, "/memfd:")
	p.Cwd, _ = os.Readlink(filepath.Join(dir, "cwd"))
	p.LoginUID = uint32(parseUint(strings.TrimSpace(readString(dir, "loginuid")), 4294967295))
	cg := readString(dir, "cgroup")
	p.Cgroups = cgroupLeaves(cg)
	p.Container, p.ContainerFull = containerID(p.Cgroups)
	p.PodUID = podUID(strings.FieldsFunc(cg, func(r rune) bool { return r == '/' || r == '\n' }))
	fs.readFDs(p, dir)
	return p
}

// EnvMax caps a process's environment as the probe does (Falco's cap).
const EnvMax = 4096

// readEnv reads /proc/PID/environ, at most EnvMax bytes; nil when unreadable.
func readEnv(dir string) []string {
	f, err := os.Open(filepath.Join(dir, "environ"))
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, EnvMax)
	n, _ := io.ReadFull(f, b)
	return record.Components(b[:n])
}

func readString(dir, name string) string {
	b, _ := os.ReadFile(filepath.Join(dir, name))
	return string(b)
}

func parseUint(s string, def uint64) uint64 {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return def
	}
	return n
}

// parseStat reads ppid, pgrp, session, tty_nr and starttime.
func parseStat(p *Process, b []byte) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 {
		return
	}
	num := func(k int) int64 { n, _ := strconv.ParseInt(f[k], 10, 64); return n }
	p.PPid, p.Pgid, p.Sid, p.TTY = num(1), num(2), num(3), uint32(num(4))
	p.VPgid = p.Pgid
	p.StartTS = uint64(num(19)) * (1e9 / clockTicks)
}

func parseStatus(p *Process, s string) {
	for _, line := range strings.Split(s, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		switch k {
		case "Uid":
			if len(f) > 1 {
				p.UID = uint32(parseUint(f[1], 0))
			}
		case "Gid":
			if len(f) > 1 {
				p.GID = uint32(parseUint(f[1], 0))
			}
		case "CapInh":
			p.CapInh, _ = strconv.ParseUint(f[0], 16, 64)
		case "CapPrm":
			p.CapPrm, _ = strconv.ParseUint(f[0], 16, 64)
		case "CapEff":
			p.CapEff, _ = strconv.ParseUint(f[0], 16, 64)
		case "NSpid":
			p.VPid = int64(parseUint(f[len(f)-1], uint64(p.Pid)))
		case "NSpgid":
			p.VPgid = int64(parseUint(f[len(f)-1], uint64(p.Pgid)))
		case "Threads":
			p.Threads = int(parseUint(f[0], 1))
		}
	}
}

func cgroupLeaves(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) == 3 && parts[2] != "/" {
			out = append(out, path.Base(parts[2]))
		}
	}
	return out
}
