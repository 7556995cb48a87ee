package load

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"

	"github.com/aeriesec/aerie/tests/testenv"
)

// idWidth is the fixed width of the audit IDs stamped into batches.
const idWidth = 10

// template is an EventList of corpus events whose audit IDs are
// placeholders at known offsets, so a batch is one copy and a few writes.
type template struct {
	body []byte
	ids  []int // offsets of the placeholders
}

func newTemplate(t testing.TB, size int, mix string) *template {
	t.Helper()
	evs := corpusEvents(t)
	switch mix {
	case "benign":
		evs = benignEvents()
	case "realistic":
		evs = realisticEvents(evs, 3)
	}
	tp := &template{}
	var b bytes.Buffer
	b.WriteString(`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[`)
	for i := range size {
		if i > 0 {
			b.WriteByte(',')
		}
		ev := evs[i%len(evs)]
		ev.AuditID = "##########"
		js, _ := json.Marshal(ev)
		at := bytes.Index(js, []byte("##########"))
		tp.ids = append(tp.ids, b.Len()+at)
		b.Write(js)
	}
	b.WriteString("]}")
	tp.body = b.Bytes()
	return tp
}

// batch stamps ids first, first+1, … (zero-padded) into a copy of the
// template.
func (tp *template) batch(dst []byte, first int) []byte {
	dst = append(dst[:0], tp.body...)
	for i, at := range tp.ids {
		n := first + i
		for k := at + idWidth - 1; k >= at; k-- {
			dst[k] = byte('0' + n%10)
			n /= 10
		}
	}
	return dst
}

func corpusEvents(t testing.TB) []auditv1.Event {
	files, _ := filepath.Glob(filepath.Join(testenv.Compat(t, "k8saudit", "events"), "*.json"))
	var out []auditv1.Event
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, line := range bytes.Split(b, []byte("\n")) {
			var ev auditv1.Event
			if json.Unmarshal(line, &ev) == nil && !ev.StageTimestamp.IsZero() {
				ev.Kind, ev.APIVersion = "", ""
				out = append(out, ev)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no corpus events")
	}
	return out
}

// realisticEvents interleaves benign traffic with corpus events (most of
// which some default rule flags) so that percent of the events are corpus
// events: a real apiserver stream, mostly reads, watches and status patches.
func realisticEvents(corpus []auditv1.Event, percent int) []auditv1.Event {
	benign := benignEvents()
	var out []auditv1.Event
	for i := range 100 * len(corpus) / percent {
		if i%(100/percent) == 0 && i/(100/percent) < len(corpus) {
			out = append(out, corpus[i/(100/percent)])
			continue
		}
		out = append(out, benign[i%len(benign)])
	}
	return out
}

// benignEvents are the bulk of a real cluster's audit traffic: reads by
// controllers and nodes, at Metadata level, that no default rule flags.
func benignEvents() []auditv1.Event {
	var out []auditv1.Event
	for _, js := range []string{
		`{"level":"Metadata","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods?limit=500","verb":"list","user":{"username":"system:serviceaccount:kube-system:replicaset-controller","groups":["system:serviceaccounts","system:authenticated"]},"sourceIPs":["10.0.0.12"],"userAgent":"kube-controller-manager/v1.31.0","objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-01-15T10:00:00.000000Z","stageTimestamp":"2026-01-15T10:00:00.002000Z"}`,
		`{"level":"Metadata","stage":"ResponseComplete","requestURI":"/api/v1/nodes/node-1/status","verb":"patch","user":{"username":"system:node:node-1","groups":["system:nodes","system:authenticated"]},"sourceIPs":["10.0.0.21"],"userAgent":"kubelet/v1.31.0","objectRef":{"resource":"nodes","name":"node-1","apiVersion":"v1","subresource":"status"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-01-15T10:00:00.000000Z","stageTimestamp":"2026-01-15T10:00:00.003000Z"}`,
		`{"level":"Metadata","stage":"ResponseComplete","requestURI":"/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1","verb":"update","user":{"username":"system:node:node-1","groups":["system:nodes","system:authenticated"]},"sourceIPs":["10.0.0.21"],"userAgent":"kubelet/v1.31.0","objectRef":{"resource":"leases","namespace":"kube-node-lease","name":"node-1","apiGroup":"coordination.k8s.io","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-01-15T10:00:00.000000Z","stageTimestamp":"2026-01-15T10:00:00.001000Z"}`,
		`{"level":"Metadata","stage":"ResponseStarted","requestURI":"/api/v1/namespaces/kube-system/endpoints?allowWatchBookmarks=true&resourceVersion=4711&watch=true","verb":"watch","user":{"username":"system:kube-proxy","groups":["system:authenticated"]},"sourceIPs":["10.0.0.22"],"userAgent":"kube-proxy/v1.31.0","objectRef":{"resource":"endpoints","namespace":"kube-system","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-01-15T10:00:00.000000Z","stageTimestamp":"2026-01-15T10:00:00.000400Z"}`,
		`{"level":"Metadata","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods/web-1/status","verb":"patch","user":{"username":"system:node:node-2","groups":["system:nodes","system:authenticated"]},"sourceIPs":["10.0.0.23"],"userAgent":"kubelet/v1.31.0","objectRef":{"resource":"pods","namespace":"default","name":"web-1","apiVersion":"v1","subresource":"status"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-01-15T10:00:00.000000Z","stageTimestamp":"2026-01-15T10:00:00.002500Z"}`,
		`{"level":"Request","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/configmaps/app","verb":"get","user":{"username":"alice","groups":["dev","system:authenticated"]},"sourceIPs":["192.168.1.7"],"userAgent":"kubectl/v1.31.0","objectRef":{"resource":"configmaps","namespace":"default","name":"app","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-01-15T10:00:00.000000Z","stageTimestamp":"2026-01-15T10:00:00.001000Z"}`,
	} {
		var ev auditv1.Event
		if err := json.Unmarshal([]byte(js), &ev); err != nil {
			panic("BUG: benign event: " + err.Error())
		}
		out = append(out, ev)
	}
	return out
}
