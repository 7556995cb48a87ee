package ruletest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Spec is one test file.
type Spec struct {
	Path  string   // the file, as given or found
	Rules []string `yaml:"rules"` // rules files for every case, in load order
	Cases []Case   `yaml:"cases"`
}

// Case is one test case.
type Case struct {
	Name   string      `yaml:"name"`
	Rules  []string    `yaml:"rules"`  // loaded after the file's rules
	Events stringsList `yaml:"events"` // fixture files, replayed in order
	// Source of the events: k8s_audit or syscall. Default: from the
	// fixture's name (*.json, *.jsonl, optionally .gz: k8s_audit).
	Source       string        `yaml:"source"`
	RuleMatching string        `yaml:"rule_matching"` // first (default) or all
	Expect       []Expectation `yaml:"expect"`
	Forbid       []Forbidden   `yaml:"forbid"`
	// AllowOtherAlerts tolerates alerts no expectation names. By default
	// every alert must be expected.
	AllowOtherAlerts bool `yaml:"allow_other_alerts"`
	// Skip, when set, is why the case is not run (reported as SKIP).
	Skip string `yaml:"skip"`

	Line int `yaml:"-"`
}

// Expectation says a rule fires, how often and with which output fields.
type Expectation struct {
	Rule string `yaml:"rule"`
	// Count is the exact number of alerts; nil means at least one.
	Count *int `yaml:"count"`
	// OutputFields must hold in every alert of the rule: field name (as
	// written in the output) → value as text.
	OutputFields map[string]string `yaml:"output_fields"`
	// OutputContains must be part of every alert's text line.
	OutputContains string `yaml:"output_contains"`

	Line int `yaml:"-"`
}

// Forbidden names a rule that must not fire, or a priority no alert may
// reach (Priority: WARNING forbids WARNING and every more severe level).
type Forbidden struct {
	Rule     string `yaml:"rule"`
	Priority string `yaml:"priority"`

	Line int `yaml:"-"`
}

// stringsList accepts a single string or a list of strings.
type stringsList []string

func (s *stringsList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// ParseSpec decodes a test file strictly (unknown keys are errors) and
// checks it; errors carry the file and line.
func ParseSpec(path string, data []byte) (*Spec, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty test file", path)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	spec := &Spec{Path: path}
	dec = yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(spec); err != nil {
		return nil, decodeError(path, err)
	}
	spec.Path = path
	recordLines(spec, &root)
	return spec, spec.check()
}

// typeSuffix is how yaml.v3 ends messages about a Go type, which users
// of the test format need not see.
var typeSuffix = regexp.MustCompile(` in type [A-Za-z0-9_.\[\]]+$`)

// decodeError rewrites yaml.v3's decoding errors as file:line: message.
func decodeError(path string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %v", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	msgs := make([]string, len(te.Errors))
	for i, m := range te.Errors {
		m = typeSuffix.ReplaceAllString(m, "")
		var line int
		if n, _ := fmt.Sscanf(m, "line %d:", &line); n == 1 {
			m = fmt.Sprintf("%s:%d:%s", path, line, strings.SplitN(m, ":", 2)[1])
		} else {
			m = path + ": " + m
		}
		msgs[i] = m
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// recordLines copies the line of every case, expectation and forbid entry
// from the node tree, for messages.
func recordLines(s *Spec, root *yaml.Node) {
	cases := mapValue(docOf(root), "cases")
	if cases == nil {
		return
	}
	for i := range s.Cases {
		if i >= len(cases.Content) {
			return
		}
		n := cases.Content[i]
		s.Cases[i].Line = n.Line
		for j, e := range seqOf(mapValue(n, "expect")) {
			if j < len(s.Cases[i].Expect) {
				s.Cases[i].Expect[j].Line = e.Line
			}
		}
		for j, f := range seqOf(mapValue(n, "forbid")) {
			if j < len(s.Cases[i].Forbid) {
				s.Cases[i].Forbid[j].Line = f.Line
			}
		}
	}
}

func docOf(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return n
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func seqOf(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func (s *Spec) where(line int) string {
	return fmt.Sprintf("%s:%d", filepath.Base(s.Path), line)
}

func (s *Spec) check() error {
	if len(s.Cases) == 0 {
		return fmt.Errorf("%s: no cases", s.Path)
	}
	seen := map[string]int{}
	var errs []string
	for _, c := range s.Cases {
		errs = append(errs, s.checkCase(c, seen)...)
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

func (s *Spec) checkCase(c Case, seen map[string]int) []string {
	var errs []string
	bad := func(line int, format string, args ...any) {
		errs = append(errs, s.where(line)+": "+fmt.Sprintf(format, args...))
	}
	switch {
	case c.Name == "":
		bad(c.Line, "case without a name")
	case seen[c.Name] != 0:
		bad(c.Line, "case %q already defined at line %d", c.Name, seen[c.Name])
	}
	seen[c.Name] = c.Line
	if len(c.Events) == 0 {
		bad(c.Line, "case %q: no events", c.Name)
	}
	if c.RuleMatching != "" && c.RuleMatching != "first" && c.RuleMatching != "all" {
		bad(c.Line, "case %q: rule_matching %q: want first or all", c.Name, c.RuleMatching)
	}
	for _, e := range c.Expect {
		if e.Rule == "" {
			bad(e.Line, "expect entry without a rule")
		}
		if e.Count != nil && *e.Count < 0 {
			bad(e.Line, "expect %q: negative count", e.Rule)
		}
	}
	for _, f := range c.Forbid {
		if (f.Rule == "") == (f.Priority == "") {
			bad(f.Line, "forbid entry needs exactly one of rule or priority")
		}
		if _, ok := parsePriority(f.Priority); f.Priority != "" && !ok {
			bad(f.Line, "forbid: unknown priority %q", f.Priority)
		}
	}
	return errs
}

var priorityNames = []string{"emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"}

// parsePriority accepts Falco's priority names in any case, and "info".
func parsePriority(s string) (int, bool) {
	l := strings.ToLower(s)
	if l == "info" {
		return 6, true
	}
	for i, n := range priorityNames {
		if n == l {
			return i, true
		}
	}
	return 0, false
}
