package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/aeriesec/aerie/guest/fields"
)

func init() {
	register("fields", "list the fields of each event source", func(args []string) int {
		return runFields(args, os.Stdout, os.Stderr)
	})
}

// fieldJSON is one field in --json output.
type fieldJSON struct {
	Name       string `json:"name"`
	Type       string `json:"type"`
	List       bool   `json:"list"`
	Arg        string `json:"arg"`
	ArgKind    string `json:"arg_kind,omitempty"`
	Prefix     bool   `json:"prefix,omitempty"`
	NoRHS      bool   `json:"no_rhs,omitempty"`
	Deprecated string `json:"deprecated,omitempty"`
	Doc        string `json:"doc"`
}

type sourceJSON struct {
	Source string      `json:"source"`
	Fields []fieldJSON `json:"fields"`
}

var argModes = [...]string{fields.ArgNone: "none", fields.ArgOptional: "optional", fields.ArgRequired: "required"}
var argKinds = [...]string{fields.ArgKey: "key", fields.ArgIndex: "index", fields.ArgPointer: "json-pointer"}

func runFields(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fields", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", "", "only this source ("+strings.Join(fields.Sources(), ", ")+")")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: aerie fields [--source S] [--json]")
		return 2
	}
	sources := fields.Sources()
	if *source != "" {
		if fields.For(*source) == nil {
			fmt.Fprintf(stderr, "aerie fields: unknown source %q (known: %s)\n", *source, strings.Join(sources, ", "))
			return 2
		}
		sources = []string{*source}
	}
	if *asJSON {
		return printFieldsJSON(stdout, sources)
	}
	printFieldsText(stdout, sources)
	return 0
}

func toFieldJSON(f fields.Field) fieldJSON {
	j := fieldJSON{Name: f.Name, Type: f.Type.String(), List: f.List, Arg: argModes[f.Arg],
		Prefix: f.Prefix, NoRHS: f.NoRHS, Deprecated: f.Deprecated, Doc: f.Doc}
	if f.Arg != fields.ArgNone {
		j.ArgKind = argKinds[f.ArgKind]
	}
	return j
}

func printFieldsJSON(w io.Writer, sources []string) int {
	out := make([]sourceJSON, 0, len(sources))
	for _, s := range sources {
		sj := sourceJSON{Source: s, Fields: []fieldJSON{}}
		for _, f := range fields.For(s).Fields {
			sj.Fields = append(sj.Fields, toFieldJSON(f))
		}
		out = append(out, sj)
	}
	if err := printJSON(w, out); err != nil {
		return 1
	}
	return 0
}

// usageName renders how a rule writes the field: ka.uri.param[<key>],
// proc.aname[<index>]?, evt.arg.<name>.
func usageName(f fields.Field) string {
	name := f.Name
	if f.Prefix {
		name += ".<name>"
	}
	switch f.Arg {
	case fields.ArgRequired:
		name += "[<" + argKinds[f.ArgKind] + ">]"
	case fields.ArgOptional:
		name += "[<" + argKinds[f.ArgKind] + ">]?"
	}
	return name
}

func printFieldsText(w io.Writer, sources []string) {
	for i, s := range sources {
		c := fields.For(s)
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Source %s (%d fields)\n", s, len(c.Fields))
		tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
		for _, f := range c.Fields {
			typ := f.Type.String()
			if f.List {
				typ = "list(" + typ + ")"
			}
			doc := f.Doc
			if f.Deprecated != "" {
				doc += " Deprecated: use " + f.Deprecated + "."
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", usageName(f), typ, doc)
		}
		tw.Flush()
	}
}
