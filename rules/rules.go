// Package rules holds the default rule files Aerie ships, embedded in the
// binary: rules for the k8s_audit source (kube-apiserver audit events) and
// for the syscall source (the eBPF probe). `aerie run` and `aerie replay`
// use them when no --rules are given.
//
// The YAML files are the product; this package only exposes them. Their
// tests (rules/testdata/*_test.yaml, run by `aerie test rules/`) hold at
// least one positive and one negative fixture per rule.
//
// It may import nothing of ours.
package rules

import "embed"

//go:embed k8s_audit_rules.yaml syscall_rules.yaml
var files embed.FS

// File is one rules file: its name (as diagnostics print it) and content.
type File struct {
	Name string
	Data []byte
}

// order is the load order of the default files.
var order = []string{"k8s_audit_rules.yaml", "syscall_rules.yaml"}

// Defaults returns the default rule files in load order. Each call returns
// fresh copies, so callers may keep or modify them.
func Defaults() []File {
	out := make([]File, 0, len(order))
	for _, name := range order {
		data, err := files.ReadFile(name)
		if err != nil {
			panic("BUG: embedded rules file " + name + " missing: " + err.Error())
		}
		out = append(out, File{Name: "rules/" + name, Data: data})
	}
	return out
}

// Lookup returns one default file by base name (k8s_audit_rules.yaml or
// syscall_rules.yaml).
func Lookup(name string) (File, bool) {
	for _, f := range Defaults() {
		if f.Name == "rules/"+name {
			return f, true
		}
	}
	return File{}, false
}
