package server

import (
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/pipeline"
)

// AlertFunc receives each formatted alert with the time its event was
// received (for receipt-to-alert latency).
type AlertFunc func(a *alert.Alert, received time.Time)

// K8sBinder prepares k8s_audit rule sets for a pipeline: it binds the
// module's field table to the audit extractors and parses the rules'
// output templates; either failing refuses the module. opts is read for
// every rule set, so a reload can change alert formatting.
func K8sBinder(opts func() alert.Options, emit AlertFunc) pipeline.Binder {
	return func(m *abi.Metadata) (pipeline.Binding, error) {
		b, err := k8saudit.Bind(Refs(m))
		if err != nil {
			return pipeline.Binding{}, err
		}
		f, err := alert.New(m, opts())
		if err != nil {
			return pipeline.Binding{}, err
		}
		return pipeline.Binding{
			Worker: func() pipeline.BindFunc { return k8sViews(b) },
			Emit: func(mt pipeline.Match) {
				a := f.Format(mt.Rule, mt.Event, mt.Item.(*k8saudit.Event).Time())
				emit(&a, mt.Received)
			},
		}, nil
	}
}

// k8sViews returns a per-worker binder that reuses its views.
func k8sViews(b *k8saudit.Binding) pipeline.BindFunc {
	var views []k8saudit.View
	return func(items []any, dst []fields.Event) []fields.Event {
		if cap(views) < len(items) {
			views = make([]k8saudit.View, len(items))
		}
		views = views[:len(items)]
		for i, it := range items {
			views[i].Set(b, it.(*k8saudit.Event))
			dst = append(dst, &views[i])
		}
		return dst
	}
}

// Refs is a module's field table as field references.
func Refs(m *abi.Metadata) []fields.Ref {
	refs := make([]fields.Ref, len(m.Fields))
	for i, f := range m.Fields {
		refs[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return refs
}
