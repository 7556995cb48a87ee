package toolchain_test

import (
	"os"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
	"github.com/aeriesec/aerie/toolchain"
)

func benchFiles(b *testing.B, paths ...[]string) []toolchain.File {
	var fs []toolchain.File
	for _, p := range paths {
		path := testenv.Compat(b, p...)
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		fs = append(fs, toolchain.File{Name: path, Data: data})
	}
	return fs
}

func benchLoad(b *testing.B, fs []toolchain.File) {
	b.ReportAllocs()
	rules := 0
	for b.Loop() {
		prog, ds := toolchain.LoadFiles(fs, toolchain.LoadOptions{})
		if prog == nil {
			b.Fatal(ds.Err())
		}
		rules = 0
		for _, s := range prog.Sources {
			rules += len(s.Rules)
		}
	}
	b.ReportMetric(float64(rules), "rules")
}

// BenchmarkLoadStable loads Falco's current stable syscall rules.
func BenchmarkLoadStable(b *testing.B) {
	benchLoad(b, benchFiles(b, []string{"syscall", "rules", "falco_rules.yaml"}))
}

// BenchmarkLoadStableAndK8sAudit adds the current k8saudit plugin rules.
func BenchmarkLoadStableAndK8sAudit(b *testing.B) {
	benchLoad(b, benchFiles(b, []string{"syscall", "rules", "falco_rules.yaml"},
		[]string{"k8saudit", "rules", "upstream-plugins", "k8s_audit_rules.yaml"}))
}
