package load

import (
	"bytes"
	"context"
	"flag"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/output"
	"github.com/aeriesec/aerie/runtime/pipeline"
	"github.com/aeriesec/aerie/server"
)

var (
	events  = flag.Int("load.events", 0, "events to send per phase (0 skips the load test); a multiple of load.batch")
	batch   = flag.Int("load.batch", 400, "events per request (the apiserver's batch size)")
	clients = flag.Int("load.clients", 4, "concurrent clients")
	paced   = flag.Int("load.rate", 4000, "events/s of the paced phase: below saturation (one apiserver sends at most ~4k/s)")
	pacedN  = flag.Int("load.paced-events", 40000, "events of the paced phase")
	mix     = flag.String("load.mix", "corpus", "events: corpus (Falco's k8s audit test events: alert-dense), realistic (benign apiserver traffic with 3% corpus events) or benign (controller and node traffic only)")
)

// harness is the server, pipeline and accounting of one load run.
type harness struct {
	url     string
	srv     *server.Server
	mods    *server.Modules
	out     *output.Output
	seen    []atomic.Int32 // alerts of the counting rule per event id
	lat     []int64        // receipt-to-alert latency per event, ns
	alerts  atomic.Int64
	retries atomic.Int64
}

func newHarness(t *testing.T, n int) *harness {
	h := &harness{seen: make([]atomic.Int32, n), lat: make([]int64, n), out: output.Stdout(io.Discard, output.Options{JSON: true})}
	defaults := map[string][]byte{fields.SourceK8sAudit: compileDefaults(t)}
	h.mods = server.NewModules(wasmLoader{}, "", defaults, t.Logf)
	m := server.NewMetrics(h.mods.Pipelines, func() []*output.Output { return []*output.Output{h.out} })
	h.mods.OnChange(m.Module)
	all := pipeline.Selection{MinPriority: 7, MatchAll: true}
	_, err := h.mods.Start(context.Background(), fields.SourceK8sAudit, pipeline.Config{Source: fields.SourceK8sAudit,
		Bind: h.binder(server.K8sBinder(jsonOptions, h.emit)), Options: func(md *abi.Metadata) abi.Options { return all.Options(md) },
		Hooks: pipeline.Hooks{Batch: m.Batch}})
	if err != nil {
		t.Fatal(err)
	}
	h.srv = server.New(server.Config{Addr: "127.0.0.1:0", Logf: t.Logf}, h.mods, m)
	addr, err := h.srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	h.url = "http://" + addr.(*net.TCPAddr).String()
	go h.srv.Serve()
	return h
}

// jsonOptions are Falco's defaults for the one output of the harness, which
// writes JSON: only the JSON form is built, as aerie run does.
func jsonOptions() alert.Options {
	o := alert.DefaultOptions()
	o.Forms = alert.FormJSON
	return o
}

// binder wraps aerie's k8s_audit binder: matches of the counting rule are
// counted per event and timed (not formatted: production has no such
// rule); every other match is formatted and output as aerie run does.
func (h *harness) binder(inner pipeline.Binder) pipeline.Binder {
	return func(m *abi.Metadata) (pipeline.Binding, error) {
		b, err := inner(m)
		if err != nil {
			return b, err
		}
		emit := b.Emit
		b.Emit = func(mt pipeline.Match) {
			if m.Rules[mt.Rule].Name == "Load Counter" {
				h.count(mt)
				return
			}
			emit(mt)
		}
		return b, nil
	}
}

func (h *harness) count(mt pipeline.Match) {
	id, err := strconv.Atoi(string(mt.Item.(*k8saudit.Event).Value().GetStringBytes("auditID")))
	if err != nil || id >= len(h.seen) {
		panic("load: unexpected audit ID in a counted event")
	}
	h.lat[id] = int64(time.Since(mt.Received))
	h.seen[id].Add(1)
}

// emit outputs the alerts of the real rules, as aerie run does.
func (h *harness) emit(a *alert.Alert, _ time.Time) {
	h.alerts.Add(1)
	h.out.Send(&output.Alert{Rule: a.Rule, Priority: a.Priority, Text: a.Text, JSON: a.JSON})
}

