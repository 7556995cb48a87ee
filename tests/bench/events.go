package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// CorpusEvents reads every audit event of the conformance corpus's event
// files (dir is compat/k8saudit/events) as one JSON object each.
func CorpusEvents(dir string) ([]map[string]any, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			out = append(out, eventsOf(sc.Bytes())...)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no events in %s", dir)
	}
	return out, nil
}

// eventsOf returns the events of one line: an Event, an EventList or an
// array; anything else yields none.
func eventsOf(line []byte) []map[string]any {
	var v any
	if json.Unmarshal(line, &v) != nil {
		return nil
	}
	var out []map[string]any
	switch v := v.(type) {
	case map[string]any:
		if items, ok := v["items"].([]any); ok {
			for _, it := range items {
				if m, ok := it.(map[string]any); ok {
					out = append(out, m)
				}
			}
		} else if v["kind"] == "Event" {
			out = append(out, v)
		}
	case []any:
		for _, it := range v {
			if m, ok := it.(map[string]any); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

// Variation pools for generated events.
var (
	users      = []string{"admin", "minikube-user", "system:serviceaccount:kube-system:replicaset-controller", "system:kube-scheduler", "alice", "bob@example.com", "system:anonymous", "system:node:node-1"}
	namespaces = []string{"default", "kube-system", "foo", "prod", "monitoring", "kube-public", "team-a"}
	verbs      = []string{"get", "list", "watch", "create", "update", "patch", "delete"}
	images     = []string{"nginx", "nginx:1.25", "busybox", "falcosecurity/falco:0.31.1", "docker.io/library/redis:7", "sysdig/sysdig", "quay.io/prometheus/node-exporter:v1", "k8s.gcr.io/pause:3.1"}
	agents     = []string{"kubectl/v1.29.0 (linux/amd64) kubernetes/abc", "kube-controller-manager/v1.29.0", "Go-http-client/2.0", "curl/8.0"}
)

// Generate makes n varied audit events from the corpus: each is a corpus
// event with its user, namespace, verb, user agent, container images and
// times varied, so rules see the same shapes with different values.
func Generate(base []map[string]any, n int, seed uint64) [][]byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([][]byte, 0, n)
	for i := range n {
		ev := clone(base[r.IntN(len(base))]).(map[string]any)
		vary(ev, r, i)
		b, err := json.Marshal(ev)
		if err != nil {
			panic("BUG: marshal generated event: " + err.Error())
		}
		out = append(out, b)
	}
	return out
}

func vary(ev map[string]any, r *rand.Rand, i int) {
	if u, ok := ev["user"].(map[string]any); ok {
		u["username"] = pick(r, users)
	}
	if o, ok := ev["objectRef"].(map[string]any); ok && o["namespace"] != nil {
		o["namespace"] = pick(r, namespaces)
	}
	if r.IntN(3) == 0 {
		ev["verb"] = pick(r, verbs)
	}
	ev["userAgent"] = pick(r, agents)
	ev["auditID"] = fmt.Sprintf("gen-%08d", i)
	ts := fmt.Sprintf("2024-05-%02dT%02d:%02d:%02d.%06dZ", 1+i%28, i%24, i%60, (i/60)%60, i%1000000)
	ev["stageTimestamp"], ev["requestReceivedTimestamp"] = ts, ts
	varyContainers(ev["requestObject"], r)
}

func varyContainers(obj any, r *rand.Rand) {
	o, ok := obj.(map[string]any)
	if !ok {
		return
	}
	spec, ok := o["spec"].(map[string]any)
	if !ok {
		return
	}
	cs, _ := spec["containers"].([]any)
	for _, c := range cs {
		if m, ok := c.(map[string]any); ok {
			m["image"] = pick(r, images)
		}
	}
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = clone(x)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = clone(x)
		}
		return s
	}
	return v
}

// Bodies packs events into EventList bodies of up to size items, as the
// apiserver's webhook batches them.
func Bodies(events [][]byte, size int) [][]byte {
	var out [][]byte
	for len(events) > 0 {
		k := min(size, len(events))
		var b bytes.Buffer
		b.WriteString(`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[`)
		for i, e := range events[:k] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(e)
		}
		b.WriteString("]}")
		out = append(out, b.Bytes())
		events = events[k:]
	}
	return out
}
