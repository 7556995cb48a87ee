package ruletest

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/replay"
)

// sourceOf guesses a fixture's source from its name: audit JSON (lines),
// optionally gzip-compressed, is k8s_audit; anything else is a syscall
// capture.
func sourceOf(path string) string {
	p := strings.TrimSuffix(path, ".gz")
	if strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".jsonl") {
		return fields.SourceK8sAudit
	}
	return fields.SourceSyscall
}

// ReplayK8sAudit replays audit JSON lines (Event, EventList or array per
// line); a line that is not an audit event is reported through warn and
// stops the fixture, as in `aerie replay`.
func ReplayK8sAudit(r io.Reader, ev runtime.Evaluator, f *alert.Formatter, warn func(string)) ([]alert.Alert, error) {
	alerts, _, _, err := replay.Collect(r, replay.Config{Eval: ev, Format: f, Warn: warn})
	return alerts, err
}

// openFixture opens a fixture file, decompressing *.gz.
func openFixture(path string) (io.Reader, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open events: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return bufio.NewReader(f), func() { f.Close() }, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("open events %s: %w", path, err)
	}
	return zr, func() { zr.Close(); f.Close() }, nil
}
