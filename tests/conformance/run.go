package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/replay"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
)

// Engine builds an evaluator for one source of a checked program; the
// returned function releases it.
type Engine func(p *program.Program, source string) (runtime.Evaluator, func(), error)

// engines are the engines every case runs on, by name. Other files add theirs.
var engines = map[string]Engine{
	"interp": func(p *program.Program, source string) (runtime.Evaluator, func(), error) {
		in, err := interp.New(p, source)
		return in, func() {}, err
	},
}

// Outcome is what a replay produced.
type Outcome struct {
	Alerts   []alert.Alert
	Stderr   string // load warnings and bad-line messages
	Warnings int    // rule-loading warnings Falco 0.31 would also have printed
}

// newerWarnings are load-warning codes Falco introduced after 0.31.1
// (unused macros and lists in 0.33, deprecated append keys in 0.37). Falco
// 0.31 printed none of them, so falco_test.py's "no rule warnings" check
// never saw them; only the other warnings count against a case.
var newerWarnings = map[string]bool{
	"LOAD_UNUSED_MACRO":    true,
	"LOAD_UNUSED_LIST":     true,
	"LOAD_DEPRECATED_ITEM": true,
}

// Replay loads rules files in order and replays an events file with an
// engine, as `aerie replay` does with Falco's default first-match.
func Replay(engine Engine, rulesFiles []string, eventFile string) (*Outcome, error) {
	prog, ds := toolchain.Load(rulesFiles, toolchain.LoadOptions{})
	if ds.HasErrors() || prog == nil {
		return nil, fmt.Errorf("load rules: %v", ds.Err())
	}
	return ReplayProgram(engine, prog, ds, eventFile, abi.Options{})
}

// ReplayProgram replays an events file on a loaded program with an engine
// and evaluation options; ds are the program's load diagnostics.
func ReplayProgram(engine Engine, prog *program.Program, ds diag.List, eventFile string, opts abi.Options) (*Outcome, error) {
	out := &Outcome{}
	var stderr strings.Builder
	for _, d := range ds.Warnings() {
		if !newerWarnings[d.Code] {
			out.Warnings++
			fmt.Fprintln(&stderr, d.Error())
		}
	}
	ev, release, err := engine(prog, fields.SourceK8sAudit)
	if err != nil {
		return nil, err
	}
	defer release()
	ev.SetOptions(opts)
	f, err := alert.New(ev.Metadata(), alert.Options{Hostname: "conformance", IncludeOutput: true,
		IncludeOutputFields: true, IncludeTags: true})
	if err != nil {
		return nil, err
	}
	in, err := os.Open(eventFile)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	cfg := replay.Config{Eval: ev, Format: f, Warn: func(m string) { fmt.Fprintln(&stderr, m) }}
	out.Alerts, _, _, err = replay.Collect(in, cfg)
	out.Stderr = stderr.String()
	return out, err
}

// Judge checks an outcome against a case, as falco_test.py did; it returns
// every violation.
func Judge(c Case, o *Outcome) []string {
	var bad []string
	counts := map[string]int{}
	levels := map[string]int{}
	for _, a := range o.Alerts {
		counts[a.Rule]++
		levels[levelName(a.Priority)]++
	}
	switch {
	case c.Error != nil:
		if !strings.Contains(o.Stderr, c.Error.StderrContains) {
			bad = append(bad, fmt.Sprintf("stderr %q does not contain %q", o.Stderr, c.Error.StderrContains))
		}
		if len(o.Alerts) != 0 {
			bad = append(bad, fmt.Sprintf("%d alerts, want 0", len(o.Alerts)))
		}
	case !c.Detect:
		if len(o.Alerts) != 0 {
			bad = append(bad, fmt.Sprintf("%d alerts, want 0: %v", len(o.Alerts), counts))
		}
	default:
		if len(o.Alerts) == 0 {
			bad = append(bad, "no alerts, want some")
		}
		if levels[strings.ToUpper(c.Level)] == 0 {
			bad = append(bad, fmt.Sprintf("no alert at level %s (levels %v)", c.Level, levels))
		}
	}
	for rule, n := range c.Counts {
		if counts[rule] != n {
			bad = append(bad, fmt.Sprintf("rule %q fired %d times, want %d (all: %v)", rule, counts[rule], n, counts))
		}
	}
	if o.Warnings != 0 {
		bad = append(bad, fmt.Sprintf("rules loaded with %d warnings:\n%s", o.Warnings, o.Stderr))
	}
	return bad
}

// levelName is the name falco_test.py's detect_level uses for a priority
// (Falco's end-of-run summary: INFO for Informational).
func levelName(p int) string {
	names := [...]string{"EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"}
	if p >= 0 && p < len(names) {
		return names[p]
	}
	return fmt.Sprint(p)
}

// paths makes corpus-relative paths absolute under dir.
func paths(dir string, rel []string) []string {
	out := make([]string, len(rel))
	for i, r := range rel {
		out[i] = filepath.Join(dir, r)
	}
	return out
}
