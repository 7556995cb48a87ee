package kube_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aeriesec/aerie/runtime/kube"
	corev1 "k8s.io/api/core/v1"
)

// running is a Cache whose Run goroutine the test ends at cleanup.
type running struct {
	*kube.Cache
	tokenFile string
	cancel    context.CancelFunc
	done      chan error
}

// start runs a Cache against fa, with tiny backoffs, after edit changes its
// Config.
func start(t *testing.T, fa *fakeAPI, edit func(*kube.Config)) *running {
	t.Helper()
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeFile(t, tokenFile, "token-1\n")
	cfg := kube.Config{Server: fa.srv.URL, TokenFile: tokenFile, NodeName: testNode,
		Client: fa.srv.Client(), MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
	if edit != nil {
		edit(&cfg)
	}
	c, err := kube.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{Cache: c, tokenFile: tokenFile, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- c.Run(ctx) }()
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop cancels Run and returns what it returned.
func (r *running) stop(t *testing.T) error {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		r.done <- err
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
		return nil
	}
}

func (r *running) waitSynced(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.WaitSynced(ctx); err != nil {
		t.Fatalf("WaitSynced: %v (stats %+v)", err, r.Stats())
	}
}

// waitFor polls cond until it holds, failing the test after a deadline.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// waitEvents waits until the cache decoded n watch events in all.
func (r *running) waitEvents(t *testing.T, n uint64) {
	t.Helper()
	waitFor(t, "watch events", func() bool { return r.Stats().WatchEvents >= n })
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestListLookup(t *testing.T) {
	fa := newFakeAPI(t, richPod(), simplePod("a", "7", 10), simplePod("b", "8", 11, 12))
	r := start(t, fa, nil)
	r.waitSynced(t)
	if !r.Synced() || fa.listPages() != 2 {
		t.Fatalf("synced %v after %d pages, want 2 pages", r.Synced(), fa.listPages())
	}
	pod := r.Pod("uid-web-0")
	wantPod := kube.Pod{UID: "uid-web-0", Name: "web-0", Namespace: "shop",
		Labels: map[string]string{"app": "web", "tier": "front"}, IP: "10.1.2.3"}
	if pod == nil || !samePod(*pod, wantPod) {
		t.Fatalf("Pod(uid-web-0) = %+v, want %+v", pod, wantPod)
	}
	at := started.UnixNano()
	for _, want := range []kube.Container{
		{ID: cid(1), Runtime: "containerd", Name: "init", Image: "docker.io/library/busybox:1.36",
			ImageID: "docker.io/library/busybox@sha256:aa", StartedAt: at, Pod: pod},
		{ID: cid(2), Runtime: "containerd", Name: "nginx", Image: "docker.io/library/nginx:1.25",
			ImageID: "docker.io/library/nginx@sha256:bb", StartedAt: at, Pod: pod},
		{ID: cid(3), Runtime: "cri-o", Name: "debug", Image: "alpine",
			ImageID: "docker.io/library/alpine@sha256:cc", StartedAt: at, Pod: pod},
		{ID: cid(12), Runtime: "containerd", Name: "c1", Image: "docker.io/library/img:c1",
			StartedAt: at, Pod: r.Pod("uid-b")},
	} {
		if got := r.Container(want.ID); got == nil || *got != want {
			t.Errorf("Container(%s)\n got %+v\nwant %+v", want.ID[60:], got, want)
		}
	}
	if st := r.Stats(); st.Pods != 3 || st.Containers != 6 || st.Lists != 1 || st.Errors != 0 ||
		st.LastSync.IsZero() {
		t.Errorf("stats %+v, want 3 pods, 6 containers (one still being created), 1 list", st)
	}
	if r.Container(cid(99)) != nil || r.Pod("nope") != nil {
		t.Error("unknown id or uid found")
	}
}

func samePod(a, b kube.Pod) bool {
	return a.UID == b.UID && a.Name == b.Name && a.Namespace == b.Namespace && a.IP == b.IP &&
		maps.Equal(a.Labels, b.Labels)
}

func TestWatchAppliesEvents(t *testing.T) {
	fa := newFakeAPI(t, richPod())
	r := start(t, fa, nil)
	r.waitSynced(t)
	if rv := fa.nextWatch(t); rv != "100" {
		t.Fatalf("first watch from %q, want the list's 100", rv)
	}
	gen := r.Gen()

	fa.send(t, event(t, "ADDED", simplePod("new", "101", 20)))
	r.waitEvents(t, 1)
	if c := r.Container(cid(20)); c == nil || c.Pod.Name != "new" || r.Gen() == gen {
		t.Fatalf("after ADDED: container %+v, gen %d (was %d)", c, r.Gen(), gen)
	}

	gen = r.Gen()
	same := simplePod("new", "102", 20)
	fa.send(t, event(t, "MODIFIED", same))
	r.waitEvents(t, 2)
	if r.Gen() != gen {
		t.Errorf("a MODIFIED with nothing kept changed changed Gen")
	}

	web := richPod()
	web.ResourceVersion = "103"
	web.Labels["tier"] = "back"
	web.Status.ContainerStatuses[1].ContainerID = "containerd://" + cid(4)
	fa.send(t, event(t, "MODIFIED", web))
	r.waitEvents(t, 3)
	proxy := r.Container(cid(4))
	if proxy == nil || !proxy.Privileged || proxy.Image != "envoy:1.30" || proxy.StartedAt != 0 ||
		proxy.Pod.Labels["tier"] != "back" || r.Gen() == gen {
		t.Fatalf("after MODIFIED: proxy %+v", proxy)
	}
	if r.Container(cid(2)).Pod != proxy.Pod || r.Pod("uid-web-0") != proxy.Pod {
		t.Error("the pod's other containers still point to its old *Pod")
	}

	gen = r.Gen()
	fa.send(t, event(t, "DELETED", web))
	r.waitEvents(t, 4)
	if r.Container(cid(4)) != nil || r.Container(cid(1)) != nil || r.Pod("uid-web-0") != nil || r.Gen() == gen {
		t.Error("DELETED pod still found")
	}
	if st := r.Stats(); st.Pods != 1 || st.Containers != 1 || st.Errors != 0 || st.Watches != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestBookmarkAndTokenRotation(t *testing.T) {
	fa := newFakeAPI(t, simplePod("a", "7", 10))
	r := start(t, fa, nil)
	r.waitSynced(t)
	fa.nextWatch(t)
	fa.send(t, event(t, "BOOKMARK", bookmark("150")))
	r.waitEvents(t, 1)

	writeFile(t, r.tokenFile, "  token-2\n")
	fa.set(func(fa *fakeAPI) { fa.token = "token-2" })
	fa.endWatch(t)
	if rv := fa.nextWatch(t); rv != "150" {
		t.Errorf("watch after a bookmark from %q, want 150", rv)
	}
	if !fa.sawToken("token-2") {
		t.Error("the rotated token was not sent")
	}
	if st := r.Stats(); st.Lists != 1 || st.Relists != 0 || st.Errors != 0 || st.Watches != 2 {
		t.Errorf("a clean end of watch: stats %+v, want no relist, no error", st)
	}
}

func TestGoneRelistReplacesState(t *testing.T) {
	for _, tc := range []struct {
		name   string
		gone   func(t *testing.T, fa *fakeAPI)
		errors uint64
	}{
		{"ERROR 410 event", func(t *testing.T, fa *fakeAPI) {
			fa.send(t, event(t, "ERROR", status(410, "Expired", "too old resource version: 100 (180)")))
		}, 0},
		{"ERROR 500 event", func(t *testing.T, fa *fakeAPI) {
			fa.send(t, event(t, "ERROR", status(500, "InternalError", "etcdserver: leader changed")))
		}, 1},
		{"410 answer to the watch", func(t *testing.T, fa *fakeAPI) {
			fa.set(func(fa *fakeAPI) { fa.failWatch = status(410, "Expired", "too old resource version") })
			fa.endWatch(t)
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fa := newFakeAPI(t, simplePod("a", "7", 10), simplePod("b", "8", 11))
			r := start(t, fa, nil)
			r.waitSynced(t)
			fa.nextWatch(t)
			fa.set(func(fa *fakeAPI) {
				fa.pods, fa.listRV = []*corev1.Pod{simplePod("b", "9", 11), simplePod("c", "9", 12)}, "200"
			})
			tc.gone(t, fa)
			fa.waitWatchFrom(t, "200")
			if r.Container(cid(10)) != nil || r.Pod("uid-a") != nil || r.Container(cid(12)) == nil {
				t.Error("the relist did not replace the state")
			}
			if st := r.Stats(); st.Relists != 1 || st.Errors != tc.errors || st.Pods != 2 {
				t.Errorf("stats %+v, want 1 relist, %d errors, 2 pods", st, tc.errors)
			}
		})
	}
}

func TestForbiddenIsRetried(t *testing.T) {
	msg := `pods is forbidden: User "system:serviceaccount:aerie:aerie" cannot list resource "pods" in API group "" at the cluster scope`
	fa := newFakeAPI(t, simplePod("a", "7", 10))
	fa.set(func(fa *fakeAPI) { fa.fail = status(403, "Forbidden", msg) })
	r := start(t, fa, nil)
	waitFor(t, "retries", func() bool { return r.Stats().Errors >= 3 })
	if st := r.Stats(); st.LastError != "list pods: 403 Forbidden: "+msg || r.Synced() {
		t.Fatalf("LastError %q, synced %v", st.LastError, r.Synced())
	}
	fa.set(func(fa *fakeAPI) { fa.fail = nil })
	r.waitSynced(t)
	if r.Container(cid(10)) == nil {
		t.Error("pod not found after the apiserver answered")
	}
}

func TestMalformedStreamRelists(t *testing.T) {
	for _, tc := range []struct{ name, chunk, lastError string }{
		{"syntax", `{"type":"ADDED","object":{"metadata":]` + "\n", "watch pods: decode event 1: invalid character ']'"},
		{"wrong type", `{"type":"ADDED","object":{"metadata":{"uid":5}}}`, "watch pods: decode ADDED object: json: cannot unmarshal number"},
		{"unknown event", `{"type":"RENAMED","object":{}}`, `watch pods: unknown event type "RENAMED"`},
		{"no uid", `{"type":"MODIFIED","object":{"metadata":{"resourceVersion":"5"}}}`, "watch pods: MODIFIED object without uid"},
		{"event not an object", `[1,2]`, "watch pods: decode event 1: json: cannot unmarshal array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fa := newFakeAPI(t, simplePod("a", "7", 10))
			r := start(t, fa, nil)
			r.waitSynced(t)
			fa.nextWatch(t)
			fa.send(t, []byte(tc.chunk))
			waitFor(t, "a relist", func() bool { return r.Stats().Lists == 2 })
			if st := r.Stats(); st.Errors != 1 || !strings.HasPrefix(st.LastError, tc.lastError) {
				t.Errorf("errors %d, LastError %q, want 1, %q…", st.Errors, st.LastError, tc.lastError)
			}
			fa.waitWatchFrom(t, "100")
			fa.send(t, event(t, "ADDED", simplePod("b", "101", 11)))
			waitFor(t, "recovery", func() bool { return r.Container(cid(11)) != nil })
		})
	}
}

func TestCancelEndsRun(t *testing.T) {
	t.Run("watching", func(t *testing.T) {
		fa := newFakeAPI(t)
		r := start(t, fa, nil)
		fa.nextWatch(t)
		if err := r.stop(t); !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v", err)
		}
	})
	t.Run("backing off", func(t *testing.T) {
		fa := newFakeAPI(t)
		fa.set(func(fa *fakeAPI) { fa.fail = status(500, "InternalError", "down") })
		r := start(t, fa, func(c *kube.Config) { c.MinBackoff, c.MaxBackoff = time.Hour, time.Hour })
		waitFor(t, "an error", func() bool { return r.Stats().Errors == 1 })
		if err := r.stop(t); !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v", err)
		}
	})
}
