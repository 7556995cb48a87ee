package pipeline

import "errors"

var (
	// ErrQueueFull is returned by Submit when the queue cannot take the
	// whole chunk; the caller should ask its client to retry later.
	ErrQueueFull = errors.New("event queue full")
	// ErrClosed is returned by Submit once Close has begun.
	ErrClosed = errors.New("pipeline closed")
	// errForeignPool marks a pool built by another pipeline.
	errForeignPool = errors.New("pool built for another pipeline")
)
