package quickstart

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aeriesec/aerie/tests/testenv"
)

// readme returns the README's marked blocks by name.
func readme(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := markedBlocks(string(b))
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	for _, name := range []string{"daemon", "client", "expect", "replay"} {
		if blocks[name] == "" {
			t.Fatalf("README.md: no block marked <!-- quickstart:%s -->", name)
		}
	}
	return blocks
}

const readyURL = "http://127.0.0.1:8765/readyz" // where the README's daemon listens

func TestReadmeQuickStart(t *testing.T) {
	blocks := readme(t)
	root := testenv.RepoRoot(t)
	if ln, err := net.Listen("tcp", "127.0.0.1:8765"); err != nil {
		t.Fatalf("the quick start's port 127.0.0.1:8765 is taken (%v): stop whatever listens there", err)
	} else {
		ln.Close()
	}
	d := startShell(t, root, blocks["daemon"])
	waitReady(t, d)
	client := runShell(t, root, blocks["client"])
	if !strings.Contains(client, "aerie_alerts_total{") {
		t.Errorf("client block: no aerie_alerts_total in its output:\n%s", client)
	}
	want := withoutTime(strings.TrimSpace(blocks["expect"]))
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(d.stdout.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the daemon did not print the README's alert\nwant %s\nstdout:\n%s\nstderr:\n%s", want, d.stdout.String(), d.stderr.String())
		}
		<-time.After(20 * time.Millisecond)
	}
	if out := runShell(t, root, blocks["replay"]); !strings.Contains(out, want) {
		t.Errorf("replay block printed\n%s\nwant %s", out, want)
	}
}

// withoutTime drops the alert's leading time, which is local time.
func withoutTime(line string) string {
	_, rest, ok := strings.Cut(line, ": ")
	if !ok {
		return line
	}
	return rest
}

// proc is a background shell running a README block.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	exited         chan struct{}
}

func startShell(t *testing.T, dir, script string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command("/bin/sh", "-e", "-c", script), stdout: &syncBuffer{}, stderr: &syncBuffer{},
		exited: make(chan struct{})}
	p.cmd.Dir, p.cmd.Stdout, p.cmd.Stderr = dir, p.stdout, p.stderr
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // go run's child too
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { p.stop(t) })
	return p
}

// stop sends SIGTERM to the block's process group (what Ctrl-C does to a
// terminal's foreground job) and waits for it to exit.
func (p *proc) stop(t *testing.T) {
	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(60 * time.Second):
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		t.Errorf("the daemon did not stop on SIGTERM:\n%s", p.stderr.String())
	}
}

// waitReady polls /readyz (go run compiles first: a generous deadline).
func waitReady(t *testing.T, p *proc) {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			t.Fatalf("the daemon block exited:\n%s", p.stderr.String())
		default:
		}
		if resp, err := client.Get(readyURL); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		<-time.After(50 * time.Millisecond)
	}
	t.Fatalf("the daemon was not ready within 5 minutes:\n%s", p.stderr.String())
}

// runShell runs a block to completion and returns its standard output.
func runShell(t *testing.T, dir, script string) string {
	t.Helper()
	cmd := exec.Command("/bin/sh", "-e", "-c", script)
	var stdout, stderr bytes.Buffer
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s\n%v\nstdout:\n%s\nstderr:\n%s", script, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// docs/quickstart.md repeats the README's local commands; they must not
// drift apart.
func TestDocsQuickStartRepeatsTheReadme(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "docs", "quickstart.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, block := range readme(t) {
		if name != "replay" && !strings.Contains(string(b), block) {
			t.Errorf("docs/quickstart.md lacks the README's %s block:\n%s", name, block)
		}
	}
}
