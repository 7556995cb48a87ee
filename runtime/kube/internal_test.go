package kube

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestBoundedReader(t *testing.T) {
	br := &boundedReader{r: strings.NewReader(strings.Repeat("x", 10)), n: 4}
	if b, err := io.ReadAll(br); !errors.Is(err, ErrTooLarge) || len(b) != 5 {
		t.Errorf("read %d bytes, %v; want 5 and ErrTooLarge", len(b), err)
	}
	br = &boundedReader{r: strings.NewReader("abcdefgh"), n: 4}
	buf := make([]byte, 4)
	for i := 0; i < 2; i++ {
		if k, err := io.ReadFull(br, buf); k != 4 || err != nil {
			t.Fatalf("read %d: %d, %v", i, k, err)
		}
		br.reset()
	}
}

func TestStatusErrorBodies(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"kind":"Status","message":"the server is shutting down","reason":"ServiceUnavailable","code":503}`,
			"list pods: 503 Service Unavailable: the server is shutting down"},
		{"upstream connect error\n", "list pods: 503 Service Unavailable: upstream connect error"},
		{"", "list pods: 503 Service Unavailable"},
		{strings.Repeat("é", 300), "list pods: 503 Service Unavailable: " + strings.Repeat("é", 100) + "…"},
		{"a" + strings.Repeat("é", 300), "list pods: 503 Service Unavailable: a" + strings.Repeat("é", 99) + "?…"},
		{strings.Repeat("a", 1<<20), "list pods: 503 Service Unavailable: " + strings.Repeat("a", 200) + "…"},
	} {
		resp := &http.Response{StatusCode: 503, Status: "503 Service Unavailable",
			Body: io.NopCloser(strings.NewReader(tc.body))}
		if got := statusError("list pods", resp).Error(); got != tc.want {
			t.Errorf("body %.20q: %q, want %q", tc.body, got, tc.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	b := backoff{min: 10 * time.Millisecond, max: 50 * time.Millisecond}
	for i, hi := range []time.Duration{10, 20, 40, 50, 50} {
		hi *= time.Millisecond
		if d := b.next(); d < hi/2 || d > hi {
			t.Errorf("delay %d: %v, want within [%v, %v]", i, d, hi/2, hi)
		}
	}
	b.reset()
	if d := b.next(); d > 10*time.Millisecond {
		t.Errorf("after reset: %v", d)
	}
}

// FuzzStream feeds arbitrary watch streams to the cache: no panic, and the
// state stays consistent (every container's pod is published).
func FuzzStream(f *testing.F) {
	f.Add(`{"type":"ADDED","object":{"metadata":{"uid":"u","name":"p","resourceVersion":"2"},"status":{"containerStatuses":[{"name":"c","containerID":"containerd://ab"}]}}}`)
	f.Add(`{"type":"DELETED","object":{"metadata":{"uid":"u","resourceVersion":"3"}}}{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}`)
	f.Add(`{"type":"ERROR","object":{"kind":"Status","code":410}}`)
	f.Add(`{"type":"ADDED","object":{"metadata":{"uid":"u","resourceVersion":"2"},"spec":{"containers":[{"name":"c","securityContext":{"privileged":true}}]},"status":{"containerStatuses":[{"name":"c","containerID":"x","state":{"running":{"startedAt":"2026-01-02T03:04:05Z"}}}]}}}`)
	f.Add(`{"type":"MODIFIED","object":[]}`)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := New(Config{Server: "http://h", NodeName: "n"})
		if err != nil {
			t.Fatal(err)
		}
		res := c.stream(context.Background(), strings.NewReader(s), "1")
		if res.err == nil && res.rv == "" && c.relists.Load() == 0 {
			t.Errorf("relist without a cause")
		}
		for id, ctr := range c.store.containers {
			if ctr.ID != id || c.store.pods[ctr.Pod.UID] == nil || c.store.pods[ctr.Pod.UID].pod != ctr.Pod {
				t.Errorf("container %q published without its pod", id)
			}
		}
	})
}

func TestStartedAt(t *testing.T) {
	at := "2026-01-02T03:04:05Z"
	ns := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).UnixNano()
	for _, tc := range []struct {
		name string
		js   string
		want int64
	}{
		{"running", `{"containerID":"c://1","state":{"running":{"startedAt":"` + at + `"}}}`, ns},
		{"terminated", `{"containerID":"c://1","state":{"terminated":{"startedAt":"` + at + `"}}}`, ns},
		{"waiting, last state the same container", `{"containerID":"c://1","state":{"waiting":{}},"lastState":{"terminated":{"containerID":"c://1","startedAt":"` + at + `"}}}`, ns},
		{"waiting, last state another container", `{"containerID":"c://2","state":{"waiting":{}},"lastState":{"terminated":{"containerID":"c://1","startedAt":"` + at + `"}}}`, 0},
		{"bad time", `{"containerID":"c://1","state":{"running":{"startedAt":"yesterday"}}}`, 0},
	} {
		var st wireContainerStatus
		if err := json.Unmarshal([]byte(tc.js), &st); err != nil {
			t.Fatal(err)
		}
		if got := startedAt(&st); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
