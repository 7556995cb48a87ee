package rules_test

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
)

// k8sFixtures are the audit fixtures under testdata/k8s_audit, by file name.
// k8s_audit_test.yaml says what each must (not) raise.
var k8sFixtures = map[string]func(*clock) []auditv1.Event{
	"anonymous_list_secrets.json":         anonymousListSecrets,
	"anonymous_public_endpoints.json":     anonymousPublic,
	"exec_pod.json":                       execPod,
	"attach_pod.json":                     attachPod,
	"pod_logs.json":                       podLogs,
	"pod_privileged.json":                 podCreate("shop", "cart", privilegedSecond),
	"pod_unprivileged.json":               podCreate("shop", "cart", plain),
	"pod_public_image.json":               podCreate("shop", "web", publicImage),
	"kube_proxy_pod.json":                 kubeProxyPod,
	"pod_docker_sock.json":                podCreate("ci", "builder", dockerSock),
	"pod_varlog_hostpath.json":            podCreate("logging", "fluent-bit", varLog),
	"pod_host_network.json":               podCreate("shop", "cart", hostNetwork),
	"pod_host_pid.json":                   podCreate("shop", "cart", hostPID),
	"pod_host_ipc.json":                   podCreate("shop", "cart", hostIPC),
	"pod_kube_system_by_admin.json":       podByAdminInKubeSystem,
	"pod_kube_public.json":                podCreate("kube-public", "web", publicImage),
	"sa_kube_system_by_admin.json":        saCreate(admin, "kube-system", "backup-operator"),
	"sa_app_namespace.json":               saCreate(ciDeployer, "shop", "cart"),
	"sa_delete.json":                      saDelete,
	"service_nodeport.json":               serviceCreate(corev1.ServiceTypeNodePort),
	"service_clusterip.json":              serviceCreate(corev1.ServiceTypeClusterIP),
	"service_delete.json":                 serviceDelete,
	"configmap_password.json":             configMapCreate("db-settings", map[string]string{"DB_HOST": "postgres.shop.svc", "DB_USER": "cart", "DB_PASSWORD": "s3cr3t-Pa55"}),
	"configmap_aws_keys.json":             configMapCreate("s3-sync", map[string]string{"credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"}),
	"configmap_private_key.json":          configMapCreate("tls-material", map[string]string{"server.key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n"}),
	"configmap_api_token.json":            configMapCreate("slack-notifier", map[string]string{"config.yaml": "channel: '#alerts'\ntoken: xoxb-1234-5678-abcdef\n"}),
	"configmap_plain.json":                configMapCreate("cart-settings", map[string]string{"LOG_LEVEL": "info", "CACHE_TTL": "30s", "FEATURE_FLAGS": "checkout-v2,fast-search"}),
	"configmap_root_ca.json":              rootCAConfigMap,
	"configmap_delete.json":               configMapDelete,
	"namespace_unexpected.json":           namespaceCreate(admin, "scratch"),
	"namespace_by_apiserver.json":         namespaceCreate(apiserverSelf, "kube-node-lease"),
	"namespace_payments.json":             namespaceCreate(alice, "payments"),
	"namespace_delete.json":               namespaceDelete,
	"clusterrole_system_patch.json":       clusterRolePatch(admin, "system:node"),
	"clusterrole_system_delete.json":      clusterRoleDelete("system:aggregate-to-edit"),
	"clusterrole_system_reconcile.json":   clusterRoleReconcile,
	"clusterrole_patch_labels.json":       clusterRolePatch(admin, "shop-reader"),
	"clusterrole_delete.json":             clusterRoleDelete("shop-reader"),
	"crb_cluster_admin.json":              bindingCreate("clusterrolebindings", "", "ci-admin", "cluster-admin"),
	"rb_cluster_admin.json":               bindingCreate("rolebindings", "shop", "cart-admin", "cluster-admin"),
	"crb_view.json":                       bindingCreate("clusterrolebindings", "", "auditors-view", "view"),
	"rb_view.json":                        bindingCreate("rolebindings", "shop", "cart-view", "view"),
	"crb_delete.json":                     bindingDelete("clusterrolebindings", "", "auditors-view"),
	"rb_delete.json":                      bindingDelete("rolebindings", "shop", "cart-view"),
	"clusterrole_wildcard_verbs.json":     clusterRoleCreate("ops-everything", rule([]string{"apps"}, []string{"deployments"}, []string{"*"})),
	"clusterrole_wildcard_resources.json": clusterRoleCreate("ops-reader", rule([]string{""}, []string{"*"}, []string{"get", "list", "watch"})),
	"clusterrole_pod_exec.json":           clusterRoleCreate("debugger", rule([]string{""}, []string{"pods"}, []string{"get", "list"}), rule([]string{""}, []string{"pods/exec"}, []string{"create", "get"})),
	"role_write.json":                     roleCreate("deployer", rule([]string{"apps"}, []string{"deployments"}, []string{"get", "list", "create", "update", "patch"})),
	"role_readonly.json":                  roleCreate("viewer", rule([]string{""}, []string{"pods", "services"}, []string{"get", "list", "watch"})),
	"role_delete.json":                    roleDelete,
	"clusterrole_readonly.json":           clusterRoleCreate("shop-reader", rule([]string{"", "apps"}, []string{"pods", "deployments"}, []string{"get", "list", "watch"})),
	"deployment_create.json":              deploymentCreate,
	"deployment_delete.json":              deploymentDelete,
	"lifecycle_quiet.json":                lifecycleQuiet,
	"users_list_pods.json":                usersListPods,
}

