package toolchain

import (
	"errors"
	"fmt"

	"github.com/aeriesec/aerie/toolchain/codegen"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/program"
	"github.com/aeriesec/aerie/toolchain/wasm"
)

// Version is the toolchain version recorded in every module's metadata;
// release builds set it with -ldflags "-X …/toolchain.Version=…".
var Version = "0.1.0-dev"

// CodeCompile is the diagnostic code of a rule the Wasm back end cannot
// compile.
const CodeCompile = "COMPILE_WASM"

// CompileOptions configure Compile.
type CompileOptions struct {
	LoadOptions
}

// Compile is the whole pipeline: load and check the rules files, then per
// source lower to IR, generate Wasm and encode it. It returns one module
// per source that has rules, keyed by source name.
func Compile(paths []string, opts CompileOptions) (map[string][]byte, *program.Program, diag.List) {
	p, ds := Load(paths, opts.LoadOptions)
	if p == nil {
		return nil, nil, ds
	}
	mods, errs := CompileProgram(p)
	return mods, p, append(ds, errs...)
}

// CompileProgram compiles a checked program (from Load or built in memory):
// a module per source, and an error diagnostic per source that could not be
// compiled.
func CompileProgram(p *program.Program) (map[string][]byte, diag.List) {
	mods := make(map[string][]byte, len(p.Sources))
	var errs diag.List
	for _, src := range p.Sources {
		wasm, err := CompileSource(src, p.Hash)
		if err != nil {
			errs = append(errs, *err)
			continue
		}
		mods[src.Name] = wasm
	}
	return mods, errs
}

// CompileSource lowers, generates and encodes the module of one source.
func CompileSource(src *program.Source, hash string) ([]byte, *diag.Diagnostic) {
	mod, d := GenerateSource(src, hash)
	if d != nil {
		return nil, d
	}
	return mod.Encode(), nil
}

// GenerateSource lowers and generates the module of one source, before
// encoding (its WAT method prints it).
func GenerateSource(src *program.Source, hash string) (*wasm.Module, *diag.Diagnostic) {
	m, err := ir.Lower(src)
	if err != nil {
		return nil, compileError(src, err)
	}
	mod, err := codegen.Generate(m, codegen.Metadata(src, m, hash, Version))
	if err != nil {
		return nil, compileError(src, err)
	}
	return mod, nil
}

func compileError(src *program.Source, err error) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: CodeCompile, Message: fmt.Sprintf("compile source %s: %v", src.Name, err)}
	var re *ir.RuleError
	switch {
	case errors.As(err, &re) && re.Rule < len(src.Rules):
		d.Pos, d.Item = src.Rules[re.Rule].Pos, "rule '"+src.Rules[re.Rule].Name+"'"
	case len(src.Rules) > 0:
		d.Pos = src.Rules[0].Pos
	}
	return d
}
