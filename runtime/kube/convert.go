package kube

import (
	"cmp"
	"strings"
	"time"
)

// entry is one published pod with its containers that have an id.
type entry struct {
	pod        *Pod
	containers []*Container
}

// newEntry converts a wire pod into what the cache publishes.
func newEntry(w *wirePod) *entry {
	m := &w.Metadata
	p := &Pod{UID: m.UID, Name: m.Name, Namespace: m.Namespace, Labels: m.Labels, IP: w.Status.PodIP}
	e := &entry{pod: p}
	e.add(w.Spec.Containers, w.Status.ContainerStatuses)
	e.add(w.Spec.InitContainers, w.Status.InitContainerStatuses)
	e.add(w.Spec.EphemeralContainers, w.Status.EphemeralContainerStatuses)
	return e
}

// add appends the containers of statuses that have an id, with their spec
// fields from specs (matched by name).
func (e *entry) add(specs []wireContainer, statuses []wireContainerStatus) {
	for i := range statuses {
		st := &statuses[i]
		runtime, id := splitContainerID(st.ContainerID)
		if id == "" {
			continue // being created
		}
		c := &Container{ID: id, Runtime: runtime, Name: st.Name, Image: st.Image,
			ImageID: st.ImageID, StartedAt: startedAt(st), Pod: e.pod}
		if sp := specByName(specs, st.Name); sp != nil {
			// the runtime's resolved reference, as Falco's container plugin
			// shows it; the spec's when the status has none
			c.Image = cmp.Or(st.Image, sp.Image)
			c.Privileged = sp.SecurityContext != nil && sp.SecurityContext.Privileged != nil &&
				*sp.SecurityContext.Privileged
		}
		e.containers = append(e.containers, c)
	}
}

// splitContainerID splits "containerd://<id>" into its scheme and id. An id
// without a scheme is kept whole.
func splitContainerID(s string) (runtime, id string) {
	if scheme, rest, ok := strings.Cut(s, "://"); ok {
		return scheme, rest
	}
	return "", s
}

func specByName(specs []wireContainer, name string) *wireContainer {
	for i := range specs {
		if specs[i].Name == name {
			return &specs[i]
		}
	}
	return nil
}

// startedAt is when the status's container started, in ns since the epoch:
// from the running or terminated state, or from the last state when that is
// the same container (waiting to restart); 0 when unknown.
func startedAt(st *wireContainerStatus) int64 {
	switch s := st.State; {
	case s.Running != nil:
		return parseTime(s.Running.StartedAt)
	case s.Terminated != nil:
		return parseTime(s.Terminated.StartedAt)
	}
	if t := st.LastState.Terminated; t != nil && t.ContainerID == st.ContainerID {
		return parseTime(t.StartedAt)
	}
	return 0
}

func parseTime(s string) int64 {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0
	}
	return t.UnixNano()
}

// sameAs reports whether e publishes the same values as o (so an update can
// keep o and the generation).
func (e *entry) sameAs(o *entry) bool {
	if !samePod(e.pod, o.pod) || len(e.containers) != len(o.containers) {
		return false
	}
	for i, c := range e.containers {
		d := *o.containers[i]
		d.Pod = c.Pod
		if *c != d {
			return false
		}
	}
	return true
}

func samePod(a, b *Pod) bool {
	if a.UID != b.UID || a.Name != b.Name || a.Namespace != b.Namespace || a.IP != b.IP ||
		len(a.Labels) != len(b.Labels) {
		return false
	}
	for k, v := range a.Labels {
		if w, ok := b.Labels[k]; !ok || w != v {
			return false
		}
	}
	return true
}
