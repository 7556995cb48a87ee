package output

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func alert(n int) *Alert {
	return &Alert{Time: time.Now(), Rule: "r", Source: "k8s_audit", Priority: 4,
		Text: []byte("10:00:00.000000000: Warning text " + string(rune('a'+n))),
		JSON: []byte(`{"n":"` + string(rune('a'+n)) + `"}`)}
}

func closeOut(t *testing.T, o *Output) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := o.Close(ctx); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestStdoutForms(t *testing.T) {
	for _, json := range []bool{false, true} {
		var b bytes.Buffer
		o := Stdout(&b, Options{JSON: json})
		o.Send(alert(0))
		o.Send(alert(1))
		closeOut(t, o)
		want := "10:00:00.000000000: Warning text a\n10:00:00.000000000: Warning text b\n"
		if json {
			want = "{\"n\":\"a\"}\n{\"n\":\"b\"}\n"
		}
		if b.String() != want {
			t.Errorf("json=%v: got %q, want %q", json, b.String(), want)
		}
	}
}

// blockingWriter blocks every write until released.
type blockingWriter struct{ release chan struct{} }

func (w blockingWriter) Write(p []byte) (int, error) { <-w.release; return len(p), nil }

func TestFullQueueDropsAndCounts(t *testing.T) {
	w := blockingWriter{make(chan struct{})}
	o := start("stdout", &writerSink{w: bufioNoBuffer(w)}, 2, nil)
	for i := range 10 {
		o.Send(alert(i))
	}
	// One alert may be in the writer, two queued: at least 7 dropped.
	if d := o.Drops(); d < 7 {
		t.Errorf("drops = %d, want ≥ 7", d)
	}
	close(w.release)
	closeOut(t, o)
	if o.Sent()+o.Drops() != 10 {
		t.Errorf("sent %d + dropped %d != 10", o.Sent(), o.Drops())
	}
}

func TestFileReopen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "alerts.log")
	o, err := File(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o.Send(alert(0))
	waitFor(t, "first line", func() bool { b, _ := os.ReadFile(path); return len(b) > 0 })
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	o.Reopen()
	waitFor(t, "reopened file", func() bool { _, err := os.Stat(path); return err == nil })
	o.Send(alert(1))
	closeOut(t, o)
	old, _ := os.ReadFile(path + ".1")
	cur, _ := os.ReadFile(path)
	if !strings.HasSuffix(string(old), "text a\n") || string(cur) != "10:00:00.000000000: Warning text b\n" {
		t.Errorf("rotated %q, current %q", old, cur)
	}
}

func TestHTTPRetriesThenDelivers(t *testing.T) {
	var calls atomic.Int32
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Header.Get("Content-Type")+" "+string(b))
		mu.Unlock()
	}))
	defer srv.Close()
	o := HTTP(HTTPOptions{URL: srv.URL, Backoff: time.Millisecond}, Options{})
	o.Send(alert(0))
	closeOut(t, o)
	if len(got) != 1 || got[0] != `application/json {"n":"a"}` || calls.Load() != 3 {
		t.Errorf("calls %d, received %q", calls.Load(), got)
	}
}

func TestHTTPGivesUpAndCounts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusInternalServerError)
	}))
	defer srv.Close()
	o := HTTP(HTTPOptions{URL: srv.URL, Backoff: time.Millisecond, Retries: 2}, Options{})
	o.Send(alert(0))
	closeOut(t, o)
	if o.Errors() != 1 || o.Sent() != 0 {
		t.Errorf("errors %d sent %d, want 1 and 0", o.Errors(), o.Sent())
	}
}

func bufioNoBuffer(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 16) }

func TestProgramRespawns(t *testing.T) {
	dir := t.TempDir()
	path, pidFile := filepath.Join(dir, "out"), filepath.Join(dir, "pid")
	o, err := Program("echo $$ > "+pidFile+"; exec cat >> "+path, Options{JSON: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		o.Send(alert(i))
		waitFor(t, "line", func() bool {
			b, _ := os.ReadFile(path)
			return strings.Count(string(b), "\n") == i+1
		})
		// Kill the program: the next alert must respawn it.
		pid, _ := os.ReadFile(pidFile)
		p, _ := strconv.Atoi(strings.TrimSpace(string(pid)))
		syscall.Kill(p, syscall.SIGKILL)
		waitFor(t, "program exit", func() bool { return syscall.Kill(p, 0) != nil })
	}
	closeOut(t, o)
	b, _ := os.ReadFile(path)
	if string(b) != "{\"n\":\"a\"}\n{\"n\":\"b\"}\n{\"n\":\"c\"}\n" {
		t.Errorf("program got %q", b)
	}
}

func TestSyslogSeverity(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	o, err := Syslog("udp", pc.LocalAddr().String(), "aerie", Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := alert(0)
	a.Priority = 2 // Critical
	o.Send(a)
	buf := make([]byte, 2048)
	pc.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		t.Fatal(err)
	}
	closeOut(t, o)
	// <PRI> = facility LOG_USER (1) * 8 + severity LOG_CRIT (2) = 10.
	if msg := string(buf[:n]); !strings.HasPrefix(msg, "<10>") || !strings.Contains(msg, "Warning text a") {
		t.Errorf("syslog message %q", msg)
	}
}
