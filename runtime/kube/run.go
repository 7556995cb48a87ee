package kube

import (
	"context"
	"math/rand/v2"
	"time"
)

// Run lists the node's pods, then watches them, until ctx is done, and
// returns ctx.Err(). It never returns on apiserver errors: it counts them,
// backs off and retries (relisting when its resourceVersion expired or the
// stream was malformed, since it may have missed changes).
func (c *Cache) Run(ctx context.Context) error {
	b := backoff{min: c.cfg.MinBackoff, max: c.cfg.MaxBackoff}
	rv := ""
	for ctx.Err() == nil {
		if rv == "" {
			var err error
			if rv, err = c.list(ctx); err != nil {
				c.retry(ctx, err, &b)
				continue
			}
			b.reset()
			continue
		}
		res := c.watch(ctx, rv)
		rv = res.rv
		switch {
		case res.err != nil:
			c.retry(ctx, res.err, &b)
		case res.events > 0:
			b.reset()
		case rv != "":
			// An empty clean end: pause, so a server that keeps closing
			// watches at once is not hammered.
			sleep(ctx, jitter(c.cfg.MinBackoff))
		}
	}
	return ctx.Err()
}

// retry counts err, unless ctx ended, and waits the next backoff.
func (c *Cache) retry(ctx context.Context, err error, b *backoff) {
	if ctx.Err() != nil {
		return
	}
	c.fail(err)
	sleep(ctx, b.next())
}

// backoff is an exponential delay between min and max.
type backoff struct {
	min, max, cur time.Duration
}

func (b *backoff) next() time.Duration {
	if b.cur == 0 {
		b.cur = b.min
	} else {
		b.cur = min(2*b.cur, b.max)
	}
	return jitter(b.cur)
}

func (b *backoff) reset() { b.cur = 0 }

// jitter returns a random duration in [d/2, d].
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d/2+1)
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
