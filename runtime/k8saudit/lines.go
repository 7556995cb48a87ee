package k8saudit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// LineReader decodes a JSON Lines file of audit bodies (Falco's trace file
// format): one Event, EventList or array per line; blank lines are skipped.
type LineReader struct {
	d    *Decoder
	sc   *bufio.Scanner
	line int
	done bool
}

// Lines reads bodies from r, one per line.
func (d *Decoder) Lines(r io.Reader) *LineReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(64<<10, d.maxBody()+1)), d.maxBody()+1)
	return &LineReader{d: d, sc: sc}
}

// Line is the number of the last line read (1-based).
func (lr *LineReader) Line() int { return lr.line }

// Next decodes the next non-blank line. It returns io.EOF at the end. A line
// that does not decode gives a *LineError and reading may go on with the
// next line; any other error (I/O, a line over the body size limit) ends
// the stream. The events' Line is set to the line number.
func (lr *LineReader) Next() (*Batch, error) {
	for !lr.done && lr.sc.Scan() {
		lr.line++
		text := bytes.TrimSpace(lr.sc.Bytes())
		if len(text) == 0 {
			continue
		}
		b, err := lr.d.Decode(text)
		if err != nil {
			return nil, &LineError{Line: lr.line, Text: shorten(text), Err: err}
		}
		for i := range b.Events {
			b.Events[i].Line = lr.line
		}
		return b, nil
	}
	lr.done = true
	if err := lr.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d bytes", lr.d.maxBody())
		}
		return nil, fmt.Errorf("read audit events: line %d: %w", lr.line+1, err)
	}
	return nil, io.EOF
}

func shorten(b []byte) string {
	const max = 200
	if len(b) <= max {
		return string(b)
	}
	return string(b[:max]) + "…"
}
