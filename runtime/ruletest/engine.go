package ruletest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sync"

	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
)

// RuleFile is one rules file, already read.
type RuleFile struct {
	Name string
	Data []byte
}

// Engine compiles rules files into an evaluator for one source: the same
// engines `aerie run` uses, supplied by the caller.
type Engine interface {
	// Name is how reports label the engine: wasm, interp.
	Name() string
	// Build loads the files in order and returns the evaluator of source.
	// A nil evaluator with a nil error means the files have no rules for
	// that source. close releases it.
	Build(files []RuleFile, source string) (ev runtime.Evaluator, close func(), err error)
}

// Replayer replays a fixture of one source through an evaluator and
// returns the alerts in event order. warn receives problems with
// individual events (they fail the case).
type Replayer func(r io.Reader, ev runtime.Evaluator, f *alert.Formatter, warn func(string)) ([]alert.Alert, error)

// built is a cached evaluator.
type built struct {
	ev    runtime.Evaluator
	fmt   *alert.Formatter
	close func()
	err   error
}

// cache builds each (engine, rules, source) once per run: the cases of a
// test file usually share their rules.
type cache struct {
	mu sync.Mutex
	m  map[string]*built
}

func (c *cache) get(e Engine, files []RuleFile, source string) *built {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := cacheKey(e, files, source)
	if b, ok := c.m[key]; ok {
		return b
	}
	b := build(e, files, source)
	if c.m == nil {
		c.m = map[string]*built{}
	}
	c.m[key] = b
	return b
}

func cacheKey(e Engine, files []RuleFile, source string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", e.Name(), source)
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, len(f.Data))
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func build(e Engine, files []RuleFile, source string) *built {
	ev, closeFn, err := e.Build(files, source)
	if err != nil || ev == nil {
		return &built{err: err, close: func() {}}
	}
	opts := alert.Options{Hostname: "aerie-test", IncludeOutput: true, IncludeOutputFields: true, IncludeTags: true}
	f, err := alert.New(ev.Metadata(), opts)
	if err != nil {
		closeFn()
		return &built{err: fmt.Errorf("format alerts: %w", err), close: func() {}}
	}
	return &built{ev: ev, fmt: f, close: closeFn}
}

func (c *cache) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, b := range c.m {
		b.close()
	}
	c.m = nil
}
