package wasmhost

import (
	"log"
	"time"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/tetratelabs/wazero"
)

// Defaults of Config.
const (
	DefaultMaxModuleBytes = 16 << 20
	DefaultMemoryPages    = 1024 // 64 MiB
	DefaultDeadline       = time.Second
)

// Config says how modules are loaded and run.
type Config struct {
	// Name names the module in errors and logs (e.g. its file name).
	Name string
	// Catalog returns the host's field catalog for a source, or nil when the
	// host does not serve that source.
	Catalog func(source string) *fields.Catalog
	// Bind, when set, is also asked to bind the module's field table (the
	// source's extractor: k8saudit.Bind); an error refuses the module.
	Bind func(source string, refs []fields.Ref) error
	// Cache is a compilation cache (NewCache) shared by loads; nil compiles
	// without one.
	Cache wazero.CompilationCache
	// MaxModuleBytes caps the module's size (default 16 MiB).
	MaxModuleBytes int
	// MemoryPages caps each instance's memory in 64 KiB pages (default 1024).
	MemoryPages uint32
	// MaxFunctions, MaxBodyBytes, MaxLocals and MaxStackSlots bound the
	// module's code before it is compiled (checkStatic); 0 takes the
	// default (DefaultMaxFunctions...).
	MaxFunctions, MaxBodyBytes, MaxLocals, MaxStackSlots int
	// Deadline bounds each eval_batch call (default 1 s).
	Deadline time.Duration
	// Logf logs contained failures; nil uses the standard logger.
	Logf func(format string, args ...any)
}

// NewCache opens an on-disk compilation cache in dir, to share between
// loads (Config.Cache).
func NewCache(dir string) (wazero.CompilationCache, error) {
	return wazero.NewCompilationCacheWithDir(dir)
}

func (c Config) withDefaults() Config {
	if c.MaxModuleBytes <= 0 {
		c.MaxModuleBytes = DefaultMaxModuleBytes
	}
	if c.MemoryPages == 0 {
		c.MemoryPages = DefaultMemoryPages
	}
	if c.Deadline <= 0 {
		c.Deadline = DefaultDeadline
	}
	if c.Logf == nil {
		c.Logf = log.Printf
	}
	if c.Name == "" {
		c.Name = "<module>"
	}
	return c
}
