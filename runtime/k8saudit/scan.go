package k8saudit

import (
	"bytes"
	"fmt"
)

// scanner makes one pass over a body before fastjson parses it. It bounds
// the nesting depth (so hostile bodies fail with a clear error rather than
// deep recursion) and measures the raw size of every object that may be an
// event: the body itself, elements of a top-level array, and elements of the
// "items" array of those. Spans are recorded in document order, which is the
// order the decoder visits candidates in.
//
// It only tracks structure: it skips strings and scalars without validating
// them (fastjson does that), and it never fails on anything but depth.
type scanner struct {
	b        []byte
	i        int
	maxDepth int
	spans    []span
	// escapedKey is set when a candidate object has a key with a backslash
	// escape: "items" could then hide behind an escape, so the decoder must
	// not trust the span order and measures events itself.
	escapedKey bool
}

// span is one candidate object: its raw size and how many candidates it
// contains (the elements of its items array and theirs).
type span struct {
	size   int
	nested int
}

type scanMode uint8

const (
	modePlain     scanMode = iota
	modeTop                // the whole body
	modeCandidate          // an element of an array of events
	modeItems              // the value of a candidate's "items" key
)

func (s *scanner) reset(b []byte, maxDepth int) {
	s.b, s.i, s.maxDepth, s.spans, s.escapedKey = b, 0, maxDepth, s.spans[:0], false
}

func (s *scanner) scan() error {
	s.ws()
	return s.value(0, modeTop)
}

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) value(depth int, mode scanMode) error {
	if s.i >= len(s.b) {
		return nil
	}
	switch s.b[s.i] {
	case '{':
		return s.object(depth+1, mode)
	case '[':
		return s.array(depth+1, mode)
	case '"':
		s.str()
	default:
		s.scalar()
	}
	return nil
}

func (s *scanner) checkDepth(depth int) error {
	if depth > s.maxDepth {
		return fmt.Errorf("%w: more than %d levels at byte %d", ErrTooDeep, s.maxDepth, s.i)
	}
	return nil
}

func (s *scanner) object(depth int, mode scanMode) error {
	if err := s.checkDepth(depth); err != nil {
		return err
	}
	candidate := mode == modeTop || mode == modeCandidate
	start, k := s.i, len(s.spans)
	if candidate {
		s.spans = append(s.spans, span{})
	}
	s.i++ // {
	itemsSeen := false
	for {
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] == '}' {
			break
		}
		if s.b[s.i] == ',' {
			s.i++
			continue
		}
		keyStart := s.i
		s.str()
		key := s.b[keyStart:s.i]
		s.ws()
		if s.i < len(s.b) && s.b[s.i] == ':' {
			s.i++
		}
		s.ws()
		child := modePlain
		if candidate {
			if bytes.IndexByte(key, '\\') >= 0 {
				s.escapedKey = true
			}
			if !itemsSeen && string(key) == `"items"` {
				itemsSeen, child = true, modeItems
			}
		}
		if err := s.value(depth, child); err != nil {
			return err
		}
	}
	if s.i < len(s.b) {
		s.i++ // }
	}
	if candidate {
		s.spans[k] = span{size: s.i - start, nested: len(s.spans) - k - 1}
	}
	return nil
}

func (s *scanner) array(depth int, mode scanMode) error {
	if err := s.checkDepth(depth); err != nil {
		return err
	}
	child := modePlain
	if mode == modeTop || mode == modeItems {
		child = modeCandidate
	}
	s.i++ // [
	for {
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] == ']' {
			break
		}
		if s.b[s.i] == ',' {
			s.i++
			continue
		}
		before := s.i
		if err := s.value(depth, child); err != nil {
			return err
		}
		if s.i == before { // not a value we know: step over it
			s.i++
		}
	}
	if s.i < len(s.b) {
		s.i++ // ]
	}
	return nil
}

// str skips a string starting at its opening quote (or anything else up to
// the next structural character, if it is not a string).
func (s *scanner) str() {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		s.scalar()
		return
	}
	s.i++
	for {
		j := bytes.IndexByte(s.b[s.i:], '"')
		if j < 0 {
			s.i = len(s.b)
			return
		}
		s.i += j + 1
		if !escapedQuote(s.b, s.i-1) {
			return
		}
	}
}

// escapedQuote reports whether the quote at b[q] is escaped: preceded by an
// odd number of backslashes.
func escapedQuote(b []byte, q int) bool {
	n := 0
	for q-1-n >= 0 && b[q-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

// scalar skips a number or literal: up to the next structural character.
func (s *scanner) scalar() {
	start := s.i
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ',', '}', ']', ':', ' ', '\t', '\n', '\r', '{', '[', '"':
			if s.i == start && (s.b[s.i] == ':' || s.b[s.i] == '}' || s.b[s.i] == ']') {
				s.i++ // stray structural character: consume it so scanning moves on
			}
			return
		}
		s.i++
	}
}
