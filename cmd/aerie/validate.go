package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/diag"
)

func init() {
	register("validate", "check rules files and print their diagnostics", func(args []string) int {
		return runValidate(args, os.Stdout, os.Stderr)
	})
}

// diagJSON is one diagnostic in --json output.
type diagJSON struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Item     string `json:"item,omitempty"`
	Message  string `json:"message"`
	Snippet  string `json:"snippet,omitempty"`
}

func toJSON(ds diag.List) []diagJSON {
	out := make([]diagJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, diagJSON{d.Severity.String(), d.Code, d.Pos.File, d.Pos.Line, d.Pos.Col, d.Item, d.Message, d.Snippet})
	}
	return out
}

// printJSON writes v as indented JSON, as every command's --json does.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseRulesFlags reads --rules (repeatable) and --json, plus the flags
// extra declares on the set.
func parseRulesFlags(name string, args []string, stderr io.Writer, extra ...func(*flag.FlagSet)) ([]string, bool, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var rules stringList
	fs.Var(&rules, "rules", "rules file (repeatable, loaded in order)")
	asJSON := fs.Bool("json", false, "print JSON")
	for _, e := range extra {
		e(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, false, err
	}
	if len(rules) == 0 || fs.NArg() > 0 {
		return nil, false, fmt.Errorf("usage: aerie %s --rules FILE [--rules FILE…] [--json]", name)
	}
	return rules, *asJSON, nil
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	var falco bool
	files, asJSON, err := parseRulesFlags("validate", args, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&falco, "falco-json", false, "print Falco's validation JSON (falco_load_results), for tools written against falco -V")
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	_, ds := toolchain.Load(files, loadOptions())
	if falco {
		_ = printJSON(stdout, falcoResults(files, ds))
	} else if asJSON {
		_ = printJSON(stdout, map[string]any{"files": files, "successful": !ds.HasErrors(),
			"errors": toJSON(ds.Errors()), "warnings": toJSON(ds.Warnings())})
	} else {
		for _, d := range ds {
			fmt.Fprintln(stderr, d.Error())
		}
		invalid := false
		for _, f := range files {
			status := fileStatus(f, ds)
			if invalid {
				status = "Not loaded (an earlier file is invalid)"
			}
			invalid = invalid || status == "Invalid"
			fmt.Fprintf(stdout, "%s: %s\n", f, status)
		}
	}
	if ds.HasErrors() {
		return 1
	}
	return 0
}

// fileStatus is Falco's -V verdict for one file.
func fileStatus(file string, ds diag.List) string {
	status := "Ok"
	for _, d := range ds {
		if d.Pos.File != file {
			continue
		}
		if d.Severity == diag.Error {
			return "Invalid"
		}
		status = "Ok, with warnings"
	}
	return status
}
