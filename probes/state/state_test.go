package state

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/probes/record"
)

func sys(t *testing.T, name string, tgid uint32, ret int64, args [6]uint64, params ...[]byte) *record.Record {
	t.Helper()
	s, ok := record.ByName(name)
	if !ok {
		t.Fatalf("no syscall %s", name)
	}
	var r record.Record
	b := record.Encode(record.Header{Kind: record.KindSyscall, NR: s.NR, Tgid: tgid, Tid: tgid, Ret: ret, Args: args}, params...)
	if err := record.Decode(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

const cwdFD = uint64(0xffffff9c) // AT_FDCWD as the register holds it

func TestOpenResolvesAgainstCwdAndDirfd(t *testing.T) {
	tb := NewTable(nil, 0)
	tb.Put(&Process{Pid: 10, Cwd: "/home/u"})
	var c Ctx
	tb.Apply(sys(t, "openat", 10, 3, [6]uint64{cwdFD, 0, 0o200000}, record.CString("../../etc")), &c)
	if c.FD.Name != "/etc" || c.FD.Type != FDDirectory || c.FD.NameRaw != "../../etc" {
		t.Fatalf("fd %+v", c.FD)
	}
	tb.Apply(sys(t, "openat", 10, 4, [6]uint64{3, 0, 0o1101}, record.CString("shadow")), &c)
	if c.FD.Name != "/etc/shadow" || c.FD.Num != 4 {
		t.Fatalf("fd %+v", c.FD)
	}
	tb.Apply(sys(t, "open", 10, -2, [6]uint64{}, record.CString("missing")), &c)
	if c.FD.Num != -1 || c.FD.Name != "/home/u/missing" || tb.Get(10).FDs.Len() != 2 {
		t.Fatalf("failed open: fd %+v, %d fds", c.FD, tb.Get(10).FDs.Len())
	}
	tb.Apply(sys(t, "close", 10, 0, [6]uint64{4}), &c)
	if c.FD == nil || c.FD.Name != "/etc/shadow" || tb.Get(10).FDs.Get(4) != nil {
		t.Fatalf("close: %+v", c.FD)
	}
}

func TestSocketConnectDup(t *testing.T) {
	tb := NewTable(nil, 0)
	tb.Put(&Process{Pid: 20, Cwd: "/"})
	var c Ctx
	tb.Apply(sys(t, "socket", 20, 5, [6]uint64{2, 1, 0}), &c)
	sa := []byte{2, 0, 0x11, 0x5c, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0} // 10.0.0.1:4444
	tb.Apply(sys(t, "connect", 20, -115, [6]uint64{5}, nil, nil, sa), &c)
	if c.FD.Name != "0.0.0.0:0->10.0.0.1:4444" || !c.FD.Connected || c.FD.L4 != "tcp" {
		t.Fatalf("connect: %+v", c.FD)
	}
	tb.Apply(sys(t, "dup2", 20, 1, [6]uint64{5, 1}), &c)
	if c.FD.Num != 5 || tb.Get(20).FDs.Get(1).Type != FDIPv4 {
		t.Fatalf("dup2: %+v", c.FD)
	}
}

func TestForkExecExit(t *testing.T) {
	tb := NewTable(nil, 0)
	tb.Put(&Process{Pid: 1, Comm: "init", Cwd: "/"})
	var c Ctx
	fork := record.Encode(record.Header{Kind: record.KindFork, Tgid: 30, Tid: 30, Args: [6]uint64{1, 1, 0, 5, 1, 0}})
	var r record.Record
	record.Decode(fork, &r)
	tb.Apply(&r, &c)
	if c.Proc.Pid != 30 || c.Proc.PPid != 1 || c.Proc.Comm != "init" {
		t.Fatalf("fork: %+v", c.Proc)
	}
	info := make([]byte, record.ExecInfoSize)
	info[0] = 1  // ppid
	info[24] = 1 // exe nlink
	exec := record.Encode(record.Header{Kind: record.KindExec, Tgid: 30, Tid: 30, UID: 0},
		info, record.CString("/usr/bin/nginx"), []byte("nginx\x00-g\x00daemon off;\x00"), []byte("nginx\x00bin\x00usr\x00"),
		[]byte("www\x00var\x00"), []byte("init.scope\x00"))
	record.Decode(exec, &r)
	tb.Apply(&r, &c)
	p := tb.Get(30)
	if p.Comm != "nginx" || p.ExePath != "/usr/bin/nginx" || p.Cwd != "/var/www" || len(p.Args) != 2 || p.Args[1] != "daemon off;" || p.Container != HostContainer {
		t.Fatalf("exec: %+v", p)
	}
	if tb.Ancestor(p, 1).Comm != "init" {
		t.Fatal("ancestor")
	}
	exit := record.Encode(record.Header{Kind: record.KindExit, Tgid: 30, Tid: 30, Args: [6]uint64{1}})
	record.Decode(exit, &r)
	tb.Apply(&r, &c)
	if tb.Get(30) != nil || c.Proc.Comm != "nginx" {
		t.Fatal("exit kept the process")
	}
}

func TestContainerID(t *testing.T) {
	id := "3f4ca9a5c1e8d2b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3"
	if s, f := containerID([]string{"docker-" + id + ".scope"}); s != id[:12] || f != id {
		t.Fatalf("got %s %s", s, f)
	}
	if s, _ := containerID([]string{"user.slice", "session-1.scope"}); s != HostContainer {
		t.Fatalf("got %s", s)
	}
}

func TestPodUID(t *testing.T) {
	const uid = "6b1f0d3e-8c1a-4a8e-9d55-0a5f3c2b7e10"
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"cri-containerd-abc.scope", "kubepods-besteffort-pod6b1f0d3e_8c1a_4a8e_9d55_0a5f3c2b7e10.slice"}, uid},
		{[]string{"kubepods", "burstable", "pod" + uid, "0123abcd"}, uid},
		{[]string{"kubepods-pod" + uid + ".slice"}, uid},
		{[]string{"podman-1.scope", "pod-not-a-uid", "kubepods.slice"}, ""},
		{[]string{"user.slice", "session-1.scope"}, ""},
		{[]string{"pod6b1f0d3e-8c1a-4a8e-9d55-0a5f3c2b7e1"}, ""}, // one digit short
	} {
		if got := podUID(c.names); got != c.want {
			t.Errorf("podUID(%q) = %q, want %q", c.names, got, c.want)
		}
	}
}

