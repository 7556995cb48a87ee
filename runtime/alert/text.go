package alert

import (
	"time"

	"github.com/aeriesec/aerie/guest/match"
)

// message renders the template into b: values in display form, <NA> when
// missing, each padded or truncated to its width.
func message(b []byte, parts []part, vals []resolved) []byte {
	for i, p := range parts {
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

// textLine appends "<time>: <Priority> <message>".
func (f *Formatter) textLine(b []byte, rf *ruleFormat, ns int64, msg []byte) []byte {
	if f.opts.ISO8601 {
		b = appendUTC(b, ns, "2006-01-02T15:04:05.000000000+0000", "+0000")
	} else {
		b = appendLocalClock(b, ns)
	}
	b = append(b, rf.level...)
	return append(b, msg...)
}

// appendUTC appends ns as layout (a date, T, a clock with nanoseconds and
// then suffix) in UTC, by hand for four-digit years.
func appendUTC(b []byte, ns int64, layout, suffix string) []byte {
	t := time.Unix(0, ns).UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, layout)
	}
	b = append4(b, year)
	b = append(b, '-')
	b = append2(b, int(month))
	b = append(b, '-')
	b = append2(b, day)
	b = append(b, 'T')
	b = appendClock(b, t)
	return append(b, suffix...)
}

// appendLocalClock appends ns as 15:04:05.000000000 in local time.
func appendLocalClock(b []byte, ns int64) []byte {
	return appendClock(b, time.Unix(0, ns).Local())
}

func appendClock(b []byte, t time.Time) []byte {
	h, m, s := t.Clock()
	b = append2(b, h)
	b = append(b, ':')
	b = append2(b, m)
	b = append(b, ':')
	b = append2(b, s)
	b = append(b, '.')
	n := t.Nanosecond()
	var d [9]byte
	for i := 8; i >= 0; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, d[:]...)
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

func append4(b []byte, n int) []byte {
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}
