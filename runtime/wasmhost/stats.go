package wasmhost

import "sync/atomic"

// Stats counts a module's evaluations and contained failures; the server
// exports them as metrics. Safe for concurrent use.
type Stats struct {
	Batches      atomic.Uint64 // eval_batch calls that returned normally
	Events       atomic.Uint64 // events evaluated successfully
	Traps        atomic.Uint64 // calls that trapped
	DeadlineHits atomic.Uint64 // calls stopped by the deadline
	FailedEvents atomic.Uint64 // events whose evaluation failed after isolation
	Instances    atomic.Uint64 // instances created (including re-creations)
}

// Snapshot is a copy of Stats at one moment.
type Snapshot struct {
	Batches, Events, Traps, DeadlineHits, FailedEvents, Instances uint64
}

// Snapshot reads every counter.
func (s *Stats) Snapshot() Snapshot {
	return Snapshot{
		Batches: s.Batches.Load(), Events: s.Events.Load(), Traps: s.Traps.Load(),
		DeadlineHits: s.DeadlineHits.Load(), FailedEvents: s.FailedEvents.Load(),
		Instances: s.Instances.Load(),
	}
}
