package deploy

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
)

// scrape is the /metrics text of a real `aerie run` after it evaluated the
// example audit event (an alert, a batch, a webhook answer) and reloaded
// once (SIGHUP), so every labelled family has a series.
var scrape struct {
	once sync.Once
	ex   exported
	text string
}

func exportedMetrics(t *testing.T) exported {
	t.Helper()
	scrape.once.Do(func() { scrape.text = scrapeDaemon(t); scrape.ex = parseExposition(scrape.text) })
	if scrape.ex == nil {
		t.Fatal("no metrics scraped (see the first test's failure)")
	}
	if !withProbe() {
		// Without privileges the probe's families cannot be scraped; CI
		// (root, AERIE_REQUIRE_PRIVILEGED=1) checks them for real.
		t.Log("not root: the eBPF probe's metric families are assumed, not scraped")
		for _, name := range []string{"aerie_probe_records_total", "aerie_probe_drops_total", "aerie_probe_truncated_total"} {
			scrape.ex[name] = map[string]bool{"cpu": true}
		}
		scrape.ex["aerie_syscall_events_rejected_total"] = map[string]bool{}
		scrape.ex["aerie_dns_lookups_total"] = map[string]bool{"result": true}
		for _, name := range []string{"aerie_k8s_metadata_synced", "aerie_k8s_pods", "aerie_k8s_containers",
			"aerie_k8s_watch_events_total", "aerie_k8s_errors_total", "aerie_k8s_relists_total", "aerie_k8s_metadata_misses_total"} {
			scrape.ex[name] = map[string]bool{}
		}
		scrape.ex["aerie_k8s_requests_total"] = map[string]bool{"kind": true}
	}
	return scrape.ex
}

// withProbe reports whether the scraped daemon runs the syscall source.
func withProbe() bool {
	return os.Geteuid() == 0 || os.Getenv("AERIE_REQUIRE_PRIVILEGED") == "1"
}

func scrapeDaemon(t *testing.T) string {
	args := []string{"run", "--listen=127.0.0.1:0", "--state-dir=" + t.TempDir()}
	if !withProbe() {
		args = append(args, "--no-syscall")
	} else {
		// pod metadata on, from a fake apiserver, so its families are scraped
		api := testenv.NodePods(t, "node-a")
		args = append(args, "--k8s-metadata=on", "--k8s-api-server="+api.URL, "--node-name=node-a")
	}
	d := startDaemon(t, nil, args...)
	event, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "deploy", "examples", "exec-into-pod.json"))
	if err != nil {
		t.Fatal(err)
	}
	if code := post(t, d.client, d.base+"/k8s-audit", "", event); code != http.StatusOK {
		t.Fatalf("POST /k8s-audit: %d", code)
	}
	if err := d.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	var text string
	poll(t, "an alert, a batch and a reload in /metrics", func() bool {
		text = get(t, d, "/metrics")
		return strings.Contains(text, "aerie_alerts_total{") && strings.Contains(text, "aerie_batch_duration_seconds_count{") &&
			strings.Contains(text, "aerie_reloads_total{") && (!withProbe() || strings.Contains(text, "aerie_probe_records_total{"))
	})
	return text
}

func get(t *testing.T, d *daemon, path string) string {
	t.Helper()
	resp, err := d.client.Get(d.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The checker itself: misspelt metrics and labels fail, correct ones pass.
func TestQueryCheckerCatchesTypos(t *testing.T) {
	ex := exported{"aerie_alerts_total": {"rule": true, "priority": true, "source": true},
		"aerie_batch_duration_seconds_bucket": {"source": true, "le": true}}
	for q, bad := range map[string]bool{
		`sum by (rule) (rate(aerie_alerts_total{namespace="x"}[5m]))`:                                   false,
		`histogram_quantile(0.99, sum by (le, source) (rate(aerie_batch_duration_seconds_bucket[5m])))`: false,
		`sum(rate(aerie_alert_total[5m]))`:                                                              true,
		`sum by (rulez) (rate(aerie_alerts_total[5m]))`:                                                 true,
		`rate(aerie_alerts_total{prio="Warning"}[5m])`:                                                  true,
		`rate(aerie_alerts_total{source="k8s_audit"[5m])`:                                               true,
	} {
		if errs := checkQuery(q, ex); (len(errs) > 0) != bad {
			t.Errorf("%s: errors %v, want bad=%v", q, errs, bad)
		}
	}
}

// grafanaDashboard is the part of Grafana's dashboard model the test reads.
type grafanaDashboard struct {
	Title      string `json:"title"`
	UID        string `json:"uid"`
	Templating struct {
		List []struct {
			Name  string `json:"name"`
			Type  string `json:"type"`
			Query any    `json:"query"`
		} `json:"list"`
	} `json:"templating"`
	Panels []struct {
		ID      int                      `json:"id"`
		Type    string                   `json:"type"`
		Title   string                   `json:"title"`
		GridPos struct{ H, W, X, Y int } `json:"gridPos"`
		Targets []struct {
			Expr  string `json:"expr"`
			RefID string `json:"refId"`
		} `json:"targets"`
	} `json:"panels"`
}

func readDashboard(t *testing.T) grafanaDashboard {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "deploy", "monitoring", "grafana-dashboard.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d grafanaDashboard
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("grafana-dashboard.json: %v", err)
	}
	return d
}

var labelValues = regexp.MustCompile(`^label_values\((.+),\s*([a-zA-Z_]+)\)$`)

// Every query of the dashboard (panels and variables) uses metrics and
// labels the server exports, panels have unique ids and do not overlap.
func TestDashboardQueriesUseExportedMetrics(t *testing.T) {
	d := readDashboard(t)
	ex := exportedMetrics(t)
	if d.UID == "" || d.Title == "" || len(d.Panels) == 0 {
		t.Fatal("dashboard: want a uid, a title and panels")
	}
	ids := map[int]bool{}
	for i, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel %q: duplicate id %d", p.Title, p.ID)
		}
		ids[p.ID] = true
		for _, q := range d.Panels[:i] {
			if overlap(p.GridPos, q.GridPos) {
				t.Errorf("panels %q and %q overlap", p.Title, q.Title)
			}
		}
		if p.Type != "row" && len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, tg := range p.Targets {
			for _, err := range checkQuery(tg.Expr, ex) {
				t.Errorf("panel %q: %v", p.Title, err)
			}
		}
	}
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		q, _ := v.Query.(map[string]any)["query"].(string)
		m := labelValues.FindStringSubmatch(q)
		if m == nil {
			t.Errorf("variable %s: query %q is not label_values(selector, label)", v.Name, q)
			continue
		}
		for _, err := range checkQuery(`sum by (`+m[2]+`) (`+m[1]+`)`, ex) {
			t.Errorf("variable %s: %v", v.Name, err)
		}
	}
}

func overlap(a, b struct{ H, W, X, Y int }) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}
