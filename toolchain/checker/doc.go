// Package checker turns a loader.Collection into a checked program: it
// substitutes lists as text (Falco's resolve_list), folds exceptions into
// conditions as text, parses conditions, expands macros on the syntax tree
// with Falco's visibility rules and loop detection, resolves every field
// against the catalog of the rule's source, types literals, checks
// operators against types, parses outputs, derives each rule's event
// types, and builds each source's field table.
//
// It may import guest/fields, guest/match, guest/output and the toolchain packages
// ast, diag, loader, parser and program.
package checker
