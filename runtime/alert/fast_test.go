package alert

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

// refString is the rune-by-rune escaping appendString must equal.
func refString(b, s []byte) []byte {
	b = append(b, '"')
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, "\ufffd"...)
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20:
			b = appendControl(b, byte(r))
		default:
			b = append(b, s[:n]...)
		}
		s = s[n:]
	}
	return append(b, '"')
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c", "\x00\x1f\x7f", "é€😀", "\xff\xfe", "\xe2\x82", "x\xed\xa0\x80y", "tab\there\nnl\r\b\f"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		if got, want := appendString([]byte("p"), s), refString([]byte("p"), s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestTimeForms: the hand-written times equal time.Format's, for random
// instants, and at the ends of the int64 range.
func TestTimeForms(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	instants := []int64{0, -1, 1, eventTime, math.MinInt64, math.MaxInt64}
	for range 2000 {
		instants = append(instants, r.Int64N(4e18)-2e18)
	}
	for _, ns := range instants {
		tm := time.Unix(0, ns)
		checks := []struct{ got, want string }{
			{string(appendUTC(nil, ns, "2006-01-02T15:04:05.000000000Z", "Z")), tm.UTC().Format("2006-01-02T15:04:05.000000000Z")},
			{string(appendUTC(nil, ns, "2006-01-02T15:04:05.000000000+0000", "+0000")), tm.UTC().Format("2006-01-02T15:04:05.000000000+0000")},
			{string(appendLocalClock(nil, ns)), tm.Local().Format("15:04:05.000000000")},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Fatalf("%d: %q, want %q", ns, c.got, c.want)
			}
		}
	}
}

func formatter(t *testing.T, opts Options, outputs ...string) *Formatter {
	t.Helper()
	meta := &abi.Metadata{Source: fields.SourceK8sAudit, Fields: table}
	for i, o := range outputs {
		meta.Rules = append(meta.Rules, abi.Rule{Name: "r" + string(rune('a'+i)), Priority: i % 8, Tags: []string{"t", "a"}, Output: o})
	}
	f, err := New(meta, opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestForms: a formatter asked for one form builds exactly that form, equal
// to what a formatter building both makes.
func TestForms(t *testing.T) {
	outs := []string{"%ka.user.name did %ka.verb (%ka.user.groups)"}
	ev := mapEvent{table, event}
	base := Options{Hostname: "h", IncludeOutput: true, IncludeOutputFields: true, IncludeTags: true}
	both := formatter(t, base, outs...).Format(0, ev, eventTime)
	for _, c := range []struct {
		forms      Forms
		text, json bool
	}{{0, true, true}, {FormText, true, false}, {FormJSON, false, true}, {FormText | FormJSON, true, true}} {
		o := base
		o.Forms = c.forms
		a := formatter(t, o, outs...).Format(0, ev, eventTime)
		if (a.Text != nil) != c.text || (a.JSON != nil) != c.json {
			t.Errorf("forms %d: text %q json %q", c.forms, a.Text, a.JSON)
		}
		if c.text && !bytes.Equal(a.Text, both.Text) || c.json && !bytes.Equal(a.JSON, both.JSON) {
			t.Errorf("forms %d: %q %q, want %q %q", c.forms, a.Text, a.JSON, both.Text, both.JSON)
		}
	}
}

// TestFormatReuse: formatting rules whose templates put transformers and
// fields at the same positions, over and over, gives every time what a
// fresh formatter gives, and never changes an alert already returned.
func TestFormatReuse(t *testing.T) {
	outs := []string{
		"%toupper(ka.user.name) %ka.verb %len(ka.user.groups)",
		"%ka.user.name %tolower(ka.verb) %ka.user.groups %ka.useragent",
		"%ka.uri.param[command] %jevt.rawtime %evt.time",
	}
	ev := mapEvent{table, event}
	f := formatter(t, DefaultOptions(), outs...)
	var kept []Alert
	for i := range 30 {
		rule := i % len(outs)
		a := f.Format(rule, ev, eventTime+int64(i))
		want := formatter(t, DefaultOptions(), outs...).Format(rule, ev, eventTime+int64(i))
		if !bytes.Equal(a.Text, want.Text) || !bytes.Equal(a.JSON, want.JSON) {
			t.Fatalf("format %d: %q\n%q\nwant %q\n%q", i, a.Text, a.JSON, want.Text, want.JSON)
		}
		kept = append(kept, Alert{Text: bytes.Clone(a.Text), JSON: bytes.Clone(a.JSON)}, a)
	}
	for i := 0; i < len(kept); i += 2 {
		if !bytes.Equal(kept[i].Text, kept[i+1].Text) || !bytes.Equal(kept[i].JSON, kept[i+1].JSON) {
			t.Fatalf("alert %d changed after later formats", i/2)
		}
	}
}

// TestFormatConcurrent: one formatter shared by workers (as the pipeline
// shares it) gives each the alerts a formatter of its own would.
func TestFormatConcurrent(t *testing.T) {
	outs := []string{"%toupper(ka.user.name) %ka.verb", "%ka.user.groups %ka.useragent", "%ka.target.name %jevt.rawtime"}
	ev := mapEvent{table, event}
	shared := formatter(t, DefaultOptions(), outs...)
	want := make([]Alert, len(outs))
	for i := range outs {
		want[i] = formatter(t, DefaultOptions(), outs...).Format(i, ev, eventTime)
	}
	errs := make(chan string, 4)
	for w := range 4 {
		go func() {
			for i := range 200 {
				rule := (w + i) % len(outs)
				if a := shared.Format(rule, ev, eventTime); !bytes.Equal(a.Text, want[rule].Text) || !bytes.Equal(a.JSON, want[rule].JSON) {
					errs <- string(a.JSON)
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Errorf("worker got %s", e)
		}
	}
}
