package deploy

import (
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	corev1 "k8s.io/api/core/v1"
	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/aeriesec/aerie/tests/testenv"
)

func apiserverFile(t *testing.T, name string) string {
	return filepath.Join(testenv.RepoRoot(t), "deploy", "apiserver", name)
}

// The webhook kubeconfig must load as kube-apiserver loads it and point at
// the webhook Service's port and the audit path, with a client certificate.
func TestWebhookKubeconfigTargetsTheService(t *testing.T) {
	cfg, err := clientcmd.LoadFromFile(apiserverFile(t, "webhook-kubeconfig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := cfg.Contexts[cfg.CurrentContext]
	if ctx == nil {
		t.Fatalf("current context %q not defined", cfg.CurrentContext)
	}
	cluster, user := cfg.Clusters[ctx.Cluster], cfg.AuthInfos[ctx.AuthInfo]
	if cluster == nil || user == nil {
		t.Fatalf("context %q names a missing cluster or user", cfg.CurrentContext)
	}
	u, err := url.Parse(cluster.Server)
	if err != nil {
		t.Fatal(err)
	}
	r := decodeAll(t, render(t, kustomizations(t)["base"]))
	svc := findService(t, r.Services, "aerie-webhook")
	if u.Scheme != "https" || u.Hostname() != svc.Name+"."+svc.Namespace+".svc" || u.Path != "/k8s-audit" {
		t.Errorf("server %s: want https://%s.%s.svc:<port>/k8s-audit", cluster.Server, svc.Name, svc.Namespace)
	}
	if u.Port() != strconv.Itoa(int(svc.Spec.Ports[0].Port)) {
		t.Errorf("server port %s, Service port %d", u.Port(), svc.Spec.Ports[0].Port)
	}
	if cluster.CertificateAuthority == "" || user.ClientCertificate == "" || user.ClientKey == "" {
		t.Error("kubeconfig: want a CA and a client certificate and key")
	}
}

func findService(t *testing.T, svcs []*corev1.Service, name string) *corev1.Service {
	t.Helper()
	for _, s := range svcs {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("Service %s not found", name)
	return nil
}

// The audit policy must decode as audit.k8s.io/v1, skip the RequestReceived
// stage, never record Secret bodies, and record request bodies for the
// objects the default rules inspect.
func TestAuditPolicy(t *testing.T) {
	var p auditv1.Policy
	decodeStrict(t, apiserverFile(t, "audit-policy.yaml"), &p)
	if p.APIVersion != "audit.k8s.io/v1" || p.Kind != "Policy" {
		t.Fatalf("got %s %s", p.APIVersion, p.Kind)
	}
	if !slices.Contains(p.OmitStages, auditv1.StageRequestReceived) {
		t.Error("RequestReceived should be omitted: it doubles the events for nothing")
	}
	if lvl := levelFor(p, "", "secrets", "get"); lvl != auditv1.LevelMetadata {
		t.Errorf("secrets recorded at %s, want Metadata", lvl)
	}
	for _, res := range []struct{ group, resource string }{
		{"", "pods"}, {"", "configmaps"}, {"", "services"}, {"rbac.authorization.k8s.io", "clusterroles"},
		{"rbac.authorization.k8s.io", "clusterrolebindings"}, {"apps", "deployments"},
	} {
		if lvl := levelFor(p, res.group, res.resource, "create"); lvl != auditv1.LevelRequest && lvl != auditv1.LevelRequestResponse {
			t.Errorf("create %s recorded at %s, rules need the request body", res.resource, lvl)
		}
	}
	if lvl := levelFor(p, "", "pods/exec", "create"); lvl == auditv1.LevelNone {
		t.Error("pods/exec must be recorded")
	}
	if lvl := levelFor(p, "", "nodes", "delete"); lvl == auditv1.LevelNone {
		t.Error("the catch-all must record every other request at least as Metadata")
	}
}

// levelFor evaluates the policy's rules for a resource request the way the
// apiserver does: the first rule that matches wins.
func levelFor(p auditv1.Policy, group, resource, verb string) auditv1.Level {
	for _, r := range p.Rules {
		if len(r.NonResourceURLs) > 0 || len(r.Users) > 0 {
			continue
		}
		if len(r.Verbs) > 0 && !slices.Contains(r.Verbs, verb) {
			continue
		}
		if len(r.Resources) == 0 || matchesResource(r.Resources, group, resource) {
			return r.Level
		}
	}
	return auditv1.LevelNone
}

func matchesResource(grs []auditv1.GroupResources, group, resource string) bool {
	for _, gr := range grs {
		if gr.Group == group && (len(gr.Resources) == 0 || slices.Contains(gr.Resources, resource)) {
			return true
		}
	}
	return false
}