func anonymousListSecrets(clk *clock) []auditv1.Event {
	list := &corev1.SecretList{TypeMeta: typeMeta("SecretList", "v1"), ListMeta: metav1.ListMeta{ResourceVersion: "884213"}}
	return []auditv1.Event{call{
		who: anonymous, verb: "list", uri: "/api/v1/namespaces/kube-system/secrets?limit=500",
		ref:         ref("", "v1", "secrets", "kube-system", ""),
		authzReason: `RBAC: allowed by ClusterRoleBinding "debug-anon" of ClusterRole "cluster-admin" to User "system:anonymous"`,
		level:       auditv1.LevelMetadata, resp: list,
	}.event(clk)}
}

func anonymousPublic(clk *clock) []auditv1.Event {
	pub := `RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"`
	var evs []auditv1.Event
	for _, uri := range []string{"/healthz", "/readyz?verbose", "/livez", "/version", "/.well-known/openid-configuration"} {
		evs = append(evs, call{who: anonymous, verb: "get", uri: uri, authzReason: pub, level: auditv1.LevelMetadata}.event(clk))
	}
	evs = append(evs, call{
		who: anonymous, verb: "list", uri: "/api/v1/namespaces/kube-system/secrets",
		ref: ref("", "v1", "secrets", "kube-system", ""), code: 403, reason: "Forbidden",
		message:  `secrets is forbidden: User "system:anonymous" cannot list resource "secrets" in API group "" in the namespace "kube-system"`,
		decision: "forbid", level: auditv1.LevelMetadata,
	}.event(clk))
	return evs
}

// streaming returns the two events of a long-running exec/attach request.
func streaming(clk *clock, sub, query string) []auditv1.Event {
	c := call{
		who: admin, verb: "create",
		uri:  "/api/v1/namespaces/shop/pods/cart-7c9f6d8b4-x2kqp/" + sub + "?" + query,
		ref:  auditv1.ObjectReference{Resource: "pods", Namespace: "shop", Name: "cart-7c9f6d8b4-x2kqp", APIVersion: "v1", Subresource: sub},
		code: 101, level: auditv1.LevelMetadata, stage: auditv1.StageResponseStarted,
		authzReason: `RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"`,
	}
	started := c.event(clk)
	c.stage, c.latency = auditv1.StageResponseComplete, 94*time.Second
	done := c.event(clk)
	done.AuditID, done.RequestReceivedTimestamp = started.AuditID, started.RequestReceivedTimestamp
	return []auditv1.Event{started, done}
}

func execPod(clk *clock) []auditv1.Event {
	return streaming(clk, "exec", "command=%2Fbin%2Fsh&command=-c&command=cat+%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken&container=cart&stderr=true&stdout=true")
}

