package syscall

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/tests/testenv"
)

// A process inside a container cgroup of a pod that kube-apiserver lists
// on this node raises its alert with the pod's namespace, name and image:
// `aerie run` lists and watches the node's pods (here from a fake
// apiserver serving real core/v1 objects) and resolves the container id
// the probe read from the process's cgroups.
func TestRunResolvesPodMetadata(t *testing.T) {
	if os.Geteuid() != 0 {
		probetest.Unavailable(t, "not root")
	}
	id := randomContainerID(t)
	cg := containerCgroup(t, id)
	api := testenv.NodePods(t, "node-a", podWithContainer(id))
	k8s := []string{"--k8s-metadata=on", "--k8s-api-server=" + api.URL, "--node-name=node-a"}
	d := startRun(t, k8s...)
	poll(t, "the probe attached and the pods listed", func() bool {
		return strings.Contains(d.get(t, "/readyz"), `"syscall_probe":"attached"`) &&
			strings.Contains(d.get(t, "/metrics"), "aerie_k8s_metadata_synced 1")
	})
	capFile := filepath.Join(t.TempDir(), "pod.cap")
	stopCapture := startCapture(t, append([]string{"-o", capFile}, k8s...))
	peek := copyExe(t, "/usr/bin/cat", filepath.Join(t.TempDir(), "peek"))
	sh := exec.Command("sh", "-c", `echo $$ > "$1/cgroup.procs" && exec "$2" /etc/shadow`, "sh", cg, peek)
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("read /etc/shadow in the container cgroup: %v\n%s", err, out)
	}
	want := map[string]func(runAlert) bool{
		"Sensitive File Read by Untrusted Program": func(a runAlert) bool {
			return a.Fields["proc.name"] == "peek" && a.Fields["container.id"] == id[:12] &&
				a.Fields["k8s.ns.name"] == "shop" && a.Fields["k8s.pod.name"] == "web-0" &&
				a.Fields["container.image.repository"] == "registry.example/shop/web"
		},
	}
	if !eventually(func() bool { return seen(d, want) == 1 }) {
		t.Fatalf("no alert with the pod's metadata; alerts:\n%s", grepLines(strings.Join(d.lines(), "\n"), `{`))
	}
	stopCapture()
	// the capture replays to the same alert: its container frames carry the pod
	replay := exec.Command(buildAerie(t), "replay", "--source", "syscall", "--events", capFile, "--json")
	out, err := replay.Output()
	if err != nil {
		t.Fatalf("aerie replay: %v", err)
	}
	r := &daemon{}
	r.out.Write(out)
	if seen(r, want) != 1 {
		t.Errorf("the replayed capture lacks the alert with the pod's metadata:\n%s", out)
	}
	if m := d.get(t, "/metrics"); !strings.Contains(m, "aerie_k8s_pods 1") || !strings.Contains(m, "aerie_k8s_containers 1") {
		t.Errorf("metrics lack the pod:\n%s", grepLines(m, "aerie_k8s_"))
	}
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

// containerCgroup makes a pids cgroup named as containerd's systemd driver
// names a container's scope; processes written to its cgroup.procs carry
// the container id in their cgroups, as in a pod.
func containerCgroup(t *testing.T, id string) string {
	root := "/sys/fs/cgroup/pids"
	if _, err := os.Stat(filepath.Join(root, "cgroup.procs")); err != nil {
		probetest.Unavailable(t, "no cgroup v1 pids hierarchy at "+root)
	}
	parent := filepath.Join(root, "aerie-test-kubepods")
	dir := filepath.Join(parent, "cri-containerd-"+id+".scope")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		probetest.Unavailable(t, "cannot make a cgroup: "+err.Error())
	}
	t.Cleanup(func() { os.Remove(dir); os.Remove(parent) })
	return dir
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
