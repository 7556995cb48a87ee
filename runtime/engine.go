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

// Match says that rule Rule (an index into the evaluator's Metadata().Rules)
// matched event Event (an index into the evaluated batch).
type Match struct {
	Event int
	Rule  int
}

// Evaluator evaluates batches of events of one source against one rule set.
// Both engines implement it: the Wasm module host and the reference
// interpreter. An Evaluator is not safe for concurrent use; pools hand one
// to each worker.
type Evaluator interface {
	// Metadata describes the rule set: source, rules, the field table the
	// events are bound with.
	Metadata() *abi.Metadata
	// Eval evaluates the batch and appends the matches, in event order and,
	// within an event, rule order, to out.
	Eval(batch []fields.Event, out []Match) ([]Match, error)
	// SetOptions chooses which rules run and how matching stops; it takes
	// effect from the next Eval. The default is every rule whose metadata
	// says enabled, and first-match.
	SetOptions(o Options)
}

// Options are the host's evaluation choices (falco.yaml's rule selection and
// rule_matching), applied without recompiling.
type Options struct {
	Enabled  []bool // indexed like Metadata().Rules; nil keeps the metadata's enabled flags
	MatchAll bool   // rule_matching: all (default first)
}