func attachPod(clk *clock) []auditv1.Event {
	return streaming(clk, "attach", "container=cart&stdin=true&stdout=true&tty=true")
}

func podLogs(clk *clock) []auditv1.Event {
	return []auditv1.Event{call{
		who: admin, verb: "get", uri: "/api/v1/namespaces/shop/pods/cart-7c9f6d8b4-x2kqp/log?container=cart&tailLines=100",
		ref:   auditv1.ObjectReference{Resource: "pods", Namespace: "shop", Name: "cart-7c9f6d8b4-x2kqp", APIVersion: "v1", Subresource: "log"},
		level: auditv1.LevelMetadata,
	}.event(clk)}
}

// Pod spec variants.
func plain(s *corev1.PodSpec) {
	s.Containers = []corev1.Container{container("cart", "registry.example.com/shop/cart:1.4.2")}
	s.SecurityContext = &corev1.PodSecurityContext{RunAsNonRoot: ptr(true), RunAsUser: ptr[int64](10001), FSGroup: ptr[int64](10001)}
	s.Containers[0].SecurityContext = &corev1.SecurityContext{
		AllowPrivilegeEscalation: ptr(false), ReadOnlyRootFilesystem: ptr(true),
		Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}},
	}
}

func publicImage(s *corev1.PodSpec) {
	s.Containers = []corev1.Container{container("web", "nginx:1.27.3")}
}

func privilegedSecond(s *corev1.PodSpec) {
	plain(s)
	side := container("netshoot", "docker.io/nicolaka/netshoot:v0.13")
	side.Ports = nil
	side.SecurityContext = &corev1.SecurityContext{Privileged: ptr(true)}
	s.Containers = append(s.Containers, side)
}

func hostPathVolume(name, path string, typ corev1.HostPathType) corev1.Volume {
	return corev1.Volume{Name: name, VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: path, Type: ptr(typ)}}}
}

func dockerSock(s *corev1.PodSpec) {
	s.Containers = []corev1.Container{container("builder", "docker.io/library/docker:27.4-cli")}
	s.Volumes = []corev1.Volume{hostPathVolume("docker-sock", "/var/run/docker.sock", corev1.HostPathSocket)}
	s.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "docker-sock", MountPath: "/var/run/docker.sock"}}
}

func varLog(s *corev1.PodSpec) {
	s.Containers = []corev1.Container{container("fluent-bit", "cr.fluentbit.io/fluent/fluent-bit:3.2.4")}
	s.Volumes = []corev1.Volume{hostPathVolume("varlog", "/var/log", corev1.HostPathDirectory)}
	s.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "varlog", MountPath: "/var/log", ReadOnly: true}}
}

func hostNetwork(s *corev1.PodSpec) {
	plain(s)
	s.HostNetwork = true
	s.DNSPolicy = corev1.DNSClusterFirstWithHostNet
}

func hostPID(s *corev1.PodSpec) { plain(s); s.HostPID = true }

func hostIPC(s *corev1.PodSpec) { plain(s); s.HostIPC = true }

// podCreate is a ReplicaSet controller creating one pod of owner in ns.
func podCreate(ns, owner string, variant func(*corev1.PodSpec)) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		spec := podSpec()
		variant(&spec)
		p := podOwned{ns: ns, owner: owner + "-7c9f6d8b4", hash: "7c9f6d8b4", spec: spec,
			labels: map[string]string{"app": owner}, suffix: "x2kqp"}
		return []auditv1.Event{call{
			who: controller("replicaset-controller"), verb: "create", uri: coreURI(ns, "pods", ""),
			ref: ref("", "v1", "pods", ns, ""), code: 201,
			req: p.request(), resp: p.response(clk.t, 884301),
			authzReason: `RBAC: allowed by ClusterRoleBinding "system:controller:replicaset-controller" of ClusterRole "system:controller:replicaset-controller" to ServiceAccount "replicaset-controller/kube-system"`,
		}.event(clk)}
	}
}

