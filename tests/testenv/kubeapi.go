package testenv

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// FakePods is a fake kube-apiserver for pod metadata: it answers a LIST of
// pods (only with the node's field selector) with its pods, encoded from
// the real core/v1 types, and holds each WATCH open, sending the pods Add
// publishes as ADDED events, until the client leaves. Anything else is a
// 400 naming the request.
type FakePods struct {
	*httptest.Server
	node    string
	pods    []corev1.Pod
	added   chan corev1.Pod
	watches chan struct{}
}

// NodePods starts a FakePods serving pods for node.
func NodePods(t testing.TB, node string, pods ...corev1.Pod) *FakePods {
	f := &FakePods{node: node, pods: pods, added: make(chan corev1.Pod, 16), watches: make(chan struct{}, 16)}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

// Watching returns a channel that receives once per watch request.
func (f *FakePods) Watching() <-chan struct{} { return f.watches }

// Add sends pod as an ADDED event on the next open watch.
func (f *FakePods) Add(pod corev1.Pod) { f.added <- pod }

func (f *FakePods) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/api/v1/pods" || r.URL.Query().Get("fieldSelector") != "spec.nodeName="+f.node {
		http.Error(w, "unexpected request "+r.URL.String(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Query().Get("watch") == "" {
		list := corev1.PodList{TypeMeta: metav1.TypeMeta{Kind: "PodList", APIVersion: "v1"},
			ListMeta: metav1.ListMeta{ResourceVersion: "42"}, Items: f.pods}
		_ = json.NewEncoder(w).Encode(list)
		return
	}
	w.WriteHeader(http.StatusOK)
	w.(http.Flusher).Flush()
	select {
	case f.watches <- struct{}{}:
	default:
	}
	enc := json.NewEncoder(w)
	for {
		select {
		case <-r.Context().Done():
			return
		case p := <-f.added:
			p.ResourceVersion = "43"
			raw, err := json.Marshal(&p)
			if err != nil {
				return
			}
			if enc.Encode(metav1.WatchEvent{Type: "ADDED", Object: runtime.RawExtension{Raw: raw}}) != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	}
}
