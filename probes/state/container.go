package state

import "strings"

// HostContainer is the container id of host processes.
const HostContainer = "host"

// containerID finds a container id in cgroup path elements: the first run
// of exactly 64 hex digits (docker/<id>, docker-<id>.scope,
// cri-containerd-<id>.scope, crio-<id>, libpod-<id> …). It returns the
// 12-character id and the full one, or host.
func containerID(names []string) (short, full string) {
	for _, n := range names {
		if id := hex64(n); id != "" {
			return id[:12], id
		}
	}
	return HostContainer, HostContainer
}

func hex64(s string) string {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isHex(s[i]) {
			run++
			continue
		}
		if run == 64 {
			return s[i-64 : i]
		}
		run = 0
	}
	return ""
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

// podUID finds a pod UID in cgroup names: the kubelet names a pod's cgroup
// pod<uid> (cgroupfs driver) or kubepods-<qos>-pod<uid>.slice (systemd
// driver, dashes as underscores). It returns the UID with dashes, or "".
func podUID(names []string) string {
	for _, n := range names {
		for _, rest, ok := strings.Cut(n, "pod"); ok; _, rest, ok = strings.Cut(rest, "pod") {
			if u, ok := uuidAt(rest); ok {
				return u
			}
		}
	}
	return ""
}

// uuidAt reads a UUID (8-4-4-4-12 hex digits, '-' or '_' between groups)
// at the start of s.
func uuidAt(s string) (string, bool) {
	if len(s) < 36 {
		return "", false
	}
	b := []byte(s[:36])
	for i, c := range b {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' && c != '_' {
				return "", false
			}
			b[i] = '-'
		default:
			if !isHex(c) {
				return "", false
			}
		}
	}
	return string(b), true
}
