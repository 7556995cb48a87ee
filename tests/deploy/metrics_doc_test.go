package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
)

var docMetric = regexp.MustCompile("`(aerie_[a-z0-9_]+)`")

// docs/metrics.md documents every metric the server exports, names only
// metrics that exist, and its example queries use exported names and labels.
func TestMetricsDocMatchesTheServer(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "docs", "metrics.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	ex := exportedMetrics(t)
	documented := map[string]bool{}
	for _, m := range docMetric.FindAllStringSubmatch(doc, -1) {
		documented[m[1]] = true
		if ex[m[1]] == nil && ex[m[1]+"_bucket"] == nil {
			t.Errorf("docs/metrics.md names %s, which the server does not export", m[1])
		}
	}
	for _, line := range strings.Split(scrape.text, "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && f[1] == "TYPE" && strings.HasPrefix(f[2], "aerie_") && !documented[f[2]] {
			t.Errorf("metric %s is exported but not documented in docs/metrics.md", f[2])
		}
	}
	blocks := strings.Split(doc, "```promql\n")[1:]
	if len(blocks) == 0 {
		t.Fatal("docs/metrics.md has no promql examples")
	}
	for _, blk := range blocks {
		q, _, _ := strings.Cut(blk, "```")
		for _, err := range checkQuery(q, ex) {
			t.Errorf("docs/metrics.md: %v", err)
		}
	}
}
