package deploy

import (
	"path/filepath"
	"testing"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/aeriesec/aerie/tests/testenv"
)

// objectHeader is the type and metadata keys the monitoring objects use;
// the object types embed it so strict decoding knows them.
type objectHeader struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name      string            `json:"name"`
		Namespace string            `json:"namespace"`
		Labels    map[string]string `json:"labels"`
	} `json:"metadata"`
}

// serviceMonitor is the subset of monitoring.coreos.com/v1 ServiceMonitor
// we use (the Prometheus Operator's types are not a dependency); strict
// decoding catches typos in it.
type serviceMonitor struct {
	objectHeader
	Spec struct {
		Selector struct {
			MatchLabels map[string]string `json:"matchLabels"`
		} `json:"selector"`
		NamespaceSelector struct {
			MatchNames []string `json:"matchNames"`
		} `json:"namespaceSelector"`
		Endpoints []struct {
			Port      string `json:"port"`
			Path      string `json:"path"`
			Interval  string `json:"interval"`
			Scheme    string `json:"scheme"`
			TLSConfig *struct {
				InsecureSkipVerify bool   `json:"insecureSkipVerify"`
				ServerName         string `json:"serverName"`
				CA                 struct {
					Secret struct {
						Name string `json:"name"`
						Key  string `json:"key"`
					} `json:"secret"`
				} `json:"ca"`
			} `json:"tlsConfig"`
		} `json:"endpoints"`
	} `json:"spec"`
}

// Every ServiceMonitor endpoint must scrape /metrics on a port some
// selected Service has, and every Aerie Service must be scraped.
func TestServiceMonitorScrapesBothComponents(t *testing.T) {
	var sm serviceMonitor
	decodeStrict(t, filepath.Join(testenv.RepoRoot(t), "deploy", "monitoring", "servicemonitor.yaml"), &sm)
	r := decodeAll(t, render(t, kustomizations(t)["base"]))
	sel := labels.SelectorFromSet(sm.Spec.Selector.MatchLabels)
	scraped := map[string]bool{}
	for _, ep := range sm.Spec.Endpoints {
		if ep.Path != "/metrics" {
			t.Errorf("endpoint %s: path %s", ep.Port, ep.Path)
		}
		for _, s := range r.Services {
			if !sel.Matches(labels.Set(s.Labels)) {
				continue
			}
			for _, p := range s.Spec.Ports {
				if p.Name == ep.Port {
					scraped[s.Name] = true
				}
			}
		}
	}
	for _, s := range r.Services {
		if !scraped[s.Name] {
			t.Errorf("Service %s is not scraped by the ServiceMonitor", s.Name)
		}
	}
}
