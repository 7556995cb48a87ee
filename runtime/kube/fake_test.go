package kube_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
)

const testNode = "node-a"

// fakeAPI is a kube-apiserver serving LIST and WATCH of pods, with the real
// wire format (JSON of k8s.io/api types).
type fakeAPI struct {
	t         *testing.T
	srv       *httptest.Server
	events    chan []byte   // watch stream chunks; nil ends the current watch
	watchRVs  chan string   // resourceVersion of each watch request
	quit      chan struct{} // closed at cleanup: every watch ends
	mu        sync.Mutex
	token     string          // the bearer token accepted
	pods      []*corev1.Pod   // what LIST serves
	listRV    string          // the LIST's resourceVersion
	pageSize  int             // items per LIST page
	fail      *metav1.Status  // when set, every request is answered with it
	failWatch *metav1.Status  // when set, the next watch request is answered with it
	pages     int             // LIST requests answered
	tokens    map[string]bool // bearer tokens seen
}

func newFakeAPI(t *testing.T, pods ...*corev1.Pod) *fakeAPI {
	fa := &fakeAPI{t: t, events: make(chan []byte), watchRVs: make(chan string, 100),
		quit: make(chan struct{}), token: "token-1", pods: pods, listRV: "100", pageSize: 2,
		tokens: map[string]bool{}}
	fa.srv = httptest.NewServer(http.HandlerFunc(fa.serve))
	t.Cleanup(func() { close(fa.quit); fa.srv.Close() })
	return fa
}

// set changes the fake's state under its lock.
func (fa *fakeAPI) set(f func(fa *fakeAPI)) {
	fa.mu.Lock()
	defer fa.mu.Unlock()
	f(fa)
}

func (fa *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !fa.checkRequest(w, r) {
		return
	}
	if q.Get("watch") == "1" {
		fa.serveWatch(w, r)
		return
	}
	fa.serveList(w, r)
}

// checkRequest answers what a real apiserver would refuse, and fa.fail.
func (fa *fakeAPI) checkRequest(w http.ResponseWriter, r *http.Request) bool {
	fa.mu.Lock()
	defer fa.mu.Unlock()
	q := r.URL.Query()
	if r.URL.Path != "/api/v1/pods" || q.Get("fieldSelector") != "spec.nodeName="+testNode {
		fa.t.Errorf("request %s: want /api/v1/pods?fieldSelector=spec.nodeName=%s", r.URL, testNode)
		writeStatus(w, status(400, "BadRequest", "unexpected request"))
		return false
	}
	if r.Header.Get("Accept") != "application/json" || !strings.HasPrefix(r.UserAgent(), "aerie/") {
		fa.t.Errorf("request headers: Accept %q, User-Agent %q", r.Header.Get("Accept"), r.UserAgent())
	}
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	fa.tokens[tok] = true
	if tok != fa.token {
		writeStatus(w, status(401, "Unauthorized", "Unauthorized"))
		return false
	}
	if fa.fail != nil {
		writeStatus(w, fa.fail)
		return false
	}
	if st := fa.failWatch; st != nil && q.Get("watch") == "1" {
		fa.failWatch = nil
		writeStatus(w, st)
		return false
	}
	return true
}

func (fa *fakeAPI) serveList(w http.ResponseWriter, r *http.Request) {
	fa.mu.Lock()
	defer fa.mu.Unlock()
	q := r.URL.Query()
	if q.Get("limit") != "500" {
		fa.t.Errorf("list limit %q, want 500", q.Get("limit"))
	}
	// the first page from the watch cache; the next pages by their token
	if first := !q.Has("continue"); first != (q.Get("resourceVersion") == "0") || (!first && q.Has("resourceVersion")) {
		fa.t.Errorf("list page %q: want resourceVersion=0 on the first page only", r.URL.RawQuery)
	}
	from, _ := strconv.Atoi(q.Get("continue"))
	to := min(from+fa.pageSize, len(fa.pods))
	list := corev1.PodList{TypeMeta: metav1.TypeMeta{Kind: "PodList", APIVersion: "v1"},
		ListMeta: metav1.ListMeta{ResourceVersion: fa.listRV}}
	for _, p := range fa.pods[from:to] {
		list.Items = append(list.Items, *p)
	}
	if to < len(fa.pods) {
		list.Continue = strconv.Itoa(to)
	}
	fa.pages++
	writeJSON(w, 200, list)
}

func (fa *fakeAPI) serveWatch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("allowWatchBookmarks") != "true" || q.Get("timeoutSeconds") == "" {
		fa.t.Errorf("watch query %s lacks bookmarks or timeout", r.URL.RawQuery)
	}
	fa.watchRVs <- q.Get("resourceVersion")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(200)
	w.(http.Flusher).Flush()
	for {
		select {
		case chunk := <-fa.events:
			if chunk == nil {
				return
			}
			w.Write(chunk)
			w.(http.Flusher).Flush()
		case <-r.Context().Done():
			return
		case <-fa.quit:
			return
		}
	}
}

