package codegen_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/aeriesec/aerie/tests/wasmtest"
)

// TestTextRoutinesAgainstInterpreter compares the support routines with
// guest/match (through the interpreter) on random texts of every length
// around the word sizes the routines work in: the needle comes from a
// second field (field-to-field), so one module checks every pair.
func TestTextRoutinesAgainstInterpreter(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	const alphabet = "aAbB/*?[]!-\\zZ"
	text := func(max int) string {
		b := make([]byte, r.IntN(max+1))
		for i := range b {
			b[i] = alphabet[r.IntN(4)]
			if r.IntN(8) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
		}
		return string(b)
	}
	var evs []wasmtest.Event
	for range 3000 {
		hay := text(70)
		needle := text(6)
		if len(hay) > 0 && r.IntN(3) == 0 { // plant the needle, maybe in another case
			at := r.IntN(len(hay))
			needle = hay[at:min(len(hay), at+1+r.IntN(9))]
		}
		twin := []byte(hay) // a long common prefix, then maybe a difference
		if len(twin) > 0 && r.IntN(4) != 0 {
			twin[r.IntN(len(twin))] = alphabet[r.IntN(len(alphabet))]
		}
		twin = twin[:len(twin)-r.IntN(len(twin)/8+1)]
		evs = append(evs, wasmtest.Event{"ka.user.name": wasmtest.S(hay), "ka.verb": wasmtest.S(needle),
			"ka.target.name": wasmtest.S(string(twin))})
	}
	for _, op := range []string{"=", "<", ">="} { // long common prefixes: str_cmp beyond its unrolled words
		t.Run("twin"+op, func(t *testing.T) {
			p, err := wasmtest.Load(wasmtest.Rule("ka.user.name " + op + " val(ka.target.name)"))
			if err != nil {
				t.Fatal(err)
			}
			e := wasmtest.MustBuild(t, p, "k8s_audit")
			w, ref, err := e.Eval(wasmtest.Bind(e.Wasm.Metadata(), evs...))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w, ref) || len(ref) == 0 || len(ref) == len(evs) {
				t.Errorf("wasm %d matches, interpreter %d of %d; first difference at %v", len(w), len(ref), len(evs), firstDiff(w, ref))
			}
		})
	}
	for _, op := range []string{"=", "!=", "<", "<=", ">", ">=", "contains", "icontains", "startswith", "endswith", "glob"} {
		t.Run(op, func(t *testing.T) {
			p, err := wasmtest.Load(wasmtest.Rule("ka.user.name " + op + " val(ka.verb)"))
			if err != nil {
				t.Fatal(err)
			}
			e := wasmtest.MustBuild(t, p, "k8s_audit")
			w, ref, err := e.Eval(wasmtest.Bind(e.Wasm.Metadata(), evs...))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w, ref) {
				t.Errorf("wasm %d matches, interpreter %d; first difference at %v", len(w), len(ref), firstDiff(w, ref))
			}
			if len(ref) == 0 || len(ref) == len(evs) {
				t.Errorf("%d of %d events match: the sample does not discriminate", len(ref), len(evs))
			}
		})
	}
}

func firstDiff[T comparable](a, b []T) any {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return []T{a[i], b[i]}
		}
	}
	return "a prefix of the other"
}
