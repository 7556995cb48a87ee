// Package match holds the pure value functions of Falco's condition
// language: the string operators (contains, icontains, startswith, endswith),
// glob as fnmatch without FNM_PATHNAME, pmatch (path prefix by components),
// typed ordering and equality of field values (text bytewise, signed,
// unsigned and floating-point numbers, IP addresses and networks), and the
// transformers (tolower, toupper, b64, basename, len, join, concat, getopt).
//
// The reference evaluator (toolchain/interp) and the alert formatter
// (runtime/alert) call these directly; the Wasm code generator reimplements
// them in Wasm and is tested against them, so each function is kept small
// and its edge cases are written down.
//
// It may import only guest/fields.
package match