func kubeProxyPod(clk *clock) []auditv1.Event {
	spec := podSpec(container("kube-proxy", "registry.k8s.io/kube-proxy:v1.34.2"))
	c := &spec.Containers[0]
	c.Ports, c.Command = nil, []string{"/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"}
	c.SecurityContext = &corev1.SecurityContext{Privileged: ptr(true)}
	c.VolumeMounts = []corev1.VolumeMount{{Name: "xtables-lock", MountPath: "/run/xtables.lock"}, {Name: "lib-modules", MountPath: "/lib/modules", ReadOnly: true}}
	spec.HostNetwork, spec.PriorityClassName, spec.ServiceAccountName = true, "system-node-critical", "kube-proxy"
	spec.Volumes = []corev1.Volume{
		hostPathVolume("xtables-lock", "/run/xtables.lock", corev1.HostPathFileOrCreate),
		hostPathVolume("lib-modules", "/lib/modules", corev1.HostPathUnset),
	}
	p := podOwned{ns: "kube-system", owner: "kube-proxy", ownerKind: "DaemonSet", spec: spec,
		labels: map[string]string{"k8s-app": "kube-proxy", "controller-revision-hash": "5b8c7d4f9"}, suffix: "q8w2n"}
	return []auditv1.Event{call{
		who: controller("daemon-set-controller"), verb: "create", uri: coreURI("kube-system", "pods", ""),
		ref: ref("", "v1", "pods", "kube-system", ""), code: 201,
		req: p.request(), resp: p.response(clk.t, 884390),
	}.event(clk)}
}

func podByAdminInKubeSystem(clk *clock) []auditv1.Event {
	spec := podSpec(container("toolbox", "docker.io/library/alpine:3.21"))
	spec.Containers[0].Ports = nil
	spec.Containers[0].Command = []string{"sleep", "infinity"}
	pod := &corev1.Pod{TypeMeta: typeMeta("Pod", "v1"),
		ObjectMeta: metav1.ObjectMeta{Name: "toolbox", Namespace: "kube-system", Labels: map[string]string{"run": "toolbox"}},
		Spec:       spec}
	resp := pod.DeepCopy()
	admitPod(resp, clk.t, 884420, "kubectl-run")
	return []auditv1.Event{call{
		who: admin, verb: "create", uri: coreURI("kube-system", "pods", "") + "?fieldManager=kubectl-run",
		ref: ref("", "v1", "pods", "kube-system", "toolbox"), code: 201, req: pod, resp: resp,
	}.event(clk)}
}

func saCreate(who actor, ns, name string) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		sa := serviceAccountObj(ns, name)
		resp := sa.DeepCopy()
		resp.ObjectMeta = stored(resp.ObjectMeta, clk.t, 884500, "kubectl-create")
		return []auditv1.Event{call{
			who: who, verb: "create", uri: coreURI(ns, "serviceaccounts", "") + "?fieldManager=kubectl-create&fieldValidation=Strict",
			ref: ref("", "v1", "serviceaccounts", ns, name), code: 201, req: sa, resp: resp,
		}.event(clk)}
	}
}

func saDelete(clk *clock) []auditv1.Event {
	return []auditv1.Event{deleteCall(admin, "", "v1", "serviceaccounts", "shop", "cart",
		&corev1.ServiceAccount{TypeMeta: typeMeta("ServiceAccount", "v1"), ObjectMeta: stored(metav1.ObjectMeta{Name: "cart", Namespace: "shop"}, clk.t, 884601, "kubectl-create")}).event(clk)}
}

// deleteCall is kubectl deleting an object; the response is the object
// as it was (a deletion without finalizers).
func deleteCall(who actor, group, version, resource, ns, name string, resp any) call {
	uri := coreURI(ns, resource, name)
	if group != "" {
		uri = groupURI(group, version, ns, resource, name)
	}
	return call{who: who, verb: "delete", uri: uri, ref: ref(group, version, resource, ns, name),
		req: deleteOptions(), resp: resp}
}

func serviceCreate(typ corev1.ServiceType) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		s := service("shop", "cart", typ, 0)
		return []auditv1.Event{call{
			who: ciDeployer, verb: "create", uri: coreURI("shop", "services", "") + "?fieldManager=helm",
			ref: ref("", "v1", "services", "shop", "cart"), code: 201,
			req: s, resp: serviceStored(s, clk.t, 884700, "10.96.143.12"),
		}.event(clk)}
	}
}

