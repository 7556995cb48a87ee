package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/types"
	auditinternal "k8s.io/apiserver/pkg/apis/audit"
	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
	"k8s.io/apiserver/pkg/audit"

	"github.com/aeriesec/aerie/tests/testenv"
)

// falcoRules are Falco 0.31.1's k8s audit rules, with the syscall rules
// file that defines lists they use.
func falcoRules(t *testing.T) []string {
	return []string{
		testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"),
		testenv.Compat(t, "k8saudit", "rules", "k8s_audit_rules.yaml"),
	}
}

// corpus reads the compatibility corpus's audit events (skipping the
// deliberately malformed one), copies times over with distinct audit IDs.
func corpus(t *testing.T, copies int) []auditv1.Event {
	t.Helper()
	dir := testenv.Compat(t, "k8saudit", "events")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var base []auditv1.Event
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			var ev auditv1.Event
			if json.Unmarshal(line, &ev) != nil || ev.StageTimestamp.IsZero() {
				continue
			}
			base = append(base, ev)
		}
	}
	if len(base) < 40 {
		t.Fatalf("corpus has %d events, want ≥ 40", len(base))
	}
	var out []auditv1.Event
	for k := range copies {
		for _, ev := range base {
			c := *ev.DeepCopy()
			c.AuditID += types.UID("-" + fmt.Sprint(k))
			out = append(out, c)
		}
	}
	return out
}

// internal converts events to the apiserver's internal type, which its
// audit backends take.
func internal(t *testing.T, evs []auditv1.Event) []*auditinternal.Event {
	t.Helper()
	out := make([]*auditinternal.Event, len(evs))
	for i := range evs {
		out[i] = new(auditinternal.Event)
		if err := audit.Scheme.Convert(&evs[i], out[i], nil); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// writeJSONLines writes events as audit JSON lines (Event kind on each).
func writeJSONLines(t *testing.T, path string, evs []auditv1.Event) string {
	t.Helper()
	var b bytes.Buffer
	for _, ev := range evs {
		ev.Kind, ev.APIVersion = "Event", "audit.k8s.io/v1"
		line, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFile(t, path, b.String())
}

// replay runs `aerie replay` and returns its JSON alerts, sorted.
func replay(t *testing.T, events string, rules []string) []string {
	t.Helper()
	args := []string{"replay", "--json", "--events", events}
	for _, r := range rules {
		args = append(args, "--rules", r)
	}
	cmd := exec.Command(aerieBin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("aerie replay: %v\n%s", err, stderr.String())
	}
	return sortedLines(string(out))
}

func sortedLines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if l := sc.Text(); l != "" {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func rulesArgs(rules []string) []string {
	var a []string
	for _, r := range rules {
		a = append(a, "--rules", r)
	}
	return a
}
