package k8saudit

import (
	"bytes"

	"github.com/valyala/fastjson"

	"github.com/aeriesec/aerie/guest/fields"
)

func exScalar(x *extractor, e *Event, dst *fields.Value) bool {
	return putScalar(dst, x.get(e))
}

// exList: each array element (or the value at x.sub inside it, flattened
// when an array); missing and null entries are skipped.
func exList(x *extractor, e *Event, dst *fields.Value) bool {
	l := list{dst}
	for _, el := range x.elems(e) {
		if x.sub == nil {
			l.add(el)
		} else {
			l.addFlat(el.Get(x.sub...))
		}
	}
	return l.done()
}

// exFirst: the value at x.sub in the first element of the array.
func exFirst(x *extractor, e *Event, dst *fields.Value) bool {
	return putScalar(dst, x.get(e).Get("0").Get(x.sub...))
}

func exFirstRepository(x *extractor, e *Event, dst *fields.Value) bool {
	img := x.get(e).Get("0", "image")
	if !present(img) {
		return false
	}
	dst.S = repository(render(dst.S[:0], img))
	return true
}

func exRepositories(x *extractor, e *Event, dst *fields.Value) bool {
	l := list{dst}
	for _, c := range x.elems(e) {
		img := c.Get("image")
		if !present(img) {
			continue
		}
		start := len(dst.S)
		dst.S = render(dst.S, img)
		dst.S = dst.S[:start+len(repository(dst.S[start:]))]
		l.seal(start)
	}
	return l.done()
}

// repository strips an image's digest (@…) and tag (:… after the last /),
// keeping a registry host and port: registry:5000/app:1 gives registry:5000/app.
func repository(img []byte) []byte {
	if at := bytes.IndexByte(img, '@'); at >= 0 {
		img = img[:at]
	}
	slash := bytes.LastIndexByte(img, '/')
	if colon := bytes.LastIndexByte(img, ':'); colon > slash {
		img = img[:colon]
	}
	return img
}

// exJoined: each container's command or args, joined with spaces;
// containers without them are skipped.
func exJoined(x *extractor, e *Event, dst *fields.Value) bool {
	l := list{dst}
	for _, c := range x.elems(e) {
		arr := c.Get(x.sub...)
		if arr == nil || arr.Type() != fastjson.TypeArray {
			continue
		}
		start := len(dst.S)
		for i, a := range arr.GetArray() {
			if i > 0 {
				dst.S = append(dst.S, ' ')
			}
			if present(a) {
				dst.S = render(dst.S, a)
			}
		}
		l.seal(start)
	}
	return l.done()
}

// exEffective: each container's securityContext value, else the pod's,
// else 0 (Falco 0.31's reading; the plugin forgets securityContext).
func exEffective(x *extractor, e *Event, dst *fields.Value) bool {
	l := list{dst}
	pod := e.at(nodePodSecurity).Get(x.sub[0])
	for _, c := range x.elems(e) {
		switch v := c.Get("securityContext", x.sub[0]); {
		case present(v):
			l.add(v)
		case present(pod):
			l.add(pod)
		default:
			l.addBytes([]byte{'0'})
		}
	}
	return l.done()
}

// exHostPort: each container port's hostPort, else its containerPort.
func exHostPort(x *extractor, e *Event, dst *fields.Value) bool {
	l := list{dst}
	for _, c := range x.elems(e) {
		for _, port := range c.GetArray("ports") {
			if hp := port.Get("hostPort"); present(hp) {
				l.add(hp)
			} else {
				l.add(port.Get("containerPort"))
			}
		}
	}
	return l.done()
}
