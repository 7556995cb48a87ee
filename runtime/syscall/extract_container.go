package syscall

import (
	"slices"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/kube"
)

// containerFields: the id comes from cgroups; what a container runtime
// knows comes from the pod behind that id (Event.Ctr and Event.Pod,
// resolved by the source's Metadata). A container not yet in its pod's
// statuses has the pod's fields only, one whose pod is not known the id
// fields only; host processes get "host" where Falco's container plugin
// gives it.
func containerFields() {
	def("container.id", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return str(d, p.Container) }))
	def("container.full_id", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return str(d, p.ContainerFull) }))
	def("container.info", self(func(_ *Event, p *state.Process, d *fields.Value) bool { return str(d, p.Container) }))
	def("container.name", orHost(func(c *kube.Container, d *fields.Value) bool { return str(d, c.Name) }))
	def("container.type", orHost(func(c *kube.Container, d *fields.Value) bool { return str(d, c.Runtime) }))
	def("container.image", ctr(func(c *kube.Container, d *fields.Value) bool { return str(d, c.Image) }))
	def("container.image.repository", ctr(func(c *kube.Container, d *fields.Value) bool { return str(d, imageRepo(c.Image)) }))
	def("container.image.tag", ctr(func(c *kube.Container, d *fields.Value) bool {
		t := imageTag(c.Image)
		return t != "" && str(d, t)
	}))
	def("container.image.digest", ctr(func(c *kube.Container, d *fields.Value) bool {
		g := imageDigest(c.Image, c.ImageID)
		return g != "" && str(d, g)
	}))
	def("container.image.id", ctr(func(c *kube.Container, d *fields.Value) bool {
		id := imageID(c.ImageID)
		return id != "" && str(d, id)
	}))
	def("container.privileged", ctr(func(c *kube.Container, d *fields.Value) bool { return boolean(d, c.Privileged) }))
	def("container.start_ts", ctr(func(c *kube.Container, d *fields.Value) bool { return c.StartedAt > 0 && num(d, c.StartedAt) }))
	def("container.duration", ctrEvt(func(e *Event, c *kube.Container, d *fields.Value) bool {
		return c.StartedAt > 0 && num(d, max(0, e.Time-c.StartedAt)) // clocks may disagree
	}))
	podIP := pod(func(p *kube.Pod, d *fields.Value) bool { return p.IP != "" && str(d, p.IP) })
	def("container.ip", podIP)
	def("k8s.pod.ip", podIP)
	def("k8s.ns.name", pod(func(p *kube.Pod, d *fields.Value) bool { return str(d, p.Namespace) }))
	def("k8s.pod.name", pod(func(p *kube.Pod, d *fields.Value) bool { return str(d, p.Name) }))
	def("k8s.pod.uid", pod(func(p *kube.Pod, d *fields.Value) bool { return str(d, p.UID) }))
	def("k8s.pod.id", pod(func(p *kube.Pod, d *fields.Value) bool { return str(d, p.UID) }))
	def("k8s.pod.labels", pod(func(p *kube.Pod, d *fields.Value) bool { return str(d, podLabels(p)) }))
	def("k8s.pod.label", func(x *extractor, e *Event, d *fields.Value) bool {
		if e.Pod == nil {
			return false
		}
		v, ok := e.Pod.Labels[x.key]
		return ok && str(d, v)
	})
	for _, f := range fields.Syscall.Fields {
		if _, done := table[f.Name]; !done && (strings.HasPrefix(f.Name, "container.") || strings.HasPrefix(f.Name, "k8s.")) {
			def(f.Name, missing) // not in a pod's spec or status (mounts, CNI, sandbox ids)
		}
	}
}

// ctr extracts from the event's container, missing when its pod is unknown.
func ctr(get func(*kube.Container, *fields.Value) bool) extractFn {
	return ctrEvt(func(_ *Event, c *kube.Container, d *fields.Value) bool { return get(c, d) })
}

// ctrEvt is ctr for extractors that also read the event.
func ctrEvt(get func(*Event, *kube.Container, *fields.Value) bool) extractFn {
	return func(_ *extractor, e *Event, d *fields.Value) bool { return e.Ctr != nil && get(e, e.Ctr, d) }
}

// orHost is ctr, with "host" for host processes.
func orHost(get func(*kube.Container, *fields.Value) bool) extractFn {
	return func(_ *extractor, e *Event, d *fields.Value) bool {
		if e.Proc != nil && e.Proc.Container == state.HostContainer {
			return str(d, state.HostContainer)
		}
		return e.Ctr != nil && get(e.Ctr, d)
	}
}

func pod(get func(*kube.Pod, *fields.Value) bool) extractFn {
	return func(_ *extractor, e *Event, d *fields.Value) bool { return e.Pod != nil && get(e.Pod, d) }
}

// podLabels renders labels as key:value, comma separated, keys sorted.
func podLabels(p *kube.Pod) string {
	keys := make([]string, 0, len(p.Labels))
	for k := range p.Labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k + ":" + p.Labels[k])
	}
	return b.String()
}
