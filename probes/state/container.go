package state

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
