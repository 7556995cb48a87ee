package wasmhost

import (
	"errors"
	"fmt"

	"github.com/aeriesec/aerie/runtime/wasmhost/internal/callgraph"
)

// Sentinel errors; every load error wraps one of them.
var (
	ErrTooLarge = errors.New("module too large")
	ErrInvalid  = callgraph.ErrInvalid // "invalid module"
	ErrImport   = callgraph.ErrImport  // "import not allowed"
	// ErrSection: a section Aerie never emits (table, start, element...).
	ErrSection = callgraph.ErrSection
	// ErrInstruction: an instruction, block or value type outside the
	// subset Aerie emits (call_indirect, SIMD, atomics, reference types...).
	ErrInstruction = callgraph.ErrInstruction
	// ErrLimit: too many functions or locals, a function body too large, or
	// a chain of calls that may need too much stack.
	ErrLimit = callgraph.ErrLimit
	// ErrRecursion: a function calls itself, directly or through others.
	ErrRecursion = callgraph.ErrRecursion

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
