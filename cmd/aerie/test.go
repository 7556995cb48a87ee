package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"

	"github.com/aeriesec/aerie/runtime/ruletest"
)

func init() {
	register("test", "run rule tests: fixtures and the alerts they must (not) raise", runTest)
}

const testUsage = `usage: aerie test [flags] PATH...

Runs rule test files (YAML; directories are searched for *_test.yaml) and
reports like go test: --- PASS/--- FAIL per case, ok/FAIL per file, exit
status 1 when anything failed. docs/rule-testing.md describes the format.

flags:
`

func runTest(args []string) int {
	return testMain(args, os.Stdout, os.Stderr)
}

func testMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("aerie test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	engine := fs.String("engine", "wasm", "engine to run cases on: wasm, interp or all")
	run := fs.String("run", "", "run only the cases whose name (file/case) matches this regular expression")
	verbose := fs.Bool("v", false, "print === RUN lines")
	fs.Usage = func() {
		fmt.Fprint(stderr, testUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	r, err := newTestRunner(*engine, *run, *verbose, stdout)
	if err == nil && fs.NArg() == 0 {
		err = errors.New("no test files or directories given")
	}
	if err != nil {
		fmt.Fprintf(stderr, "aerie test: %v\n", err)
		return 2
	}
	sum, err := r.Test(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "aerie test: %v\n", err)
		return 2
	}
	if !sum.Passed() {
		return 1
	}
	return 0
}

func newTestRunner(engine, run string, verbose bool, out io.Writer) (*ruletest.Runner, error) {
	engines, err := testEngines(engine)
	if err != nil {
		return nil, err
	}
	r := &ruletest.Runner{Engines: engines, Defaults: defaultRuleFiles(), Verbose: verbose, Out: out}
	if run != "" {
		re, err := regexp.Compile(run)
		if err != nil {
			return nil, fmt.Errorf("--run: %w", err)
		}
		r.Filter = re
	}
	return r, nil
}
