// Package runtime hosts compiled rule modules in wazero and everything
// around evaluation: field extraction per source, alert formatting, outputs
// and hot swap.
//
// It may import guest/... and probes/...; never toolchain/ (a host needs no
// compiler) or server/.
package runtime

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

// Evaluator evaluates batches of events of one source against one rule set.
// Both engines implement it: the Wasm module host (runtime/wasmhost) and the
// reference interpreter (toolchain/interp). An Evaluator is not safe for
// concurrent use; pools hand one to each worker.
type Evaluator interface {
	// Metadata describes the rule set: source, rules, and the field table
	// the batch's events must be bound with.
	Metadata() *abi.Metadata
	// Eval evaluates the batch and appends the matches, in event order and,
	// within an event, rule order, to out.
	Eval(batch []fields.Event, out []abi.Match) ([]abi.Match, error)
	// SetOptions chooses which rules run and how matching stops; it takes
	// effect from the next Eval. The default is every rule whose metadata
	// says enabled, and first-match.
	SetOptions(o abi.Options)
}
