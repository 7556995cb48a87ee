package wasmhost_test

import (
	"context"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
)

// falcoModules compiles Falco's stable syscall rules and its k8s_audit
// rules: the syscall and k8s_audit modules.
func falcoModules(b *testing.B) map[string][]byte {
	mods, _, ds := toolchain.Compile([]string{
		testenv.Compat(b, "syscall", "rules", "falco_rules.yaml"),
		testenv.Compat(b, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}, toolchain.CompileOptions{})
	if len(mods) != 2 {
		b.Fatalf("compiled %d modules: %v", len(mods), ds.Err())
	}
	return mods
}

// BenchmarkLoadFalcoWarmCache loads both modules from a warm on-disk
// compilation cache: the whole Load, static checks included.
func BenchmarkLoadFalcoWarmCache(b *testing.B) {
	mods := falcoModules(b)
	cache, err := wasmhost.NewCache(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	cfg := config()
	cfg.Cache = cache
	load := func() {
		for src, wasm := range mods {
			cfg.Name = src + ".wasm"
			m, err := wasmhost.Load(ctx, wasm, cfg)
			if err != nil {
				b.Fatal(err)
			}
			m.Close(ctx)
		}
	}
	load() // warm the cache
	b.ResetTimer()
	for range b.N {
		load()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/load-both")
}

// BenchmarkStaticCheckFalco is the static checks' share of that load.
func BenchmarkStaticCheckFalco(b *testing.B) {
	mods := falcoModules(b)
	cfg := wasmhost.Config{Catalog: fields.For}
	size := 0
	for _, wasm := range mods {
		size += len(wasm)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for _, wasm := range mods {
			if err := wasmhost.CheckStatic(wasm, cfg); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/check-both")
}
