package syscall

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/netip"
	"os/exec"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/runtime/alert"
	sys "github.com/aeriesec/aerie/runtime/syscall"
)

// Falco's stable rule "Contact K8S API Server From Container" compares
// fd.sip.name with kubernetes.default.svc.cluster.local: the live source
// resolves the names the rules compare domain-name fields with (here
// through a resolver that answers 127.0.0.1) and maps connections back to
// them. A process in a container cgroup connecting to that address fires
// the rule, live and on the capture's replay.
func TestStableRuleResolvesTheAPIServerName(t *testing.T) {
	const rule, api = "Contact K8S API Server From Container", "kubernetes.default.svc.cluster.local"
	resolve := func(_ context.Context, name string) ([]netip.Addr, error) {
		if name == api {
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		}
		return nil, fmt.Errorf("no such host %s", name)
	}
	s := startSessionOpts(t, sys.LiveOptions{Lookup: resolve}, "falco_rules.yaml")
	resolved := func() bool { ok, _ := s.live.NameStats(); return ok > 0 }
	if !eventually(resolved) {
		t.Fatal("the API server's name never resolved")
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	cg := containerCgroup(t, "2f0e4b7c-1d2a-4c3b-9e8f-5a6b7c8d9e0f", randomContainerID(t))
	// the probe reads cgroups at exec: move, then exec the connecting shell
	sh := exec.Command("bash", "-c", `echo $$ > "$1/cgroup.procs" && exec bash -c "exec 3<>/dev/tcp/127.0.0.1/$2"`,
		"bash", cg, fmt.Sprint(port))
	sh.Dir = t.TempDir()
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("connect from a container: %v\n%s", err, out)
	}
	want := fmt.Sprintf("->127.0.0.1:%d", port)
	g := s.waitFor(t, rule, func(g got) bool {
		name, _ := g.Fields["fd.name"].(string)
		return g.Fields["proc.name"] == "bash" && strings.HasSuffix(name, want)
	})
	t.Logf("%s", g.Output)
	capt := s.stop(t)
	ev, f := stableRules(t, "wasm")
	found := false
	if _, err := sys.Replay(bytes.NewReader(capt), ev, f, func(a *alert.Alert) error {
		found = found || (bytes.Contains(a.JSON, []byte(rule)) && bytes.Contains(a.JSON, []byte(want)))
		return nil
	}); err != nil {
		t.Fatalf("replay: %v", err)
	}
	if !found {
		t.Error("the replayed capture lacks the alert: its names frames should resolve the address again")
	}
}
