package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/aeriesec/aerie/runtime/pipeline"
)

// Loader validates a compiled module exactly as the runtime does and
// prepares it for a pipeline (the Wasm host, normally). A *ModuleError it
// returns sets the status an upload is refused with (else 400).
type Loader interface {
	Load(ctx context.Context, name string, wasm []byte) (pipeline.Factory, error)
}

// ModuleInfo describes a source's active module (GET /v1/modules).
type ModuleInfo struct {
	Source   string    `json:"source"`
	SHA256   string    `json:"sha256"`
	Rules    int       `json:"rules"`
	LoadedAt time.Time `json:"loaded_at"`
	Origin   string    `json:"origin"` // default | uploaded
}

// Origins of a module.
const (
	OriginDefault  = "default"
	OriginUploaded = "uploaded"
)

// ModuleError is a module refused, with the status to answer.
type ModuleError struct {
	Code int
	Err  error
}

func (e *ModuleError) Error() string { return e.Err.Error() }
func (e *ModuleError) Unwrap() error { return e.Err }

// Modules owns the rule module of every source: the default (compiled from
// the configured rules) and an uploaded override, persisted in the state
// dir. Every change builds the new evaluator pool before it swaps.
type Modules struct {
	mu       sync.Mutex
	loader   Loader
	store    store
	pipes    map[string]*pipeline.Pipeline
	defaults map[string][]byte
	active   map[string]ModuleInfo
	wasm     map[string][]byte // the active module of each source
	onChange func(ModuleInfo)
	logf     func(string, ...any)
}

// NewModules manages modules loaded by loader, persisted under stateDir
// ("" persists nothing); defaults are the default modules per source.
func NewModules(loader Loader, stateDir string, defaults map[string][]byte, logf func(string, ...any)) *Modules {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	return &Modules{loader: loader, store: store{dir: stateDir}, pipes: map[string]*pipeline.Pipeline{},
		defaults: defaults, active: map[string]ModuleInfo{}, wasm: map[string][]byte{}, onChange: func(ModuleInfo) {}, logf: logf}
}

// OnChange sets a function told about every module that becomes active
// (metrics). Set it before Start.
func (m *Modules) OnChange(f func(ModuleInfo)) { m.onChange = f }

// Start creates the pipeline of source on its stored upload when there is
// a valid one, else on the default module.
func (m *Modules) Start(ctx context.Context, source string, cfg pipeline.Config) (*pipeline.Pipeline, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if wasm, err := m.store.load(source); err != nil {
		m.logf("stored module for %s: %v; using the default", source, err)
	} else if wasm != nil {
		p, err := m.start(ctx, source, cfg, wasm, OriginUploaded)
		if err == nil {
			return p, nil
		}
		m.logf("stored module for %s: %v; using the default", source, err)
	}
	def, ok := m.defaults[source]
	if !ok {
		return nil, fmt.Errorf("start source %s: no default module", source)
	}
	return m.start(ctx, source, cfg, def, OriginDefault)
}

func (m *Modules) start(ctx context.Context, source string, cfg pipeline.Config, wasm []byte, origin string) (*pipeline.Pipeline, error) {
	f, err := m.loader.Load(ctx, source+".wasm", wasm)
	if err != nil {
		return nil, err
	}
	p, err := pipeline.New(cfg, f)
	if err != nil {
		closeFactory(f)
		return nil, err
	}
	m.pipes[source] = p
	m.record(source, wasm, p.Current(), origin)
	return p, nil
}

func (m *Modules) record(source string, wasm []byte, pl *pipeline.Pool, origin string) {
	sum := sha256.Sum256(wasm)
	info := ModuleInfo{Source: source, SHA256: hex.EncodeToString(sum[:]), Rules: len(pl.Metadata().Rules),
		LoadedAt: time.Now().UTC(), Origin: origin}
	m.active[source] = info
	m.wasm[source] = wasm
	m.onChange(info)
}

// Pipelines returns the running pipelines by source.
func (m *Modules) Pipelines() map[string]*pipeline.Pipeline {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]*pipeline.Pipeline, len(m.pipes))
	for k, v := range m.pipes {
		out[k] = v
	}
	return out
}

