// Package deploy tests the Kubernetes manifests under deploy/: every object
// decodes strictly into the real Kubernetes API types, and the invariants
// that make the deployment work hold (probes, capabilities, mounts, limits,
// selectors, ports, the apiserver's kubeconfig and audit policy).
package deploy

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/aeriesec/aerie/tests/testenv"
)

// rendered holds one kustomization's objects decoded into API types.
type rendered struct {
	DaemonSets  []*appsv1.DaemonSet
	Deployments []*appsv1.Deployment
	Services    []*corev1.Service
	ConfigMaps  []*corev1.ConfigMap
	Secrets     []*corev1.Secret
	Accounts    []*corev1.ServiceAccount
	Namespaces  []*corev1.Namespace
	Roles       []*rbacv1.Role
	Bindings    []*rbacv1.RoleBinding
	CRoles      []*rbacv1.ClusterRole
	CBindings   []*rbacv1.ClusterRoleBinding
	PDBs        []*policyv1.PodDisruptionBudget
}

func decodeAll(t *testing.T, objs []object) *rendered {
	t.Helper()
	r := &rendered{}
	for _, o := range objs {
		if err := r.add(o); err != nil {
			t.Error(err)
		}
	}
	return r
}

func (r *rendered) add(o object) error {
	switch o.Kind {
	case "DaemonSet":
		return decodeInto(o, &r.DaemonSets)
	case "Deployment":
		return decodeInto(o, &r.Deployments)
	case "Service":
		return decodeInto(o, &r.Services)
	case "ConfigMap":
		return decodeInto(o, &r.ConfigMaps)
	case "Secret":
		return decodeInto(o, &r.Secrets)
	case "ServiceAccount":
		return decodeInto(o, &r.Accounts)
	case "Namespace":
		return decodeInto(o, &r.Namespaces)
	case "Role":
		return decodeInto(o, &r.Roles)
	case "RoleBinding":
		return decodeInto(o, &r.Bindings)
	case "ClusterRole":
		return decodeInto(o, &r.CRoles)
	case "ClusterRoleBinding":
		return decodeInto(o, &r.CBindings)
	case "PodDisruptionBudget":
		return decodeInto(o, &r.PDBs)
	}
	return fmt.Errorf("%s: kind %q has no decoder in this test: add one", o.File, o.Kind)
}

func decodeInto[T any](o object, list *[]*T) error {
	v := new(T)
	if err := strictJSON(o, v); err != nil {
		return err
	}
	*list = append(*list, v)
	return nil
}

func kustomizations(t *testing.T) map[string]string {
	root := filepath.Join(testenv.RepoRoot(t), "deploy", "kustomize")
	return map[string]string{
		"base":       filepath.Join(root, "base"),
		"privileged": filepath.Join(root, "overlays", "privileged"),
		"kind":       filepath.Join(root, "overlays", "kind"),
	}
}

func TestManifestsDecodeStrictly(t *testing.T) {
	for name, dir := range kustomizations(t) {
		t.Run(name, func(t *testing.T) {
			r := decodeAll(t, render(t, dir))
			if len(r.DaemonSets) != 1 || len(r.Deployments) != 1 {
				t.Fatalf("want one DaemonSet and one Deployment, got %d and %d", len(r.DaemonSets), len(r.Deployments))
			}
			checkAgent(t, r, name == "privileged")
			checkWebhook(t, r)
			checkReferences(t, r)
		})
	}
}

func container(t *testing.T, spec *corev1.PodSpec) *corev1.Container {
	t.Helper()
	if len(spec.Containers) != 1 {
		t.Fatalf("want one container, got %d", len(spec.Containers))
	}
	return &spec.Containers[0]
}

