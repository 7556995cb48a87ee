// Package abi is the contract between Aerie's host runtime and the Wasm
// modules the toolchain generates: import and export names, memory layout,
// the batch protocol, and the metadata custom section that makes a module
// self-describing. docs/abi.md is its prose form.
//
// It may import only guest/fields.
package abi

// Version is the guest ABI version this package describes. A runtime refuses
// modules whose metadata names another major version.
const Version = 1

// Rule describes one rule of a module: everything the host needs to report
// a match without running the module.
type Rule struct {
	ID         int      `json:"id"` // index in Metadata.Rules; match records carry it
	Name       string   `json:"name"`
	Desc       string   `json:"desc"`
	Priority   int      `json:"priority"` // 0 Emergency … 7 Debug
	Tags       []string `json:"tags"`
	Output     string   `json:"output"` // output template, trimmed
	Enabled    bool     `json:"enabled"`
	EventTypes []string `json:"event_types,omitempty"` // nil: every event of the source
	Condition  string   `json:"condition,omitempty"`   // compiled condition text, for `aerie rules`
}

// Field is a field reference a module asks the host to extract.
type Field struct {
	Name   string `json:"name"`
	Arg    string `json:"arg,omitempty"`
	HasArg bool   `json:"has_arg,omitempty"`
}

// Metadata is the content of a module's metadata custom section.
type Metadata struct {
	ABI       int      `json:"abi"`
	Toolchain string   `json:"toolchain"` // toolchain version that built the module
	Source    string   `json:"source"`    // event source: syscall, k8s_audit
	Hash      string   `json:"hash"`      // hex SHA-256 of the rules sources
	Rules     []Rule   `json:"rules"`
	Fields    []Field  `json:"fields"`  // field table; the field import's index argument points here
	Regexes   []string `json:"regexes"` // regex table; the regex import's index argument points here
	// EventTypes is the union of the rules' event types (syscall source),
	// sorted; nil means the module needs every event. The probe's interest
	// map is programmed from it.
	EventTypes []string `json:"event_types,omitempty"`
	// DNSNames are the host names the rules compare a domain-name field
	// with (fd.sip.name = kubernetes.default.svc.cluster.local), sorted: the
	// host resolves them and extracts those fields by mapping addresses back.
	DNSNames []string `json:"dns_names,omitempty"`
}

// Match says that rule Rule (an index into Metadata.Rules) matched event
// Event (an index into the evaluated batch).
type Match struct {
	Event int
	Rule  int
}

// Options are the host's evaluation choices (falco.yaml's rule selection and
// rule_matching), applied without recompiling.
type Options struct {
	Enabled  []bool // indexed like Metadata.Rules; nil keeps the metadata's enabled flags
	MatchAll bool   // rule_matching: all (default: first match per event)
}
