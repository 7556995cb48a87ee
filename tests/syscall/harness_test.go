package syscall

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/capture"
	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	sys "github.com/aeriesec/aerie/runtime/syscall"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
)

// stableRules builds an evaluator (engine "wasm" or "interp") over
// Falco's stable falco_rules.yaml, loaded unchanged from the compatibility
// corpus, matching every rule.
func stableRules(t testing.TB, engine string) (runtime.Evaluator, *alert.Formatter) {
	t.Helper()
	return compatRules(t, engine, "falco_rules.yaml")
}

// compatRules is stableRules over Falco rules files of the compatibility
// corpus, loaded unchanged in order.
func compatRules(t testing.TB, engine string, files ...string) (runtime.Evaluator, *alert.Formatter) {
	t.Helper()
	var paths []string
	for _, f := range files {
		paths = append(paths, testenv.Compat(t, "syscall", "rules", f))
	}
	prog, ds := toolchain.Load(paths, toolchain.LoadOptions{Sources: []string{fields.SourceSyscall}})
	if ds.HasErrors() || prog == nil {
		t.Fatalf("load %v: %v", files, ds.Errors())
	}
	var ev runtime.Evaluator
	if engine == "wasm" {
		ev = wasmEvaluator(t, prog)
	} else {
		in, err := interp.New(prog, fields.SourceSyscall)
		if err != nil {
			t.Fatal(err)
		}
		ev = in
	}
	ev.SetOptions(abi.Options{MatchAll: true})
	f, err := alert.New(ev.Metadata(), alert.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return ev, f
}

// wasmEvaluator compiles the syscall rules to a module and hosts it.
func wasmEvaluator(t testing.TB, prog *program.Program) runtime.Evaluator {
	t.Helper()
	src := prog.Source(fields.SourceSyscall)
	wasm, d := toolchain.CompileSource(src, prog.Hash)
	if d != nil {
		t.Fatalf("compile stable rules: %v", d)
	}
	ctx := context.Background()
	mod, err := wasmhost.Load(ctx, wasm, wasmhost.Config{Name: "syscall.wasm", Catalog: fields.For,
		Bind: func(_ string, refs []fields.Ref) error { _, err := sys.Bind(refs); return err }})
	if err != nil {
		t.Fatalf("load module: %v", err)
	}
	in, err := mod.NewInstance(ctx)
	if err != nil {
		t.Fatalf("instantiate module: %v", err)
	}
	t.Cleanup(func() { in.Close(ctx); mod.Close(ctx) })
	return in
}

// got is one alert, decoded from its JSON.
type got struct {
	Rule   string         `json:"rule"`
	Output string         `json:"output"`
	Fields map[string]any `json:"output_fields"`
}

func decode(t testing.TB, a *alert.Alert) got {
	var g got
	if err := json.Unmarshal(a.JSON, &g); err != nil {
		t.Errorf("alert JSON: %v: %s", err, a.JSON)
	}
	return g
}

// session is a live probe evaluating the stable rules, with a capture of
// the stream kept in memory.
type session struct {
	live   *sys.Live
	errs   []error // undecodable alerts
	mu     sync.Mutex
	alerts []got
	texts  []string
	done   chan error
	cap    bytes.Buffer
	cw     *capture.Writer
}

func startSession(t *testing.T) *session {
	t.Helper()
	return startSessionWith(t, "falco_rules.yaml")
}

// startSessionWith is startSession over the given Falco rules files.
func startSessionWith(t *testing.T, files ...string) *session {
	t.Helper()
	return startSessionOpts(t, sys.LiveOptions{}, files...)
}

// startSessionOpts is startSessionWith with live options (event types and
// DNS names come from the rules).
func startSessionOpts(t *testing.T, o sys.LiveOptions, files ...string) *session {
	t.Helper()
	if os.Geteuid() != 0 {
		probetest.Unavailable(t, "not root")
	}
	ev, f := compatRules(t, "wasm", files...)
	s := &session{done: make(chan error, 1)}
	run, err := sys.NewRunner(ev, f, s.collect)
	if err != nil {
		t.Fatal(err)
	}
	o.EventTypes, o.DNSNames = run.EventTypes(), ev.Metadata().DNSNames
	live, err := sys.StartLive(o)
	if errors.Is(err, probes.ErrUnsupported) {
		probetest.Unavailable(t, err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	s.live = live
	if s.cw, err = capture.NewWriter(&s.cap, live.Table(), live.Host()); err != nil {
		t.Fatal(err)
	}
	live.SetRecorder(s.cw)
	go func() { s.done <- live.Run(run) }()
	t.Cleanup(func() { s.stop(t) })
	return s
}

func (s *session) collect(a *alert.Alert) error {
	var g got
	err := json.Unmarshal(a.JSON, &g)
	s.mu.Lock()
	if err != nil {
		s.errs = append(s.errs, fmt.Errorf("alert JSON: %w: %s", err, a.JSON))
	}
	s.alerts = append(s.alerts, g)
	s.texts = append(s.texts, string(a.JSON))
	s.mu.Unlock()
	return nil
}

// stop closes the probe and waits for the reader; it returns the capture.
func (s *session) stop(t testing.TB) []byte {
	if s.live == nil {
		return s.cap.Bytes()
	}
	s.live.Close()
	if err := <-s.done; err != nil {
		t.Errorf("live run: %v", err)
	}
	if err := s.live.RecordError(); err != nil {
		t.Errorf("capture: %v", err)
	}
	for _, err := range s.errs {
		t.Error(err)
	}
	s.cw.Flush()
	s.live = nil
	return s.cap.Bytes()
}

// waitFor polls the alerts until one of rule satisfies ok, or fails at
// the deadline listing what did arrive.
func (s *session) waitFor(t testing.TB, rule string, ok func(g got) bool) got {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s.mu.Lock()
		for _, g := range s.alerts {
			if g.Rule == rule && ok(g) {
				s.mu.Unlock()
				return g
			}
		}
		var seen []string
		for _, g := range s.alerts {
			seen = append(seen, g.Rule+": "+g.Output)
		}
		s.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("no %q alert within the deadline; alerts so far:\n%s", rule, join(seen))
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not synchronisation
	}
}

func join(ss []string) string {
	var b bytes.Buffer
	for _, s := range ss {
		b.WriteString("  " + s + "\n")
	}
	return b.String()
}

// testComm is this test binary's task comm (the parent of what it runs).
func testComm() string {
	n := filepath.Base(os.Args[0])
	if len(n) > 15 {
		n = n[:15]
	}
	return n
}

// copyExe copies an executable under a new name.
func copyExe(t *testing.T, src, dst string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return dst
}