// send posts n events in batches from the clients; pace > 0 spreads the
// batches evenly at that many events/s in total.
func (h *harness) send(t *testing.T, tp *template, n, pace int) time.Duration {
	var next atomic.Int64
	var wg sync.WaitGroup
	begin := time.Now()
	for range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
			var buf []byte
			for {
				k := int(next.Add(1)) - 1
				first := k * *batch
				if first >= n {
					return
				}
				if pace > 0 {
					due := begin.Add(time.Duration(float64(first) / float64(pace) * float64(time.Second)))
					time.Sleep(time.Until(due)) // pacing the client, not synchronisation
				}
				buf = tp.batch(buf, first)
				h.post(t, c, buf)
			}
		}()
	}
	wg.Wait()
	return time.Since(begin)
}

func (h *harness) post(t *testing.T, c *http.Client, body []byte) {
	for {
		resp, err := c.Post(h.url+"/k8s-audit?timeout=30s", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Errorf("post: %v", err)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 {
			return
		}
		if resp.StatusCode != 429 && resp.StatusCode != 503 {
			t.Errorf("post: status %d", resp.StatusCode)
			return
		}
		h.retries.Add(1)
		time.Sleep(20 * time.Millisecond) // client backoff (client-go sleeps Retry-After)
	}
}

// wait returns once every event's counter alert arrived, and the time it
// took from the start.
func (h *harness) wait(t *testing.T, n int) {
	p := h.mods.Pipelines()[fields.SourceK8sAudit]
	for end := time.Now().Add(5 * time.Minute); p.Stats().Evaluated < uint64(n); time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("only %d of %d events evaluated", p.Stats().Evaluated, n)
		}
	}
}

func (h *harness) close() {
	h.srv.Shutdown(context.Background())
	for _, p := range h.mods.Pipelines() {
		p.Close(context.Background())
	}
	h.out.Close(context.Background())
}

// TestLoad sends -load.events events twice: as fast as the clients can
// (saturation), then paced at -load.rate. Every event must be evaluated
// and counted exactly once; throughput and latency are reported.
func TestLoad(t *testing.T) {
	if *events == 0 {
		t.Skip("load harness: run with -load.events=200000")
	}
	n := *events / *batch * *batch
	tp := newTemplate(t, *batch, *mix)
	for _, phase := range []struct {
		name string
		pace int
		n    int
	}{{"saturation", 0, n}, {"paced", *paced, *pacedN / *batch * *batch}} {
		t.Run(phase.name, func(t *testing.T) {
			n := phase.n
			h := newHarness(t, n)
			defer h.close()
			cpu0, begin := cpuTime(), time.Now()
			h.send(t, tp, n, phase.pace)
			h.wait(t, n)
			total, cpu := time.Since(begin), cpuTime()-cpu0
			for id := range n {
				if c := h.seen[id].Load(); c != 1 {
					t.Fatalf("event %d counted %d times", id, c)
				}
			}
			st := h.mods.Pipelines()[fields.SourceK8sAudit].Stats()
			if st.Received != uint64(n) || st.Evaluated != uint64(n) || st.Failed != 0 {
				t.Fatalf("stats %+v for %d events", st, n)
			}
			lat := slices.Clone(h.lat)
			slices.Sort(lat)
			q := func(f float64) time.Duration { return time.Duration(lat[int(f*float64(len(lat)-1))]) }
			t.Logf("%s, %s events: %d events (%d-event batches, %d clients) in %v: %.0f events/s; receipt-to-alert p50 %v p99 %v max %v; %d alerts of the default rules; %d retries after 429/503; CPU %v (clients included): %.0f events per CPU-second",
				phase.name, *mix, n, *batch, *clients, total.Round(time.Millisecond), float64(n)/total.Seconds(),
				q(0.50).Round(time.Microsecond), q(0.99).Round(time.Microsecond), q(1).Round(time.Microsecond), h.alerts.Load(), h.retries.Load(),
				cpu.Round(time.Millisecond), float64(n)/cpu.Seconds())
		})
	}
}

// cpuTime is the process's user+system CPU time: the machine is shared,
// so events per CPU-second is the comparable figure.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
