package ruletest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/aeriesec/aerie/guest/fields"
)

// Runner runs test files and reports like `go test`.
type Runner struct {
	// Engines run every case; with more than one, case names get the
	// engine's name as a last element.
	Engines []Engine
	// Defaults are the rules files a test names as "default" (all of
	// them) or "default:<file name>".
	Defaults []RuleFile
	// Replayers by source; k8s_audit is built in. A fixture of a source
	// without one fails its case.
	Replayers map[string]Replayer
	// Filter, when set, runs only the cases whose name (file/case) matches.
	Filter *regexp.Regexp
	// Verbose prints a === RUN line before each case.
	Verbose bool
	Out     io.Writer

	cache cache
}

// Summary counts what a run did.
type Summary struct {
	Files, Cases, Failed int
}

// Passed reports whether nothing failed.
func (s Summary) Passed() bool { return s.Failed == 0 }

// TestFileSuffix is how `aerie test DIR` recognises test files.
const TestFileSuffix = "_test.yaml"

// Test runs the test files named by paths: files as given, directories
// searched recursively for *_test.yaml. The error is for paths that do not
// exist or hold no tests; failing tests only show in the Summary.
func (r *Runner) Test(paths []string) (Summary, error) {
	defer r.cache.closeAll()
	files, err := Discover(paths)
	if err != nil {
		return Summary{}, err
	}
	var sum Summary
	for _, f := range files {
		r.testFile(f, &sum)
	}
	if sum.Failed > 0 {
		fmt.Fprintln(r.Out, "FAIL")
	}
	return sum, nil
}

// Discover expands paths into the sorted list of test files.
func Discover(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("find tests: %w", err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), TestFileSuffix) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("find tests: %w", err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("find tests: no *%s files under %s", TestFileSuffix, p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func (r *Runner) testFile(path string, sum *Summary) {
	start := time.Now()
	sum.Files++
	spec, err := readSpec(path)
	if err != nil {
		sum.Failed++
		fmt.Fprintf(r.Out, "%s\nFAIL\t%s [setup failed]\n", indent(err.Error()), path)
		return
	}
	failed := 0
	for i := range spec.Cases {
		for _, e := range r.Engines {
			if !r.selected(spec, &spec.Cases[i], e) {
				continue
			}
			sum.Cases++
			if !r.runCase(spec, &spec.Cases[i], e) {
				failed++
			}
		}
	}
	sum.Failed += failed
	verdict := "ok  "
	if failed > 0 {
		verdict = "FAIL"
	}
	fmt.Fprintf(r.Out, "%s\t%s\t%.3fs\n", verdict, path, time.Since(start).Seconds())
}

func readSpec(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read test file: %w", err)
	}
	return ParseSpec(path, data)
}

// caseName is the go-test-style name of a case: spaces become underscores.
func (r *Runner) caseName(s *Spec, c *Case, e Engine) string {
	n := filepath.Base(s.Path) + "/" + strings.ReplaceAll(c.Name, " ", "_")
	if len(r.Engines) > 1 {
		n += "/" + e.Name()
	}
	return n
}

func (r *Runner) selected(s *Spec, c *Case, e Engine) bool {
	return r.Filter == nil || r.Filter.MatchString(r.caseName(s, c, e))
}

// runCase runs one case on one engine and reports it.
func (r *Runner) runCase(s *Spec, c *Case, e Engine) bool {
	name := r.caseName(s, c, e)
	if r.Verbose {
		fmt.Fprintf(r.Out, "=== RUN   %s\n", name)
	}
	if c.Skip != "" {
		fmt.Fprintf(r.Out, "--- SKIP: %s (0.00s)\n%s\n", name, indent(s.where(c.Line)+": "+c.Skip))
		return true
	}
	start := time.Now()
	problems := r.evaluate(s, c, e)
	took := time.Since(start).Seconds()
	if len(problems) == 0 {
		fmt.Fprintf(r.Out, "--- PASS: %s (%.2fs)\n", name, took)
		return true
	}
	fmt.Fprintf(r.Out, "--- FAIL: %s (%.2fs)\n", name, took)
	for _, p := range problems {
		fmt.Fprintln(r.Out, indent(p))
	}
	return false
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// evaluate runs the case and returns what is wrong with it.
func (r *Runner) evaluate(s *Spec, c *Case, e Engine) []string {
	at := s.where(c.Line) + ": "
	files, err := r.ruleFiles(s, c)
	if err != nil {
		return []string{at + err.Error()}
	}
	source, events, err := caseEvents(s, c)
	if err != nil {
		return []string{at + err.Error()}
	}
	b := r.cache.get(e, files, source)
	if b.err != nil {
		return []string{at + "load rules: " + b.err.Error()}
	}
	got, warns, err := r.replayAll(b, c, source, events)
	if err != nil {
		return []string{at + err.Error()}
	}
	var problems []string
	for _, w := range warns {
		problems = append(problems, at+"bad event: "+w)
	}
	return append(problems, check(s, c, ruleNames(b), got)...)
}

// ruleFiles resolves the file's and the case's rules entries.
func (r *Runner) ruleFiles(s *Spec, c *Case) ([]RuleFile, error) {
	var out []RuleFile
	for _, name := range append(append([]string{}, s.Rules...), c.Rules...) {
		fs, err := r.resolveRules(s, name)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	if len(out) == 0 {
		return nil, errors.New("no rules: list rules files (or default) in the test file's rules key")
	}
	return out, nil
}

func (r *Runner) resolveRules(s *Spec, name string) ([]RuleFile, error) {
	if name == "default" {
		return r.Defaults, nil
	}
	if base, ok := strings.CutPrefix(name, "default:"); ok {
		for _, d := range r.Defaults {
			if filepath.Base(d.Name) == base {
				return []RuleFile{d}, nil
			}
		}
		return nil, fmt.Errorf("rules %q: no default rules file %q", name, base)
	}
	path := relTo(s, name)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return []RuleFile{{Name: path, Data: data}}, nil
}

func relTo(s *Spec, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(s.Path), p)
}

// caseEvents resolves the fixtures and their common source.
func caseEvents(s *Spec, c *Case) (string, []string, error) {
	source := c.Source
	var paths []string
	for _, ev := range c.Events {
		p := relTo(s, ev)
		paths = append(paths, p)
		guess := sourceOf(p)
		if source == "" {
			source = guess
		} else if c.Source == "" && guess != source {
			return "", nil, fmt.Errorf("events mix sources (%s and %s): set the case's source", source, guess)
		}
	}
	if fields.For(source) == nil {
		return "", nil, fmt.Errorf("unknown source %q", source)
	}
	return source, paths, nil
}

func ruleNames(b *built) map[string]int {
	names := map[string]int{}
	if b.ev == nil {
		return names
	}
	for _, rl := range b.ev.Metadata().Rules {
		names[rl.Name] = rl.Priority
	}
	return names
}
