package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/tetratelabs/wazero"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/pipeline"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/program"
)

// compileDefaults compiles the configured rules files (the embedded
// defaults when none; "default" names them among files) into one module
// per source. The k8s_audit source
// always gets a module, empty when the rules have none, so the webhook runs.
func compileDefaults(paths []string, stderr io.Writer) (map[string][]byte, error) {
	prog, dl := loadRuleFiles(paths)
	if ds := report(dl.Warnings(), dl.Errors(), stderr); len(ds) > 0 || prog == nil {
		return nil, errors.New("load rules: the rules have errors")
	}
	mods, errs := toolchain.CompileProgram(prog)
	if errs.HasErrors() {
		return nil, fmt.Errorf("compile rules: %w", errs.Err())
	}
	if _, ok := mods[fields.SourceK8sAudit]; !ok {
		wasm, d := toolchain.CompileSource(&program.Source{Name: fields.SourceK8sAudit}, prog.Hash)
		if d != nil {
			return nil, fmt.Errorf("compile rules: %s", d.Error())
		}
		mods[fields.SourceK8sAudit] = wasm
	}
	return mods, nil
}

// report prints warnings and errors; it returns the errors.
func report[L ~[]D, D interface{ Error() string }](warns, errs L, stderr io.Writer) []error {
	for _, d := range warns {
		fmt.Fprintln(stderr, d.Error())
	}
	var out []error
	for _, d := range errs {
		fmt.Fprintln(stderr, d.Error())
		out = append(out, errors.New(d.Error()))
	}
	return out
}

// wasmLoader loads modules into the Wasm host, validated as every module
// is: the host catalogs, and the k8s_audit extractor must bind each field.
type wasmLoader struct {
	cache    wazero.CompilationCache
	deadline time.Duration
	logf     func(string, ...any)
}

func newWasmLoader(stateDir string, deadline time.Duration, logf func(string, ...any)) wasmLoader {
	l := wasmLoader{logf: logf, deadline: deadline}
	if stateDir != "" {
		c, err := wasmhost.NewCache(filepath.Join(stateDir, "wasm-cache"))
		if err != nil {
			logf("wasm compilation cache off: %v", err)
		} else {
			l.cache = c
		}
	}
	return l
}

func (l wasmLoader) Load(ctx context.Context, name string, wasm []byte) (pipeline.Factory, error) {
	cfg := wasmhost.Config{Name: name, Catalog: fields.For, Cache: l.cache, Logf: l.logf, Deadline: l.deadline,
		Bind: func(source string, refs []fields.Ref) error {
			if source != fields.SourceK8sAudit {
				return nil
			}
			_, err := k8saudit.Bind(refs)
			return err
		}}
	m, err := wasmhost.Load(ctx, wasm, cfg)
	if err != nil {
		return nil, err
	}
	return wasmFactory{m}, nil
}

// wasmFactory makes one instance of a module per worker.
type wasmFactory struct{ m *wasmhost.Module }

func (f wasmFactory) Metadata() *abi.Metadata { return f.m.Metadata() }

func (f wasmFactory) NewEvaluator() (runtime.Evaluator, error) {
	return f.m.NewInstance(context.Background())
}

func (f wasmFactory) Close(ctx context.Context) error { return f.m.Close(ctx) }