func checkAgent(t *testing.T, r *rendered, privileged bool) {
	ds := r.DaemonSets[0]
	spec := &ds.Spec.Template.Spec
	c := container(t, spec)
	checkSelector(t, "DaemonSet "+ds.Name, ds.Spec.Selector.MatchLabels, ds.Spec.Template.Labels)
	if !spec.HostPID {
		t.Error("agent: hostPID must be true to see the node's processes")
	}
	sc := c.SecurityContext
	if sc == nil {
		t.Fatal("agent: no securityContext")
	}
	if privileged {
		if sc.Privileged == nil || !*sc.Privileged {
			t.Error("privileged overlay: agent must be privileged")
		}
	} else {
		if sc.Privileged != nil && *sc.Privileged {
			t.Error("agent: must not be privileged in the base")
		}
		checkCaps(t, sc.Capabilities)
	}
	for _, m := range []string{"/host/proc", "/sys/kernel/btf", "/host/sys/fs/cgroup"} {
		vm := mountAt(c, m)
		if vm == nil || !vm.ReadOnly {
			t.Errorf("agent: %s must be mounted read-only", m)
		}
	}
	checkStateVolume(t, c)
	checkProbesAndResources(t, "agent", c)
	checkPodMetadataAccess(t, r, ds)
}

// checkPodMetadataAccess: the agent resolves syscall events to pods, so it
// knows its node, mounts a token, and that token's account may list and
// watch pods (and do nothing else through that grant).
func checkPodMetadataAccess(t *testing.T, r *rendered, ds *appsv1.DaemonSet) {
	t.Helper()
	spec := &ds.Spec.Template.Spec
	c := &spec.Containers[0]
	if !slices.ContainsFunc(c.Env, func(e corev1.EnvVar) bool {
		return e.Name == "NODE_NAME" && e.ValueFrom != nil && e.ValueFrom.FieldRef != nil && e.ValueFrom.FieldRef.FieldPath == "spec.nodeName"
	}) {
		t.Error("agent: NODE_NAME must come from spec.nodeName (the pods it watches)")
	}
	if spec.AutomountServiceAccountToken == nil || !*spec.AutomountServiceAccountToken {
		t.Error("agent: must mount its service account token to read pods")
	}
	ns := "aerie"
	granted := map[string]bool{}
	for _, b := range r.CBindings {
		if !slices.ContainsFunc(b.Subjects, func(s rbacv1.Subject) bool {
			return s.Kind == rbacv1.ServiceAccountKind && s.Name == spec.ServiceAccountName && s.Namespace == ns
		}) {
			continue
		}
		i := slices.IndexFunc(r.CRoles, func(x *rbacv1.ClusterRole) bool { return x.Name == b.RoleRef.Name })
		if i < 0 {
			t.Errorf("ClusterRoleBinding %s: ClusterRole %s not defined", b.Name, b.RoleRef.Name)
			continue
		}
		for _, rule := range r.CRoles[i].Rules {
			if !slices.Equal(rule.APIGroups, []string{""}) || !slices.Equal(rule.Resources, []string{"pods"}) {
				t.Errorf("ClusterRole %s grants %v/%v: the agent needs pods only", b.RoleRef.Name, rule.APIGroups, rule.Resources)
			}
			for _, v := range rule.Verbs {
				granted[v] = true
			}
		}
	}
	for _, v := range []string{"get", "list", "watch"} {
		if !granted[v] {
			t.Errorf("agent: service account %s/%s may not %s pods", ns, spec.ServiceAccountName, v)
		}
	}
	for v := range granted {
		if v != "get" && v != "list" && v != "watch" {
			t.Errorf("agent: granted %s on pods: read-only is enough", v)
		}
	}
}

func checkCaps(t *testing.T, caps *corev1.Capabilities) {
	t.Helper()
	if caps == nil {
		t.Fatal("agent: no capabilities")
	}
	want := []corev1.Capability{"BPF", "PERFMON", "SYS_PTRACE", "SYS_RESOURCE"}
	got := slices.Clone(caps.Add)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("agent: capabilities added %v, want exactly %v", got, want)
	}
	if !slices.Contains(caps.Drop, "ALL") {
		t.Error("agent: must drop ALL capabilities first")
	}
}

func checkStateVolume(t *testing.T, c *corev1.Container) {
	t.Helper()
	dir := flagValue(c.Args, "--state-dir")
	if dir == "" {
		dir = "/var/lib/aerie" // the ConfigMap's state_dir
	}
	if vm := mountAt(c, dir); vm == nil || vm.ReadOnly {
		t.Errorf("%s: the state dir %s needs a writable volume", c.Name, dir)
	}
}

func checkProbesAndResources(t *testing.T, what string, c *corev1.Container) {
	t.Helper()
	checkProbe(t, what+" liveness", c.LivenessProbe, "/healthz", c)
	checkProbe(t, what+" readiness", c.ReadinessProbe, "/readyz", c)
	for _, res := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if _, ok := c.Resources.Requests[res]; !ok {
			t.Errorf("%s: no %s request", what, res)
		}
		if _, ok := c.Resources.Limits[res]; !ok {
			t.Errorf("%s: no %s limit", what, res)
		}
	}
}

func checkProbe(t *testing.T, what string, p *corev1.Probe, path string, c *corev1.Container) {
	t.Helper()
	if p == nil || p.HTTPGet == nil {
		t.Errorf("%s: want an HTTP probe on %s", what, path)
		return
	}
	if p.HTTPGet.Path != path {
		t.Errorf("%s: path %s, want %s", what, p.HTTPGet.Path, path)
	}
	if !hasPort(c, p.HTTPGet.Port.String()) {
		t.Errorf("%s: port %s is not a container port", what, p.HTTPGet.Port.String())
	}
	listen := flagValue(c.Args, "--listen")
	if !strings.HasSuffix(listen, fmt.Sprintf(":%d", portNumber(c, p.HTTPGet.Port.String()))) {
		t.Errorf("%s: probe port does not match --listen=%s", what, listen)
	}
	tls := flagValue(c.Args, "--tls-cert") != ""
	if tls != (p.HTTPGet.Scheme == corev1.URISchemeHTTPS) {
		t.Errorf("%s: scheme %q but TLS on the server is %v", what, p.HTTPGet.Scheme, tls)
	}
}

func checkWebhook(t *testing.T, r *rendered) {
	d := r.Deployments[0]
	c := container(t, &d.Spec.Template.Spec)
	checkSelector(t, "Deployment "+d.Name, d.Spec.Selector.MatchLabels, d.Spec.Template.Labels)
	if d.Spec.Replicas == nil || *d.Spec.Replicas < 1 {
		t.Error("webhook: want at least one replica")
	}
	psc := d.Spec.Template.Spec.SecurityContext
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot {
		t.Error("webhook: must run as non-root")
	}
	if c.SecurityContext == nil || c.SecurityContext.Capabilities == nil || len(c.SecurityContext.Capabilities.Add) != 0 {
		t.Error("webhook: must add no capabilities")
	}
	for _, f := range []string{"--no-syscall", "--tls-cert", "--tls-key", "--client-ca"} {
		if !hasFlag(c.Args, f) {
			t.Errorf("webhook: missing %s", f)
		}
	}
	checkStateVolume(t, c)
	checkProbesAndResources(t, "webhook", c)
}

// checkReferences checks that names point at things that exist: Services
// select pods and target their ports, pods use existing accounts, volumes
// name existing ConfigMaps and Secrets, PDBs select pods.
func checkReferences(t *testing.T, r *rendered) {
	pods := map[string]*corev1.PodTemplateSpec{
		"agent":   &r.DaemonSets[0].Spec.Template,
		"webhook": &r.Deployments[0].Spec.Template,
	}
	for _, s := range r.Services {
		n := 0
		for _, p := range pods {
			if labels.SelectorFromSet(s.Spec.Selector).Matches(labels.Set(p.Labels)) {
				n++
				for _, sp := range s.Spec.Ports {
					if !hasPort(&p.Spec.Containers[0], sp.TargetPort.String()) {
						t.Errorf("Service %s: target port %s not on the pods it selects", s.Name, sp.TargetPort.String())
					}
				}
			}
		}
		if n != 1 {
			t.Errorf("Service %s selects %d workloads, want 1", s.Name, n)
		}
	}
	for _, pdb := range r.PDBs {
		if !labels.SelectorFromSet(pdb.Spec.Selector.MatchLabels).Matches(labels.Set(pods["webhook"].Labels)) {
			t.Errorf("PDB %s does not select the webhook pods", pdb.Name)
		}
	}
	for name, p := range pods {
		checkPodRefs(t, r, name, &p.Spec)
	}
	for _, b := range r.Bindings {
		checkBinding(t, r, b)
	}
}

