package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/wasm"
)

func init() {
	register("compile", "compile rules files to one Wasm module per event source", func(args []string) int {
		return runCompile(args, os.Stdout, os.Stderr)
	})
}

func runCompile(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("compile", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var rules stringList
	fs.Var(&rules, "rules", "rules file (repeatable, loaded in order; default names the built-in rules)")
	out := fs.String("o", "", "output directory")
	withWAT := fs.Bool("wat", false, "also write the modules as WAT text")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if len(rules) == 0 || *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: aerie compile --rules FILE [--rules FILE…] -o DIR [--wat]")
		return 2
	}
	p, ds := toolchain.Load(rules, loadOptions())
	mods := map[string]*wasm.Module{}
	if p != nil {
		for _, src := range p.Sources {
			if m, d := toolchain.GenerateSource(src, p.Hash); d != nil {
				ds = append(ds, *d)
			} else {
				mods[src.Name] = m
			}
		}
	}
	for _, d := range ds {
		fmt.Fprintln(stderr, d.Error())
	}
	if ds.HasErrors() {
		return 1
	}
	if err := writeModules(*out, mods, *withWAT, stdout); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// writeModules writes DIR/<source>.wasm (and .wat) in source order.
func writeModules(dir string, mods map[string]*wasm.Module, withWAT bool, stdout io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, src := range names {
		path := filepath.Join(dir, src+".wasm")
		bin := mods[src].Encode()
		if err := os.WriteFile(path, bin, 0o644); err != nil {
			return fmt.Errorf("write module: %w", err)
		}
		fmt.Fprintf(stdout, "%s (%d bytes)\n", path, len(bin))
		if !withWAT {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, src+".wat"), []byte(mods[src].WAT()), 0o644); err != nil {
			return fmt.Errorf("write WAT: %w", err)
		}
	}
	return nil
}
