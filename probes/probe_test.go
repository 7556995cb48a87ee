package probes_test

import (
	"os/exec"
	"slices"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/probes/record"
)

// TestProbeSeesExecAndOpen runs cat on a file and waits for the exec record
// of cat (argv, exe path), preceded by the record of its environment, and
// for its openat of the file.
func TestProbeSeesExecAndOpen(t *testing.T) {
	p := probetest.Open(t, probes.Options{})
	sc, _ := record.ByName("openat")
	if err := p.SetInterest([]uint16{sc.NR}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("cat", "/etc/hostname")
	cmd.Env = []string{"AERIE_PROBE_TEST=env record", "LANG=C"}
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := uint32(cmd.Process.Pid)
	var sawEnv, sawExec, sawOpen, sawExit bool
	deadline := time.AfterFunc(10*time.Second, func() { p.Close() })
	defer deadline.Stop()
	for !(sawExec && sawOpen && sawExit) {
		b, err := p.Read()
		if err != nil {
			t.Fatalf("read (exec %v, open %v, exit %v): %v", sawExec, sawOpen, sawExit, err)
		}
		var r record.Record
		if err := record.Decode(b, &r); err != nil {
			t.Fatal(err)
		}
		if r.Tgid != pid {
			continue
		}
		switch {
		case r.Kind == record.KindEnv:
			if env := record.Components(r.Params[record.ParamEnv]); !slices.Equal(env, cmd.Env) {
				t.Errorf("env record %q, want %q", env, cmd.Env)
			}
			sawEnv = true
		case r.Kind == record.KindExec:
			if !sawEnv {
				t.Error("exec record before its environment's")
			}
			argv := record.Components(r.Params[record.ParamArgv])
			exe := record.JoinReversed(r.Params[record.ParamExePath])
			if len(argv) != 2 || argv[1] != "/etc/hostname" || exe != "/usr/bin/cat" {
				t.Errorf("exec record: argv %q exe %q", argv, exe)
			}
			checkExecInfo(t, &r, "/usr/bin/cat")
			sawExec = true
		case r.Kind == record.KindSyscall && r.Type() == "openat" && r.Str(record.ParamStr0) == "/etc/hostname":
			if r.Ret < 0 {
				t.Errorf("openat returned %d", r.Ret)
			}
			sawOpen = true
		case r.Kind == record.KindExit:
			if x, _ := r.Exit(); !x.GroupDead || x.Reaper == 0 {
				t.Errorf("exit record %+v: want group dead with a reaper", x)
			}
			sawExit = true
		}
	}
	c, err := p.Counters()
	if err != nil || c.Events == 0 || c.Drops != 0 {
		t.Errorf("counters %+v, %v", c, err)
	}
}

// checkExecInfo compares the exec record's credentials and executable
// times with what the kernel reports through other interfaces: the test
// runs as root, so the effective set holds CAP_SYS_ADMIN (bit 21), and the
// executable's change and modification times are its stat times.
func checkExecInfo(t *testing.T, r *record.Record, exe string) {
	t.Helper()
	x, ok := r.Exec()
	if !ok {
		t.Fatal("exec record without exec info")
	}
	if x.CapEff&(1<<21) == 0 || x.CapPrm&(1<<21) == 0 {
		t.Errorf("capabilities eff %#x prm %#x: want CAP_SYS_ADMIN for a root process", x.CapEff, x.CapPrm)
	}
	var st unix.Stat_t
	if err := unix.Stat(exe, &st); err != nil {
		t.Fatal(err)
	}
	if want := uint64(st.Ctim.Nano()); x.ExeCtime != want {
		t.Errorf("exe ctime %d, stat says %d", x.ExeCtime, want)
	}
	if want := uint64(st.Mtim.Nano()); x.ExeMtime != want {
		t.Errorf("exe mtime %d, stat says %d", x.ExeMtime, want)
	}
}
