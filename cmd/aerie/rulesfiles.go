package main

import (
	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/program"
)

// defaultRules is the name that stands for Aerie's built-in rules in a list
// of rules files (`--rules default --rules overrides.yaml`); "default:<file>"
// stands for one of them, as in `aerie test` files.
const defaultRules = "default"

// loadOptions are the toolchain options every command loads rules with:
// the built-in rules are reachable by name.
func loadOptions() toolchain.LoadOptions {
	all := make([]toolchain.File, 0, 2)
	emb := map[string][]toolchain.File{}
	for _, f := range rules.Defaults() {
		tf := toolchain.File{Name: f.Name, Data: f.Data}
		all = append(all, tf)
		emb[defaultRules+":"+f.Name] = []toolchain.File{tf}
	}
	emb[defaultRules] = all
	return toolchain.LoadOptions{Embedded: emb}
}

// loadRuleFiles loads rules files in order; no files means the built-in
// rules.
func loadRuleFiles(paths []string) (*program.Program, diag.List) {
	if len(paths) == 0 {
		paths = []string{defaultRules}
	}
	return toolchain.Load(paths, loadOptions())
}
