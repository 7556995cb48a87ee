package syscall

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/aeriesec/aerie/runtime/alert"
	sys "github.com/aeriesec/aerie/runtime/syscall"
)

// helperEnv makes the test binary act as a small attacker program.
const helperEnv = "AERIE_SYSCALL_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(m.Run())
	case "memfd":
		os.Exit(execFromMemfd())
	case "openloop":
		for {
			openClose()
		}
	case "attach":
		os.Exit(attachToChild())
	case "traceme":
		if _, _, e := unix.Syscall(unix.SYS_PTRACE, unix.PTRACE_TRACEME, 0, 0); e != 0 {
			fmt.Fprintln(os.Stderr, "ptrace:", e)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(2)
}

// execFromMemfd copies /bin/true into a memfd and executes it (fileless).
func execFromMemfd() int {
	fd, err := unix.MemfdCreate("payload", 0)
	if err != nil {
		return 3
	}
	b, err := os.ReadFile("/bin/true")
	if err != nil {
		return 4
	}
	if _, err := unix.Write(fd, b); err != nil {
		return 5
	}
	path := "/proc/self/fd/" + strconv.Itoa(fd)
	unix.Exec(path, []string{"payload"}, os.Environ())
	return 6
}

// attachToChild starts a sleeping child and attaches to it with ptrace,
// as an injector would.
func attachToChild() int {
	c := exec.Command("sleep", "5")
	if c.Start() != nil {
		return 3
	}
	defer func() { c.Process.Kill(); c.Wait() }()
	if err := unix.PtraceAttach(c.Process.Pid); err != nil {
		return 4
	}
	return 0
}

type scenario struct {
	name string
	rule string
	run  func(t *testing.T, dir string) *exec.Cmd
	want map[string]string // output fields
}

func cmd(name string, args ...string) *exec.Cmd { return exec.Command(name, args...) }

func helper(mode string) *exec.Cmd {
	c := exec.Command(os.Args[0])
	c.Env = append(os.Environ(), helperEnv+"="+mode)
	return c
}

func scenarios(t *testing.T, dir, shared string) []scenario {
	me := testComm()
	return []scenario{
		{"read shadow from an untrusted binary", "Read sensitive file untrusted",
			func(t *testing.T, dir string) *exec.Cmd {
				return cmd(copyExe(t, "/bin/cat", filepath.Join(dir, "shadowreader")), "/etc/shadow")
			},
			map[string]string{"proc.name": "shadowreader", "proc.pname": me, "fd.name": "/etc/shadow",
				"proc.cmdline": "shadowreader /etc/shadow", "user.name": "root"}},
		{"shell spawned by a web server", "Run shell untrusted",
			func(t *testing.T, dir string) *exec.Cmd {
				return cmd(copyExe(t, "/bin/sh", filepath.Join(dir, "nginx")), "-c", "/bin/sh -c true; true")
			},
			map[string]string{"proc.name": "sh", "proc.pname": "nginx", "proc.cmdline": "sh -c true", "user.name": "root"}},
		{"symlink over /etc/shadow", "Create Symlink Over Sensitive Files",
			func(t *testing.T, dir string) *exec.Cmd {
				return cmd("ln", "-s", "/etc/shadow", filepath.Join(dir, "sl"))
			},
			map[string]string{"proc.name": "ln", "proc.pname": me, "evt.arg.target": "/etc/shadow", "user.name": "root"}},
		{"hardlink over /etc/shadow", "Create Hardlink Over Sensitive Files",
			func(t *testing.T, _ string) *exec.Cmd { return cmd("ln", "/etc/shadow", filepath.Join(shared, "hl")) },
			map[string]string{"proc.name": "ln", "proc.pname": me, "evt.arg.oldpath": "/etc/shadow", "user.name": "root"}},
		{"find private keys", "Search Private Keys or Passwords",
			func(t *testing.T, dir string) *exec.Cmd { return cmd("find", dir, "-name", "id_rsa") },
			map[string]string{"proc.name": "find", "proc.pname": me, "proc.cmdline": "find " + dir + " -name id_rsa"}},
		{"find AWS credentials", "Find AWS Credentials",
			func(t *testing.T, dir string) *exec.Cmd { return cmd("find", dir, "-path", "*/.aws/credentials") },
			map[string]string{"proc.name": "find", "proc.pname": me}},
		{"truncate a log file", "Clear Log Activities",
			func(t *testing.T, _ string) *exec.Cmd { return cmd("sh", "-c", ": > /var/log/aerie-probe-test.log") },
			map[string]string{"proc.name": "sh", "proc.pname": me, "fd.name": "/var/log/aerie-probe-test.log", "user.name": "root"}},
		{"shred", "Remove Bulk Data from Disk",
			func(t *testing.T, dir string) *exec.Cmd {
				f := filepath.Join(dir, "secret")
				os.WriteFile(f, []byte("data"), 0o600)
				return cmd("shred", "-u", f)
			},
			map[string]string{"proc.name": "shred", "proc.pname": me, "user.name": "root"}},
		{"execute from /dev/shm", "Execution from /dev/shm",
			func(t *testing.T, _ string) *exec.Cmd {
				p := copyExe(t, "/bin/true", "/dev/shm/aerieshm")
				t.Cleanup(func() { os.Remove(p) })
				return cmd(p)
			},
			map[string]string{"proc.name": "aerieshm", "proc.pname": me, "proc.exepath": "/dev/shm/aerieshm"}},
		{"execute from a memfd", "Fileless execution via memfd_create",
			func(t *testing.T, _ string) *exec.Cmd { return helper("memfd") },
			map[string]string{"proc.pname": me, "user.name": "root"}},
		{"PTRACE_TRACEME", "PTRACE anti-debug attempt",
			func(t *testing.T, _ string) *exec.Cmd { return helper("traceme") },
			map[string]string{"proc.name": me, "user.name": "root"}},
		{"PTRACE_ATTACH", "PTRACE attached to process",
			func(t *testing.T, _ string) *exec.Cmd { return helper("attach") },
			map[string]string{"proc.name": me, "user.name": "root", "evt.type": "ptrace"}},
		{"system user below sshd (grandparent)", "System user interactive",
			func(t *testing.T, dir string) *exec.Cmd {
				sshd := copyExe(t, "/bin/sh", filepath.Join(dir, "sshd"))
				worker := copyExe(t, "/bin/sh", filepath.Join(dir, "aerieworker"))
				inner := "setpriv --reuid=nobody --regid=nogroup --clear-groups /bin/true; true"
				return cmd(sshd, "-c", worker+" -c '"+inner+"'; true")
			},
			// proc.aname=sshd holds for the grandparent: Falco matches any ancestor.
			map[string]string{"proc.name": "true", "proc.pname": "aerieworker", "user.name": "nobody"}},
		{"directory traversal read", "Directory traversal monitored file read",
			func(t *testing.T, dir string) *exec.Cmd {
				c := cmd(copyExe(t, "/bin/cat", filepath.Join(dir, "travreader")), "../../../../../../etc/passwd")
				c.Dir = dir
				return c
			},
			map[string]string{"proc.name": "travreader", "proc.pname": me, "fd.name": "/etc/passwd", "user.name": "root"}},
	}
}

