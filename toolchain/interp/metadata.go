package interp

import (
	"sort"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/program"
)

// Toolchain names the interpreter in the metadata it builds.
const Toolchain = "aerie-interp"

// buildMetadata describes src the way a compiled module's metadata would:
// rules in evaluation order, the source's field table (plus evt.type when
// rules are bucketed by event type), and the regexes in first-use order.
func buildMetadata(hash string, src *program.Source) *abi.Metadata {
	m := &abi.Metadata{ABI: abi.Version, Toolchain: Toolchain, Source: src.Name, Hash: hash, DNSNames: src.DNSNames()}
	for _, f := range src.Fields {
		m.Fields = append(m.Fields, abi.Field{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg})
	}
	seen := map[string]bool{}
	every := len(src.Rules) == 0
	types := map[string]bool{}
	for i, r := range src.Rules {
		m.Rules = append(m.Rules, abi.Rule{ID: i, Name: r.Name, Desc: r.Desc, Priority: int(r.Priority),
			Tags: r.Tags, Output: r.Output, Enabled: r.Enabled, EventTypes: r.EventTypes, Condition: r.Condition})
		collectRegexes(r.Expr, seen, &m.Regexes)
		every = every || r.EventTypes == nil
		for _, t := range r.EventTypes {
			types[t] = true
		}
	}
	if !every {
		m.EventTypes = sortedKeys(types)
		addEvtType(m)
	}
	return m
}

// addEvtType appends evt.type to the field table when it is missing, so
// events can be bucketed.
func addEvtType(m *abi.Metadata) {
	for _, f := range m.Fields {
		if f.Name == "evt.type" && !f.HasArg {
			return
		}
	}
	m.Fields = append(m.Fields, abi.Field{Name: "evt.type"})
}

func collectRegexes(e ast.Expr, seen map[string]bool, out *[]string) {
	ast.Checks(e, func(c *ast.Check) {
		if c.Op != ast.OpRegex {
			return
		}
		for _, v := range c.Values {
			if !seen[v.Text] {
				seen[v.Text] = true
				*out = append(*out, v.Text)
			}
		}
	})
}

func sortedKeys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
