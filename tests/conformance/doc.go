// Package conformance runs Falco's k8s-audit regression cases
// (../shared/compat/k8saudit/expectations.yaml: 66 cases from Falco 0.31.1)
// against Aerie's engines and judges them exactly as that file's header
// says. Each engine registers a constructor in engines; every case runs
// once per engine.
//
// It may import anything of ours.
package conformance
