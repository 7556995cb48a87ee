package syscall

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/probes/capture"
	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/alert"
	sys "github.com/aeriesec/aerie/runtime/syscall"
	"github.com/aeriesec/aerie/tests/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/attacks.cap and attacks.golden from a live run (root)")

const (
	captureFile = "testdata/attacks.cap"
	goldenFile  = "testdata/attacks.golden"
)

// goldenLine is what the committed golden file keeps of an alert: the rule
// and its output fields (not the time-of-day text or the host name).
func goldenLine(t testing.TB, a *alert.Alert) string {
	g := decode(t, a)
	b, err := json.Marshal(g.Fields)
	if err != nil {
		t.Fatal(err)
	}
	return g.Rule + "\t" + string(b)
}

func replayLines(t testing.TB, data []byte, engine string) []string {
	t.Helper()
	ev, f := stableRules(t, engine)
	var lines []string
	if _, err := sys.Replay(bytes.NewReader(data), ev, f, func(a *alert.Alert) error {
		lines = append(lines, goldenLine(t, a))
		return nil
	}); err != nil {
		t.Fatalf("replay %s: %v", captureFile, err)
	}
	return lines
}

// writeTestdata keeps the test process tree's part of the live capture
// and the alerts it replays to.
func writeTestdata(t *testing.T, capt []byte) {
	var small bytes.Buffer
	repo := testenv.RepoRoot(t)
	above := map[int64]bool{} // the test's ancestors: the recording machine's
	fs := &state.ProcFS{Root: "/proc"}
	for pid := int64(os.Getppid()); pid > 0; {
		p := fs.Process(uint32(pid))
		if p == nil || above[pid] {
			break
		}
		above[pid] = true
		pid = p.PPid
	}
	scrub := func(p *state.Process) {
		if strings.HasPrefix(p.Cwd, repo) {
			p.Cwd = "/src/aerie" + strings.TrimPrefix(p.Cwd, repo)
		}
		if above[p.Pid] {
			p.Args = nil // a sandbox's init may carry its whole environment
			p.FDs = state.NewFDTable()
			probetest.GenericInit(p)
		}
		p.Env = nil // the recording machine's variables, secrets included
	}
	if err := capture.Filter(bytes.NewReader(capt), &small, uint32(os.Getpid()), scrub); err != nil {
		t.Fatalf("filter capture: %v", err)
	}
	os.MkdirAll(filepath.Dir(captureFile), 0o755)
	if err := os.WriteFile(captureFile, small.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := replayLines(t, small.Bytes(), "interp")
	if err := os.WriteFile(goldenFile, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes) and %s (%d alerts)", captureFile, small.Len(), goldenFile, len(lines))
}

// TestReplayCommittedCapture replays the committed capture of the attacks
// (no privileges needed) on both engines and expects the golden alerts,
// one for each attack's rule at least.
func TestReplayCommittedCapture(t *testing.T) {
	data, err := os.ReadFile(captureFile)
	if err != nil {
		t.Fatalf("%v (regenerate with: go test ./tests/syscall -run TestStableRulesFireOnAttacks -update, as root)", err)
	}
	golden, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(golden), "\n"), "\n")
	for _, engine := range []string{"interp", "wasm"} {
		t.Run(engine, func(t *testing.T) {
			got := replayLines(t, data, engine)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("replay differs from %s:\ngot:\n%s\nwant:\n%s", goldenFile, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	rules := map[string]bool{}
	for _, l := range want {
		rules[strings.SplitN(l, "\t", 2)[0]] = true
	}
	for _, sc := range scenarios(t, "", "") {
		if !rules[sc.rule] {
			t.Errorf("the committed capture has no %q alert", sc.rule)
		}
	}
}