func serviceDelete(clk *clock) []auditv1.Event {
	s := serviceStored(service("shop", "cart", corev1.ServiceTypeClusterIP, 0), clk.t, 884701, "10.96.143.12")
	return []auditv1.Event{deleteCall(ciDeployer, "", "v1", "services", "shop", "cart", s).event(clk)}
}

func configMapCreate(name string, data map[string]string) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		cm := configMap("shop", name, data)
		resp := cm.DeepCopy()
		resp.ObjectMeta = stored(resp.ObjectMeta, clk.t, 884800, "kubectl-create")
		return []auditv1.Event{call{
			who: admin, verb: "create", uri: coreURI("shop", "configmaps", "") + "?fieldManager=kubectl-create&fieldValidation=Strict",
			ref: ref("", "v1", "configmaps", "shop", name), code: 201, req: cm, resp: resp,
		}.event(clk)}
	}
}

func rootCAConfigMap(clk *clock) []auditv1.Event {
	cm := &corev1.ConfigMap{TypeMeta: typeMeta("ConfigMap", "v1"),
		ObjectMeta: metav1.ObjectMeta{Name: "kube-root-ca.crt", Namespace: "shop",
			Annotations: map[string]string{"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
		Data: map[string]string{"ca.crt": "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIJxQ5Zm9vYmFyMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n-----END CERTIFICATE-----\n"}}
	resp := cm.DeepCopy()
	resp.ObjectMeta = stored(resp.ObjectMeta, clk.t, 884810, "kube-controller-manager")
	return []auditv1.Event{call{
		who: controller("root-ca-cert-publisher"), verb: "create", uri: coreURI("shop", "configmaps", ""),
		ref: ref("", "v1", "configmaps", "shop", "kube-root-ca.crt"), code: 201, req: cm, resp: resp,
	}.event(clk)}
}

func configMapDelete(clk *clock) []auditv1.Event {
	cm := configMap("shop", "cart-settings", map[string]string{"LOG_LEVEL": "info"})
	cm.ObjectMeta = stored(cm.ObjectMeta, clk.t, 884820, "kubectl-create")
	return []auditv1.Event{deleteCall(admin, "", "v1", "configmaps", "shop", "cart-settings", cm).event(clk)}
}

func namespaceCreate(who actor, name string) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		n := namespace(name)
		return []auditv1.Event{call{
			who: who, verb: "create", uri: "/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict",
			ref: ref("", "v1", "namespaces", "", name), code: 201, req: n, resp: namespaceStored(n, clk.t, 884900),
		}.event(clk)}
	}
}

func namespaceDelete(clk *clock) []auditv1.Event {
	n := namespaceStored(namespace("scratch"), clk.t.Add(-time.Hour), 884901)
	n.Status.Phase = corev1.NamespaceTerminating
	n.DeletionTimestamp = ptr(metav1.NewTime(clk.t.Truncate(time.Second)))
	return []auditv1.Event{deleteCall(admin, "", "v1", "namespaces", "", "scratch", n).event(clk)}
}

const rbacGroup = "rbac.authorization.k8s.io"

func clusterRolePatch(who actor, name string) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		patch := map[string]any{"metadata": map[string]any{"labels": map[string]string{"team": "platform"}}}
		cr := clusterRole(name, rule([]string{""}, []string{"pods"}, []string{"get", "list"}))
		cr.ObjectMeta = stored(cr.ObjectMeta, clk.t, 885000, "kubectl-label")
		cr.Labels = map[string]string{"team": "platform"}
		return []auditv1.Event{call{
			who: who, verb: "patch", uri: groupURI(rbacGroup, "v1", "", "clusterroles", name) + "?fieldManager=kubectl-label",
			ref: ref(rbacGroup, "v1", "clusterroles", "", name), req: patch, resp: cr,
		}.event(clk)}
	}
}

func clusterRoleDelete(name string) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		cr := clusterRole(name, rule([]string{""}, []string{"pods"}, []string{"create", "delete"}))
		cr.ObjectMeta = stored(cr.ObjectMeta, clk.t, 885010, "kube-apiserver")
		return []auditv1.Event{deleteCall(admin, rbacGroup, "v1", "clusterroles", "", name, cr).event(clk)}
	}
}

func clusterRoleReconcile(clk *clock) []auditv1.Event {
	cr := clusterRole("system:node", rule([]string{""}, []string{"nodes"}, []string{"create", "get", "list", "watch"}))
	cr.ObjectMeta = stored(cr.ObjectMeta, clk.t, 885020, "kube-apiserver")
	cr.Annotations = map[string]string{"rbac.authorization.kubernetes.io/autoupdate": "true"}
	return []auditv1.Event{call{
		who: apiserverSelf, verb: "update", uri: groupURI(rbacGroup, "v1", "", "clusterroles", "system:node"),
		ref: ref(rbacGroup, "v1", "clusterroles", "", "system:node"), req: cr, resp: cr,
	}.event(clk)}
}

func bindingCreate(resource, ns, name, roleName string) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		var req, resp any
		if resource == "clusterrolebindings" {
			b := clusterRoleBinding(name, roleName, saSubject("ci", "deployer"))
			r := b.DeepCopy()
			r.ObjectMeta = stored(r.ObjectMeta, clk.t, 885100, "kubectl-create")
			req, resp = b, r
		} else {
			b := roleBinding(ns, name, "ClusterRole", roleName, rbacv1.Subject{Kind: "User", APIGroup: rbacGroup, Name: "alice@example.com"})
			r := b.DeepCopy()
			r.ObjectMeta = stored(r.ObjectMeta, clk.t, 885100, "kubectl-create")
			req, resp = b, r
		}
		return []auditv1.Event{call{
			who: admin, verb: "create", uri: groupURI(rbacGroup, "v1", ns, resource, "") + "?fieldManager=kubectl-create&fieldValidation=Strict",
			ref: ref(rbacGroup, "v1", resource, ns, name), code: 201, req: req, resp: resp,
		}.event(clk)}
	}
}

func bindingDelete(resource, ns, name string) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		return []auditv1.Event{deleteCall(admin, rbacGroup, "v1", resource, ns, name,
			statusSuccess(resource, rbacGroup, name, "binding/"+name)).event(clk)}
	}
}

func clusterRoleCreate(name string, rules ...rbacv1.PolicyRule) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		cr := clusterRole(name, rules...)
		resp := cr.DeepCopy()
		resp.ObjectMeta = stored(resp.ObjectMeta, clk.t, 885200, "kubectl-create")
		return []auditv1.Event{call{
			who: alice, verb: "create", uri: groupURI(rbacGroup, "v1", "", "clusterroles", "") + "?fieldManager=kubectl-create&fieldValidation=Strict",
			ref: ref(rbacGroup, "v1", "clusterroles", "", name), code: 201, req: cr, resp: resp,
		}.event(clk)}
	}
}

func roleCreate(name string, rules ...rbacv1.PolicyRule) func(*clock) []auditv1.Event {
	return func(clk *clock) []auditv1.Event {
		r := role("shop", name, rules...)
		resp := r.DeepCopy()
		resp.ObjectMeta = stored(resp.ObjectMeta, clk.t, 885300, "helm")
		return []auditv1.Event{call{
			who: ciDeployer, verb: "create", uri: groupURI(rbacGroup, "v1", "shop", "roles", "") + "?fieldManager=helm",
			ref: ref(rbacGroup, "v1", "roles", "shop", name), code: 201, req: r, resp: resp,
		}.event(clk)}
	}
}

func roleDelete(clk *clock) []auditv1.Event {
	return []auditv1.Event{deleteCall(ciDeployer, rbacGroup, "v1", "roles", "shop", "viewer",
		statusSuccess("roles", rbacGroup, "viewer", "role/viewer")).event(clk)}
}

