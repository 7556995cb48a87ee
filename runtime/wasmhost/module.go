package wasmhost

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/tetratelabs/wazero"
)

// Module is a validated, compiled rule module. It is safe for concurrent
// use; evaluation happens in Instances (one per worker).
type Module struct {
	cfg      Config
	meta     *abi.Metadata
	kinds    []abi.Kind
	regexes  []*regexp.Regexp
	codes    map[string]uint32
	evtType  int // field-table index of evt.type, or -1
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	stats    Stats
}

// LoadFile reads and loads a module file; the size cap is checked before
// the file is read.
func LoadFile(ctx context.Context, path string, cfg Config) (*Module, error) {
	if cfg.Name == "" {
		cfg.Name = filepath.Base(path)
	}
	cfg = cfg.withDefaults()
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("load module %s: %w", cfg.Name, err)
	}
	if st.Size() > int64(cfg.MaxModuleBytes) {
		return nil, tooLarge(cfg, st.Size())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load module %s: %w", cfg.Name, err)
	}
	return Load(ctx, b, cfg)
}

func tooLarge(cfg Config, n int64) error {
	return fmt.Errorf("module %s: %w: %d bytes, limit %d", cfg.Name, ErrTooLarge, n, cfg.MaxModuleBytes)
}

// Load validates and compiles a module: size; before compiling, the static
// checks (sections, instructions, limits, no recursion: checkStatic); then
// Wasm validity, imports against abi.Imports, exports, metadata and ABI
// version, every field against the host catalog, every regex; then it
// instantiates it once to check its header.
func Load(ctx context.Context, wasm []byte, cfg Config) (*Module, error) {
	cfg = cfg.withDefaults()
	if len(wasm) > cfg.MaxModuleBytes {
		return nil, tooLarge(cfg, int64(len(wasm)))
	}
	if err := checkStatic(wasm, cfg); err != nil {
		return nil, fmt.Errorf("module %s: %w", cfg.Name, err)
	}
	m := &Module{cfg: cfg}
	if err := m.compile(ctx, wasm); err != nil {
		return nil, fmt.Errorf("module %s: %w", cfg.Name, err)
	}
	if err := m.validate(ctx); err != nil {
		m.rt.Close(ctx)
		return nil, fmt.Errorf("module %s: %w", cfg.Name, err)
	}
	return m, nil
}

func (m *Module) compile(ctx context.Context, wasm []byte) error {
	rc := wazero.NewRuntimeConfig().
		WithCustomSections(true).
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(m.cfg.MemoryPages)
	if m.cfg.Cache != nil {
		rc = rc.WithCompilationCache(m.cfg.Cache)
	}
	m.rt = wazero.NewRuntimeWithConfig(ctx, rc)
	c, err := m.rt.CompileModule(ctx, wasm)
	if err != nil {
		m.rt.Close(ctx)
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	m.compiled = c
	return nil
}

func (m *Module) validate(ctx context.Context) error {
	if err := checkImports(m.compiled); err != nil {
		return err
	}
	if err := checkExports(m.compiled); err != nil {
		return err
	}
	if err := m.readMetadata(); err != nil {
		return err
	}
	if err := m.resolve(); err != nil {
		return err
	}
	if err := m.instantiateHost(ctx); err != nil {
		return err
	}
	inst, err := m.NewInstance(ctx)
	if err != nil {
		return err
	}
	return inst.Close(ctx)
}

// Metadata is the module's metadata section.
func (m *Module) Metadata() *abi.Metadata { return m.meta }

// Stats are the module's counters.
func (m *Module) Stats() *Stats { return &m.stats }

// Name is the module's name from Config.
func (m *Module) Name() string { return m.cfg.Name }

// Close releases the compiled module and its runtime; instances must be
// closed first (closing the runtime closes them too).
func (m *Module) Close(ctx context.Context) error {
	return m.rt.Close(ctx)
}
