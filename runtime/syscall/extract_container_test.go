package syscall

import (
	"testing"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/kube"
)

const ctrID = "3f4e9a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddee"

type metaMap map[string]*kube.Container

func (m metaMap) Container(id string) *kube.Container { return m[id] }
func (m metaMap) Gen() uint64                         { return uint64(len(m)) }
func (m metaMap) Pod(uid string) *kube.Pod {
	for _, c := range m {
		if c.Pod != nil && c.Pod.UID == uid {
			return c.Pod
		}
	}
	return nil
}

// containerWorld is world() with pid 20 inside a container, pid 10 on the host.
func containerWorld(meta Metadata) *Source {
	s := world()
	p := s.Table.Get(20)
	p.Container, p.ContainerFull = ctrID[:12], ctrID
	s.Table.Get(10).Container = state.HostContainer
	s.Meta = meta
	return s
}

func TestContainerFields(t *testing.T) {
	pod := &kube.Pod{UID: "6b1f0d3e-8c1a-4a8e-9d55-0a5f3c2b7e10", Name: "web-7d9c", Namespace: "shop",
		Labels: map[string]string{"app": "web", "tier": "front"}, IP: "10.244.1.7"}
	c := &kube.Container{ID: ctrID, Runtime: "containerd", Name: "nginx", Image: "registry.local:5000/team/nginx:1.25",
		ImageID: "registry.local:5000/team/nginx@sha256:0123abcd", Privileged: true, StartedAt: 1_004_000_000_000, Pod: pod}
	s := containerWorld(metaMap{ctrID: c})
	ev := apply(t, s, "openat", 3, [6]uint64{0xffffff9c}, record.CString("/etc/shadow"))
	check(t, ev, map[string]any{
		"container.id": ctrID[:12], "container.full_id": ctrID, "container.name": "nginx", "container.type": "containerd",
		"container.image": "registry.local:5000/team/nginx:1.25", "container.image.repository": "registry.local:5000/team/nginx",
		"container.image.tag": "1.25", "container.image.digest": "sha256:0123abcd", "container.image.id": "0123abcd",
		"container.privileged": 1, "container.start_ts": 1_004_000_000_000, "container.duration": int(1e9), "container.ip": "10.244.1.7",
		"k8s.ns.name": "shop", "k8s.pod.name": "web-7d9c", "k8s.pod.uid": pod.UID, "k8s.pod.id": pod.UID,
		"k8s.pod.label[app]": "web", "k8s.pod.label[nope]": "<missing>", "k8s.pod.labels": "app:web, tier:front",
		"k8s.pod.ip": "10.244.1.7", "container.mounts": "<missing>", "k8s.pod.sandbox_id": "<missing>",
	})
	if s.MetaMisses() != 0 {
		t.Errorf("misses %d, want 0", s.MetaMisses())
	}
}

// A container the metadata does not know keeps its ids, lacks the rest,
// and is counted; host processes are "host" and never counted.
func TestContainerFieldsUnknownAndHost(t *testing.T) {
	s := containerWorld(metaMap{})
	ev := apply(t, s, "openat", 3, [6]uint64{0xffffff9c}, record.CString("/etc/shadow"))
	check(t, ev, map[string]any{"container.id": ctrID[:12], "container.name": "<missing>",
		"container.image.repository": "<missing>", "k8s.ns.name": "<missing>", "container.privileged": "<missing>"})
	if s.MetaMisses() != 1 {
		t.Errorf("misses %d, want 1", s.MetaMisses())
	}
	// a container not yet in its pod's statuses: the pod, from the cgroups
	pod := &kube.Pod{UID: "6b1f0d3e-8c1a-4a8e-9d55-0a5f3c2b7e10", Name: "web-7d9c", Namespace: "shop"}
	s = containerWorld(metaMap{"other": {ID: "other", Pod: pod}})
	s.Table.Get(20).PodUID = pod.UID
	ev = apply(t, s, "openat", 3, [6]uint64{0xffffff9c}, record.CString("/etc/shadow"))
	check(t, ev, map[string]any{"container.id": ctrID[:12], "k8s.ns.name": "shop", "k8s.pod.name": "web-7d9c",
		"container.name": "<missing>", "container.image.repository": "<missing>"})
	if s.MetaMisses() != 0 {
		t.Errorf("misses %d with the pod known, want 0", s.MetaMisses())
	}
	host := world()
	host.Meta = metaMap{}
	ev = apply(t, host, "openat", 3, [6]uint64{0xffffff9c}, record.CString("/etc/shadow"))
	check(t, ev, map[string]any{"container.id": "host", "container.name": "host", "container.type": "host", "k8s.pod.name": "<missing>"})
	if host.MetaMisses() != 0 {
		t.Errorf("host misses %d, want 0", host.MetaMisses())
	}
}

func TestImageReferences(t *testing.T) {
	for _, c := range []struct{ ref, id, repo, tag, digest string }{
		{"nginx", "", "nginx", "", ""},
		{"nginx:1.25", "docker.io/library/nginx@sha256:aa", "nginx", "1.25", "sha256:aa"},
		{"localhost:5000/app", "sha256:bb", "localhost:5000/app", "", "sha256:bb"},
		{"localhost:5000/app:v2@sha256:cc", "", "localhost:5000/app", "v2", "sha256:cc"},
		{"quay.io/prometheus/node-exporter:v1.8.0", "", "quay.io/prometheus/node-exporter", "v1.8.0", ""},
	} {
		if r, tg, d := imageRepo(c.ref), imageTag(c.ref), imageDigest(c.ref, c.id); r != c.repo || tg != c.tag || d != c.digest {
			t.Errorf("%q (%q): repo %q tag %q digest %q, want %q %q %q", c.ref, c.id, r, tg, d, c.repo, c.tag, c.digest)
		}
	}
}
