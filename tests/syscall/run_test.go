package syscall

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/tests/testenv"
)

// daemon is a real `aerie run` process with its stdout collected.
type daemon struct {
	base string
	mu   sync.Mutex
	out  bytes.Buffer
}

func (d *daemon) lines() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return strings.Split(d.out.String(), "\n")
}

// startRun builds and starts `aerie run` on its embedded defaults with the
// syscall source on (plus args), and returns once it says where it listens.
func startRun(t *testing.T, args ...string) *daemon {
	t.Helper()
	_, stdout, stderr := startAerie(t, append([]string{"run", "--json", "--listen=127.0.0.1:0", "--state-dir=" + t.TempDir()}, args...)...)
	d := &daemon{}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			d.mu.Lock()
			d.out.WriteString(sc.Text() + "\n")
			d.mu.Unlock()
		}
	}()
	rest := awaitLine(t, stderr, "listening on http://", "aerie run to say where it listens")
	d.base = "http://" + strings.Fields(rest)[0]
	return d
}

// startAerie starts the aerie command with args, killed when the test ends.
func startAerie(t *testing.T, args ...string) (cmd *exec.Cmd, stdout, stderr io.Reader) {
	t.Helper()
	cmd = exec.Command(buildAerie(t), args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err = cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, stdout, stderr
}

// awaitLine reads r in the background and returns what follows marker on
// the first line holding it; it fails the test after 60 s.
func awaitLine(t *testing.T, r io.Reader, marker, what string) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), marker); ok {
				select {
				case found <- rest:
				default:
				}
			}
		}
	}()
	select {
	case rest := <-found:
		return rest
	case <-time.After(60 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		return ""
	}
}

// buildAerie builds the aerie command into a temporary directory.
func buildAerie(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "aerie")
	build := exec.Command("go", "build", "-o", bin, "./cmd/aerie")
	build.Dir = testenv.RepoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build aerie: %v\n%s", err, out)
	}
	return bin
}

// As root, `aerie run` with no source flags watches system calls and audit
// events at once: /readyz reports the probe attached, a sensitive read by an
// untrusted program and a posted audit event both raise their alerts.
func TestRunWatchesSyscallsAndAuditEvents(t *testing.T) {
	if os.Geteuid() != 0 {
		probetest.Unavailable(t, "not root")
	}
	d := startRun(t)
	var ready map[string]string
	poll(t, "/readyz to report the probe attached", func() bool {
		resp, err := http.Get(d.base + "/readyz")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		ready = nil
		_ = json.NewDecoder(resp.Body).Decode(&ready)
		return resp.StatusCode == http.StatusOK
	})
	if ready["syscall_probe"] != "attached" {
		probetest.Unavailable(t, "aerie run is ready without the syscall probe: "+ready["syscall_probe"])
	}
	reader := copyExe(t, "/usr/bin/cat", filepath.Join(t.TempDir(), "peek"))
	if err := exec.Command(reader, "/etc/shadow").Run(); err != nil {
		t.Fatalf("read /etc/shadow: %v", err)
	}
	event, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "deploy", "examples", "exec-into-pod.json"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(d.base+"/k8s-audit", "application/json", bytes.NewReader(event))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /k8s-audit: %d", resp.StatusCode)
	}
	want := map[string]func(a runAlert) bool{
		"Sensitive File Read by Untrusted Program": func(a runAlert) bool {
			return a.Source == "syscall" && a.Fields["proc.name"] == "peek" && a.Fields["fd.name"] == "/etc/shadow"
		},
		"K8s Shell Into Pod": func(a runAlert) bool { return a.Source == "k8s_audit" },
	}
	poll(t, "both alerts on stdout", func() bool { return seen(d, want) == len(want) })
}

type runAlert struct {
	Rule   string         `json:"rule"`
	Source string         `json:"source"`
	Fields map[string]any `json:"output_fields"`
}

// seen counts the wanted rules that have a matching alert on stdout.
func seen(d *daemon, want map[string]func(runAlert) bool) int {
	n := 0
	for rule, ok := range want {
		for _, l := range d.lines() {
			var a runAlert
			if json.Unmarshal([]byte(l), &a) == nil && a.Rule == rule && ok(a) {
				n++
				break
			}
		}
	}
	return n
}

// poll waits up to 30 s for cond, checking every 50 ms.
func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if !eventually(cond) {
		t.Fatalf("timed out waiting for %s", what)
	}
}

// eventually reports whether cond held within 30 s, checking every 50 ms.
func eventually(cond func() bool) bool {
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
	return true
}
