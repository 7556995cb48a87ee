package alert

import (
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

// outField is one entry of a rule's output_fields: its quoted key and
// colon, and where its value comes from.
type outField struct {
	key  []byte
	time bool   // the event time as integer nanoseconds
	part int    // a plain field token of the template: its value, or
	tok  *token // a field read by a transformer token (part is -1)
}

// precompute builds everything of a rule's alerts that is fixed.
func (f *Formatter) precompute(r *abi.Rule, parts []part) ruleFormat {
	rf := ruleFormat{parts: parts}
	rf.level = append(append([]byte(": "), priorityName(r.Priority)...), ' ')
	rf.head = appendString([]byte(`{"hostname":`), []byte(f.opts.Hostname))
	b := appendString([]byte(`,"priority":`), []byte(priorityName(r.Priority)))
	b = appendString(append(b, `,"rule":`...), []byte(r.Name))
	b = appendString(append(b, `,"source":`...), []byte(f.meta.Source))
	if f.opts.IncludeTags {
		b = appendTags(append(b, `,"tags":`...), r.Tags)
	}
	rf.tail = append(b, `,"time":"`...)
	if f.opts.IncludeOutputFields {
		rf.fields = f.outputFieldPlan(parts)
	}
	return rf
}

// outputFieldPlan lists the output_fields entries: every plain field token
// of the template (and the plain fields inside transformer tokens), plus
// the event time; a later entry for a key replaces an earlier one.
func (f *Formatter) outputFieldPlan(parts []part) []outField {
	entries := map[string]outField{}
	timeKey := "evt.time"
	if f.opts.ISO8601 {
		timeKey = "evt.time.iso8601"
	}
	entries[timeKey] = outField{time: true, part: -1}
	for i, p := range parts {
		switch {
		case p.tok == nil:
		case p.tok.fn == "":
			entries[p.name] = outField{part: i}
		default:
			innerFields(p.tok, entries)
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	plan := make([]outField, len(keys))
	for i, k := range keys {
		plan[i] = entries[k]
		plan[i].key = append(appendString(nil, []byte(k)), ':')
	}
	return plan
}

// innerFields adds the plain fields a transformer token reads, with their
// own values (Falco does not resolve transformed fields into output_fields).
func innerFields(t *token, entries map[string]outField) {
	for _, a := range t.args {
		if a.fn != "" {
			innerFields(a, entries)
			continue
		}
		entries[a.ref.String()] = outField{part: -1, tok: a}
	}
}

// appendJSON appends Falco's JSON alert, keys in alphabetical order.
func (f *Formatter) appendJSON(b []byte, rf *ruleFormat, ev fields.Event, ns int64, text, msg []byte, vals []resolved) []byte {
	b = append(b, rf.head...)
	if f.opts.IncludeMessage {
		b = appendString(append(b, `,"message":`...), msg)
	}
	if f.opts.IncludeOutput {
		b = appendString(append(b, `,"output":`...), text)
	}
	if f.opts.IncludeOutputFields {
		b = appendOutputFields(append(b, `,"output_fields":`...), rf.fields, ev, ns, vals)
	}
	b = append(b, rf.tail...)
	b = appendUTC(b, ns, "2006-01-02T15:04:05.000000000Z", "Z")
	return append(b, `"}`...)
}

func appendOutputFields(b []byte, plan []outField, ev fields.Event, ns int64, vals []resolved) []byte {
	b = append(b, '{')
	for i := range plan {
		of := &plan[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, of.key...)
		switch {
		case of.time:
			b = strconv.AppendInt(b, ns, 10)
		case of.tok != nil:
			v, ok := extract(of.tok, ev)
			b = appendValue(b, &resolved{Typed: v, ok: ok})
		default:
			b = appendValue(b, &vals[of.part])
		}
	}
	return append(b, '}')
}

// appendValue appends a resolved value as typed JSON.
func appendValue(b []byte, v *resolved) []byte {
	if !v.ok {
		return append(b, "null"...)
	}
	if v.List {
		b = append(b, '[')
		for i, e := range v.V.L {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e)
		}
		return append(b, ']')
	}
	switch v.T {
	case fields.Int:
		return strconv.AppendInt(b, int64(v.V.N), 10)
	case fields.Uint:
		return strconv.AppendUint(b, v.V.N, 10)
	case fields.Bool:
		return strconv.AppendBool(b, v.V.N != 0)
	case fields.Double:
		x := math.Float64frombits(v.V.N)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return append(b, "null"...)
		}
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	}
	if v.T.Textual() {
		return appendString(b, v.V.S)
	}
	return appendString(b, v.Text())
}

func appendTags(b []byte, tags []string) []byte {
	sorted := append([]string(nil), tags...)
	sort.Strings(sorted)
	b = append(b, '[')
	for i, t := range sorted {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, []byte(t))
	}
	return append(b, ']')
}

// appendString writes s as a JSON string the way nlohmann::json does: only
// '"', '\\' and control characters are escaped (no HTML escaping); invalid
// UTF-8 becomes U+FFFD. Runs of plain ASCII are copied at once.
func appendString(b, s []byte) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, n := utf8.DecodeRune(s[i:]); r != utf8.RuneError || n != 1 {
				i += n
				continue
			}
		}
		b = append(b, s[start:i]...)
		switch {
		case c >= utf8.RuneSelf:
			b = append(b, "\ufffd"...)
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		default:
			b = appendControl(b, c)
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func appendControl(b []byte, c byte) []byte {
	switch c {
	case '\b':
		return append(b, `\b`...)
	case '\f':
		return append(b, `\f`...)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	}
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
}
