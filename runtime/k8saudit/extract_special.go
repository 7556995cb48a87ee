package k8saudit

import (
	"os"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fastjson"

	"github.com/aeriesec/aerie/guest/fields"
)

func exConst(s string) extractFn {
	return func(_ *extractor, _ *Event, dst *fields.Value) bool { return putText(dst, s) }
}

// exPointer: jevt.value[/ptr]: strings as-is, other values (null too) as
// compact JSON; missing when the path does not exist.
func exPointer(x *extractor, e *Event, dst *fields.Value) bool {
	base := e.at(x.base)
	if base == nil {
		return false
	}
	v := resolve(base, x.ptr)
	if v == nil {
		return false
	}
	dst.S = render(dst.S[:0], v)
	return true
}

func exObj(_ *extractor, e *Event, dst *fields.Value) bool {
	dst.S = appendJSON(dst.S[:0], e.v)
	return true
}

func exRawtime(_ *extractor, e *Event, dst *fields.Value) bool {
	dst.N = uint64(e.time)
	return true
}

func appendTime(dst *fields.Value, ns int64, layout string) bool {
	dst.S = time.Unix(0, ns).UTC().AppendFormat(dst.S[:0], layout)
	return true
}

func exTimeOfDay(_ *extractor, e *Event, dst *fields.Value) bool {
	return appendTime(dst, e.time, "15:04:05.000000000")
}

func exISO8601(_ *extractor, e *Event, dst *fields.Value) bool {
	return appendTime(dst, e.time, "2006-01-02T15:04:05.000000000Z")
}

func exDatetime(_ *extractor, e *Event, dst *fields.Value) bool {
	return appendTime(dst, e.time, "2006-01-02 15:04:05.000000000")
}

var hostname = sync.OnceValue(func() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	return h
})

func exHostname(_ *extractor, _ *Event, dst *fields.Value) bool {
	h := hostname()
	return h != "" && putText(dst, h)
}

func exURIParam(x *extractor, e *Event, dst *fields.Value) bool {
	uri := e.at(nodeRequestURI)
	if uri == nil || uri.Type() != fastjson.TypeString {
		return false
	}
	b, _ := uri.StringBytes()
	var ok bool
	dst.S, ok = queryParam(dst.S[:0], b, x.key)
	return ok
}

// exTargetPod: the response object's name when the target is a pod itself.
func exTargetPod(_ *extractor, e *Event, dst *fields.Value) bool {
	ref := e.at(nodeObjectRef)
	if string(ref.GetStringBytes("resource")) != "pods" || present(ref.Get("subresource")) {
		return false
	}
	return putScalar(dst, e.at(nodeRespMetadata).Get("name"))
}

func subjects(e *Event) []*fastjson.Value { return e.at(nodeRequestObj).GetArray("subjects") }

func exSubjects(kind string) extractFn {
	return func(_ *extractor, e *Event, dst *fields.Value) bool {
		l := list{dst}
		for _, s := range subjects(e) {
			if string(s.GetStringBytes("kind")) == kind {
				l.add(s.Get("name"))
			}
		}
		return l.done()
	}
}

func exServiceAccountNS(_ *extractor, e *Event, dst *fields.Value) bool {
	l := list{dst}
	for _, s := range subjects(e) {
		if string(s.GetStringBytes("kind")) != "ServiceAccount" {
			continue
		}
		start := len(dst.S)
		dst.S = append(dst.S, s.GetStringBytes("namespace")...)
		dst.S = append(dst.S, ':')
		dst.S = append(dst.S, s.GetStringBytes("name")...)
		l.seal(start)
	}
	return l.done()
}

// exAnyPrivileged: true when any container is privileged, else false;
// missing when the request has no containers.
func exAnyPrivileged(_ *extractor, e *Event, dst *fields.Value) bool {
	cs := e.at(nodeSpec).Get("containers")
	if cs == nil || cs.Type() != fastjson.TypeArray {
		return false
	}
	for _, c := range cs.GetArray() {
		if v := c.Get("securityContext", "privileged"); v != nil && v.Type() == fastjson.TypeTrue {
			return putText(dst, "true")
		}
	}
	return putText(dst, "false")
}

func volumes(e *Event) []*fastjson.Value { return e.at(nodeSpec).GetArray("volumes") }

// exHostPathMatch: ka.req.volume.hostpath[path]: true when a hostPath
// volume's path is the argument (or starts with it, for an argument ending
// in *), else false.
func exHostPathMatch(x *extractor, e *Event, dst *fields.Value) bool {
	prefix, glob := strings.CutSuffix(x.key, "*")
	for _, v := range volumes(e) {
		path := v.GetStringBytes("hostPath", "path")
		if path == nil {
			continue
		}
		if string(path) == x.key || (glob && strings.HasPrefix(string(path), prefix)) {
			return putText(dst, "true")
		}
	}
	return putText(dst, "false")
}

// exVolumeTypes: every key of each volume object but name.
func exVolumeTypes(x *extractor, e *Event, dst *fields.Value) bool {
	l := list{dst}
	vols := volumes(e)
	if x.idx >= 0 {
		if x.idx >= len(vols) {
			return false
		}
		vols = vols[x.idx : x.idx+1]
	}
	for _, v := range vols {
		o, err := v.Object()
		if err != nil {
			continue
		}
		o.Visit(func(key []byte, _ *fastjson.Value) {
			if string(key) != "name" {
				l.addBytes(key)
			}
		})
	}
	return l.done()
}

func exCluster(_ *extractor, e *Event, dst *fields.Value) bool {
	return e.cluster != "" && putText(dst, e.cluster)
}

// exClusterName: the cluster_name annotation, else the webhook's cluster.
func exClusterName(x *extractor, e *Event, dst *fields.Value) bool {
	if putScalar(dst, e.at(nodeAnnotations).Get("cluster_name")) {
		return true
	}
	return exCluster(x, e, dst)
}
