package deploy

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aeriesec/aerie/tests/testenv"
)

// binary is the aerie binary built once for the package's tests.
var binary struct {
	once sync.Once
	path string
	err  error
}

func aerieBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "aerie-deploy-test")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "aerie")
		cmd := exec.Command("go", "build", "-o", binary.path, "./cmd/aerie")
		cmd.Dir = testenv.RepoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			binary.err = fmt.Errorf("go build ./cmd/aerie: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary.path != "" {
		os.RemoveAll(filepath.Dir(binary.path))
	}
	os.Exit(code)
}

// lockedBuffer collects a process's output while tests read it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// daemon is a running `aerie run`.
type daemon struct {
	cmd            *exec.Cmd
	stdout, stderr *lockedBuffer
	base           string // http(s)://host:port
	client         *http.Client
	exited         chan error
}

var listening = regexp.MustCompile(`listening on (https?)://(\S+) `)

// startDaemon runs `aerie <args>` and waits (with a deadline) until it
// says where it listens and answers /readyz with 200.
func startDaemon(t *testing.T, client *http.Client, args ...string) *daemon {
	t.Helper()
	d := startProcess(t, args...)
	if client != nil {
		d.client = client
	}
	d.waitReady(t)
	return d
}

// startProcess runs `aerie <args>`; the test's cleanup stops it.
func startProcess(t *testing.T, args ...string) *daemon {
	t.Helper()
	d := &daemon{cmd: exec.Command(aerieBinary(t), args...), stdout: &lockedBuffer{}, stderr: &lockedBuffer{},
		client: &http.Client{Timeout: 5 * time.Second}, exited: make(chan error, 1)}
	d.cmd.Stdout, d.cmd.Stderr = d.stdout, d.stderr
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { d.exited <- d.cmd.Wait() }()
	t.Cleanup(func() { d.stop(t) })
	return d
}

func (d *daemon) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-d.exited:
			d.exited <- err
			t.Fatalf("aerie exited before it was ready (%v):\n%s", err, d.stderr.String())
		default:
		}
		if m := listening.FindStringSubmatch(d.stderr.String()); m != nil && d.base == "" {
			d.base = m[1] + "://" + m[2]
		}
		if d.base != "" && d.status(t, "/readyz") == http.StatusOK {
			return
		}
		waitABit()
	}
	t.Fatalf("aerie not ready within a minute:\n%s", d.stderr.String())
}

// waitABit yields between polls without sleeping a fixed time on the
// critical path: a short timer bounds the spin.
func waitABit() { <-time.After(20 * time.Millisecond) }

func (d *daemon) status(t *testing.T, path string) int {
	t.Helper()
	resp, err := d.client.Get(d.base + path)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (d *daemon) stop(t *testing.T) {
	select {
	case err := <-d.exited:
		d.exited <- err
		return
	default:
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	select {
	case <-d.exited:
	case <-ctx.Done():
		d.cmd.Process.Kill()
		t.Errorf("aerie did not stop on SIGTERM:\n%s", d.stderr.String())
	}
}

func tlsClient(cfg *tls.Config) *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: cfg}}
}

// poll waits, with a deadline, until cond holds.
func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		waitABit()
	}
}
