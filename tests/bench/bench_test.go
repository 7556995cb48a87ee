package bench

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/tests/wasmtest"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
)

// generated is the number of generated events added to the corpus's.
const generated = 10000

// bodies returns the corpus events plus the generated ones as EventList
// bodies of 100 events, and the number of events.
func bodies(b *testing.B) ([][]byte, int) {
	base, err := CorpusEvents(testenv.Compat(b, "k8saudit", "events"))
	if err != nil {
		b.Fatal(err)
	}
	var evs [][]byte
	for _, e := range base {
		j, err := json.Marshal(e)
		if err != nil {
			b.Fatal(err)
		}
		evs = append(evs, j)
	}
	evs = append(evs, Generate(base, generated, 1)...)
	return Bodies(evs, 100), len(evs)
}

func falco031(b *testing.B) *program.Program {
	p, ds := toolchain.Load([]string{
		testenv.Compat(b, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		testenv.Compat(b, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}, toolchain.LoadOptions{})
	if p == nil {
		b.Fatal(ds.Err())
	}
	return p
}

func defaults(b *testing.B) *program.Program {
	var fs []toolchain.File
	for _, f := range rules.Defaults() {
		fs = append(fs, toolchain.File{Name: f.Name, Data: f.Data})
	}
	p, ds := toolchain.LoadFiles(fs, toolchain.LoadOptions{})
	if p == nil {
		b.Fatal(ds.Err())
	}
	return p
}

// BenchmarkEngines measures, in one run, ns per audit event for: parsing
// alone; parsing + the interpreter; parsing + Wasm (both with Falco
// 0.31.1's k8s_audit rules); parsing + Wasm with Aerie's default rules.
// Every match is reported (rule_matching: all) so every rule runs.
func BenchmarkEngines(b *testing.B) {
	bs, n := bodies(b)
	p, d := falco031(b), defaults(b)
	ip, err := interp.New(p, fields.SourceK8sAudit)
	if err != nil {
		b.Fatal(err)
	}
	w := wasmtest.MustBuild(b, p, fields.SourceK8sAudit)
	dw := wasmtest.MustBuild(b, d, fields.SourceK8sAudit)
	b.Run("a-parse", func(b *testing.B) { run(b, bs, n, nil) })
	b.Run("b-parse+interp", func(b *testing.B) { run(b, bs, n, ip) })
	b.Run("c-parse+wasm", func(b *testing.B) { run(b, bs, n, w.Wasm) })
	b.Run("d-parse+wasm-defaults", func(b *testing.B) { run(b, bs, n, dw.Wasm) })
	b.Run("e-interp-only", func(b *testing.B) { evalOnly(b, bs, n, ip) })
	b.Run("f-wasm-only", func(b *testing.B) { evalOnly(b, bs, n, w.Wasm) })
}

// evalOnly measures evaluation alone: every body is decoded and bound
// before the timer starts.
func evalOnly(b *testing.B, bodies [][]byte, n int, ev runtime.Evaluator) {
	ev.SetOptions(abi.Options{MatchAll: true})
	binding, err := k8saudit.Bind(refs(ev.Metadata()))
	if err != nil {
		b.Fatal(err)
	}
	var dec k8saudit.Decoder
	batches := make([][]fields.Event, len(bodies))
	for i, body := range bodies {
		bt, err := dec.Decode(body)
		if err != nil {
			b.Fatal(err)
		}
		defer bt.Release()
		for j := range bt.Events {
			batches[i] = append(batches[i], binding.NewView(&bt.Events[j]))
		}
	}
	var out []abi.Match
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, batch := range batches {
			if out, err = ev.Eval(batch, out[:0]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N*n), "cpu-ns/event")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
}

// run decodes every body, binds its events and evaluates them as one batch
// per body; ev nil measures decoding and binding alone.
func run(b *testing.B, bodies [][]byte, n int, ev runtime.Evaluator) {
	var md *abi.Metadata
	if ev != nil {
		ev.SetOptions(abi.Options{MatchAll: true})
		md = ev.Metadata()
	} else {
		md = &abi.Metadata{}
	}
	binding, err := k8saudit.Bind(refs(md))
	if err != nil {
		b.Fatal(err)
	}
	var dec k8saudit.Decoder
	views := make([]k8saudit.View, 0, 400)
	batch := make([]fields.Event, 0, 400)
	var out []abi.Match
	matches := 0
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, body := range bodies {
			bt, err := dec.Decode(body)
			if err != nil {
				b.Fatal(err)
			}
			views, batch = views[:len(bt.Events)], batch[:0]
			for i := range bt.Events {
				views[i].Set(binding, &bt.Events[i])
				batch = append(batch, &views[i])
			}
			if ev != nil {
				if out, err = ev.Eval(batch, out[:0]); err != nil {
					b.Fatal(err)
				}
				matches += len(out)
			}
			bt.Release()
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N*n), "cpu-ns/event")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
	b.ReportMetric(float64(matches)/float64(b.N), "matches/op")
}

func refs(md *abi.Metadata) []fields.Ref {
	out := make([]fields.Ref, len(md.Fields))
	for i, f := range md.Fields {
		out[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return out
}

// BenchmarkCompile measures `aerie compile` of Falco's stable syscall rules
// and Falco 0.31.1's k8s_audit rules (load, check, lower, generate, encode).
func BenchmarkCompile(b *testing.B) {
	files := []string{
		testenv.Compat(b, "syscall", "rules", "falco_rules.yaml"),
		testenv.Compat(b, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		testenv.Compat(b, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}
	for range b.N {
		mods, _, ds := toolchain.Compile(files, toolchain.CompileOptions{})
		if len(mods) != 2 {
			b.Fatalf("compiled %d modules: %v", len(mods), ds.Err())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/compile")
}

// BenchmarkLoadWarmCache measures loading a compiled k8s_audit module
// (validation, compilation from a warm on-disk cache, a probe instance).
func BenchmarkLoadWarmCache(b *testing.B) {
	p := falco031(b)
	wasm, d := toolchain.CompileSource(p.Source(fields.SourceK8sAudit), p.Hash)
	if d != nil {
		b.Fatal(d.Message)
	}
	cache, err := wasmhost.NewCache(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	cfg := wasmtest.HostConfig()
	cfg.Cache = cache
	ctx := context.Background()
	load := func() {
		m, err := wasmhost.Load(ctx, wasm, cfg)
		if err != nil {
			b.Fatal(err)
		}
		m.Close(ctx)
	}
	load() // warm the cache
	b.ResetTimer()
	for range b.N {
		load()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/load")
}
