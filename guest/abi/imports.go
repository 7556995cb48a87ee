package abi

import "github.com/aeriesec/aerie/guest/fields"

// ImportModule is the only module a guest may import from.
const ImportModule = "aerie"

// Import names and signatures. Every parameter and result is an i32.
const (
	// ImportField is field(evt, id) -> addr. The host extracts entry id of
	// Metadata.Fields for event evt of the current batch, writes its record
	// at the heap top (8-aligned, growing memory when needed), advances the
	// heap pointer past it and returns the record's address; 0 means the
	// field is missing for this event.
	ImportField = "field"
	// ImportRegex is regex(id, ptr, len) -> 0|1: whether the bytes at
	// ptr..ptr+len fully match Metadata.Regexes[id] (Go RE2 syntax).
	ImportRegex = "regex"
	// ImportFields is fields(evt, ids, n, out) -> 0: the field import for
	// several fields in one call. For each of the n u32 field ids at
	// address ids it extracts the field as ImportField does and stores the
	// record's address, or 1 when the field is missing, as a u32 at
	// out + 4*id. A guest fetches the fields every rule of an event's type
	// reads first, saving a host call per field.
	ImportFields = "fields"
)

// ImportSpec is one allowed import with its signature.
type ImportSpec struct {
	Name    string
	Params  int // number of i32 parameters
	Results int // number of i32 results
}

// Imports is the allow-list: a module importing anything else, or these with
// another signature, is refused.
var Imports = []ImportSpec{
	{Name: ImportField, Params: 2, Results: 1},
	{Name: ImportRegex, Params: 3, Results: 1},
	{Name: ImportFields, Params: 4, Results: 1},
}

// Export names.
const (
	ExportMemory = "memory"
	// ExportEvalBatch is eval_batch(n) -> count: evaluate events 0…n-1 whose
	// codes the host staged, write the matches (event order, then rule order)
	// to the match area and return how many. A negative result is an error
	// the module detected (ErrBatchTooLarge); a trap means the module is
	// broken for this input and the host contains it.
	ExportEvalBatch = "eval_batch"
)

// Results of eval_batch below zero.
const (
	ErrBatchTooLarge = -1 // n < 0 or n > MaxBatch
)

// MetadataSection is the name of the custom section holding the metadata.
const MetadataSection = "aerie.metadata"

// KindOf is the record kind of values of a field.
func KindOf(f *fields.Field) Kind {
	switch {
	case f.List:
		return KindList
	case f.Type.Numeric() || f.Type == fields.Bool:
		return KindNumber
	}
	return KindText
}

// KindOfRef is the record kind of a reference to f: a list for a field
// matching any of several values (proc.aname without an index), whose
// elements are text (numbers in decimal); otherwise KindOf(f).
func KindOfRef(f *fields.Field, r fields.Ref) Kind {
	if f.MatchesAny(r) {
		return KindList
	}
	return KindOf(f)
}
