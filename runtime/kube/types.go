package kube

import "time"

// Pod is what Aerie keeps of a pod. Immutable once published (updates
// publish a new *Pod).
type Pod struct {
	UID, Name, Namespace string
	Labels               map[string]string
	IP                   string // status.podIP
}

// Container is one container of a pod on this node (regular, init and
// ephemeral containers). Immutable once published.
type Container struct {
	ID         string // full container id (64 hex) without the runtime scheme
	Runtime    string // scheme of status containerID: "containerd", "cri-o", "docker", …
	Name       string
	Image      string // status image as the runtime resolved it (docker.io/library/nginx:1.25); the spec's if none
	ImageID    string // status.imageID (e.g. "docker.io/library/nginx@sha256:…")
	Privileged bool   // the container's securityContext.privileged
	StartedAt  int64  // ns since the Unix epoch from status state.running.startedAt (or terminated.startedAt); 0 if unknown
	Pod        *Pod
}

// Stats are the cache's counters, for metrics.
type Stats struct {
	Pods, Containers int       // currently kept
	Lists            uint64    // LIST operations started (each may take several pages)
	Watches          uint64    // WATCH requests started
	WatchEvents      uint64    // watch events decoded, bookmarks included
	Errors           uint64    // failed requests, error statuses, malformed answers
	Relists          uint64    // resourceVersion expired (410 Gone) or watch ERROR events
	LastError        string    // the last error, "" when none yet
	LastSync         time.Time // when the last LIST completed
}