// List describes the active module of every running source.
func (m *Modules) List() []ModuleInfo {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]ModuleInfo, 0, len(m.active))
	for _, i := range m.active {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Source < out[b].Source })
	return out
}

// Upload validates wasm, builds its pool, persists it and swaps it in for
// its source. Any failure leaves the running module in place.
func (m *Modules) Upload(ctx context.Context, wasm []byte) (ModuleInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, err := m.loader.Load(ctx, "upload.wasm", wasm)
	if me := (*ModuleError)(nil); errors.As(err, &me) {
		return ModuleInfo{}, me
	}
	if err != nil {
		return ModuleInfo{}, &ModuleError{http.StatusBadRequest, err}
	}
	source := f.Metadata().Source
	pl, err := m.build(source, f)
	if err != nil {
		return ModuleInfo{}, err
	}
	if err := m.store.save(source, wasm); err != nil {
		pl.Discard()
		return ModuleInfo{}, &ModuleError{http.StatusInternalServerError, err}
	}
	m.pipes[source].Install(pl)
	m.record(source, wasm, pl, OriginUploaded)
	m.logf("module for %s uploaded: sha256 %s, %d rules", source, m.active[source].SHA256, len(pl.Metadata().Rules))
	return m.active[source], nil
}

func (m *Modules) build(source string, f pipeline.Factory) (*pipeline.Pool, error) {
	p := m.pipes[source]
	if p == nil {
		closeFactory(f)
		return nil, &ModuleError{http.StatusBadRequest, fmt.Errorf("module is for source %q, which is not running here", source)}
	}
	pl, err := p.Build(f)
	if err != nil {
		closeFactory(f)
		return nil, &ModuleError{http.StatusBadRequest, err}
	}
	return pl, nil
}

// Revert swaps the default module back in for source and forgets the upload.
func (m *Modules) Revert(ctx context.Context, source string) (ModuleInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	def, ok := m.defaults[source]
	if m.pipes[source] == nil || !ok {
		return ModuleInfo{}, &ModuleError{http.StatusNotFound, fmt.Errorf("no source %q", source)}
	}
	f, err := m.loader.Load(ctx, source+".wasm", def)
	if err != nil {
		return ModuleInfo{}, &ModuleError{http.StatusInternalServerError, err}
	}
	pl, err := m.build(source, f)
	if err != nil {
		return ModuleInfo{}, err
	}
	if err := m.store.remove(source); err != nil {
		pl.Discard()
		return ModuleInfo{}, &ModuleError{http.StatusInternalServerError, err}
	}
	m.pipes[source].Install(pl)
	m.record(source, def, pl, OriginDefault)
	return m.active[source], nil
}

// Reload replaces the default modules (SIGHUP) and rebuilds every pool, so
// changed evaluation options apply too. Every module is loaded and its pool
// built before any is installed; sources running an upload keep it. On
// error nothing changes.
func (m *Modules) Reload(ctx context.Context, defaults map[string][]byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	pools := map[string]*pipeline.Pool{}
	discard := func() {
		for _, pl := range pools {
			pl.Discard()
		}
	}
	for source, p := range m.pipes {
		wasm, ok := defaults[source]
		if !ok {
			discard()
			return fmt.Errorf("reload: no module for running source %s", source)
		}
		if m.active[source].Origin == OriginUploaded {
			wasm = m.wasm[source]
		}
		f, err := m.loader.Load(ctx, source+".wasm", wasm)
		if err != nil {
			discard()
			return fmt.Errorf("reload: %w", err)
		}
		pl, err := p.Build(f)
		if err != nil {
			closeFactory(f)
			discard()
			return fmt.Errorf("reload: %w", err)
		}
		pools[source] = pl
	}
	m.defaults = defaults
	for source, pl := range pools {
		m.pipes[source].Install(pl)
		if m.active[source].Origin == OriginDefault {
			m.record(source, defaults[source], pl, OriginDefault)
		}
	}
	return nil
}

func closeFactory(f pipeline.Factory) {
	switch c := f.(type) {
	case interface{ Close() error }:
		c.Close()
	case interface{ Close(context.Context) error }:
		c.Close(context.Background())
	}
}
