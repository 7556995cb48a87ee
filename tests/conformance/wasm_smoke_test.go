package conformance

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/replay"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/interp"
)

func TestWasmSmoke(t *testing.T) {
	rules := []string{
		testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}
	p, ds := toolchain.Load(rules, toolchain.LoadOptions{})
	if p == nil {
		t.Fatal(ds)
	}
	src := p.Source(fields.SourceK8sAudit)
	wasm, d := toolchain.CompileSource(src, p.Hash)
	if d != nil {
		t.Fatal(d)
	}
	cfg := wasmhost.Config{Catalog: fields.For, Bind: func(_ string, refs []fields.Ref) error {
		_, err := k8saudit.Bind(refs)
		return err
	}}
	m, err := wasmhost.Load(context.Background(), wasm, cfg)
	if err != nil {
		t.Fatal(err)
	}
	w, err := m.NewInstance(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ip, err := interp.New(p, fields.SourceK8sAudit)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(testenv.Compat(t, "k8saudit", "events") + "/*.json")
	total := 0
	for _, fn := range files {
		a := collect(t, fn, w)
		b := collect(t, fn, ip)
		total += len(b)
		if len(a) != len(b) {
			t.Errorf("%s: wasm %d alerts, interp %d", filepath.Base(fn), len(a), len(b))
			continue
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%s: alert %d:\n wasm   %s\n interp %s", filepath.Base(fn), i, a[i], b[i])
			}
		}
	}
	t.Logf("%d alerts over %d files; stats %+v", total, len(files), m.Stats().Snapshot())
}

func collect(t *testing.T, fn string, ev runtime.Evaluator) []string {
	f, err := os.Open(fn)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	form, err := alert.New(ev.Metadata(), alert.Options{})
	if err != nil {
		t.Fatal(err)
	}
	as, _, _, err := replay.Collect(f, replay.Config{Eval: ev, Format: form})
	if err != nil {
		t.Fatalf("%s: %v", fn, err)
	}
	var out []string
	for _, a := range as {
		out = append(out, string(a.Text)+"\n"+string(a.JSON))
	}
	return out
}
