package difffuzz

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/tests/wasmtest"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/program"
)

// TestSyscallRuleSets compares the engines on Falco's stable syscall rules
// and Aerie's default syscall rules, every rule enabled and every match
// reported, over random events whose field values are drawn from the
// rules' own literals (so conditions fire), event types included.
func TestSyscallRuleSets(t *testing.T) {
	sets := map[string][]string{
		"falco stable":   {testenv.Compat(t, "syscall", "rules", "falco_rules.yaml")},
		"falco 0.31.1":   {testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml")},
		"aerie defaults": {filepath.Join(testenv.RepoRoot(t), "rules", "syscall_rules.yaml")},
	}
	for name, files := range sets {
		t.Run(name, func(t *testing.T) {
			p, ds := toolchain.Load(files, toolchain.LoadOptions{})
			if p == nil || p.Source(fields.SourceSyscall) == nil {
				t.Fatalf("load: %v", ds.Err())
			}
			e := wasmtest.MustBuild(t, p, fields.SourceSyscall)
			md := e.Wasm.Metadata()
			all := make([]bool, len(md.Rules))
			for i := range all {
				all[i] = true
			}
			e.SetOptions(abi.Options{MatchAll: true, Enabled: all})
			evs := randomEvents(p.Source(fields.SourceSyscall), md, 3000)
			w, ref, err := e.Eval(wasmtest.Bind(md, evs...))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w, ref) {
				t.Fatalf("wasm %d matches, interpreter %d; first difference %v", len(w), len(ref), firstDiff(w, ref))
			}
			if len(ref) == 0 {
				t.Fatal("no rule matched: the events prove nothing")
			}
			t.Logf("%d identical matches over %d events", len(ref), len(evs))
		})
	}
}

func firstDiff(a, b []abi.Match) any {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return []abi.Match{a[i], b[i]}
		}
	}
	return "one is a prefix of the other"
}

// randomEvents draws each field's value from the literals the rules
// compare it with (or leaves it missing), and evt.type from the module's
// event types.
func randomEvents(src *program.Source, md *abi.Metadata, n int) []wasmtest.Event {
	pools := literalPools(src)
	r := rand.New(rand.NewPCG(3, 5))
	out := make([]wasmtest.Event, n)
	for i := range out {
		ev := wasmtest.Event{}
		for fi, f := range md.Fields {
			ref := fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
			pool := pools[fi]
			if len(pool) == 0 || r.IntN(4) == 0 {
				continue
			}
			v := pool[r.IntN(len(pool))]
			if def, _, ok := fields.For(fields.SourceSyscall).Lookup(f.Name); ok && (def.List || def.MatchesAny(ref)) {
				v = fields.Value{L: [][]byte{elemText(def.Type, v), elemText(def.Type, pool[r.IntN(len(pool))])}}
			}
			ev[ref.String()] = v
		}
		if len(md.EventTypes) > 0 && r.IntN(10) != 0 {
			ev["evt.type"] = wasmtest.S(md.EventTypes[r.IntN(len(md.EventTypes))])
		}
		out[i] = ev
	}
	return out
}

// elemText is a list element: text, or a number in decimal.
func elemText(t fields.Type, v fields.Value) []byte {
	switch t {
	case fields.Int:
		return strconv.AppendInt(nil, int64(v.N), 10)
	case fields.Uint:
		return strconv.AppendUint(nil, v.N, 10)
	}
	return v.S
}

// literalPools collects, per field-table entry, the typed literals the
// rules compare it with.
func literalPools(src *program.Source) map[int][]fields.Value {
	pools := map[int][]fields.Value{}
	var walk func(ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.And:
			for _, x := range e.Terms {
				walk(x)
			}
		case *ast.Or:
			for _, x := range e.Terms {
				walk(x)
			}
		case *ast.Not:
			walk(e.X)
		case *ast.Check:
			if e.LHS.Field == nil {
				return
			}
			for _, l := range e.Values {
				v := l.Value
				if v.S == nil && e.LHS.Type.Textual() {
					v.S = []byte(l.Text)
				}
				pools[e.LHS.Field.Index] = append(pools[e.LHS.Field.Index], v)
			}
		}
	}
	for _, r := range src.Rules {
		walk(r.Expr)
	}
	return pools
}
