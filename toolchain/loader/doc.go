// Package loader reads Falco rules files with yaml.v3's Node API, keeping
// the position of every key and value, and collects their items (lists,
// macros, rules, engine and plugin version requirements) with Falco's
// collector semantics: files and documents in order, redefinition in place,
// append and override per key, visibility indexes, standalone enabled.
//
// It does not parse or check conditions; toolchain/checker does.
//
// It may import guest/fields, toolchain/diag, toolchain/program and
// toolchain/parser (for the exception operator table).
package loader
