package e2e

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const goodEvent = `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","verb":"get","requestURI":"/api/v1/pods","user":{"username":"alice"},"stageTimestamp":"2026-01-15T10:00:00.000000Z"}`

type hostile struct {
	name   string
	method string
	path   string
	hdr    map[string]string
	body   io.Reader
	want   int
}

func jsonReq(name, body string, want int) hostile {
	return hostile{name: name, body: strings.NewReader(body), want: want}
}

func gzipOf(b []byte) []byte {
	var out bytes.Buffer
	w, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// zeros streams n bytes of spaces without holding them.
type zeros struct{ n int }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), z.n)
	for i := range k {
		p[i] = ' '
	}
	z.n -= k
	return k, nil
}

func hostileCases() []hostile {
	deepArr := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	deepObj := `{"kind":"Event","stageTimestamp":"2026-01-15T10:00:00Z","x":` + strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000) + "}"
	bigEvent := `{"kind":"Event","stageTimestamp":"2026-01-15T10:00:00Z","x":"` + strings.Repeat("a", 2<<20) + `"}`
	bomb := gzipOf(bytes.Repeat([]byte(" "), 100<<20))
	good := gzipOf([]byte(goodEvent))
	cs := []hostile{
		jsonReq("truncated JSON", goodEvent[:len(goodEvent)/2], 400),
		jsonReq("empty body", "", 400),
		jsonReq("whitespace only", "   \n\t ", 400),
		jsonReq("null", "null", 400),
		jsonReq("number", "42", 400),
		jsonReq("string", `"Event"`, 400),
		jsonReq("wrong kind", `{"kind":"Pod","apiVersion":"v1"}`, 400),
		jsonReq("no kind", `{"auditID":"x"}`, 400),
		jsonReq("kind not a string", `{"kind": 0}`, 400),
		jsonReq("items not an array", `{"kind":"EventList","items":5}`, 400),
		jsonReq("item not an object", `{"kind":"EventList","items":[1]}`, 400),
		jsonReq("no stageTimestamp", `{"kind":"Event","auditID":"x"}`, 400),
		jsonReq("bad stageTimestamp", `{"kind":"Event","stageTimestamp":"yesterday"}`, 400),
		jsonReq("array with a non-event", "["+goodEvent+",3]", 400),
		jsonReq("array of empty objects", "["+strings.Repeat("{},", 100000)+"{}]", 400),
		jsonReq("deeply nested arrays", deepArr, 400),
		jsonReq("deeply nested event", deepObj, 400),
		jsonReq("invalid UTF-8 in a string", strings.Replace(goodEvent, "alice", "al\xffice", 1), 400),
		jsonReq("invalid UTF-8 as structure", "\xfe\xff"+goodEvent, 400),
		jsonReq("NUL bytes", "\x00\x00\x00", 400),
		jsonReq("trailing garbage", goodEvent+"}}}", 400),
		jsonReq("two documents", goodEvent+goodEvent, 400),
		jsonReq("huge single event", bigEvent, 413),
		{name: "50 MB body with length", body: bytes.NewReader(bytes.Repeat([]byte(" "), 50<<20)), want: 413},
		{name: "50 MB chunked body", body: io.MultiReader(&zeros{50 << 20}), want: 413},
		{name: "gzip bomb", body: bytes.NewReader(bomb), hdr: map[string]string{"Content-Encoding": "gzip"}, want: 413},
		{name: "bad gzip", body: strings.NewReader("definitely not gzip"), hdr: map[string]string{"Content-Encoding": "gzip"}, want: 400},
		{name: "truncated gzip", body: bytes.NewReader(good[:len(good)-6]), hdr: map[string]string{"Content-Encoding": "gzip"}, want: 400},
		{name: "deflate encoding", body: strings.NewReader(goodEvent), hdr: map[string]string{"Content-Encoding": "deflate"}, want: 415},
		{name: "text/plain", body: strings.NewReader(goodEvent), hdr: map[string]string{"Content-Type": "text/plain"}, want: 415},
		{name: "no content type", body: strings.NewReader(goodEvent), hdr: map[string]string{"Content-Type": ""}, want: 415},
		{name: "form content type", body: strings.NewReader("a=b"), hdr: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, want: 415},
		{name: "no bearer token", body: strings.NewReader(goodEvent), hdr: map[string]string{"Authorization": ""}, want: 401},
		{name: "wrong bearer token", body: strings.NewReader(goodEvent), hdr: map[string]string{"Authorization": "Bearer nope"}, want: 401},
		{name: "GET", method: "GET", want: 405},
		{name: "PUT", method: "PUT", body: strings.NewReader(goodEvent), want: 405},
		{name: "nested path", path: "/k8s-audit/a/b", body: strings.NewReader(goodEvent), want: 404},
		{name: "module API without token", path: "/v1/modules", method: "GET", hdr: map[string]string{"Authorization": ""}, want: 401},
		{name: "module upload of junk", path: "/v1/modules", hdr: map[string]string{"Content-Type": "application/wasm", "Authorization": "Bearer api-token"}, body: strings.NewReader("\x00asm\x01\x00\x00\x00garbage"), want: 400},
	}
	return cs
}

