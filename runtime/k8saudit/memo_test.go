package k8saudit

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/valyala/fastjson"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/tests/testenv"
)

// memoRefs adds pointers through memoized nodes, into arrays and through
// values of the wrong shape to the catalog's fields.
func memoRefs() []fields.Ref {
	refs := allRefs()
	for _, p := range []string{"", "/objectRef", "/objectRef/resource", "/user/groups/1", "/requestObject/spec/containers/0/image",
		"/requestObject/spec/securityContext/runAsUser", "/responseObject/metadata/name", "/annotations/authorization.k8s.io~1decision",
		"/verb/0", "/objectRef/0", "/requestObject/spec/x/y", "/sourceIPs/00"} {
		refs = append(refs, fields.Ref{Name: "jevt.value", Arg: p, HasArg: true})
	}
	return refs
}

// extractAll extracts refs in the given order from a fresh decode of body
// and returns the values rendered for comparison, indexed like refs; nil
// when body is not audit events.
func extractAll(b *Binding, body []byte, order []int) [][]string {
	var d Decoder
	d.Lenient = true
	batch, err := d.Decode(body)
	if err != nil {
		return nil
	}
	defer batch.Release()
	out := make([][]string, len(batch.Events)*b.Len())
	for ev := range batch.Events {
		view := b.NewView(&batch.Events[ev])
		for _, i := range order {
			var v fields.Value
			r := []string{"missing"}
			if view.Field(i, &v) {
				r = []string{string(v.S), string(rune(v.N))}
				for _, l := range v.L {
					r = append(r, string(l))
				}
			}
			out[ev*b.Len()+i] = r
		}
	}
	return out
}

// plainWalk is the value at path without memoization.
func plainWalk(e *Event, path []string) *fastjson.Value { return e.v.Get(path...) }

// TestMemoOrderIndependent: every field gives the same value whatever the
// order fields are first extracted in (so whichever field resolves a
// memoized node first), on every corpus event.
func TestMemoOrderIndependent(t *testing.T) {
	refs := memoRefs()
	b, err := Bind(refs)
	if err != nil {
		t.Fatal(err)
	}
	fwd := make([]int, len(refs))
	for i := range fwd {
		fwd[i] = i
	}
	rev := slices.Clone(fwd)
	slices.Reverse(rev)
	files, _ := filepath.Glob(filepath.Join(testenv.Compat(t, "k8saudit", "events"), "*.json"))
	files = append(files, filepath.Join("testdata", "rich_event.json"))
	checked := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for line := range bytes.Lines(data) {
			a, z := extractAll(b, line, fwd), extractAll(b, line, rev)
			if a == nil {
				continue
			}
			for i := range a {
				if !reflect.DeepEqual(a[i], z[i]) {
					t.Errorf("%s: %s: %q forward, %q reversed", file, refs[i%len(refs)], a[i], z[i])
				}
			}
			checked++
		}
	}
	if checked < 50 {
		t.Fatalf("only %d bodies checked", checked)
	}
}

// TestMemoMatchesPlainWalk: every registered node resolves to what a plain
// walk from the root finds, on events where the nodes are absent, null,
// arrays or scalars.
func TestMemoMatchesPlainWalk(t *testing.T) {
	bodies := []string{
		`{"kind":"Event","stageTimestamp":"2026-01-01T00:00:00Z","requestObject":{"spec":{"securityContext":{"runAsUser":0}}},"objectRef":{"resource":"pods"},"user":null}`,
		`{"kind":"Event","stageTimestamp":"2026-01-01T00:00:00Z","requestObject":[{"spec":1}],"objectRef":"pods","annotations":[]}`,
		`{"kind":"Event","stageTimestamp":"2026-01-01T00:00:00Z","requestObject":{"spec":null},"responseObject":{"metadata":{"name":"x"}}}`,
		`{"kind":"Event","stageTimestamp":"2026-01-01T00:00:00Z"}`,
	}
	var d Decoder
	for _, body := range bodies {
		batch, err := d.Decode([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		e := &batch.Events[0]
		for path, n := range nodeIndex {
			keys := splitNode(path)
			if got, want := e.at(n), plainWalk(e, keys); got != want {
				t.Errorf("%s: node %q = %v, plain walk %v", body, keys, got, want)
			}
		}
		batch.Release()
	}
}

func splitNode(k string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(k); i++ {
		if i == len(k) || k[i] == 0 {
			out = append(out, k[start:i])
			start = i + 1
		}
	}
	return out
}

// TestPoolSurvivesGC: a released batch, with its parser, is reused after a
// garbage collection, up to MaxPooled batches; its events start with an
// empty memo.
func TestPoolSurvivesGC(t *testing.T) {
	d := Decoder{MaxPooled: 2}
	body := []byte(`{"kind":"Event","stageTimestamp":"2026-01-01T00:00:00Z","verb":"get"}`)
	var held []*Batch
	for range 3 {
		b, err := d.Decode(body)
		if err != nil {
			t.Fatal(err)
		}
		b.Events[0].at(nodeObjectRef)
		held = append(held, b)
	}
	for _, b := range held {
		b.Release()
	}
	runtime.GC()
	runtime.GC()
	for i := range 3 {
		b, err := d.Decode(body)
		if err != nil {
			t.Fatal(err)
		}
		if reused := slices.Contains(held, b); reused != (i < 2) {
			t.Errorf("decode %d: reused %v", i, reused)
		}
		if b.Events[0].memo.have != 0 {
			t.Errorf("decode %d: memo not reset", i)
		}
	}
}
