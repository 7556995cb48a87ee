package hostile

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/wasm"
)

// Outcome is what a host must do with a fixture.
type Outcome int

// The outcomes.
const (
	Loads     Outcome = iota // loads and evaluates correctly
	Refused                  // refused at load with a clear message
	Contained                // loads; events that fire the defect fail within the deadline, the others evaluate
)

// Fixture is one hostile module.
type Fixture struct {
	Name    string // file name in testdata, without .wasm
	Outcome Outcome
	Defect  string // one line for README.md
	spec    spec
}

// File is the fixture's file name.
func (f Fixture) File() string { return f.Name + ".wasm" }

// Module returns the fixture as a module (for its WAT, or to change it).
func (f Fixture) Module() *wasm.Module { return f.spec.build() }

// Bytes returns the encoded fixture, as committed in testdata.
func (f Fixture) Bytes() []byte { return f.Module().Encode() }

// All lists every fixture, the valid baseline first.
func All() []Fixture {
	return []Fixture{
		{"valid", Loads, "no defect: the baseline every other fixture differs from in one respect", spec{}},
		{"infinite_loop", Contained, "eval_batch loops forever (`loop br 0`)", spec{defect: infiniteLoop}},
		{"memory_grow_bomb", Contained, "eval_batch grows memory 16 pages at a time, filling each, until memory.grow has failed 1000 times; then evaluates as usual", spec{defect: growBomb}},
		{"deep_recursion", Refused, "eval_batch calls `$down`, a non-tail recursion 2^30 deep (stack exhaustion); the host refuses any cycle of calls", spec{defect: deepRecursion, helpers: func(first uint32) []wasm.Func { return []wasm.Func{downFunc(first)} }}},
		{"unreachable", Contained, "eval_batch executes `unreachable`", spec{defect: trap}},
		{"wasi_import", Refused, "imports `wasi_snapshot_preview1.fd_write` (not called)", spec{extraImports: []wasm.Import{{Module: "wasi_snapshot_preview1", Name: "fd_write", Type: typeFdWrite}}}},
		{"unknown_import_aerie", Refused, "imports `aerie.no_such_fn`, a name the ABI does not define", spec{extraImports: []wasm.Import{{Module: abi.ImportModule, Name: "no_such_fn", Type: typeVoid}}}},
		{"unknown_import_env_abort", Refused, "imports `env.abort` (AssemblyScript's abort)", spec{extraImports: []wasm.Import{{Module: "env", Name: "abort", Type: typeAbort}}}},
		{"wrong_abi_version", Refused, "built for ABI 2: metadata `abi` and the header's ABI word are 2", spec{headerABI: abi.Version + 1, meta: withMetadata(func(m *abi.Metadata) { m.ABI = abi.Version + 1 })}},
		{"missing_metadata", Refused, "has no `" + abi.MetadataSection + "` custom section", spec{noMeta: true}},
		{"corrupt_metadata_not_json", Refused, "the metadata section holds bytes that are not JSON", spec{meta: func() []byte { return []byte("\x00\xffnot json{") }}},
		{"corrupt_metadata_truncated", Refused, "the metadata section is valid metadata cut in half", spec{meta: truncatedMetadata}},
		{"unknown_field", Refused, "the metadata's field table asks for `ka.no_such_field`, which no host catalog has", spec{fields: 2, meta: withMetadata(func(m *abi.Metadata) {
			m.Fields = append(m.Fields, abi.Field{Name: "ka.no_such_field"})
		})}},
		{"metadata_unknown_key", Refused, "the metadata has a top-level key ABI v1 does not define (`x_unknown_key`)", spec{meta: metadataWithUnknownKey}},
	}
}

// Lookup returns the fixture with the given name.
func Lookup(name string) (Fixture, bool) {
	for _, f := range All() {
		if f.Name == name {
			return f, true
		}
	}
	return Fixture{}, false
}
