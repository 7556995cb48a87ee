package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/replay"
	syscallsrc "github.com/aeriesec/aerie/runtime/syscall"
	"github.com/aeriesec/aerie/toolchain/interp"
	"github.com/aeriesec/aerie/toolchain/program"
)

func init() {
	register("replay", "evaluate recorded events against rules and print the alerts", runReplay)
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

type replayFlags struct {
	rules     stringList
	events    string
	source    string
	engine    string
	module    string
	json      bool
	matching  string
	keepGoing bool
	iso8601   bool
}

func parseReplayFlags(args []string, stderr io.Writer) (*replayFlags, error) {
	f := &replayFlags{}
	fs := flag.NewFlagSet("aerie replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&f.rules, "rules", "rules file (repeatable, loaded in order); default: the embedded default rules")
	fs.StringVar(&f.events, "events", "", "events file: k8s audit JSON lines, - for stdin (required)")
	fs.StringVar(&f.source, "source", fields.SourceK8sAudit, "event source of the events file")
	fs.StringVar(&f.engine, "engine", defaultEngine(), "evaluation engine: wasm or interp")
	fs.StringVar(&f.module, "module", "", "precompiled module (.wasm) to replay with instead of --rules (engine wasm)")
	fs.BoolVar(&f.json, "json", false, "print Falco's JSON alerts instead of text lines")
	fs.StringVar(&f.matching, "rule-matching", "first", "first: at most one alert per event; all: every matching rule")
	fs.BoolVar(&f.keepGoing, "keep-going", false, "skip lines that are not audit events instead of stopping there")
	fs.BoolVar(&f.iso8601, "time-format-iso-8601", false, "print the text line's time in ISO 8601 (UTC)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return f, f.validate(fs.Args())
}

func (f *replayFlags) validate(rest []string) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q", rest[0])
	case f.events == "":
		return errors.New("--events is required")
	case f.source != fields.SourceK8sAudit && f.source != fields.SourceSyscall:
		return fmt.Errorf("--source %s: replay reads k8s_audit JSON lines or syscall captures", f.source)
	case f.engine != "interp" && f.engine != "wasm":
		return fmt.Errorf("--engine %s: want wasm or interp", f.engine)
	case f.matching != "first" && f.matching != "all":
		return fmt.Errorf("--rule-matching %s: want first or all", f.matching)
	case f.module != "" && f.engine != "wasm":
		return errors.New("--module needs --engine wasm")
	case f.module != "" && len(f.rules) > 0:
		return errors.New("--module and --rules exclude each other")
	}
	return nil
}

func runReplay(args []string) int {
	f, err := parseReplayFlags(args, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "aerie replay: %v\n", err)
		return 2
	}
	if err := replayEvents(f, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "aerie replay: %v\n", err)
		return 1
	}
	return 0
}

func replayEvents(f *replayFlags, stdout, stderr io.Writer) error {
	ev, closeEval, err := newEvaluator(f, stderr)
	if err != nil {
		return err
	}
	defer closeEval()
	ev.SetOptions(abi.Options{MatchAll: f.matching == "all"})
	opts := alert.DefaultOptions()
	opts.ISO8601 = f.iso8601
	formatter, err := alert.New(ev.Metadata(), opts)
	if err != nil {
		return err
	}
	in, err := openEvents(f.events)
	if err != nil {
		return err
	}
	defer in.Close()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	write := func(a *alert.Alert) error {
		line := a.Text
		if f.json {
			line = a.JSON
		}
		out.Write(line)
		return out.WriteByte('\n')
	}
	if f.source == fields.SourceSyscall {
		_, err = syscallsrc.Replay(in, ev, formatter, write)
		return err
	}
	cfg := replay.Config{Eval: ev, Format: formatter, KeepGoing: f.keepGoing,
		Warn: func(m string) { fmt.Fprintln(stderr, m) }}
	_, err = replay.K8sAudit(in, cfg, write)
	return err
}

// newEvaluator loads the rules (or the module) and builds the chosen engine.
func newEvaluator(f *replayFlags, stderr io.Writer) (runtime.Evaluator, func(), error) {
	if f.module != "" {
		ev, release, err := wasmModuleEvaluator(f.module)
		if err == nil && ev.Metadata().Source != f.source {
			release()
			return nil, nil, fmt.Errorf("--module %s: a module for source %s, not %s", f.module, ev.Metadata().Source, f.source)
		}
		return ev, release, err
	}
	prog, err := loadRules(f.rules, stderr)
	if err != nil {
		return nil, nil, err
	}
	if f.engine == "wasm" {
		return wasmEvaluator(prog, f.source)
	}
	in, err := interp.New(prog, f.source)
	return in, func() {}, err
}

// loadRules loads rules files in order (the embedded defaults when none),
// printing warnings to stderr; errors fail.
func loadRules(paths []string, stderr io.Writer) (*program.Program, error) {
	prog, ds := loadRuleFiles(paths)
	for _, d := range ds.Warnings() {
		fmt.Fprintln(stderr, d.Error())
	}
	if ds.HasErrors() || prog == nil {
		for _, d := range ds.Errors() {
			fmt.Fprintln(stderr, d.Error())
		}
		return nil, errors.New("load rules: the rules have errors")
	}
	return prog, nil
}

// openEvents opens the events file, or stdin for "-".
func openEvents(path string) (io.ReadCloser, error) {
	if path == "-" {
		return io.NopCloser(os.Stdin), nil
	}
	in, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open events: %w", err)
	}
	return in, nil
}
