package codegen

import (
	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/ir"
	"github.com/aeriesec/aerie/toolchain/program"
)

// Metadata describes the module generated for src (lowered to m): what the
// host needs without running it.
func Metadata(src *program.Source, m *ir.Module, hash, toolchain string) *abi.Metadata {
	md := &abi.Metadata{
		ABI: abi.Version, Toolchain: toolchain, Source: src.Name, Hash: hash,
		Rules: make([]abi.Rule, len(src.Rules)), Fields: make([]abi.Field, len(src.Fields)),
		Regexes: m.Regexes, EventTypes: m.EventTypes, DNSNames: src.DNSNames(),
	}
	for i, r := range src.Rules {
		md.Rules[i] = abi.Rule{
			ID: i, Name: r.Name, Desc: r.Desc, Priority: int(r.Priority), Tags: r.Tags,
			Output: r.Output, Enabled: r.Enabled, EventTypes: r.EventTypes, Condition: r.Condition,
		}
	}
	for i, f := range src.Fields {
		md.Fields[i] = abi.Field{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	if md.Regexes == nil {
		md.Regexes = []string{}
	}
	return md
}
