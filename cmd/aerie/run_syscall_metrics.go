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
	dnsLookupsDesc = prometheus.NewDesc("aerie_dns_lookups_total",
		"Resolutions of the host names rules compare domain-name fields with, by result (ok, failed).", []string{"result"}, nil)

	k8sPodsDesc = prometheus.NewDesc("aerie_k8s_pods",
		"Pods of this node whose metadata syscall events resolve to.", nil, nil)
	k8sContainersDesc = prometheus.NewDesc("aerie_k8s_containers",
		"Containers of this node's pods with a container id.", nil, nil)
	k8sSyncedDesc = prometheus.NewDesc("aerie_k8s_metadata_synced",
		"1 once the first list of this node's pods completed.", nil, nil)
	k8sRequestsDesc = prometheus.NewDesc("aerie_k8s_requests_total",
		"Requests to kube-apiserver for pod metadata, by kind (list, watch).", []string{"kind"}, nil)
	k8sWatchEventsDesc = prometheus.NewDesc("aerie_k8s_watch_events_total",
		"Pod watch events applied (bookmarks included).", nil, nil)
	k8sErrorsDesc = prometheus.NewDesc("aerie_k8s_errors_total",
		"Failed pod metadata requests, error statuses and malformed answers (each retried with backoff).", nil, nil)
	k8sRelistsDesc = prometheus.NewDesc("aerie_k8s_relists_total",
		"Full relists of this node's pods after the watch expired (410 Gone) or failed.", nil, nil)
	k8sMissesDesc = prometheus.NewDesc("aerie_k8s_metadata_misses_total",
		"Syscall events from a container whose pod was not known (k8s.* and container image fields missing).", nil, nil)
)

var k8sDescs = []*prometheus.Desc{k8sPodsDesc, k8sContainersDesc, k8sSyncedDesc, k8sRequestsDesc,
	k8sWatchEventsDesc, k8sErrorsDesc, k8sRelistsDesc, k8sMissesDesc}

func (f *probeFeed) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{probeRecordsDesc, probeDropsDesc, probeTruncDesc, probeRejectedDesc, dnsLookupsDesc} {
		ch <- d
	}
	for _, d := range k8sDescs {
		ch <- d
	}
}

func (f *probeFeed) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(probeRejectedDesc, prometheus.CounterValue, float64(f.rejected.Load()))
	ok, failed := f.live.NameStats()
	ch <- prometheus.MustNewConstMetric(dnsLookupsDesc, prometheus.CounterValue, float64(ok), "ok")
	ch <- prometheus.MustNewConstMetric(dnsLookupsDesc, prometheus.CounterValue, float64(failed), "failed")
	f.collectK8s(ch)
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

// collectK8s exports the pod metadata cache's state; nothing without one.
func (f *probeFeed) collectK8s(ch chan<- prometheus.Metric) {
	if f.kube == nil {
		return
	}
	st := f.kube.Stats()
	synced := 0.0
	if f.kube.Synced() {
		synced = 1
	}
	gauge, counter := prometheus.GaugeValue, prometheus.CounterValue
	ch <- prometheus.MustNewConstMetric(k8sPodsDesc, gauge, float64(st.Pods))
	ch <- prometheus.MustNewConstMetric(k8sContainersDesc, gauge, float64(st.Containers))
	ch <- prometheus.MustNewConstMetric(k8sSyncedDesc, gauge, synced)
	ch <- prometheus.MustNewConstMetric(k8sRequestsDesc, counter, float64(st.Lists), "list")
	ch <- prometheus.MustNewConstMetric(k8sRequestsDesc, counter, float64(st.Watches), "watch")
	ch <- prometheus.MustNewConstMetric(k8sWatchEventsDesc, counter, float64(st.WatchEvents))
	ch <- prometheus.MustNewConstMetric(k8sErrorsDesc, counter, float64(st.Errors))
	ch <- prometheus.MustNewConstMetric(k8sRelistsDesc, counter, float64(st.Relists))
	ch <- prometheus.MustNewConstMetric(k8sMissesDesc, counter, float64(f.live.MetaMisses()))
}
