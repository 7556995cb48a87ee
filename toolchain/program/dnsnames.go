package program

import (
	"slices"

	"github.com/aeriesec/aerie/toolchain/ast"
)

// nameFields are the fields that hold the domain name of an address. As in
// Falco, a rule compares them with host names, and the host resolves those
// names and maps addresses back to them.
var nameFields = map[string]bool{"fd.cip.name": true, "fd.sip.name": true, "fd.lip.name": true, "fd.rip.name": true}

// DNSNames are the host names the source's rules compare a domain-name
// field with (fd.sip.name = kubernetes.default.svc.cluster.local), sorted
// and unique: the host resolves them to extract those fields.
func (s *Source) DNSNames() []string {
	var names []string
	for _, r := range s.Rules {
		ast.Checks(r.Expr, func(c *ast.Check) {
			if c.LHS.Field == nil || !nameFields[c.LHS.Field.Name] {
				return
			}
			for _, v := range c.Values {
				names = append(names, v.Text)
			}
		})
	}
	slices.Sort(names)
	return slices.Compact(names)
}