// checkBinding checks that a RoleBinding names a Role and ServiceAccounts
// the manifests define.
func checkBinding(t *testing.T, r *rendered, b *rbacv1.RoleBinding) {
	if !slices.ContainsFunc(r.Roles, func(x *rbacv1.Role) bool { return x.Name == b.RoleRef.Name }) {
		t.Errorf("RoleBinding %s: Role %s not defined", b.Name, b.RoleRef.Name)
	}
	for _, s := range b.Subjects {
		if s.Kind == rbacv1.ServiceAccountKind &&
			!slices.ContainsFunc(r.Accounts, func(a *corev1.ServiceAccount) bool { return a.Name == s.Name }) {
			t.Errorf("RoleBinding %s: ServiceAccount %s not defined", b.Name, s.Name)
		}
	}
}

func checkPodRefs(t *testing.T, r *rendered, name string, spec *corev1.PodSpec) {
	if !slices.ContainsFunc(r.Accounts, func(a *corev1.ServiceAccount) bool { return a.Name == spec.ServiceAccountName }) {
		t.Errorf("%s: service account %q not defined", name, spec.ServiceAccountName)
	}
	for _, v := range spec.Volumes {
		if v.ConfigMap != nil && !slices.ContainsFunc(r.ConfigMaps, func(c *corev1.ConfigMap) bool { return c.Name == v.ConfigMap.Name }) {
			t.Errorf("%s: volume %s names missing ConfigMap %s", name, v.Name, v.ConfigMap.Name)
		}
		if v.Secret != nil && !slices.ContainsFunc(r.Secrets, func(s *corev1.Secret) bool { return s.Name == v.Secret.SecretName }) {
			t.Errorf("%s: volume %s names missing Secret %s", name, v.Name, v.Secret.SecretName)
		}
	}
	for _, vm := range spec.Containers[0].VolumeMounts {
		if !slices.ContainsFunc(spec.Volumes, func(v corev1.Volume) bool { return v.Name == vm.Name }) {
			t.Errorf("%s: mount %s has no volume", name, vm.Name)
		}
	}
}

func checkSelector(t *testing.T, what string, sel, tmpl map[string]string) {
	t.Helper()
	if len(sel) == 0 || !labels.SelectorFromSet(sel).Matches(labels.Set(tmpl)) {
		t.Errorf("%s: selector %v does not match template labels %v", what, sel, tmpl)
	}
}

func mountAt(c *corev1.Container, path string) *corev1.VolumeMount {
	for i := range c.VolumeMounts {
		if c.VolumeMounts[i].MountPath == path {
			return &c.VolumeMounts[i]
		}
	}
	return nil
}

func hasPort(c *corev1.Container, nameOrNumber string) bool {
	return portNumber(c, nameOrNumber) != 0
}

func portNumber(c *corev1.Container, nameOrNumber string) int32 {
	for _, p := range c.Ports {
		if p.Name == nameOrNumber || fmt.Sprint(p.ContainerPort) == nameOrNumber {
			return p.ContainerPort
		}
	}
	return 0
}

func hasFlag(args []string, name string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == name || strings.HasPrefix(a, name+"=") })
}

func flagValue(args []string, name string) string {
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
	}
	return ""
}
