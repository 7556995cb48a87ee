package fields

import "testing"

func TestCheckArg(t *testing.T) {
	none, req, opt := &Field{Arg: ArgNone}, &Field{Arg: ArgRequired}, &Field{Arg: ArgOptional}
	arg, bare := Ref{Name: "f", Arg: "x", HasArg: true}, Ref{Name: "f"}
	for _, c := range []struct {
		name string
		f    *Field
		r    Ref
		want string
	}{
		{"none with arg", none, arg, "takes no argument"},
		{"none bare", none, bare, ""},
		{"required bare", req, bare, "needs an argument"},
		{"required with arg", req, arg, ""},
		{"optional bare", opt, bare, ""},
		{"optional with arg", opt, arg, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.f.CheckArg(c.r)
			if got := errString(err); got != c.want {
				t.Fatalf("CheckArg = %q, want %q", got, c.want)
			}
		})
	}
}

func TestParseIndex(t *testing.T) {
	for _, c := range []struct {
		arg  string
		n    int
		want string
	}{
		{"0", 0, ""},
		{"12", 12, ""},
		{"-1", 0, `index "-1" is not a non-negative integer`},
		{"x", 0, `index "x" is not a non-negative integer`},
	} {
		n, err := ParseIndex(c.arg)
		if got := errString(err); got != c.want || n != c.n {
			t.Errorf("ParseIndex(%q) = %d, %q; want %d, %q", c.arg, n, got, c.n, c.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
