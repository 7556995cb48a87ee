package probes_test

import (
	"fmt"
	"net"
	"net/netip"
	"os/exec"
	"testing"
	"time"

	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/probes/record"
)

// TestProbeReadsWholeSocketAddresses connects a child process to a local
// listener on 127.0.0.1 and checks every byte of both addresses in the
// connect record's socket tuple (a regression: only the first byte of each
// address used to be copied, so 127.0.0.1 read as 127.0.0.0). Connects on
// other families from the same process are passed over.
func TestProbeReadsWholeSocketAddresses(t *testing.T) {
	p := probetest.Open(t, probes.Options{})
	sc, _ := record.ByName("connect")
	if err := p.SetInterest([]uint16{sc.NR}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := uint16(ln.Addr().(*net.TCPAddr).Port)
	cmd := exec.Command("bash", "-c", fmt.Sprintf("exec 3<>/dev/tcp/127.0.0.1/%d", port))
	if err := cmd.Run(); err != nil {
		t.Fatalf("connect from bash: %v", err)
	}
	pid := uint32(cmd.Process.Pid)
	deadline := time.AfterFunc(10*time.Second, func() { p.Close() })
	defer deadline.Stop()
	for {
		b, err := p.Read()
		if err != nil {
			t.Fatalf("no connect record from pid %d: %v", pid, err)
		}
		var r record.Record
		if err := record.Decode(b, &r); err != nil {
			t.Fatal(err)
		}
		if r.Tgid != pid || r.Kind != record.KindSyscall || r.Type() != "connect" {
			continue
		}
		tu, ok := r.Tuple()
		if !ok {
			t.Fatal("connect record has no socket tuple")
		}
		if tu.Family != record.AFInet && tu.Family != record.AFInet6 {
			// Whatever else the process connects first (a resolver
			// daemon's unix socket, depending on the machine's
			// nsswitch.conf) is not the connect under test.
			t.Logf("passing over a connect on address family %d (ret %d)", tu.Family, r.Ret)
			continue
		}
		lo := netip.MustParseAddr("127.0.0.1")
		if tu.RAddr != lo || tu.RPort != port || tu.LAddr != lo || tu.LPort == 0 {
			t.Fatalf("tuple (family %d, ret %d) %v:%d -> %v:%d, want 127.0.0.1:<port> -> 127.0.0.1:%d", tu.Family, r.Ret, tu.LAddr, tu.LPort, tu.RAddr, tu.RPort, port)
		}
		return
	}
}
