package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/program"
)

func init() {
	register("rules", "list and describe the rules of rules files", func(args []string) int {
		return runRules(args, os.Stdout, os.Stderr)
	})
}

// ruleJSON describes one rule in --json output.
type ruleJSON struct {
	Name       string   `json:"name"`
	Source     string   `json:"source"`
	Priority   string   `json:"priority"`
	Tags       []string `json:"tags"`
	Enabled    bool     `json:"enabled"`
	EventTypes []string `json:"event_types"` // null: every event type
	Desc       string   `json:"desc"`
	Output     string   `json:"output"`
	Condition  string   `json:"condition_compiled"`
	Position   string   `json:"position"`
}

func describe(p *program.Program) []ruleJSON {
	out := []ruleJSON{}
	for _, s := range p.Sources {
		for _, r := range s.Rules {
			out = append(out, ruleJSON{r.Name, r.Source, r.Priority.String(), r.Tags, r.Enabled,
				r.EventTypes, r.Desc, r.Output, r.Condition, r.Pos.String()})
		}
	}
	return out
}

func runRules(args []string, stdout, stderr io.Writer) int {
	files, asJSON, err := parseRulesFlags("rules", args, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	prog, ds := toolchain.Load(files, loadOptions())
	for _, d := range ds {
		fmt.Fprintln(stderr, d.Error())
	}
	if prog == nil {
		return 1
	}
	rules := describe(prog)
	if asJSON {
		_ = printJSON(stdout, rules)
		return 0
	}
	for _, r := range rules {
		types := "all"
		if r.EventTypes != nil {
			types = strings.Join(r.EventTypes, ",")
		}
		fmt.Fprintf(stdout, "%s\n  source: %s  priority: %s  enabled: %t\n  tags: %s\n  event types: %s\n  condition: %s\n\n",
			r.Name, r.Source, r.Priority, r.Enabled, strings.Join(r.Tags, ","), types, r.Condition)
	}
	return 0
}
