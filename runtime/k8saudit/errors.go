package k8saudit

import (
	"errors"
	"fmt"
)

// ErrNotAuditEvent is the error for JSON that is not an audit Event, an
// EventList, or an array of them. Its text is Falco's.
//
//lint:ignore ST1005 the text is Falco's, which users and tests grep for
var ErrNotAuditEvent = errors.New("Data not recognized as a k8s audit event")

var (
	// ErrNoStageTimestamp: an event lacks a stageTimestamp string.
	ErrNoStageTimestamp = errors.New("event has no stageTimestamp")
	// ErrBadStageTimestamp: an event's stageTimestamp is not RFC 3339.
	ErrBadStageTimestamp = errors.New("event has an unparseable stageTimestamp")
	// ErrTooDeep: the body nests objects and arrays deeper than allowed.
	ErrTooDeep = errors.New("JSON nested too deep")
	// ErrEventTooLarge: one event's JSON is larger than allowed.
	ErrEventTooLarge = errors.New("event too large")
	// ErrBadJSON: the body is not valid JSON.
	ErrBadJSON = errors.New("could not parse data")
)

// ItemError is an error about one event of a body: Index counts the events
// (and would-be events) of the body from 0, in document order.
type ItemError struct {
	Index int
	Err   error
}

func (e *ItemError) Error() string { return fmt.Sprintf("event %d: %v", e.Index, e.Err) }

func (e *ItemError) Unwrap() error { return e.Err }

// LineError is an error about one line of a JSON Lines file. Line counts
// from 1; Text is the line, shortened to 200 bytes.
type LineError struct {
	Line int
	Text string
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }
