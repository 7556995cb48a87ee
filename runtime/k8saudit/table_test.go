package k8saudit

import (
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
)

// TestTableCoversCatalog: every catalog field has an extractor and every
// extractor a catalog field.
func TestTableCoversCatalog(t *testing.T) {
	for _, f := range fields.K8sAudit.Fields {
		if _, ok := table[f.Name]; !ok {
			t.Errorf("no extractor for catalog field %s", f.Name)
		}
	}
	for name := range table {
		if _, _, ok := fields.K8sAudit.Lookup(name); !ok {
			t.Errorf("extractor for %s, which the catalog lacks", name)
		}
	}
}
