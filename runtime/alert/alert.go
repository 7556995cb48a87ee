package alert

import (
	"fmt"
	"sync"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/guest/match"
)

// Alert is one formatted match. Text and JSON are owned by the alert; a
// form the Formatter's Options.Forms leaves out is nil.
type Alert struct {
	Time     time.Time
	Rule     string
	Source   string
	Priority int    // 0 Emergency … 7 Debug
	Text     []byte // Falco's text line
	JSON     []byte // Falco's JSON alert
}

// Formatter formats the matches of one rule set. It is safe for concurrent
// use: per-call buffers come from a pool.
type Formatter struct {
	meta    *abi.Metadata
	rules   []ruleFormat
	opts    Options
	text    bool // build the text line
	json    bool // build the JSON alert
	scratch sync.Pool
}

// ruleFormat is what New precomputes for one rule.
type ruleFormat struct {
	parts  []part     // parsed output template
	fields []outField // the JSON output_fields entries, sorted by key
	head   []byte     // the JSON text before "message"/"output"
	tail   []byte     // the JSON from "priority" to `"time":"`
	level  []byte     // ": <Priority> " of the text line
}

// New parses every rule's output template against the source's catalog
// and the metadata's field table, and precomputes the parts of each rule's
// alerts that do not depend on the event.
func New(meta *abi.Metadata, opts Options) (*Formatter, error) {
	f := &Formatter{meta: meta, opts: opts, rules: make([]ruleFormat, len(meta.Rules)),
		text: opts.Forms == 0 || opts.Forms&FormText != 0, json: opts.Forms == 0 || opts.Forms&FormJSON != 0}
	cat := fields.For(meta.Source)
	for i, r := range meta.Rules {
		parts, err := parseTemplate(r.Output, cat, meta.Fields)
		if err != nil {
			return nil, fmt.Errorf("rule %q: %w", r.Name, err)
		}
		f.rules[i] = f.precompute(&meta.Rules[i], parts)
	}
	f.scratch.New = func() any { return new(scratch) }
	return f, nil
}

// scratch is the reused working storage of one Format call.
type scratch struct {
	vals []resolved
	msg  []byte
	text []byte
	json []byte
}

// Format formats a match of rule (an index into the metadata's rules) on
// ev, an event bound to the metadata's field table, that happened at ns
// nanoseconds since the epoch.
func (f *Formatter) Format(rule int, ev fields.Event, ns int64) Alert {
	r := &f.meta.Rules[rule]
	rf := &f.rules[rule]
	sc := f.scratch.Get().(*scratch)
	sc.vals = f.resolve(sc.vals, rf.parts, ev)
	sc.msg = message(sc.msg[:0], rf.parts, sc.vals)
	a := Alert{Time: time.Unix(0, ns), Rule: r.Name, Source: f.meta.Source, Priority: r.Priority}
	needLine := f.text || (f.json && f.opts.IncludeOutput)
	sc.text, sc.json = sc.text[:0], sc.json[:0]
	if needLine {
		sc.text = f.textLine(sc.text, rf, ns, sc.msg)
	}
	if f.json {
		sc.json = f.appendJSON(sc.json, rf, ev, ns, sc.text, sc.msg, sc.vals)
	}
	a.Text, a.JSON = own(sc.text, f.text, sc.json, f.json)
	f.scratch.Put(sc)
	return a
}

// own copies the built forms into one allocation the alert keeps.
func own(text []byte, keepText bool, js []byte, keepJSON bool) (t, j []byte) {
	n := 0
	if keepText {
		n += len(text)
	}
	if keepJSON {
		n += len(js)
	}
	buf := make([]byte, 0, n)
	if keepText {
		buf = append(buf, text...)
		t = buf[:len(buf):len(buf)]
	}
	if keepJSON {
		start := len(buf)
		buf = append(buf, js...)
		j = buf[start:len(buf):len(buf)]
	}
	return t, j
}

// resolved is one token's value for one event.
type resolved struct {
	match.Typed
	ok bool
	// borrowed: Typed came from a transformer and may share storage that is
	// not the formatter's, so it must not be appended into.
	borrowed bool
}

// resolve evaluates every token of the rule's template once, into vals
// (reused: values keep their storage across calls).
func (f *Formatter) resolve(vals []resolved, parts []part, ev fields.Event) []resolved {
	if cap(vals) < len(parts) {
		vals = append(vals[:cap(vals)], make([]resolved, len(parts)-cap(vals))...)
	}
	vals = vals[:len(parts)]
	for i, p := range parts {
		vals[i].ok = false
		if p.tok == nil {
			continue
		}
		if p.tok.fn == "" {
			if vals[i].borrowed {
				vals[i].Typed, vals[i].borrowed = match.Typed{}, false
			}
			vals[i].ok = extractInto(p.tok, ev, &vals[i].Typed)
			continue
		}
		vals[i].Typed, vals[i].ok = eval(p.tok, ev)
		vals[i].borrowed = true
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
	var x match.Typed
	if !extractInto(t, ev, &x) {
		return match.Typed{}, false
	}
	return x, true
}

// extractInto extracts a field token into x, reusing x's storage.
func extractInto(t *token, ev fields.Event, x *match.Typed) bool {
	if t.field < 0 {
		return false
	}
	x.T, x.List = t.typ, t.list
	x.V.Reset()
	if !ev.Field(t.field, &x.V) {
		return false
	}
	if !t.list && len(x.V.S) == 0 && len(x.V.L) == 1 {
		x.V.S = x.V.L[0]
	}
	return true
}

var priorityNames = [...]string{"Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"}

func priorityName(p int) string {
	if p >= 0 && p < len(priorityNames) {
		return priorityNames[p]
	}
	return fmt.Sprintf("Priority(%d)", p)
}