func TestSeedFromProc(t *testing.T) {
	tb := NewTable(LoadUsers("/"), 0)
	fs := &ProcFS{Root: "/proc"}
	if err := fs.Seed(tb); err != nil {
		t.Fatal(err)
	}
	me := tb.Get(uint32(os.Getpid()))
	if me == nil || me.Comm == "" || me.ExePath == "" || me.Cwd == "" || me.FDs.Len() == 0 {
		t.Fatalf("own process: %+v", me)
	}
	// the environment the process started with (no test here sets one)
	if want := os.Environ(); len(strings.Join(want, "\x00")) < EnvMax && !slices.Equal(me.Env, want) {
		t.Errorf("own environment %q, want %q", me.Env, want)
	}
	if tb.Ancestor(me, 1) == nil {
		t.Fatal("parent not seeded")
	}
	if u, ok := tb.Users.User(0); !ok || u.Name != "root" {
		t.Fatalf("uid 0: %+v", u)
	}
}

func TestExitReparentsChildren(t *testing.T) {
	tb := NewTable(nil, 0)
	tb.Put(&Process{Pid: 1, Comm: "init"})
	tb.Put(&Process{Pid: 40, PPid: 1, Comm: "bash"})
	tb.Put(&Process{Pid: 41, PPid: 40, Comm: "sleep"})
	var r record.Record
	record.Decode(record.Encode(record.Header{Kind: record.KindExit, Tgid: 40, Tid: 40, Args: [6]uint64{1, 1}}), &r)
	var c Ctx
	tb.Apply(&r, &c)
	if p := tb.Get(41); p == nil || p.PPid != 1 || tb.Ancestor(p, 1).Comm != "init" {
		t.Fatalf("orphan not reparented: %+v", p)
	}
}
