package wasmhost

import (
	"errors"
	"fmt"
)

// Sentinel errors; every load error wraps one of them.
var (
	ErrTooLarge     = errors.New("module too large")
	ErrInvalid      = errors.New("invalid module")
	ErrImport       = errors.New("import not allowed")
	ErrExport       = errors.New("missing or wrong export")
	ErrMetadata     = errors.New("bad metadata")
	ErrUnknownField = errors.New("unknown field")
	ErrRegex        = errors.New("invalid regex")
	ErrClosed       = errors.New("module closed")
)

// BatchError reports events of a batch whose evaluation failed (a trap or
// the deadline): they were isolated by re-running the batch one event at a
// time, and their matches are missing. The matches of every other event are
// in the result.
type BatchError struct {
	Module string // module name
	Failed []int  // indexes into the batch
	Cause  error  // the first failure
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("module %s: evaluation failed for %d event(s) (first: event %d): %v",
		e.Module, len(e.Failed), e.Failed[0], e.Cause)
}

func (e *BatchError) Unwrap() error { return e.Cause }
