package difffuzz

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/tests/wasmtest"
)

// corpus is every event of the conformance corpus, decoded once.
type corpus struct {
	events []*k8saudit.Event
}

func loadCorpus(t testing.TB) *corpus {
	files, err := filepath.Glob(filepath.Join(testenv.Compat(t, "k8saudit", "events"), "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v", err)
	}
	c := &corpus{}
	var dec k8saudit.Decoder
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			b, err := dec.Decode(append([]byte(nil), sc.Bytes()...))
			if err != nil {
				continue // the corpus has one deliberately bad line
			}
			for i := range b.Events {
				c.events = append(c.events, &b.Events[i])
			}
		}
	}
	return c
}

// synthetic events exercise edge values the corpus lacks.
var synthetic = []wasmtest.Event{
	{},
	{"ka.user.name": wasmtest.S(""), "ka.verb": wasmtest.S("GET"), "ka.uri": wasmtest.S("//api///v1/"),
		"ka.user.groups": wasmtest.L(), "jevt.rawtime": wasmtest.N(0), "ka.useragent": wasmtest.S("YWRtaW4=")},
	{"ka.user.name": wasmtest.S("a\x00b"), "ka.target.name": wasmtest.S("[a-z]*"), "ka.uri": wasmtest.S("/api/v1/x"),
		"ka.user.groups": wasmtest.L("", "system:masters"), "jevt.rawtime": wasmtest.N(1 << 63),
		"ka.req.pod.containers.image": wasmtest.L("nginx"), "ka.useragent": wasmtest.S("YWRtaW4")},
}

// check compiles cond for both engines and compares them on every event.
// A condition the front end refuses is skipped: the generator aims at the
// language, not at the checker.
func check(t *testing.T, c *corpus, cond string) {
	p, err := wasmtest.Load(wasmtest.Rule(cond))
	if err != nil {
		t.Skipf("front end refuses %q: %v", cond, err)
	}
	e, err := wasmtest.Build(p, fields.SourceK8sAudit)
	if err != nil {
		t.Fatalf("condition %q: %v", cond, err)
	}
	defer e.Close()
	md := e.Wasm.Metadata()
	binding, err := k8saudit.Bind(refs(md))
	if err != nil {
		t.Fatalf("bind %q: %v", cond, err)
	}
	batch := make([]fields.Event, 0, len(c.events)+len(synthetic))
	for _, ev := range c.events {
		batch = append(batch, binding.NewView(ev))
	}
	batch = append(batch, wasmtest.Bind(md, synthetic...)...)
	w, ref, err := e.Eval(batch)
	if err != nil {
		t.Fatalf("condition %q: %v", cond, err)
	}
	if !slices.Equal(w, ref) {
		t.Errorf("condition %q:\n wasm   %v\n interp %v", cond, w, ref)
	}
}

func refs(md *abi.Metadata) []fields.Ref {
	out := make([]fields.Ref, len(md.Fields))
	for i, f := range md.Fields {
		out[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return out
}

// FuzzEngines is the differential fuzzer: go test -fuzz FuzzEngines ./tests/difffuzz
func FuzzEngines(f *testing.F) {
	for _, seed := range seeds {
		f.Add(seed)
	}
	c := loadCorpus(f)
	f.Fuzz(func(t *testing.T, input []byte) {
		check(t, c, Condition(input))
	})
}

// seeds reach every generator branch.
var seeds = [][]byte{
	{}, {0, 0, 0, 0}, {1, 2, 3, 4, 5, 6, 7, 8}, {3, 1, 5, 2, 4, 6, 0, 9, 11},
	{5, 5, 4, 3, 2, 1, 0, 7, 7, 7}, {0, 3}, {0, 4}, {0, 5, 1}, {0, 6, 2, 2}, {0, 7, 3, 1, 4},
	{0, 0, 6, 12}, {0, 0, 7, 8, 8}, {0, 0, 3, 3, 3}, {0, 0, 9, 10, 11, 12}, {0, 0, 12, 13, 14},
	{0, 2, 10, 0, 1, 0, 0, 0}, {4, 0, 1, 3, 0, 5, 2, 9}, {0, 0, 5, 1, 2, 3, 200, 201, 202},
}

// TestGeneratedConditions runs the seeds and a fixed sweep of inputs as an
// ordinary test, so CI compares the engines without fuzzing.
func TestGeneratedConditions(t *testing.T) {
	c := loadCorpus(t)
	inputs := append([][]byte(nil), seeds...)
	for i := range 150 {
		inputs = append(inputs, []byte{byte(i), byte(i * 7), byte(i * 13), byte(i * 31), byte(i >> 2), byte(i * 3), byte(i * 11), byte(i * 5)})
	}
	for _, in := range inputs {
		cond := Condition(in)
		t.Run(cond, func(t *testing.T) { check(t, c, cond) })
	}
}
