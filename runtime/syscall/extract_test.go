package syscall

import (
	"net/netip"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/dnsnames"
)

// world is a small process tree: systemd(1) → nginx(10) → sh(20).
func world() *Source {
	users := &state.Users{Users: map[uint32]state.User{0: {Name: "root", Home: "/root", Shell: "/bin/bash"}},
		Groups: map[uint32]string{0: "root"}}
	t := state.NewTable(users, 1_000_000_000_000)
	t.Put(&state.Process{Pid: 1, Comm: "systemd", Cwd: "/"})
	t.Put(&state.Process{Pid: 10, PPid: 1, Sid: 10, Comm: "nginx", Exe: "nginx", Args: []string{"-g", "daemon off;"}, Cwd: "/"})
	t.Put(&state.Process{Pid: 20, PPid: 10, Sid: 10, Comm: "sh", Exe: "sh", Args: []string{"-c", "id"}, Cwd: "/tmp", StartTS: 100})
	return NewSource(t, "node")
}

func apply(t *testing.T, s *Source, name string, ret int64, args [6]uint64, params ...[]byte) *Event {
	t.Helper()
	sc, ok := record.ByName(name)
	if !ok {
		t.Fatalf("no syscall %s", name)
	}
	var ev Event
	b := record.Encode(record.Header{TS: 5e9, Kind: record.KindSyscall, NR: sc.NR, Tgid: 20, Tid: 20, LoginUID: 4294967295, Ret: ret, Args: args}, params...)
	if err := s.Apply(b, &ev); err != nil {
		t.Fatal(err)
	}
	return &ev
}

// check extracts each field and compares its text (or number) with want;
// "<missing>" expects the field to be absent.
func check(t *testing.T, ev *Event, want map[string]any) {
	t.Helper()
	for name, w := range want {
		ref := fields.Ref{Name: name}
		if i := len(name) - 1; name[i] == ']' {
			for j := i; j >= 0; j-- {
				if name[j] == '[' {
					ref = fields.Ref{Name: name[:j], Arg: name[j+1 : i], HasArg: true}
					break
				}
			}
		}
		b, err := Bind([]fields.Ref{ref})
		if err != nil {
			t.Fatal(err)
		}
		var v fields.Value
		ok := b.Field(ev, 0, &v)
		switch w := w.(type) {
		case string:
			if w == "<missing>" {
				if ok {
					t.Errorf("%s: present (%q), want missing", name, v.S)
				}
			} else if !ok || string(v.S) != w {
				t.Errorf("%s = %q (present %v), want %q", name, v.S, ok, w)
			}
		case int:
			if !ok || int64(v.N) != int64(w) {
				t.Errorf("%s = %d (present %v), want %d", name, int64(v.N), ok, w)
			}
		default:
			t.Fatalf("%s: cannot compare with a %T", name, w)
		case []string:
			if !ok || len(v.L) != len(w) {
				t.Errorf("%s = %q, want %q", name, v.L, w)
				continue
			}
			for i := range w {
				if string(v.L[i]) != w[i] {
					t.Errorf("%s = %q, want %q", name, v.L, w)
				}
			}
		}
	}
}

func TestOpenFields(t *testing.T) {
	s := world()
	ev := apply(t, s, "openat", 3, [6]uint64{0xffffff9c, 0, 0o2001101}, record.CString("../var/log/app.log"))
	check(t, ev, map[string]any{
		"evt.type": "openat", "evt.dir": "<", "evt.res": "SUCCESS", "evt.rawres": 3, "evt.num": 1,
		"evt.arg.flags": "O_TRUNC|O_CREAT|O_WRONLY|O_CLOEXEC", "evt.is_open_write": 1, "evt.is_open_read": 0,
		"fd.name": "/var/log/app.log", "fd.nameraw": "../var/log/app.log", "fd.directory": "/var/log",
		"fd.filename": "app.log", "fd.typechar": "f", "fd.type": "file", "fd.num": 3,
		"proc.name": "sh", "proc.pname": "nginx", "proc.aname[2]": "systemd", "proc.aname": []string{"nginx", "systemd"},
		"proc.aname[0]": "sh", "proc.aname[1]": "nginx", "proc.aname[3]": "<missing>", "proc.apid[1]": 10, "proc.apid": []string{"10", "1"},
		"proc.cmdline": "sh -c id", "proc.pcmdline": "nginx -g daemon off;", "proc.cwd": "/tmp/", "proc.sname": "nginx",
		"proc.duration": int(5e9 - 100), "user.name": "root", "user.uid": 0, "user.loginuid": -1, "group.name": "root",
		"container.id": "host", "container.image.repository": "<missing>", "fd.sip": "<missing>", "evt.hostname": "node",
	})
	ev = apply(t, s, "open", -2, [6]uint64{}, record.CString("/nope"))
	check(t, ev, map[string]any{"evt.res": "ENOENT", "fd.num": -1, "fd.name": "/nope", "evt.failed": 1, "evt.num": 2})
}