// send writes a chunk to the current watch stream (waiting for one).
func (fa *fakeAPI) send(t *testing.T, chunk []byte) {
	t.Helper()
	select {
	case fa.events <- chunk:
	case <-time.After(10 * time.Second):
		t.Fatalf("no watch took the event %.60q", chunk)
	}
}

// endWatch ends the current watch cleanly (a server timeout).
func (fa *fakeAPI) endWatch(t *testing.T) { fa.send(t, nil) }

// waitWatchFrom waits for a watch request from resourceVersion rv.
func (fa *fakeAPI) waitWatchFrom(t *testing.T, rv string) {
	t.Helper()
	for got := fa.nextWatch(t); got != rv; got = fa.nextWatch(t) {
	}
}

// nextWatch returns the resourceVersion of the next watch request.
func (fa *fakeAPI) nextWatch(t *testing.T) string {
	t.Helper()
	select {
	case rv := <-fa.watchRVs:
		return rv
	case <-time.After(10 * time.Second):
		t.Fatal("no watch request")
		return ""
	}
}

func (fa *fakeAPI) listPages() int {
	fa.mu.Lock()
	defer fa.mu.Unlock()
	return fa.pages
}

func (fa *fakeAPI) sawToken(tok string) bool {
	fa.mu.Lock()
	defer fa.mu.Unlock()
	return fa.tokens[tok]
}

// event is one watch event of the stream, as the apiserver writes it.
func event(t *testing.T, typ string, obj any) []byte {
	t.Helper()
	raw, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(metav1.WatchEvent{Type: typ, Object: runtime.RawExtension{Raw: raw}})
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func bookmark(rv string) *corev1.Pod {
	return &corev1.Pod{TypeMeta: metav1.TypeMeta{Kind: "Pod", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{ResourceVersion: rv}}
}

func status(code int32, reason metav1.StatusReason, msg string) *metav1.Status {
	return &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status: metav1.StatusFailure, Message: msg, Reason: reason, Code: code}
}

func writeStatus(w http.ResponseWriter, st *metav1.Status) { writeJSON(w, int(st.Code), st) }

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// cid is a container id: 64 hex digits.
func cid(n int) string { return fmt.Sprintf("%064x", n) }

var started = time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)

// simplePod is a running pod with one containerd container per id.
func simplePod(name string, rv string, ids ...int) *corev1.Pod {
	p := &corev1.Pod{TypeMeta: metav1.TypeMeta{Kind: "Pod", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", UID: types.UID("uid-" + name),
			ResourceVersion: rv, Labels: map[string]string{"app": name}},
		Spec:   corev1.PodSpec{NodeName: testNode},
		Status: corev1.PodStatus{PodIP: "10.1.0.1"}}
	for i, id := range ids {
		name := fmt.Sprintf("c%d", i)
		p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: name, Image: "img:" + name})
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, corev1.ContainerStatus{
			Name: name, ContainerID: "containerd://" + cid(id), Image: "docker.io/library/img:" + name,
			State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: metav1.NewTime(started)}}})
	}
	return p
}

// richPod has an init container (terminated), two containers (one, privileged,
// still being created) and an ephemeral container run by CRI-O.
func richPod() *corev1.Pod {
	priv := true
	at := metav1.NewTime(started)
	return &corev1.Pod{
		TypeMeta: metav1.TypeMeta{Kind: "Pod", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "shop", UID: "uid-web-0",
			ResourceVersion: "42", Labels: map[string]string{"app": "web", "tier": "front"}},
		Spec: corev1.PodSpec{NodeName: testNode,
			InitContainers: []corev1.Container{{Name: "init", Image: "busybox:1.36"}},
			Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.25"},
				{Name: "proxy", Image: "envoy:1.30", SecurityContext: &corev1.SecurityContext{Privileged: &priv}}},
			EphemeralContainers: []corev1.EphemeralContainer{{EphemeralContainerCommon: corev1.EphemeralContainerCommon{
				Name: "debug", Image: "alpine"}}},
		},
		Status: corev1.PodStatus{PodIP: "10.1.2.3",
			InitContainerStatuses: []corev1.ContainerStatus{{Name: "init", ContainerID: "containerd://" + cid(1),
				Image: "docker.io/library/busybox:1.36", ImageID: "docker.io/library/busybox@sha256:aa",
				State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
					StartedAt: at, ContainerID: "containerd://" + cid(1)}}}},
			ContainerStatuses: []corev1.ContainerStatus{
				{Name: "nginx", ContainerID: "containerd://" + cid(2), Image: "docker.io/library/nginx:1.25",
					ImageID: "docker.io/library/nginx@sha256:bb",
					State:   corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: at}}},
				{Name: "proxy", Image: "envoy:1.30",
					State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}}}},
			EphemeralContainerStatuses: []corev1.ContainerStatus{{Name: "debug", ContainerID: "cri-o://" + cid(3),
				Image: "", ImageID: "docker.io/library/alpine@sha256:cc", // no status image: the spec's
				State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: at}}}},
		},
	}
}