func deploymentCreate(clk *clock) []auditv1.Event {
	d := deployment("shop", "cart", "registry.example.com/shop/cart:1.4.2", 3)
	resp := d.DeepCopy()
	resp.ObjectMeta = stored(resp.ObjectMeta, clk.t, 885400, "helm")
	resp.Generation = 1
	return []auditv1.Event{call{
		who: ciDeployer, verb: "create", uri: groupURI("apps", "v1", "shop", "deployments", "") + "?fieldManager=helm",
		ref: ref("apps", "v1", "deployments", "shop", "cart"), code: 201, req: d, resp: resp,
	}.event(clk)}
}

func deploymentDelete(clk *clock) []auditv1.Event {
	d := deployment("shop", "cart", "registry.example.com/shop/cart:1.4.2", 3)
	d.ObjectMeta = stored(d.ObjectMeta, clk.t, 885401, "helm")
	return []auditv1.Event{deleteCall(ciDeployer, "apps", "v1", "deployments", "shop", "cart", d).event(clk)}
}

// lifecycleQuiet is activity on every lifecycle resource that must not be
// reported: reads, updates, subresources, failed creates and deletes, and
// request-stage duplicates.
func lifecycleQuiet(clk *clock) []auditv1.Event {
	type res struct{ group, resource, ns, name string }
	all := []res{
		{"apps", "deployments", "shop", "cart"}, {"", "services", "shop", "cart"},
		{"", "configmaps", "shop", "cart-settings"}, {"", "namespaces", "", "shop"},
		{"", "serviceaccounts", "shop", "cart"}, {rbacGroup, "roles", "shop", "viewer"},
		{rbacGroup, "clusterroles", "", "shop-reader"}, {rbacGroup, "rolebindings", "shop", "cart-view"},
		{rbacGroup, "clusterrolebindings", "", "auditors-view"},
	}
	var evs []auditv1.Event
	for _, r := range all {
		uri := func(name string) string {
			if r.group == "" {
				return coreURI(r.ns, r.resource, name)
			}
			return groupURI(r.group, "v1", r.ns, r.resource, name)
		}
		rf := ref(r.group, "v1", r.resource, r.ns, r.name)
		evs = append(evs,
			call{who: admin, verb: "get", uri: uri(r.name), ref: rf, level: auditv1.LevelMetadata}.event(clk),
			call{who: admin, verb: "list", uri: uri("") + "?limit=500", ref: ref(r.group, "v1", r.resource, r.ns, ""), level: auditv1.LevelMetadata}.event(clk),
			call{who: ciDeployer, verb: "create", uri: uri(""), ref: rf, code: 409, reason: "AlreadyExists",
				message: r.resource + ` "` + r.name + `" already exists`, level: auditv1.LevelMetadata}.event(clk),
			call{who: ciDeployer, verb: "create", uri: uri(""), ref: rf, stage: auditv1.StageRequestReceived, level: auditv1.LevelMetadata}.event(clk),
			call{who: ciDeployer, verb: "delete", uri: uri(r.name), ref: rf, code: 404, reason: "NotFound",
				message: r.resource + ` "` + r.name + `" not found`, level: auditv1.LevelMetadata}.event(clk),
			call{who: alice, verb: "delete", uri: uri(r.name), ref: rf, code: 403, reason: "Forbidden", decision: "forbid",
				message: "forbidden", level: auditv1.LevelMetadata}.event(clk),
		)
	}
	sa := ref("", "v1", "serviceaccounts", "shop", "cart")
	sa.Subresource = "token"
	evs = append(evs, call{who: kubelet("worker-1", "10.0.0.21"), verb: "create",
		uri: coreURI("shop", "serviceaccounts", "cart") + "/token", ref: sa, code: 201, level: auditv1.LevelMetadata}.event(clk))
	return evs
}

func usersListPods(clk *clock) []auditv1.Event {
	bob := actor{user: alice.user, ip: "192.0.2.45", agent: kubectlUA}
	bob.user.Username, bob.user.Groups = "bob@example.com", []string{"oidc:contractors", "system:authenticated"}
	var evs []auditv1.Event
	for _, who := range []actor{alice, bob} {
		evs = append(evs, call{who: who, verb: "list", uri: coreURI("shop", "pods", "") + "?limit=500",
			ref: ref("", "v1", "pods", "shop", ""), level: auditv1.LevelMetadata}.event(clk))
	}
	return evs
}
