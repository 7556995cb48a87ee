package conformance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/replay"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/tests/wasmtest"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/program"
)

func init() { engines["wasm"] = wasmEngine }

// wasmEngine compiles the source to Wasm and hosts it in wazero.
func wasmEngine(p *program.Program, source string) (runtime.Evaluator, func(), error) {
	src := p.Source(source)
	if src == nil {
		src = &program.Source{Name: source}
	}
	wasm, d := toolchain.CompileSource(src, p.Hash)
	if d != nil {
		return nil, nil, fmt.Errorf("compile %s: %s", source, d.Message)
	}
	ctx := context.Background()
	m, err := wasmhost.Load(ctx, wasm, wasmtest.HostConfig())
	if err != nil {
		return nil, nil, err
	}
	in, err := m.NewInstance(ctx)
	if err != nil {
		m.Close(ctx)
		return nil, nil, err
	}
	return in, func() { m.Close(ctx) }, nil
}

// TestEnginesPrintIdenticalAlerts replays every corpus event file with
// Falco 0.31.1's k8s_audit rules (all rules enabled, every match reported)
// through both engines and compares the alerts line for line, text and JSON.
func TestEnginesPrintIdenticalAlerts(t *testing.T) {
	rules := []string{
		testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}
	p, ds := toolchain.Load(rules, toolchain.LoadOptions{})
	if p == nil {
		t.Fatal(ds.Err())
	}
	all := allRules(p)
	w, closeW, err := engines["wasm"](p, "k8s_audit")
	if err != nil {
		t.Fatal(err)
	}
	defer closeW()
	ref, closeR, err := engines["interp"](p, "k8s_audit")
	if err != nil {
		t.Fatal(err)
	}
	defer closeR()
	w.SetOptions(all)
	ref.SetOptions(all)
	files, err := filepath.Glob(filepath.Join(testenv.Compat(t, "k8saudit", "events"), "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no event files: %v", err)
	}
	total := 0
	for _, fn := range files {
		a, b := alertLines(t, fn, w), alertLines(t, fn, ref)
		total += len(b)
		if len(a) != len(b) {
			t.Errorf("%s: wasm printed %d lines, interpreter %d", filepath.Base(fn), len(a), len(b))
			continue
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%s: line %d:\n wasm   %s\n interp %s", filepath.Base(fn), i, a[i], b[i])
			}
		}
	}
	if total == 0 {
		t.Fatal("no alerts at all: the comparison proves nothing")
	}
	t.Logf("%d identical alert lines over %d files", total, len(files))
}

// allRules enables every rule of the k8s_audit source and reports every match.
func allRules(p *program.Program) abi.Options {
	o := abi.Options{MatchAll: true}
	if src := p.Source("k8s_audit"); src != nil {
		o.Enabled = make([]bool, len(src.Rules))
		for i := range o.Enabled {
			o.Enabled[i] = true
		}
	}
	return o
}

func alertLines(t *testing.T, fn string, ev runtime.Evaluator) []string {
	t.Helper()
	f, err := os.Open(fn)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	form, err := alert.New(ev.Metadata(), alert.Options{Hostname: "conformance", IncludeOutput: true,
		IncludeOutputFields: true, IncludeTags: true})
	if err != nil {
		t.Fatal(err)
	}
	as, _, _, err := replay.Collect(f, replay.Config{Eval: ev, Format: form, KeepGoing: true})
	if err != nil {
		t.Fatalf("%s: %v", fn, err)
	}
	var out []string
	for _, a := range as {
		out = append(out, string(a.Text), string(a.JSON))
	}
	return out
}
