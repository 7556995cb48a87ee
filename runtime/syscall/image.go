package syscall

import "strings"

// Image references: [registry/]path[:tag][@digest]. A colon is a tag
// separator only after the last slash (a registry may carry a port).

// imageRepo is the reference without its tag and digest.
func imageRepo(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		return ref[:i]
	}
	return ref
}

// imageTag is the reference's tag, "" when it has none.
func imageTag(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		return ref[i+1:]
	}
	return ""
}

// imageDigest is the digest of the reference, or else of the runtime's
// image id (repo@sha256:… or sha256:…), "" when neither has one.
func imageDigest(ref, id string) string {
	if _, d, ok := strings.Cut(ref, "@"); ok {
		return d
	}
	if _, d, ok := strings.Cut(id, "@"); ok {
		return d
	}
	if strings.HasPrefix(id, "sha256:") {
		return id
	}
	return ""
}

// imageID is the hex of the runtime's image id without its algorithm.
func imageID(id string) string {
	if i := strings.LastIndex(id, "sha256:"); i >= 0 {
		return id[i+len("sha256:"):]
	}
	return id
}
