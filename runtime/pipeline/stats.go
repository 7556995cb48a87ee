package pipeline

import "sync/atomic"

type counters struct {
	received  atomic.Uint64
	evaluated atomic.Uint64
	rejected  atomic.Uint64
	failed    atomic.Uint64
	traps     atomic.Uint64
	matches   atomic.Uint64
	swaps     atomic.Uint64
}

// Stats are a pipeline's cumulative counters.
type Stats struct {
	Received  uint64 // events accepted into the queue
	Evaluated uint64 // events evaluated (Failed included)
	Rejected  uint64 // events refused by Submit (queue full or closed)
	Failed    uint64 // events whose evaluation trapped even when run alone
	Traps     uint64 // evaluator errors
	Matches   uint64 // matches emitted
	Swaps     uint64 // rule sets installed after the first
}

// Stats returns the counters so far.
func (p *Pipeline) Stats() Stats {
	s := &p.stats
	return Stats{
		Received: s.received.Load(), Evaluated: s.evaluated.Load(),
		Rejected: s.rejected.Load(), Failed: s.failed.Load(), Traps: s.traps.Load(),
		Matches: s.matches.Load(), Swaps: s.swaps.Load(),
	}
}
