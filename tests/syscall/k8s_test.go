package syscall

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/tests/testenv"
)

// Processes in the container cgroups of a pod that kube-apiserver lists on
// this node raise their alerts with the pod's namespace and name, and the
// image when the container is in the pod's statuses: `aerie run` lists and
// watches the node's pods (here from a fake apiserver serving real core/v1
// objects) and resolves the container id and pod UID the probe read from
// the process's cgroup v2 scope and slice, as a kubelet with the systemd
// driver names them. A capture of the same replays to the same alerts.
func TestRunResolvesPodMetadata(t *testing.T) {
	if os.Geteuid() != 0 {
		probetest.Unavailable(t, "not root")
	}
	pod := podWithContainer(randomContainerID(t))
	known := strings.TrimPrefix(pod.Status.ContainerStatuses[0].ContainerID, "containerd://")
	starting := randomContainerID(t) // not in the pod's statuses yet
	api := testenv.NodePods(t, "node-a", pod)
	k8s := []string{"--k8s-metadata=on", "--k8s-api-server=" + api.URL, "--node-name=node-a"}
	d := startRun(t, k8s...)
	poll(t, "the probe attached and the pods listed", func() bool {
		return strings.Contains(d.get(t, "/readyz"), `"syscall_probe":"attached"`) &&
			strings.Contains(d.get(t, "/metrics"), "aerie_k8s_metadata_synced 1")
	})
	capFile := filepath.Join(t.TempDir(), "pod.cap")
	stopCapture := startCapture(t, append([]string{"-o", capFile}, k8s...))
	readShadowIn(t, containerCgroup(t, string(pod.UID), known), "peek")
	readShadowIn(t, containerCgroup(t, string(pod.UID), starting), "spy")
	want := []func(runAlert) bool{
		func(a runAlert) bool {
			return a.Fields["proc.name"] == "peek" && a.Fields["container.id"] == known[:12] &&
				a.Fields["k8s.ns.name"] == "shop" && a.Fields["k8s.pod.name"] == "web-0" &&
				a.Fields["container.image.repository"] == "registry.example/shop/web"
		},
		func(a runAlert) bool {
			return a.Fields["proc.name"] == "spy" && a.Fields["container.id"] == starting[:12] &&
				a.Fields["k8s.ns.name"] == "shop" && a.Fields["k8s.pod.name"] == "web-0" &&
				a.Fields["container.image.repository"] == nil
		},
	}
	if !eventually(func() bool { return alertsLike(d.lines(), want) }) {
		t.Fatalf("no alerts with the pod's metadata; alerts:\n%s", grepLines(strings.Join(d.lines(), "\n"), `{`))
	}
	stopCapture()
	replay := exec.Command(buildAerie(t), "replay", "--source", "syscall", "--events", capFile, "--json")
	out, err := replay.Output()
	if err != nil {
		t.Fatalf("aerie replay: %v", err)
	}
	if !alertsLike(strings.Split(string(out), "\n"), want) {
		t.Errorf("the replayed capture lacks the alerts with the pod's metadata:\n%s", out)
	}
	if m := d.get(t, "/metrics"); !strings.Contains(m, "aerie_k8s_pods 1") || !strings.Contains(m, "aerie_k8s_containers 1") {
		t.Errorf("metrics lack the pod:\n%s", grepLines(m, "aerie_k8s_"))
	}
}

// A pod scheduled after aerie run started reaches it through the watch:
// the daemon lists an empty node, then the fake apiserver sends the pod as
// an ADDED event, and a process in its container raises its alert with
// the pod's namespace and name.
func TestRunLearnsPodsFromTheWatch(t *testing.T) {
	if os.Geteuid() != 0 {
		probetest.Unavailable(t, "not root")
	}
	pod := podWithContainer(randomContainerID(t))
	id := strings.TrimPrefix(pod.Status.ContainerStatuses[0].ContainerID, "containerd://")
	api := testenv.NodePods(t, "node-a")
	d := startRun(t, "--k8s-metadata=on", "--k8s-api-server="+api.URL, "--node-name=node-a")
	select {
	case <-api.Watching():
	case <-time.After(60 * time.Second):
		t.Fatal("aerie run never watched the node's pods")
	}
	api.Add(pod)
	poll(t, "the watched pod in the metrics", func() bool {
		return strings.Contains(d.get(t, "/metrics"), "aerie_k8s_pods 1")
	})
	readShadowIn(t, containerCgroup(t, string(pod.UID), id), "watched")
	want := []func(runAlert) bool{func(a runAlert) bool {
		return a.Fields["proc.name"] == "watched" && a.Fields["k8s.ns.name"] == "shop" && a.Fields["k8s.pod.name"] == "web-0"
	}}
	if !eventually(func() bool { return alertsLike(d.lines(), want) }) {
		t.Fatalf("no alert with the watched pod; alerts:\n%s", grepLines(strings.Join(d.lines(), "\n"), `{`))
	}
}