func fieldsMatch(g got, want map[string]string) bool {
	for k, v := range want {
		if fmt.Sprint(g.Fields[k]) != v {
			return false
		}
	}
	return true
}

// TestStableRulesFireOnAttacks runs each attack under the live probe and
// waits for the stable rule with the expected fields; then it replays the
// capture of the whole run and expects the very same alerts.
func TestStableRulesFireOnAttacks(t *testing.T) {
	s := startSession(t)
	dir := t.TempDir()
	shared, err := os.MkdirTemp("/var/tmp", "aerie-probe-") // same file system as /etc, for hard links
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(shared); os.Remove("/var/log/aerie-probe-test.log") })
	for _, sc := range scenarios(t, dir, shared) {
		t.Run(sc.name, func(t *testing.T) {
			c := sc.run(t, dir)
			if c.Dir == "" {
				c.Dir = dir // keep the repository's path out of the recorded cwd
			}
			var out bytes.Buffer
			c.Stdout, c.Stderr = &out, &out
			if err := c.Run(); err != nil && sc.rule != "Create Hardlink Over Sensitive Files" {
				t.Logf("%s: %v: %s", c, err, out.String())
			}
			g := s.waitFor(t, sc.rule, func(g got) bool { return fieldsMatch(g, sc.want) })
			t.Logf("%s", g.Output)
		})
	}
	capt := s.stop(t)
	live := s.texts
	ev, f := stableRules(t, "wasm")
	var replayed []string
	if _, err := sys.Replay(bytes.NewReader(capt), ev, f, func(a *alert.Alert) error {
		replayed = append(replayed, string(a.JSON))
		return nil
	}); err != nil {
		t.Fatalf("replay: %v", err)
	}
	if len(replayed) != len(live) {
		t.Fatalf("replay gave %d alerts, the live run %d", len(replayed), len(live))
	}
	for i := range live {
		if replayed[i] != live[i] {
			t.Fatalf("alert %d differs:\nlive:   %s\nreplay: %s", i, live[i], replayed[i])
		}
	}
	t.Logf("%d alerts live, %d replayed (%d bytes of capture)", len(live), len(replayed), len(capt))
	if *update {
		writeTestdata(t, capt)
	}
}
