package alert

import (
	"fmt"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
)

// Alert is one formatted match.
type Alert struct {
	Time     time.Time
	Rule     string
	Source   string
	Priority int    // 0 Emergency … 7 Debug
	Text     []byte // Falco's text line
	JSON     []byte // Falco's JSON alert
}

// Formatter formats the matches of one rule set.
type Formatter struct {
	meta  *abi.Metadata
	rules [][]part // parsed output template per rule
	opts  Options
}

// New parses every rule's output template against the source's catalog
// and the metadata's field table.
func New(meta *abi.Metadata, opts Options) (*Formatter, error) {
	f := &Formatter{meta: meta, opts: opts, rules: make([][]part, len(meta.Rules))}
	cat := fields.For(meta.Source)
	for i, r := range meta.Rules {
		parts, err := parseTemplate(r.Output, cat, meta.Fields)
		if err != nil {
			return nil, fmt.Errorf("rule %q: %w", r.Name, err)
		}
		f.rules[i] = parts
	}
	return f, nil
}

// Format formats a match of rule (an index into the metadata's rules) on
// ev, an event bound to the metadata's field table, that happened at ns
// nanoseconds since the epoch.
func (f *Formatter) Format(rule int, ev fields.Event, ns int64) Alert {
	r := &f.meta.Rules[rule]
	vals := f.resolve(rule, ev)
	msg := f.message(rule, vals)
	text := f.textLine(r, ns, msg)
	return Alert{
		Time: time.Unix(0, ns), Rule: r.Name, Source: f.meta.Source, Priority: r.Priority,
		Text: text, JSON: f.json(rule, ev, ns, text, msg, vals),
	}
}

// resolved is one token's value for one event.
type resolved struct {
	match.Typed
	ok bool
}

// resolve evaluates every token of the rule's template once.
func (f *Formatter) resolve(rule int, ev fields.Event) []resolved {
	parts := f.rules[rule]
	vals := make([]resolved, len(parts))
	for i, p := range parts {
		if p.tok != nil {
			vals[i].Typed, vals[i].ok = eval(p.tok, ev)
		}
	}
	return vals
}

// eval computes a token's value; false when it cannot be extracted.
func eval(t *token, ev fields.Event) (match.Typed, bool) {
	if t.fn == "" {
		return extract(t, ev)
	}
	args := make([]match.Typed, len(t.args))
	for i, a := range t.args {
		v, ok := eval(a, ev)
		if !ok {
			return match.Typed{}, false
		}
		args[i] = v
	}
	return match.Apply(t.fn, args, "", false)
}

func extract(t *token, ev fields.Event) (match.Typed, bool) {
	if t.field < 0 {
		return match.Typed{}, false
	}
	x := match.Typed{T: t.typ, List: t.list}
	if !ev.Field(t.field, &x.V) {
		return match.Typed{}, false
	}
	if !t.list && len(x.V.S) == 0 && len(x.V.L) == 1 {
		x.V.S = x.V.L[0]
	}
	return x, true
}

// message renders the template: values in display form, <NA> when
// missing, each padded or truncated to its width.
func (f *Formatter) message(rule int, vals []resolved) []byte {
	var b []byte
	for i, p := range f.rules[rule] {
		if p.tok == nil {
			b = append(b, p.lit...)
			continue
		}
		start := len(b)
		if vals[i].ok {
			b = match.AppendText(b, vals[i].T, vals[i].List, &vals[i].V)
			b = sanitize(b, start)
		} else {
			b = append(b, "<NA>"...)
		}
		b = fit(b, start, p.width)
	}
	return b
}

// sanitize drops control characters (bytes below 0x20 and 0x7f) from
// b[start:], as Falco sanitizes field values, so an alert stays one line.
func sanitize(b []byte, start int) []byte {
	out := start
	for _, c := range b[start:] {
		if c >= 0x20 && c != 0x7f {
			b[out] = c
			out++
		}
	}
	return b[:out]
}

// fit pads with spaces or truncates b[start:] to width bytes (0: as is).
func fit(b []byte, start, width int) []byte {
	if width == 0 {
		return b
	}
	if n := len(b) - start; n > width {
		return b[:start+width]
	}
	for len(b)-start < width {
		b = append(b, ' ')
	}
	return b
}

// textLine is "<time>: <Priority> <message>".
func (f *Formatter) textLine(r *abi.Rule, ns int64, msg []byte) []byte {
	var b []byte
	if f.opts.ISO8601 {
		b = time.Unix(0, ns).UTC().AppendFormat(b, "2006-01-02T15:04:05.000000000+0000")
	} else {
		b = time.Unix(0, ns).Local().AppendFormat(b, "15:04:05.000000000")
	}
	b = append(b, ": "...)
	b = append(b, priorityName(r.Priority)...)
	b = append(b, ' ')
	return append(b, msg...)
}

var priorityNames = [...]string{"Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"}

func priorityName(p int) string {
	if p >= 0 && p < len(priorityNames) {
		return priorityNames[p]
	}
	return fmt.Sprintf("Priority(%d)", p)
}
