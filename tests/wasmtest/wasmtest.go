// Package wasmtest builds both engines for tests: a rules text compiled to
// Wasm and hosted in wazero, and the reference interpreter over the same
// program, plus events made of literal field values.
//
// It may import anything of ours; only tests use it.
package wasmtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
	"github.com/tetratelabs/wazero"
)

// cache is an in-memory compilation cache shared by the tests of one binary.
var cache = wazero.NewCompilationCache()

// HostConfig is the wasmhost configuration tests use: the built-in
// catalogs, for k8s_audit the audit extractor's binder, and a shared
// in-memory compilation cache.
func HostConfig() wasmhost.Config {
	return wasmhost.Config{
		Cache:   cache,
		Catalog: fields.For,
		Bind: func(source string, refs []fields.Ref) error {
			if source != fields.SourceK8sAudit {
				return nil
			}
			_, err := k8saudit.Bind(refs)
			return err
		},
		Logf: func(string, ...any) {},
	}
}

// Load checks rules files given as text.
func Load(files ...toolchain.File) (*program.Program, error) {
	p, ds := toolchain.LoadFiles(files, toolchain.LoadOptions{})
	if p == nil || ds.HasErrors() {
		return nil, fmt.Errorf("load rules: %v", ds)
	}
	return p, nil
}

// Engines are both engines over one source of one program.
type Engines struct {
	Program *program.Program
	Module  []byte
	Host    *wasmhost.Module
	Wasm    *wasmhost.Instance
	Interp  *interp.Interp
}

// Build compiles source of p and instantiates both engines.
func Build(p *program.Program, source string) (*Engines, error) {
	src := p.Source(source)
	if src == nil {
		return nil, fmt.Errorf("no rules for source %s", source)
	}
	wasm, d := toolchain.CompileSource(src, p.Hash)
	if d != nil {
		return nil, fmt.Errorf("compile: %s", d.Message)
	}
	e := &Engines{Program: p, Module: wasm}
	var err error
	if e.Host, err = wasmhost.Load(context.Background(), wasm, HostConfig()); err != nil {
		return nil, err
	}
	if e.Wasm, err = e.Host.NewInstance(context.Background()); err != nil {
		return nil, err
	}
	if e.Interp, err = interp.New(p, source); err != nil {
		return nil, err
	}
	return e, nil
}

// MustBuild is Build for tests.
func MustBuild(t testing.TB, p *program.Program, source string) *Engines {
	t.Helper()
	e, err := Build(p, source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Host.Close(context.Background()) })
	return e
}

// Close releases the Wasm module.
func (e *Engines) Close() { e.Host.Close(context.Background()) }

// SetOptions sets the same options on both engines.
func (e *Engines) SetOptions(o abi.Options) {
	e.Wasm.SetOptions(o)
	e.Interp.SetOptions(o)
}

// Eval runs the batch through both engines.
func (e *Engines) Eval(batch []fields.Event) (wasm, ref []abi.Match, err error) {
	wasm, err = e.Wasm.Eval(batch, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("wasm: %w", err)
	}
	ref, err = e.Interp.Eval(batch, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("interp: %w", err)
	}
	return wasm, ref, nil
}

// Event is an event made of field values by reference text
// ("ka.uri.param[x]"); Bind ties it to a field table.
type Event map[string]fields.Value

// Bound is an Event bound to a metadata field table.
type Bound struct {
	names []string
	ev    Event
}

// Bind binds events to the field table of md.
func Bind(md *abi.Metadata, evs ...Event) []fields.Event {
	names := make([]string, len(md.Fields))
	for i, f := range md.Fields {
		names[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}.String()
	}
	out := make([]fields.Event, len(evs))
	for i, ev := range evs {
		out[i] = &Bound{names: names, ev: ev}
	}
	return out
}

// Field implements fields.Event with copies of the values.
func (b *Bound) Field(i int, dst *fields.Value) bool {
	v, ok := b.ev[b.names[i]]
	if !ok {
		return false
	}
	dst.S = append(dst.S[:0], v.S...)
	dst.N = v.N
	dst.L = dst.L[:0]
	for _, e := range v.L {
		dst.L = append(dst.L, append([]byte(nil), e...))
	}
	return true
}

// EventType implements wasmhost.EventTyper from the evt.type value.
func (b *Bound) EventType() string { return string(b.ev["evt.type"].S) }

// S, L and N make values.
func S(s string) fields.Value { return fields.Value{S: []byte(s)} }

// L makes a list value.
func L(items ...string) fields.Value {
	v := fields.Value{L: [][]byte{}}
	for _, it := range items {
		v.L = append(v.L, []byte(it))
	}
	return v
}

// N makes a number value.
func N(n uint64) fields.Value { return fields.Value{N: n} }

// Rule renders a one-rule k8s_audit rules file with condition cond.
func Rule(cond string) toolchain.File {
	return toolchain.File{Name: "test.yaml", Data: []byte(fmt.Sprintf(
		"- rule: r\n  desc: d\n  condition: %q\n  output: o\n  priority: WARNING\n  source: k8s_audit\n", cond))}
}
