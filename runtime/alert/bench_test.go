package alert

import (
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

// BenchmarkFormat formats one alert of a Falco-like k8s_audit template
// (fields, a list, output_fields, tags) in each form set.
func BenchmarkFormat(b *testing.B) {
	meta := &abi.Metadata{Source: fields.SourceK8sAudit, Fields: table, Rules: []abi.Rule{{Name: "Attach/Exec Pod",
		Priority: 5, Tags: []string{"k8s", "mitre_execution"},
		Output: "Attach/Exec to pod (user=%ka.user.name pod=%ka.target.name resource=%ka.target.name action=%ka.verb command=%ka.uri.param[command] groups=%ka.user.groups ua=%ka.useragent)"}}}
	ev := mapEvent{table, event}
	for _, c := range []struct {
		name  string
		forms Forms
	}{{"both", 0}, {"text", FormText}, {"json", FormJSON}} {
		b.Run(c.name, func(b *testing.B) {
			o := DefaultOptions()
			o.Forms = c.forms
			f, err := New(meta, o)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				f.Format(0, ev, eventTime)
			}
		})
	}
}
