package probes

import "fmt"

// Counters are the probe's own counts, summed over CPUs.
type Counters struct {
	Events   uint64 // records the probe tried to emit
	Drops    uint64 // records lost because the ring buffer was full
	TooLarge uint64 // records truncated to the maximum record size
	PerCPU   []Counters
}

// Counters reads the per-CPU counters.
func (p *Probe) Counters() (Counters, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return Counters{}, ErrClosed
	}
	var per []probeCounters
	if err := p.objs.DropCounters.Lookup(uint32(0), &per); err != nil {
		return Counters{}, fmt.Errorf("read drop counters: %w", err)
	}
	var c Counters
	for _, x := range per {
		c.Events += x.Events
		c.Drops += x.Drops
		c.TooLarge += x.Toolarge
		c.PerCPU = append(c.PerCPU, Counters{Events: x.Events, Drops: x.Drops, TooLarge: x.Toolarge})
	}
	return c, nil
}
