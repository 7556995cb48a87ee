// Package load is Aerie's load harness: apiserver-sized batches from
// several concurrent clients against the real server, pipeline and Wasm
// engine in one process, counting every event and timing receipt to alert.
//
//	go test ./tests/load -run TestLoad -load.events=200000 -v
package load

import (
	"context"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/pipeline"
	"github.com/aeriesec/aerie/runtime/wasmhost"
	"github.com/aeriesec/aerie/toolchain"
)

// countingRule matches every event, so each event's alerts can be counted.
const countingRule = `
- rule: Load Counter
  desc: matches every audit event (load harness accounting)
  condition: ka.auditid != ""
  output: "event %ka.auditid"
  priority: DEBUG
  source: k8s_audit
`

// compileDefaults compiles the embedded default rules plus the counting
// rule into the k8s_audit module.
func compileDefaults(t testing.TB) []byte {
	t.Helper()
	var files []toolchain.File
	for _, f := range rules.Defaults() {
		files = append(files, toolchain.File{Name: f.Name, Data: f.Data})
	}
	files = append(files, toolchain.File{Name: "counter.yaml", Data: []byte(countingRule)})
	p, ds := toolchain.LoadFiles(files, toolchain.LoadOptions{})
	if ds.HasErrors() || p == nil {
		t.Fatalf("load rules: %v", ds.Err())
	}
	mods, errs := toolchain.CompileProgram(p)
	if errs.HasErrors() {
		t.Fatal(errs.Err())
	}
	return mods[fields.SourceK8sAudit]
}

// wasmLoader hosts modules as aerie run does.
type wasmLoader struct{}

func (wasmLoader) Load(ctx context.Context, name string, wasm []byte) (pipeline.Factory, error) {
	m, err := wasmhost.Load(ctx, wasm, wasmhost.Config{Name: name, Catalog: fields.For,
		Bind: func(_ string, refs []fields.Ref) error { _, err := k8saudit.Bind(refs); return err }})
	if err != nil {
		return nil, err
	}
	return factory{m}, nil
}

type factory struct{ m *wasmhost.Module }

func (f factory) Metadata() *abi.Metadata { return f.m.Metadata() }
func (f factory) NewEvaluator() (runtime.Evaluator, error) {
	return f.m.NewInstance(context.Background())
}
func (f factory) Close(ctx context.Context) error { return f.m.Close(ctx) }
