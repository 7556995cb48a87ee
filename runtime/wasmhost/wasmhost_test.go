package wasmhost_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/tests/hostile"
)

func valid(t *testing.T) []byte {
	f, ok := hostile.Lookup("valid")
	if !ok {
		t.Fatal("no valid fixture")
	}
	return f.Bytes()
}

func config() wasmhost.Config {
	return wasmhost.Config{Name: "test.wasm", Catalog: fields.For, Logf: func(string, ...any) {}}
}

func TestLoadFileChecksSizeBeforeReading(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.wasm")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(wasmhost.DefaultMaxModuleBytes + 1); err != nil { // sparse: nothing to read
		t.Fatal(err)
	}
	f.Close()
	_, err = wasmhost.LoadFile(context.Background(), path, wasmhost.Config{Catalog: fields.For})
	if !errors.Is(err, wasmhost.ErrTooLarge) || !strings.Contains(err.Error(), "big.wasm") {
		t.Errorf("error %v, want ErrTooLarge naming big.wasm", err)
	}
}

func TestLoadRefusals(t *testing.T) {
	for _, tc := range []struct {
		name string
		wasm []byte
		cfg  func(*wasmhost.Config)
		want error
		text string
	}{
		{"not wasm", []byte("\x00asm garbage"), nil, wasmhost.ErrInvalid, "module test.wasm: invalid module"},
		{"source not served", valid(t), func(c *wasmhost.Config) {
			c.Catalog = func(string) *fields.Catalog { return nil }
		}, wasmhost.ErrMetadata, `source "k8s_audit" is not served by this host`},
		{"too many functions", valid(t), func(c *wasmhost.Config) { c.MaxFunctions = 1 },
			wasmhost.ErrLimit, "module test.wasm: 2 functions: over a static limit (1)"},
		{"stack bound", valid(t), func(c *wasmhost.Config) { c.MaxStackSlots = 10 },
			wasmhost.ErrLimit, "module test.wasm: calls from function $eval_batch may need"},
		{"start section", append(valid(t)[:len(valid(t)):len(valid(t))], 8, 1, 0), nil,
			wasmhost.ErrSection, "module test.wasm: section not allowed: start section (id 8)"},
		{"binder refuses", valid(t), func(c *wasmhost.Config) {
			c.Bind = func(string, []fields.Ref) error { return errors.New("no extractor for ka.verb") }
		}, wasmhost.ErrUnknownField, "no extractor for ka.verb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			m, err := wasmhost.Load(context.Background(), tc.wasm, cfg)
			if err == nil {
				m.Close(context.Background())
				t.Fatal("loaded")
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %q, want %v containing %q", err, tc.want, tc.text)
			}
		})
	}
}

func TestPoolAndOptions(t *testing.T) {
	ctx := context.Background()
	m, err := wasmhost.Load(ctx, valid(t), config())
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(ctx)
	p := wasmhost.NewPool(m)
	defer p.Close(ctx)
	a, err := p.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.Put(a)
	b, err := p.Get(ctx)
	if err != nil || b != a {
		t.Fatalf("pool gave %p (%v), want the returned %p", b, err, a)
	}
	batch := []fields.Event{hostile.Event{Verb: "get"}, hostile.Event{}, hostile.Event{Verb: "list"}}
	got, err := b.Eval(batch, nil)
	if want := []abi.Match{{Event: 0}, {Event: 2}}; err != nil || !slices.Equal(got, want) {
		t.Fatalf("matches %v (%v), want %v", got, err, want)
	}
	b.SetOptions(abi.Options{Enabled: []bool{false}})
	if got, err := b.Eval(batch, nil); err != nil || len(got) != 0 {
		t.Errorf("with the rule disabled: %v, %v", got, err)
	}
	if s := m.Stats().Snapshot(); s.Batches != 2 || s.Events != 6 || s.Traps != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestOnDiskCacheIsReused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for range 2 {
		cache, err := wasmhost.NewCache(dir)
		if err != nil {
			t.Fatal(err)
		}
		cfg := config()
		cfg.Cache = cache
		m, err := wasmhost.Load(ctx, valid(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		m.Close(ctx)
		cache.Close(ctx)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Errorf("cache directory holds %d entries (%v), want the compiled module", len(entries), err)
	}
}

// TestInstancesInParallel evaluates one module from several workers, each
// with its own instance from the pool (run with -race).
func TestInstancesInParallel(t *testing.T) {
	ctx := context.Background()
	m, err := wasmhost.Load(ctx, valid(t), config())
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(ctx)
	p := wasmhost.NewPool(m)
	defer p.Close(ctx)
	batch := []fields.Event{hostile.Event{Verb: "get"}, hostile.Event{}, hostile.Event{Verb: "list"}}
	want := []abi.Match{{Event: 0}, {Event: 2}}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			in, err := p.Get(ctx)
			if err != nil {
				errs <- err
				return
			}
			defer p.Put(in)
			for range 200 {
				if got, err := in.Eval(batch, nil); err != nil || !slices.Equal(got, want) {
					errs <- fmt.Errorf("matches %v, %v", got, err)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if s := m.Stats().Snapshot(); s.Batches != 800 {
		t.Errorf("%d batches counted, want 800", s.Batches)
	}
}
