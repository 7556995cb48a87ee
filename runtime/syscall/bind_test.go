package syscall

import (
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
)

// Every catalog field has an extractor, and nothing else does.
func TestTableCoversCatalog(t *testing.T) {
	for _, f := range fields.Syscall.Fields {
		if _, ok := table[f.Name]; !ok {
			t.Errorf("no extractor for %s", f.Name)
		}
	}
	names := map[string]bool{}
	for _, f := range fields.Syscall.Fields {
		names[f.Name] = true
	}
	for n := range table {
		if !names[n] {
			t.Errorf("extractor for %s, which the catalog lacks", n)
		}
	}
}

func TestBindErrors(t *testing.T) {
	for _, c := range []struct {
		ref  fields.Ref
		want string
	}{
		{fields.Ref{Name: "proc.nope"}, `bind field "proc.nope": unknown field for source syscall`},
		{fields.Ref{Name: "proc.name", Arg: "1", HasArg: true}, `bind field "proc.name[1]": takes no argument`},
		{fields.Ref{Name: "proc.aname", Arg: "x", HasArg: true}, `bind field "proc.aname[x]": index "x" is not a non-negative integer`},
		{fields.Ref{Name: "evt.arg"}, `bind field "evt.arg": needs a name or an index`},
	} {
		if _, err := Bind([]fields.Ref{c.ref}); err == nil || err.Error() != c.want {
			t.Errorf("%s: got %v, want %s", c.ref, err, c.want)
		}
	}
}
