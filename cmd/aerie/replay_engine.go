package main

import (
	"context"
	"errors"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/program"
)

// defaultEngine is the engine replay uses without --engine.
func defaultEngine() string { return "wasm" }

// replayHostConfig is how replay hosts modules: the host catalogs, and the
// k8s_audit extractor must be able to bind every field.
func replayHostConfig(name string) wasmhost.Config {
	return wasmhost.Config{Name: name, Catalog: fields.For, Bind: func(source string, refs []fields.Ref) error {
		if source != fields.SourceK8sAudit {
			return nil
		}
		_, err := k8saudit.Bind(refs)
		return err
	}}
}

// wasmEvaluator compiles one source of the program and hosts it.
func wasmEvaluator(p *program.Program, source string) (runtime.Evaluator, func(), error) {
	src := p.Source(source)
	if src == nil {
		src = &program.Source{Name: source}
	}
	wasm, d := toolchain.CompileSource(src, p.Hash)
	if d != nil {
		return nil, nil, errors.New(d.Error())
	}
	ctx := context.Background()
	mod, err := wasmhost.Load(ctx, wasm, replayHostConfig(source+".wasm"))
	if err != nil {
		return nil, nil, err
	}
	return instantiate(ctx, mod)
}

// wasmModuleEvaluator hosts a precompiled module file.
func wasmModuleEvaluator(path string) (runtime.Evaluator, func(), error) {
	ctx := context.Background()
	mod, err := wasmhost.LoadFile(ctx, path, replayHostConfig(""))
	if err != nil {
		return nil, nil, err
	}
	return instantiate(ctx, mod)
}

func instantiate(ctx context.Context, mod *wasmhost.Module) (runtime.Evaluator, func(), error) {
	in, err := mod.NewInstance(ctx)
	if err != nil {
		mod.Close(ctx)
		return nil, nil, err
	}
	return in, func() { in.Close(ctx); mod.Close(ctx) }, nil
}
