package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/pipeline"
	"github.com/aeriesec/aerie/server"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
)

// ruleEngine is what evaluates the rules of `aerie run` (--engine): it
// turns the rules files into each source's default rule set and loads rule
// sets for the pipelines. Defaults stages the rules it loads; commit keeps
// them (true) or the previous ones (false) once the daemon used or refused
// them.
type ruleEngine interface {
	server.Loader
	Defaults(paths []string, stderr io.Writer) (map[string][]byte, error)
	commit(ok bool)
}

// newRuleEngine builds the configured engine.
func newRuleEngine(cfg *config.Config) (ruleEngine, error) {
	switch cfg.RulesEngine {
	case "wasm":
		return newWasmLoader(cfg.StateDir, cfg.K8sAudit.EvalDeadline, logf), nil
	case "interp":
		return newInterpEngine()
	}
	return nil, fmt.Errorf("rules_engine %q: want wasm or interp", cfg.RulesEngine)
}

func (l wasmLoader) Defaults(paths []string, stderr io.Writer) (map[string][]byte, error) {
	return compileDefaults(paths, stderr)
}

func (wasmLoader) commit(bool) {}

// errInterpUpload is how an interp daemon refuses a module: the module
// may be fine, the daemon's engine is what conflicts with it.
var errInterpUpload = &server.ModuleError{Code: http.StatusConflict,
	Err: errors.New("this daemon runs --engine interp; uploads need the wasm engine")}

// interpEngine evaluates the rules with the reference interpreter
// (toolchain/interp). Its rule sets are references to a loaded program: a
// per-process nonce, the program hash and the source, so no upload can
// forge one, and every real module is refused.
type interpEngine struct {
	nonce   []byte
	mu      sync.Mutex
	current *program.Program
	pending *program.Program
}

func newInterpEngine() (*interpEngine, error) {
	e := &interpEngine{nonce: make([]byte, 16)}
	if _, err := rand.Read(e.nonce); err != nil {
		return nil, fmt.Errorf("make interp engine nonce: %w", err)
	}
	return e, nil
}

// Defaults loads the rules: a rule set per source with rules, and always
// one for k8s_audit (empty when the rules have none), as the wasm engine.
func (e *interpEngine) Defaults(paths []string, stderr io.Writer) (map[string][]byte, error) {
	prog, dl := loadRuleFiles(paths)
	if ds := report(dl.Warnings(), dl.Errors(), stderr); len(ds) > 0 || prog == nil {
		return nil, errors.New("load rules: the rules have errors")
	}
	e.mu.Lock()
	e.pending = prog
	e.mu.Unlock()
	out := map[string][]byte{fields.SourceK8sAudit: e.ref(prog.Hash, fields.SourceK8sAudit)}
	for _, s := range prog.Sources {
		out[s.Name] = e.ref(prog.Hash, s.Name)
	}
	return out, nil
}

func (e *interpEngine) commit(ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if ok && e.pending != nil {
		e.current = e.pending
	}
	e.pending = nil
}

func (e *interpEngine) ref(hash, source string) []byte {
	return fmt.Appendf(bytes.Clone(e.nonce), "\x00%s\x00%s", hash, source)
}

// Load resolves a reference made by Defaults; anything else is a module,
// which this engine cannot run (409).
func (e *interpEngine) Load(_ context.Context, _ string, data []byte) (pipeline.Factory, error) {
	rest, ok := bytes.CutPrefix(data, e.nonce)
	parts := bytes.Split(rest, []byte{0})
	if !ok || len(parts) != 3 || len(parts[0]) != 0 {
		return nil, errInterpUpload
	}
	hash, source := string(parts[1]), string(parts[2])
	prog := e.program(hash)
	if prog == nil {
		return nil, fmt.Errorf("load rules %s: no longer loaded", hash)
	}
	in, err := interp.New(prog, source)
	if err != nil {
		return nil, fmt.Errorf("load %s rules: %w", source, err)
	}
	return interpFactory{prog: prog, source: source, meta: in.Metadata()}, nil
}

func (e *interpEngine) program(hash string) *program.Program {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, p := range []*program.Program{e.pending, e.current} {
		if p != nil && p.Hash == hash {
			return p
		}
	}
	return nil
}

// interpFactory makes one interpreter per worker.
type interpFactory struct {
	prog   *program.Program
	source string
	meta   *abi.Metadata
}

func (f interpFactory) Metadata() *abi.Metadata { return f.meta }

func (f interpFactory) NewEvaluator() (runtime.Evaluator, error) {
	return interp.New(f.prog, f.source)
}