// readShadowIn runs a copy of cat named name inside cgroup dir, reading
// /etc/shadow (Sensitive File Read by Untrusted Program).
func readShadowIn(t *testing.T, dir, name string) {
	t.Helper()
	exe := copyExe(t, "/usr/bin/cat", filepath.Join(t.TempDir(), name))
	sh := exec.Command("sh", "-c", `echo $$ > "$1/cgroup.procs" && exec "$2" /etc/shadow`, "sh", dir, exe)
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("%s: read /etc/shadow in %s: %v\n%s", name, dir, err, out)
	}
}

// alertsLike reports whether every predicate matches some alert line of
// Sensitive File Read by Untrusted Program.
func alertsLike(lines []string, want []func(runAlert) bool) bool {
	for _, ok := range want {
		if !slices.ContainsFunc(lines, func(l string) bool {
			var a runAlert
			return json.Unmarshal([]byte(l), &a) == nil && a.Rule == "Sensitive File Read by Untrusted Program" && ok(a)
		}) {
			return false
		}
	}
	return true
}

// startCapture starts `aerie capture` and returns once it records; the
// function it returns stops it (SIGINT) and waits for the file.
func startCapture(t *testing.T, args []string) func() {
	cmd, _, stderr := startAerie(t, append([]string{"capture"}, args...)...)
	awaitLine(t, stderr, "recording to", "aerie capture to start recording")
	return func() {
		_ = cmd.Process.Signal(os.Interrupt)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("aerie capture: %v", err)
		}
	}
}

func (d *daemon) get(t *testing.T, path string) string {
	resp, err := http.Get(d.base + path)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func randomContainerID(t *testing.T) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// containerCgroup makes, in the cgroup v2 hierarchy, a container scope
// inside its pod's slice, named as the kubelet's systemd driver and
// containerd name them; processes written to its cgroup.procs carry the
// container id and the pod UID in their cgroups, as in a pod.
func containerCgroup(t *testing.T, podUID, id string) string {
	root := cgroup2Root(t)
	slice := filepath.Join(root, "aerie-test-kubepods", "kubepods-besteffort-pod"+strings.ReplaceAll(podUID, "-", "_")+".slice")
	dir := filepath.Join(slice, "cri-containerd-"+id+".scope")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		probetest.Unavailable(t, "cannot make a cgroup: "+err.Error())
	}
	t.Cleanup(func() { os.Remove(dir); os.Remove(slice); os.Remove(filepath.Dir(slice)) })
	return dir
}

// cgroup2Root is where the cgroup v2 hierarchy is mounted.
func cgroup2Root(t *testing.T) string {
	b, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 2 && f[2] == "cgroup2" {
			return f[1]
		}
	}
	probetest.Unavailable(t, "no cgroup v2 hierarchy mounted")
	return ""
}

func podWithContainer(id string) corev1.Pod {
	yes := true
	return corev1.Pod{
		TypeMeta:   metav1.TypeMeta{Kind: "Pod", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "shop", UID: "0b6f3c1e-52a4-4d8e-a3f1-7c2d9e8b1a55", Labels: map[string]string{"app": "web"}},
		Spec: corev1.PodSpec{NodeName: "node-a", Containers: []corev1.Container{{
			Name: "web", Image: "registry.example/shop/web:2.4.1", SecurityContext: &corev1.SecurityContext{Privileged: &yes},
		}}},
		Status: corev1.PodStatus{PodIP: "10.244.3.9", ContainerStatuses: []corev1.ContainerStatus{{
			Name: "web", ContainerID: "containerd://" + id, Image: "registry.example/shop/web:2.4.1",
			ImageID: "registry.example/shop/web@sha256:5e2b", Ready: true,
		}}},
	}
}
