package kube

import (
	"fmt"
	"io"
)

// Bounds of what is read from the apiserver.
const (
	maxListBody  = 256 << 20 // one LIST page
	maxEventBody = 16 << 20  // one watch event (plus the decoder's read-ahead)
)

// boundedReader reads from r and fails with ErrTooLarge, instead of
// truncating, once more than n bytes were read since the last reset.
type boundedReader struct {
	r     io.Reader
	n     int64 // limit
	count int64 // bytes read since the last reset
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.count > b.n {
		return 0, fmt.Errorf("%w: over %d bytes", ErrTooLarge, b.n)
	}
	if rest := b.n + 1 - b.count; int64(len(p)) > rest {
		p = p[:rest]
	}
	k, err := b.r.Read(p)
	b.count += int64(k)
	return k, err
}

func (b *boundedReader) reset() { b.count = 0 }
