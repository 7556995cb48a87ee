package e2e

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// proc is a running `aerie run`.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	URL    string // base URL, from the "listening on" line
	client *http.Client
	mu     sync.Mutex
	stderr bytes.Buffer
	stdout bytes.Buffer
	exited chan struct{}
	code   int
}

var listening = regexp.MustCompile(`listening on (https?://\S+)`)

// start runs aerie run with args on a free loopback port and waits until
// /readyz answers 200.
func start(t *testing.T, client *http.Client, args ...string) *proc {
	t.Helper()
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	p := &proc{t: t, client: client, exited: make(chan struct{})}
	p.cmd = exec.Command(aerieBin, append([]string{"run", "--listen", "127.0.0.1:0"}, args...)...)
	p.cmd.Stdout = &lockedWriter{&p.mu, &p.stdout}
	errPipe, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go p.readStderr(errPipe, urls)
	t.Cleanup(p.kill)
	select {
	case p.URL = <-urls:
	case <-p.exited:
		t.Fatalf("aerie run exited (%d) before listening:\n%s", p.code, p.Stderr())
	case <-time.After(60 * time.Second):
		t.Fatalf("aerie run did not listen:\n%s", p.Stderr())
	}
	p.waitReady()
	return p
}

func (p *proc) readStderr(r io.Reader, urls chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		p.mu.Lock()
		p.stderr.WriteString(line + "\n")
		p.mu.Unlock()
		if m := listening.FindStringSubmatch(line); m != nil {
			select {
			case urls <- m[1]:
			default:
			}
		}
	}
	err := p.cmd.Wait()
	p.code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		p.code = ee.ExitCode()
	}
	close(p.exited)
}

func (p *proc) waitReady() {
	p.t.Helper()
	poll(p.t, "readyz", func() bool {
		resp, err := p.client.Get(p.URL + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
}

// Stderr and Stdout return what the process printed so far.
func (p *proc) Stderr() string { p.mu.Lock(); defer p.mu.Unlock(); return p.stderr.String() }
func (p *proc) Stdout() string { p.mu.Lock(); defer p.mu.Unlock(); return p.stdout.String() }

// signal sends sig to the process.
func (p *proc) signal(sig syscall.Signal) {
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("signal %v: %v", sig, err)
	}
}

// stop sends SIGTERM and returns the exit code.
func (p *proc) stop() int {
	p.t.Helper()
	p.signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		return p.code
	case <-time.After(60 * time.Second):
		p.t.Fatalf("aerie run did not stop on SIGTERM:\n%s", p.Stderr())
		return -1
	}
}

func (p *proc) kill() {
	select {
	case <-p.exited:
	default:
		p.cmd.Process.Kill()
		<-p.exited
	}
}

// metric returns the value of one sample of /metrics (the full line's
// name and labels as Prometheus prints them), 0 when absent.
func (p *proc) metric(series string) float64 {
	p.t.Helper()
	resp, err := p.client.Get(p.URL + "/metrics")
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, series+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return 0
}

func (p *proc) evaluated() float64 {
	return p.metric(`aerie_events_evaluated_total{source="k8s_audit"}`)
}

// poll waits for cond with a deadline; no sleeping as synchronisation.
func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(60 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (w *lockedWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(b)
}

// tlsClient trusts ca and presents cert when given.
func tlsClient(ca *x509.CertPool, cert *tls.Certificate) *http.Client {
	tc := &tls.Config{RootCAs: ca}
	if cert != nil {
		tc.Certificates = []tls.Certificate{*cert}
	}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: tc}}
}

func writeFile(t *testing.T, path, body string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