func TestArgFields(t *testing.T) {
	s := world()
	check(t, apply(t, s, "ptrace", 0, [6]uint64{0}), map[string]any{"evt.arg.request": "PTRACE_TRACEME"})
	check(t, apply(t, s, "socket", 4, [6]uint64{17, 3, 0}), map[string]any{"evt.arg.domain": "AF_PACKET", "evt.arg[1]": "AF_PACKET"})
	check(t, apply(t, s, "symlinkat", 0, [6]uint64{0, 0xffffff9c}, record.CString("/etc/shadow"), record.CString("x")),
		map[string]any{"evt.arg.target": "/etc/shadow", "evt.arg.linkpath": "/tmp/x", "fs.path.target": "/tmp/x"})
	check(t, apply(t, s, "linkat", 0, [6]uint64{0xffffff9c, 0, 0xffffff9c}, record.CString("/etc/shadow"), record.CString("h")),
		map[string]any{"evt.arg.oldpath": "/etc/shadow", "evt.arg.newpath": "/tmp/h", "evt.rawarg.res": 0})
	sa := []byte{2, 0, 0x11, 0x5c, 8, 8, 8, 8, 0, 0, 0, 0, 0, 0, 0, 0}
	apply(t, s, "socket", 5, [6]uint64{2, 1, 6})
	ev := apply(t, s, "connect", -115, [6]uint64{5}, nil, nil, sa)
	check(t, ev, map[string]any{"evt.res": "EINPROGRESS", "fd.name": "0.0.0.0:0->8.8.8.8:4444", "fd.sport": 4444,
		"fd.l4proto": "tcp", "fd.typechar": "4", "fd.connected": 1, "fd.sockfamily": "ip"})
	ev = apply(t, s, "dup2", 1, [6]uint64{5, 1})
	check(t, ev, map[string]any{"evt.rawres": 1, "fd.type": "ipv4"})
}

// proc.env comes from the exec's environment record, which precedes the
// exec record; a later exec without one forgets it.
func TestProcEnv(t *testing.T) {
	s := world()
	env := record.Encode(record.Header{TS: 4e9, Kind: record.KindEnv, NR: 59, Tgid: 20, Tid: 20},
		[]byte("PATH=/usr/bin\x00GLIBC_TUNABLES=glibc.malloc.mxfast=1\x00EMPTY=\x00"))
	var ev Event
	if err := s.Apply(env, &ev); err != nil || !ev.StateOnly() {
		t.Fatalf("env record: %v (state only %v)", err, ev.StateOnly())
	}
	exec := record.Encode(record.Header{TS: 5e9, Kind: record.KindExec, NR: 59, Tgid: 20, Tid: 20, LoginUID: 4294967295},
		make([]byte, record.ExecInfoSize), record.CString("/usr/bin/su"), []byte("su\x00"))
	if err := s.Apply(exec, &ev); err != nil {
		t.Fatal(err)
	}
	check(t, &ev, map[string]any{
		"evt.num": 1, "proc.env": "PATH=/usr/bin GLIBC_TUNABLES=glibc.malloc.mxfast=1 EMPTY=",
		"proc.env[GLIBC_TUNABLES]": "glibc.malloc.mxfast=1", "proc.env[EMPTY]": "", "proc.env[HOME]": "<missing>",
	})
	if err := s.Apply(exec, &ev); err != nil {
		t.Fatal(err)
	}
	check(t, &ev, map[string]any{"proc.env": "<missing>", "evt.num": 2})
}

type namesTable dnsnames.Table

func (n namesTable) Table() (dnsnames.Table, uint64) { return dnsnames.Table(n), 1 }

// fd.[cslr]ip.name is the name an address resolved from, among those the
// rules name, as the table stood when the record was applied; any other
// address has none.
func TestIPNames(t *testing.T) {
	s := world()
	s.Names = namesTable{netip.MustParseAddr("8.8.8.8"): "dns.example"}
	sa := []byte{2, 0, 0x11, 0x5c, 8, 8, 8, 8, 0, 0, 0, 0, 0, 0, 0, 0}
	apply(t, s, "socket", 5, [6]uint64{2, 1, 6})
	ev := apply(t, s, "connect", -115, [6]uint64{5}, nil, nil, sa)
	check(t, ev, map[string]any{"fd.sip.name": "dns.example", "fd.rip.name": "dns.example",
		"fd.lip.name": "<missing>", "fd.cip.name": "<missing>"})
	s.Names = namesTable{}
	check(t, ev, map[string]any{"fd.sip.name": "dns.example"}) // the event keeps its snapshot
	ev = apply(t, s, "dup2", 1, [6]uint64{5, 1})
	check(t, ev, map[string]any{"fd.sip.name": "<missing>"})
}
