package main

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// The probe feed is a Prometheus collector: the kernel's per-CPU counters
// are read at scrape time. Register it with the daemon's registry
// (d.metrics.Registry.MustRegister(feed) when the feed implements
// prometheus.Collector).
var (
	probeRecordsDesc = prometheus.NewDesc("aerie_probe_records_total",
		"Records the eBPF probe emitted, by CPU (dropped ones included).", []string{"cpu"}, nil)
	probeDropsDesc = prometheus.NewDesc("aerie_probe_drops_total",
		"Records the eBPF probe dropped because the ring buffer was full, by CPU.", []string{"cpu"}, nil)
	probeTruncDesc = prometheus.NewDesc("aerie_probe_truncated_total",
		"Records the eBPF probe truncated to the maximum record size, by CPU.", []string{"cpu"}, nil)
	probeRejectedDesc = prometheus.NewDesc("aerie_syscall_events_rejected_total",
		"Syscall events the evaluation pipeline refused (queue full).", nil, nil)
)

func (f *probeFeed) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{probeRecordsDesc, probeDropsDesc, probeTruncDesc, probeRejectedDesc} {
		ch <- d
	}
}

func (f *probeFeed) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(probeRejectedDesc, prometheus.CounterValue, float64(f.rejected.Load()))
	c, err := f.live.Counters()
	if err != nil {
		return
	}
	for i, x := range c.PerCPU {
		cpu := strconv.Itoa(i)
		ch <- prometheus.MustNewConstMetric(probeRecordsDesc, prometheus.CounterValue, float64(x.Events), cpu)
		ch <- prometheus.MustNewConstMetric(probeDropsDesc, prometheus.CounterValue, float64(x.Drops), cpu)
		ch <- prometheus.MustNewConstMetric(probeTruncDesc, prometheus.CounterValue, float64(x.TooLarge), cpu)
	}
}

var _ prometheus.Collector = (*probeFeed)(nil)