func (h hostile) do(t *testing.T, base string) (int, string) {
	method, path := h.method, h.path
	if method == "" {
		method = "POST"
	}
	if path == "" {
		path = "/k8s-audit"
	}
	req, err := http.NewRequest(method, base+path+"?timeout=30s", h.body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer hook-token")
	for k, v := range h.hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode, string(b)
}

// TestHostileRequests sends malformed and hostile requests to a real aerie
// run: each gets the right 4xx, nothing is queued, the process keeps
// serving, and no handler panicked.
func TestHostileRequests(t *testing.T) {
	dir := t.TempDir()
	token := writeFile(t, filepath.Join(dir, "hook"), "hook-token")
	api := writeFile(t, filepath.Join(dir, "api"), "api-token")
	a := start(t, nil, "--no-syscall", "--webhook-token-file", token, "--api-token-file", api,
		"--k8s_audit.max_event_bytes", "1048576", "--webserver.read_timeout", "2s", "--webserver.read_header_timeout", "1s")
	cases := hostileCases()
	for _, h := range cases {
		t.Run(h.name, func(t *testing.T) {
			code, body := h.do(t, a.URL)
			if code != h.want {
				t.Errorf("status %d (%s), want %d", code, strings.TrimSpace(body), h.want)
			}
		})
	}
	t.Run("slowloris body", func(t *testing.T) { slowBody(t, a.URL) })
	t.Run("slowloris headers", func(t *testing.T) { slowHeaders(t, a.URL) })
	t.Run("malformed request line", func(t *testing.T) {
		if got := raw(t, a.URL, "GARBAGE\r\n\r\n"); !strings.HasPrefix(got, "HTTP/1.1 400") {
			t.Errorf("got %q", got)
		}
	})
	t.Run("bad content length", func(t *testing.T) {
		got := raw(t, a.URL, "POST /k8s-audit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}")
		if !strings.HasPrefix(got, "HTTP/1.1 400") {
			t.Errorf("got %q", got)
		}
	})
	if len(cases)+4 < 30 {
		t.Fatalf("only %d hostile cases", len(cases)+4)
	}
	// Still serving: a good event is accepted and evaluated, and only it.
	code, body := jsonReq("good", goodEvent, 200).do(t, a.URL)
	if code != 200 {
		t.Fatalf("good event after the hostile ones: %d %s", code, body)
	}
	poll(t, "the good event evaluated", func() bool { return a.evaluated() == 1 })
	if n := a.metric(`aerie_events_received_total{source="k8s_audit"}`); n != 1 {
		t.Errorf("%v events queued, want only the good one", n)
	}
	if n := a.metric("aerie_panics_total"); n != 0 {
		t.Errorf("%v handler panics", n)
	}
	if code := a.stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
}

// slowBody sends headers then dribbles the body slower than the read
// timeout allows: the server answers 408 and closes.
func slowBody(t *testing.T, base string) {
	c := dial(t, base)
	defer c.Close()
	fmt.Fprintf(c, "POST /k8s-audit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer hook-token\r\nContent-Length: 100000\r\n\r\n{")
	done := make(chan string, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			done <- "error: " + err.Error()
			return
		}
		done <- resp.Status
	}()
	tick := time.NewTicker(100 * time.Millisecond) // the client's pace, not synchronisation
	defer tick.Stop()
	for {
		select {
		case s := <-done:
			if !strings.HasPrefix(s, "408") {
				t.Errorf("slow body: %s, want 408", s)
			}
			return
		case <-tick.C:
			c.Write([]byte(" "))
		case <-time.After(30 * time.Second):
			t.Fatal("slow body: the server never gave up on the client")
		}
	}
}

// slowHeaders never finishes its headers: the server drops the
// connection after its header timeout.
func slowHeaders(t *testing.T, base string) {
	c := dial(t, base)
	defer c.Close()
	fmt.Fprintf(c, "POST /k8s-audit HTTP/1.1\r\nHost: x\r\nX-Slow: ")
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	b, err := io.ReadAll(c)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("slow headers: the server kept the connection open")
	}
	if len(b) > 0 && !strings.HasPrefix(string(b), "HTTP/1.1 408") && !strings.HasPrefix(string(b), "HTTP/1.1 400") {
		t.Errorf("slow headers: got %q", b)
	}
}

func dial(t *testing.T, base string) net.Conn {
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func raw(t *testing.T, base, req string) string {
	c := dial(t, base)
	defer c.Close()
	c.Write([]byte(req))
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	b, _ := io.ReadAll(c)
	return string(b)
}
