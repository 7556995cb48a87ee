package alert

import (
	"math"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/aeriesec/aerie/guest/fields"
)

// json builds Falco's JSON alert with its keys in alphabetical order.
func (f *Formatter) json(rule int, ev fields.Event, ns int64, text, msg []byte, vals []resolved) []byte {
	r := &f.meta.Rules[rule]
	b := []byte(`{"hostname":`)
	b = appendString(b, []byte(f.opts.Hostname))
	if f.opts.IncludeMessage {
		b = appendString(append(b, `,"message":`...), msg)
	}
	if f.opts.IncludeOutput {
		b = appendString(append(b, `,"output":`...), text)
	}
	if f.opts.IncludeOutputFields {
		b = f.outputFields(append(b, `,"output_fields":`...), rule, ev, ns, vals)
	}
	b = appendString(append(b, `,"priority":`...), []byte(priorityName(r.Priority)))
	b = appendString(append(b, `,"rule":`...), []byte(r.Name))
	b = appendString(append(b, `,"source":`...), []byte(f.meta.Source))
	if f.opts.IncludeTags {
		b = appendTags(append(b, `,"tags":`...), r.Tags)
	}
	b = append(b, `,"time":"`...)
	b = time.Unix(0, ns).UTC().AppendFormat(b, "2006-01-02T15:04:05.000000000Z")
	return append(b, `"}`...)
}

// outputFields maps every plain field token of the template (and the plain
// fields inside transformer tokens) to its typed value, null when missing,
// plus the event time as integer nanoseconds.
func (f *Formatter) outputFields(b []byte, rule int, ev fields.Event, ns int64, vals []resolved) []byte {
	entries := map[string][]byte{}
	timeKey := "evt.time"
	if f.opts.ISO8601 {
		timeKey = "evt.time.iso8601"
	}
	entries[timeKey] = strconv.AppendInt(nil, ns, 10)
	for i, p := range f.rules[rule] {
		switch {
		case p.tok == nil:
		case p.tok.fn == "":
			entries[p.name] = jsonValue(vals[i])
		default:
			innerFields(p.tok, ev, entries)
		}
	}
	return appendObject(b, entries)
}

// innerFields adds the plain fields a transformer token reads, with their
// own values (Falco does not resolve transformed fields into output_fields).
func innerFields(t *token, ev fields.Event, entries map[string][]byte) {
	for _, a := range t.args {
		if a.fn != "" {
			innerFields(a, ev, entries)
			continue
		}
		v, ok := extract(a, ev)
		entries[a.ref.String()] = jsonValue(resolved{v, ok})
	}
}

func appendObject(b []byte, entries map[string][]byte) []byte {
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, []byte(k))
		b = append(b, ':')
		b = append(b, entries[k]...)
	}
	return append(b, '}')
}

// jsonValue is a resolved value as typed JSON.
func jsonValue(v resolved) []byte {
	if !v.ok {
		return []byte("null")
	}
	if v.List {
		b := []byte{'['}
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
		return strconv.AppendInt(nil, int64(v.V.N), 10)
	case fields.Uint:
		return strconv.AppendUint(nil, v.V.N, 10)
	case fields.Bool:
		return strconv.AppendBool(nil, v.V.N != 0)
	case fields.Double:
		x := math.Float64frombits(v.V.N)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return []byte("null")
		}
		return strconv.AppendFloat(nil, x, 'g', -1, 64)
	}
	return appendString(nil, v.Text())
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
// UTF-8 becomes U+FFFD.
func appendString(b, s []byte) []byte {
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
