package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// everyEventRule matches every audit event and names it in its output.
func everyEventRule(name string) string {
	return fmt.Sprintf(`- rule: %s
  desc: matches every audit event
  condition: ka.auditid != ""
  output: "seen %%ka.auditid"
  priority: NOTICE
  source: k8s_audit
  tags: [test]
`, name)
}

// eventList is an apiserver-style EventList of ids [from, from+n).
func eventList(from, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"level":"Metadata","auditID":"id-%d","stage":"ResponseComplete","verb":"get","requestURI":"/api/v1/namespaces/default/pods","user":{"username":"alice","groups":["system:authenticated"]},"sourceIPs":["10.0.0.1"],"objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-01-15T10:00:00.000000Z","stageTimestamp":"2026-01-15T10:00:00.001000Z"}`, from+i)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// sender posts EventLists of unique events from several clients, as
// apiservers do, retrying 429/503 after Retry-After like client-go.
type sender struct {
	url      string
	client   *http.Client
	next     atomic.Int64
	accepted atomic.Int64
	retries  atomic.Int64
}

func (s *sender) run(t *testing.T, clients, total, batch int) {
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				from := int(s.next.Add(int64(batch))) - batch
				if from >= total {
					return
				}
				if !s.post(t, eventList(from, min(batch, total-from))) {
					return
				}
			}
		}()
	}
	wg.Wait()
}

func (s *sender) postRaw(t *testing.T, body []byte) bool { return s.post(t, body) }

func readFileString(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func (s *sender) post(t *testing.T, body []byte) bool {
	for {
		resp, err := s.client.Post(s.url+"/k8s-audit?timeout=30s", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Errorf("post: %v", err)
			return false
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case 200:
			var r struct{ Accepted int64 }
			json.Unmarshal(b, &r)
			s.accepted.Add(r.Accepted)
			return true
		case 429, 503:
			s.retries.Add(1)
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(wait) * 50 * time.Millisecond) // the client's backoff, shortened
		default:
			t.Errorf("post: %d %s", resp.StatusCode, b)
			return false
		}
	}
}

// jsonAlert is the part of Falco's JSON alert the tests look at.
type jsonAlert struct {
	Rule         string         `json:"rule"`
	Priority     string         `json:"priority"`
	Source       string         `json:"source"`
	Output       string         `json:"output"`
	Hostname     string         `json:"hostname"`
	Time         string         `json:"time"`
	Tags         []string       `json:"tags"`
	OutputFields map[string]any `json:"output_fields"`
}

// readAlerts parses a file of JSON alerts.
func readAlerts(t *testing.T, path string) []jsonAlert {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []jsonAlert
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" {
			continue
		}
		var a jsonAlert
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("alert %q: %v", l, err)
		}
		out = append(out, a)
	}
	return out
}

// exactlyOnce checks that ids 0..n-1 each alerted once, and returns the
// alert count per rule.
func exactlyOnce(t *testing.T, alerts []jsonAlert, n int) map[string]int {
	t.Helper()
	seen := make([]int, n)
	rules := map[string]int{}
	for _, a := range alerts {
		id, _ := a.OutputFields["ka.auditid"].(string)
		k, err := strconv.Atoi(strings.TrimPrefix(id, "id-"))
		if err != nil || k < 0 || k >= n {
			t.Fatalf("alert for unexpected audit ID %q", id)
		}
		seen[k]++
		rules[a.Rule]++
	}
	for k, c := range seen {
		if c != 1 {
			t.Fatalf("event id-%d alerted %d times, want exactly once", k, c)
		}
	}
	return rules
}
