package deploy

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/tests/testenv"
)

// prometheusRule is the subset of monitoring.coreos.com/v1 PrometheusRule
// the example uses; strict decoding catches misspelt keys.
type prometheusRule struct {
	objectHeader
	Spec struct {
		Groups []struct {
			Name  string `json:"name"`
			Rules []struct {
				Alert       string            `json:"alert"`
				Expr        string            `json:"expr"`
				For         string            `json:"for,omitempty"`
				Labels      map[string]string `json:"labels"`
				Annotations map[string]string `json:"annotations"`
			} `json:"rules"`
		} `json:"groups"`
	} `json:"spec"`
}

// Every alert's expression uses metrics and labels the server exports, has
// a severity and says what to do; the annotations' $labels exist.
func TestPrometheusRuleUsesExportedMetrics(t *testing.T) {
	var pr prometheusRule
	decodeStrict(t, filepath.Join(testenv.RepoRoot(t), "deploy", "monitoring", "prometheusrule.yaml"), &pr)
	if pr.APIVersion != "monitoring.coreos.com/v1" || pr.Kind != "PrometheusRule" {
		t.Fatalf("got %s %s", pr.APIVersion, pr.Kind)
	}
	ex := exportedMetrics(t)
	seen := map[string]bool{}
	for _, g := range pr.Spec.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" || seen[r.Alert] {
				t.Errorf("group %s: alert name %q empty or repeated", g.Name, r.Alert)
			}
			seen[r.Alert] = true
			for _, err := range checkQuery(r.Expr, ex) {
				t.Errorf("%s: %v", r.Alert, err)
			}
			if r.Labels["severity"] == "" || r.Annotations["summary"] == "" || r.Annotations["description"] == "" {
				t.Errorf("%s: want a severity label, a summary and a description", r.Alert)
			}
			checkTemplateLabels(t, r.Alert, r.Expr, r.Annotations)
		}
	}
}

// checkTemplateLabels: {{ $labels.x }} in an annotation must be a label the
// alert's result keeps, i.e. one its outermost aggregation groups by.
func checkTemplateLabels(t *testing.T, alert, expr string, ann map[string]string) {
	p, err := parsePromQL(expr)
	if err != nil {
		return // reported by checkQuery
	}
	kept := map[string]bool{}
	for _, l := range p.grouping {
		kept[l] = true
	}
	for _, text := range ann {
		for _, part := range strings.Split(text, "$labels.")[1:] {
			name := strings.FieldsFunc(part, func(r rune) bool { return r == ' ' || r == '}' })[0]
			if !kept[name] {
				t.Errorf("%s: annotation uses $labels.%s, which the expression does not keep", alert, name)
			}
		}
	}
}
