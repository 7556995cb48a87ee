package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/ruletest"
	"github.com/aeriesec/aerie/runtime/syscall"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
)

// testEngine is one of the engines `aerie test` runs cases through: the
// same compile-and-host path as `aerie run` (wasm) or the reference
// interpreter (interp).
type testEngine struct{ name string }

func (e testEngine) Name() string { return e.name }

func (e testEngine) Build(files []ruletest.RuleFile, source string) (runtime.Evaluator, func(), error) {
	prog, err := loadTestRules(files)
	if err != nil {
		return nil, nil, err
	}
	src := prog.Source(source)
	if src == nil {
		return nil, nil, nil
	}
	if e.name == "interp" {
		in, err := interp.New(prog, source)
		return in, func() {}, err
	}
	return buildWasm(src, prog.Hash)
}

// loadTestRules loads and checks the files; errors carry every diagnostic.
func loadTestRules(files []ruletest.RuleFile) (*program.Program, error) {
	tf := make([]toolchain.File, len(files))
	for i, f := range files {
		tf[i] = toolchain.File{Name: f.Name, Data: f.Data}
	}
	prog, ds := toolchain.LoadFiles(tf, toolchain.LoadOptions{})
	if prog == nil || ds.HasErrors() {
		var msgs []string
		for _, d := range ds.Errors() {
			msgs = append(msgs, d.Error())
		}
		if len(msgs) == 0 {
			msgs = append(msgs, "no program")
		}
		return nil, errors.New(strings.Join(msgs, "\n"))
	}
	return prog, nil
}

// buildWasm compiles one source to a module and hosts it in wazero.
func buildWasm(src *program.Source, hash string) (runtime.Evaluator, func(), error) {
	wasm, d := toolchain.CompileSource(src, hash)
	if d != nil {
		return nil, nil, errors.New(d.Error())
	}
	ctx := context.Background()
	cfg := wasmhost.Config{Name: src.Name + ".wasm", Catalog: fields.For, Bind: bindSource}
	mod, err := wasmhost.Load(ctx, wasm, cfg)
	if err != nil {
		return nil, nil, err
	}
	in, err := mod.NewInstance(ctx)
	if err != nil {
		mod.Close(ctx)
		return nil, nil, err
	}
	return in, func() { in.Close(ctx); mod.Close(ctx) }, nil
}

// bindSource checks that the host can extract a module's fields.
func bindSource(source string, refs []fields.Ref) error {
	var err error
	switch source {
	case fields.SourceK8sAudit:
		_, err = k8saudit.Bind(refs)
	case fields.SourceSyscall:
		_, err = syscall.Bind(refs)
	}
	return err
}

// testEngines parses --engine: wasm, interp or all.
func testEngines(name string) ([]ruletest.Engine, error) {
	switch name {
	case "wasm", "interp":
		return []ruletest.Engine{testEngine{name}}, nil
	case "all":
		return []ruletest.Engine{testEngine{"wasm"}, testEngine{"interp"}}, nil
	}
	return nil, fmt.Errorf("--engine %s: want wasm, interp or all", name)
}

// defaultRuleFiles are the embedded default rules, for "default" entries.
func defaultRuleFiles() []ruletest.RuleFile {
	var out []ruletest.RuleFile
	for _, f := range rules.Defaults() {
		out = append(out, ruletest.RuleFile{Name: f.Name, Data: f.Data})
	}
	return out
}
