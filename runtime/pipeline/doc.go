// Package pipeline moves decoded events of one source from a bounded queue
// to a pool of evaluators (one per worker: evaluators are not goroutine-safe),
// evaluates them in batches, and hands every match to an emitter. A source's
// rule set is hot-swapped by building and validating a new pool first,
// switching an atomic pointer, and draining the old pool, so each queued
// chunk of events is evaluated by exactly one pool. Nothing is dropped
// silently: rejected submissions and trapped events are counted.
//
// It may import runtime (the Evaluator contract) and guest/...; never
// toolchain/ or server/.
package pipeline
