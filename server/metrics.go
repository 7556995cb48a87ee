package server

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/aeriesec/aerie/runtime/output"
	"github.com/aeriesec/aerie/runtime/pipeline"
)

// Metrics is the daemon's Prometheus registry and the instruments the
// evaluation path updates directly.
type Metrics struct {
	Registry *prometheus.Registry
	alerts   *prometheus.CounterVec
	batch    *prometheus.HistogramVec
	latency  *prometheus.HistogramVec
	requests *prometheus.CounterVec
	module   *prometheus.GaugeVec
	panics   prometheus.Counter
	reloads  *prometheus.CounterVec
}

// NewMetrics registers Aerie's metrics and the Go runtime collectors.
// pipes and outs are read at scrape time.
func NewMetrics(pipes func() map[string]*pipeline.Pipeline, outs func() []*output.Output) *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		alerts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "aerie_alerts_total",
			Help: "Alerts raised, by rule and priority."}, []string{"rule", "priority", "source"}),
		batch: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "aerie_batch_duration_seconds",
			Help:    "Time to evaluate one batch of events, field extraction and alert formatting included.",
			Buckets: prometheus.ExponentialBuckets(5e-6, 2.5, 14)}, []string{"source"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "aerie_alert_latency_seconds",
			Help:    "Time from receiving an event's request to handing its alert to the outputs.",
			Buckets: prometheus.ExponentialBuckets(1e-4, 2.5, 12)}, []string{"source"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "aerie_webhook_requests_total",
			Help: "Audit webhook requests, by HTTP status code."}, []string{"code"}),
		module: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "aerie_module_info",
			Help: "The active rule module of each source (value 1)."}, []string{"source", "sha256", "rules", "origin"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{Name: "aerie_panics_total",
			Help: "Panics recovered in HTTP handlers."}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "aerie_reloads_total",
			Help: "Configuration reloads (SIGHUP), by result."}, []string{"result"}),
	}
	m.Registry.MustRegister(m.alerts, m.batch, m.latency, m.requests, m.module, m.panics, m.reloads,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&pipeCollector{pipes: pipes}, &outputCollector{outs: outs})
	return m
}

// Alert counts one alert and observes its receipt-to-alert latency.
func (m *Metrics) Alert(rule, priority, source string, received time.Time) {
	m.alerts.WithLabelValues(rule, priority, source).Inc()
	if !received.IsZero() {
		m.latency.WithLabelValues(source).Observe(time.Since(received).Seconds())
	}
}

// Batch observes one evaluated batch (a pipeline hook).
func (m *Metrics) Batch(source string, _ int, d time.Duration) {
	m.batch.WithLabelValues(source).Observe(d.Seconds())
}

// Reload counts a reload attempt.
func (m *Metrics) Reload(ok bool) {
	r := "success"
	if !ok {
		r = "failure"
	}
	m.reloads.WithLabelValues(r).Inc()
}

// Module records the active module of a source.
func (m *Metrics) Module(i ModuleInfo) {
	m.module.DeletePartialMatch(prometheus.Labels{"source": i.Source})
	m.module.WithLabelValues(i.Source, i.SHA256, strconv.Itoa(i.Rules), i.Origin).Set(1)
}

func (m *Metrics) webhook(code int) {
	m.requests.WithLabelValues(strconv.Itoa(code)).Inc()
}

var (
	descReceived  = prometheus.NewDesc("aerie_events_received_total", "Events accepted into the evaluation queue.", []string{"source"}, nil)
	descEvaluated = prometheus.NewDesc("aerie_events_evaluated_total", "Events evaluated.", []string{"source"}, nil)
	descDropped   = prometheus.NewDesc("aerie_events_dropped_total", "Events not evaluated: refused (queue full or shutting down; the sender was told to retry) or failed in the module.", []string{"source", "reason"}, nil)
	descTraps     = prometheus.NewDesc("aerie_traps_total", "Evaluator errors (traps, deadlines) contained.", []string{"source"}, nil)
	descQueue     = prometheus.NewDesc("aerie_queue_depth", "Events queued or in evaluation.", []string{"source"}, nil)
	descSwaps     = prometheus.NewDesc("aerie_module_swaps_total", "Rule modules swapped in after start.", []string{"source"}, nil)
	descOutDepth  = prometheus.NewDesc("aerie_output_queue_depth", "Alerts waiting in an output's queue.", []string{"output"}, nil)
	descOutDrops  = prometheus.NewDesc("aerie_output_dropped_total", "Alerts dropped because an output's queue was full.", []string{"output"}, nil)
	descOutErrors = prometheus.NewDesc("aerie_output_errors_total", "Alerts an output failed to deliver after its retries.", []string{"output"}, nil)
	descOutSent   = prometheus.NewDesc("aerie_output_sent_total", "Alerts an output delivered.", []string{"output"}, nil)
)

type pipeCollector struct {
	pipes func() map[string]*pipeline.Pipeline
}

func (c *pipeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descReceived, descEvaluated, descDropped, descTraps, descQueue, descSwaps} {
		ch <- d
	}
}

func (c *pipeCollector) Collect(ch chan<- prometheus.Metric) {
	cnt := func(d *prometheus.Desc, v uint64, l ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), l...)
	}
	for src, p := range c.pipes() {
		s := p.Stats()
		cnt(descReceived, s.Received, src)
		cnt(descEvaluated, s.Evaluated, src)
		cnt(descDropped, s.Rejected, src, "refused")
		cnt(descDropped, s.Failed, src, "evaluation_failed")
		cnt(descTraps, s.Traps, src)
		cnt(descSwaps, s.Swaps, src)
		ch <- prometheus.MustNewConstMetric(descQueue, prometheus.GaugeValue, float64(p.Depth()), src)
	}
}

type outputCollector struct {
	outs func() []*output.Output
}

func (c *outputCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descOutDepth, descOutDrops, descOutErrors, descOutSent} {
		ch <- d
	}
}

func (c *outputCollector) Collect(ch chan<- prometheus.Metric) {
	for _, o := range c.outs() {
		n := o.Name()
		ch <- prometheus.MustNewConstMetric(descOutDepth, prometheus.GaugeValue, float64(o.Depth()), n)
		ch <- prometheus.MustNewConstMetric(descOutDrops, prometheus.CounterValue, float64(o.Drops()), n)
		ch <- prometheus.MustNewConstMetric(descOutErrors, prometheus.CounterValue, float64(o.Errors()), n)
		ch <- prometheus.MustNewConstMetric(descOutSent, prometheus.CounterValue, float64(o.Sent()), n)
	}
}
