package server

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/pipeline"
)

// fakeLoader "validates" modules of the form "fake:<source>:<rule name>";
// its evaluators match every event with that one rule.
type fakeLoader struct{ block chan struct{} }

func (l fakeLoader) Load(_ context.Context, _ string, wasm []byte) (pipeline.Factory, error) {
	parts := strings.SplitN(string(wasm), ":", 3)
	if len(parts) != 3 || parts[0] != "fake" {
		return nil, errors.New("module upload.wasm: invalid module: magic number mismatch")
	}
	return &fakeFactory{block: l.block, meta: &abi.Metadata{ABI: 1, Source: parts[1],
		Rules:  []abi.Rule{{Name: parts[2], Priority: 4, Enabled: true, Output: "verb=%ka.verb cluster=%ka.cluster"}},
		Fields: []abi.Field{{Name: "ka.verb"}, {Name: "ka.cluster"}}}}, nil
}

type fakeFactory struct {
	meta  *abi.Metadata
	block chan struct{}
}

func (f *fakeFactory) Metadata() *abi.Metadata { return f.meta }
func (f *fakeFactory) NewEvaluator() (runtime.Evaluator, error) {
	return &fakeEval{f: f}, nil
}

type fakeEval struct{ f *fakeFactory }

func (e *fakeEval) Metadata() *abi.Metadata { return e.f.meta }
func (e *fakeEval) SetOptions(abi.Options)  {}
func (e *fakeEval) Eval(batch []fields.Event, out []abi.Match) ([]abi.Match, error) {
	if e.f.block != nil {
		<-e.f.block
	}
	for i := range batch {
		out = append(out, abi.Match{Event: i})
	}
	return out, nil
}

// alerts collects alert lines.
type alerts struct {
	mu    sync.Mutex
	lines []string
}

func (a *alerts) add(al *alert.Alert, _ time.Time) {
	a.mu.Lock()
	a.lines = append(a.lines, al.Rule+" | "+string(al.Text))
	a.mu.Unlock()
}

func (a *alerts) snapshot() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.lines...)
}
