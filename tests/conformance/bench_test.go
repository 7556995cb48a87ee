package conformance

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
)

// corpusLines returns every non-empty line of the corpus's event files that
// decodes as audit events (51 events).
func corpusLines(b *testing.B) [][]byte {
	files, err := filepath.Glob(filepath.Join(testenv.Compat(b, "k8saudit", "events"), "*.json"))
	if err != nil || len(files) == 0 {
		b.Fatalf("list events: %v", err)
	}
	var dec k8saudit.Decoder
	var lines [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range bytes.Split(data, []byte("\n")) {
			if batch, err := dec.Decode(l); err == nil {
				lines = append(lines, l)
				batch.Release()
			}
		}
	}
	return lines
}

// BenchmarkEngines measures each engine on the conformance events with
// Falco 0.31.1's rules (falco_rules.yaml + k8s_audit_rules.yaml), every
// match reported, the 51 events as one batch: "eval" on events decoded
// beforehand, "parse+eval" decoding each line as well.
func BenchmarkEngines(b *testing.B) {
	dir := testenv.Compat(b, "k8saudit")
	prog, ds := toolchain.Load(paths(dir, []string{"rules/extra/falco_rules.yaml", "rules/k8s_audit_rules.yaml"}), toolchain.LoadOptions{})
	if prog == nil {
		b.Fatalf("load rules: %v", ds.Err())
	}
	lines := corpusLines(b)
	names := make([]string, 0, len(engines))
	for n := range engines {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		ev, release, err := engines[name](prog, fields.SourceK8sAudit)
		if err != nil {
			b.Fatal(err)
		}
		ev.SetOptions(abi.Options{MatchAll: true})
		binding, err := k8saudit.Bind(refs(ev.Metadata()))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/eval", func(b *testing.B) { benchEval(b, ev, binding, lines, false) })
		b.Run(name+"/parse+eval", func(b *testing.B) { benchEval(b, ev, binding, lines, true) })
		release()
	}
}

type evaluator interface {
	Eval([]fields.Event, []abi.Match) ([]abi.Match, error)
}

func benchEval(b *testing.B, ev evaluator, binding *k8saudit.Binding, lines [][]byte, parse bool) {
	var dec k8saudit.Decoder
	batches := make([]*k8saudit.Batch, len(lines))
	var views []fields.Event // every event, evaluated as one batch
	decodeAll := func() int {
		views = views[:0]
		for i, l := range lines {
			batch, err := dec.Decode(l)
			if err != nil {
				b.Fatal(err)
			}
			batches[i] = batch
			for j := range batch.Events {
				views = append(views, binding.NewView(&batch.Events[j]))
			}
		}
		return len(views)
	}
	releaseAll := func() {
		for _, batch := range batches {
			batch.Release()
		}
	}
	events := decodeAll()
	var out []abi.Match
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if parse {
			releaseAll()
			decodeAll()
		}
		var err error
		if out, err = ev.Eval(views, out[:0]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	releaseAll()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*events), "ns/event")
}

func refs(m *abi.Metadata) []fields.Ref {
	out := make([]fields.Ref, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return out
}
