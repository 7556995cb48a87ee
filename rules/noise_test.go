package rules_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	authnv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
)

// noiseFile is the generated stream of ordinary cluster activity that
// noise_test.yaml requires to raise nothing at WARNING or above.
const noiseFile = "noise_ordinary_cluster.jsonl.gz"

// noiseMinutes is how many minutes of cluster life the stream covers.
const noiseMinutes = 40

var noiseNodes = []struct{ name, ip string }{
	{"cp-1", "10.0.0.10"}, {"worker-1", "10.0.0.21"}, {"worker-2", "10.0.0.22"}, {"worker-3", "10.0.0.23"},
}

// noise generates the stream: per minute, node heartbeats, leader-election
// leases, controller watches, service accounts reading their secrets,
// admins reading, health probes; every few minutes a CI rollout of a
// deployment, the pods it replaces, and a kube-proxy pod recreated.
type noise struct {
	clk *clock
	rnd *rand.Rand
	evs []auditv1.Event
	rv  int
}

func noiseStream() []byte {
	n := &noise{clk: newClock(), rnd: rand.New(rand.NewPCG(7, 11)), rv: 900000}
	for m := 0; m < noiseMinutes; m++ {
		n.minute(m)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.ModTime = time.Time{}
	if _, err := zw.Write(encodeLines(n.evs)); err != nil {
		panic("BUG: " + err.Error())
	}
	if err := zw.Close(); err != nil {
		panic("BUG: " + err.Error())
	}
	return buf.Bytes()
}

func (n *noise) add(c call) { n.evs = append(n.evs, c.event(n.clk)) }

func (n *noise) nextRV() int { n.rv += 1 + n.rnd.IntN(40); return n.rv }

func (n *noise) minute(m int) {
	for tick := 0; tick < 6; tick++ {
		n.heartbeats()
		n.leaderLeases()
	}
	n.watches()
	n.serviceAccounts()
	n.probes()
	if m%3 == 0 {
		n.admins()
	}
	if m%5 == 2 {
		n.rollout(m)
	}
	if m == 17 {
		n.kubeProxyRestart()
	}
}

// heartbeats: every node renews its lease and patches its status.
func (n *noise) heartbeats() {
	for _, nd := range noiseNodes {
		k := kubelet(nd.name, nd.ip)
		n.add(call{who: k, verb: "update", uri: groupURI("coordination.k8s.io", "v1", "kube-node-lease", "leases", nd.name),
			ref: ref("coordination.k8s.io", "v1", "leases", "kube-node-lease", nd.name), level: auditv1.LevelMetadata})
		st := ref("", "v1", "nodes", "", nd.name)
		st.Subresource = "status"
		n.add(call{who: k, verb: "patch", uri: "/api/v1/nodes/" + nd.name + "/status?timeout=10s", ref: st, level: auditv1.LevelMetadata})
	}
}

func (n *noise) leaderLeases() {
	for _, who := range []actor{
		{user: systemUser("system:kube-controller-manager"), ip: apiserverIP, agent: kcmUA + "/leader-election"},
		{user: systemUser("system:kube-scheduler"), ip: apiserverIP, agent: "kube-scheduler/v1.34.2 (linux/amd64) kubernetes/8b1f9d3/leader-election"},
	} {
		name := who.user.Username[len("system:"):]
		n.add(call{who: who, verb: "update", uri: groupURI("coordination.k8s.io", "v1", "kube-system", "leases", name) + "?timeout=5s",
			ref: ref("coordination.k8s.io", "v1", "leases", "kube-system", name), level: auditv1.LevelMetadata})
	}
	n.add(call{who: apiserverSelf, verb: "update", uri: groupURI("coordination.k8s.io", "v1", "kube-system", "leases", "apiserver-4fdyq7kfl3oeuw2cl5itnhw6za"),
		ref: ref("coordination.k8s.io", "v1", "leases", "kube-system", "apiserver-4fdyq7kfl3oeuw2cl5itnhw6za"), level: auditv1.LevelMetadata})
}

func systemUser(name string) (u authnv1.UserInfo) {
	u.Username = name
	u.Groups = []string{"system:authenticated"}
	return u
}

// watches: controllers re-list and re-watch their informers; a watch
// reports ResponseStarted and ResponseComplete.
func (n *noise) watches() {
	for _, w := range []struct {
		who        actor
		group, res string
	}{
		{controller("replicaset-controller"), "", "pods"},
		{controller("endpointslice-controller"), "discovery.k8s.io", "endpointslices"},
		{controller("deployment-controller"), "apps", "replicasets"},
		{controller("namespace-controller"), "", "namespaces"},
		{kubelet("worker-1", "10.0.0.21"), "", "pods"},
		{serviceAccount("monitoring", "prometheus", "10.244.2.9", "prometheus/v3.1.0"), "", "endpoints"},
	} {
		uri := "/api/v1/" + w.res
		if w.group != "" {
			uri = "/apis/" + w.group + "/v1/" + w.res
		}
		r := ref(w.group, "v1", w.res, "", "")
		n.add(call{who: w.who, verb: "list", uri: uri + "?limit=500&resourceVersion=0", ref: r, level: auditv1.LevelMetadata})
		q := fmt.Sprintf("?allowWatchBookmarks=true&resourceVersion=%d&timeout=7m41s&timeoutSeconds=461&watch=true", n.nextRV())
		w0 := call{who: w.who, verb: "watch", uri: uri + q, ref: r, level: auditv1.LevelMetadata, stage: auditv1.StageResponseStarted}
		n.add(w0)
		w0.stage, w0.latency = auditv1.StageResponseComplete, 461*time.Second
		n.add(w0)
	}
}

// serviceAccounts: workloads read their own secrets and configmaps, and
// kubelets request tokens for them.
func (n *noise) serviceAccounts() {
	for _, app := range []string{"cart", "web", "payments-api"} {
		sa := serviceAccount("shop", app, fmt.Sprintf("10.244.%d.%d", 1+n.rnd.IntN(3), 10+n.rnd.IntN(200)), app+"/2.3.1 (linux/amd64) kubernetes/go-client")
		n.add(call{who: sa, verb: "get", uri: coreURI("shop", "secrets", app+"-db"), ref: ref("", "v1", "secrets", "shop", app+"-db"), level: auditv1.LevelMetadata})
		n.add(call{who: sa, verb: "get", uri: coreURI("shop", "configmaps", app+"-settings"), ref: ref("", "v1", "configmaps", "shop", app+"-settings"), level: auditv1.LevelMetadata})
		tok := ref("", "v1", "serviceaccounts", "shop", app)
		tok.Subresource = "token"
		n.add(call{who: kubelet("worker-2", "10.0.0.22"), verb: "create", uri: coreURI("shop", "serviceaccounts", app) + "/token",
			ref: tok, code: 201, level: auditv1.LevelMetadata})
	}
}

func (n *noise) probes() {
	pub := `RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"`
	lb := actor{user: anonymous.user, ip: "10.0.0.5", agent: "kube-probe/1.34"}
	for _, uri := range []string{"/livez", "/readyz", "/healthz"} {
		n.add(call{who: lb, verb: "get", uri: uri, authzReason: pub, level: auditv1.LevelMetadata})
	}
}

func (n *noise) admins() {
	for _, c := range []call{
		{who: admin, verb: "list", uri: coreURI("shop", "pods", "") + "?limit=500", ref: ref("", "v1", "pods", "shop", "")},
		{who: admin, verb: "get", uri: groupURI("apps", "v1", "shop", "deployments", "cart"), ref: ref("apps", "v1", "deployments", "shop", "cart")},
		{who: alice, verb: "list", uri: "/api/v1/nodes?limit=500", ref: ref("", "v1", "nodes", "", "")},
		{who: alice, verb: "list", uri: coreURI("shop", "events", "") + "?limit=500", ref: ref("", "v1", "events", "shop", "")},
	} {
		c.level = auditv1.LevelMetadata
		n.add(c)
	}
}

// rollout: CI patches the deployment's image; the deployment controller
// creates a ReplicaSet, whose controller creates pods the scheduler binds
// and kubelets start; the old pods are deleted.
func (n *noise) rollout(m int) {
	app := []string{"cart", "web", "payments-api"}[m%3]
	version := fmt.Sprintf("1.%d.%d", 4+m/10, m%10)
	image := "registry.example.com/shop/" + app + ":" + version
	patch := map[string]any{"spec": map[string]any{"template": map[string]any{"spec": map[string]any{
		"containers": []map[string]string{{"name": app, "image": image}}}}}}
	d := deployment("shop", app, image, 3)
	d.ObjectMeta = stored(d.ObjectMeta, n.clk.t, n.nextRV(), "helm")
	n.add(call{who: ciDeployer, verb: "patch", uri: groupURI("apps", "v1", "shop", "deployments", app) + "?fieldManager=helm",
		ref: ref("apps", "v1", "deployments", "shop", app), req: patch, resp: d})
	hash := fmt.Sprintf("%09x", n.rnd.Uint64()%(1<<36))
	rs := &appsv1.ReplicaSet{TypeMeta: typeMeta("ReplicaSet", "apps/v1"),
		ObjectMeta: metav1.ObjectMeta{Name: app + "-" + hash, Namespace: "shop", Labels: map[string]string{"app": app, "pod-template-hash": hash}},
		Spec:       appsv1.ReplicaSetSpec{Replicas: ptr[int32](1), Selector: d.Spec.Selector, Template: d.Spec.Template}}
	n.add(call{who: controller("deployment-controller"), verb: "create", uri: groupURI("apps", "v1", "shop", "replicasets", ""),
		ref: ref("apps", "v1", "replicasets", "shop", rs.Name), code: 201, req: rs, resp: rs})
	for i := 0; i < 3; i++ {
		n.podLifecycle(app, hash, image)
	}
	n.add(call{who: ciDeployer, verb: "create", uri: coreURI("shop", "secrets", "") + "?fieldManager=helm",
		ref: ref("", "v1", "secrets", "shop", "sh.helm.release.v1."+app+".v"+fmt.Sprint(m)), code: 201, level: auditv1.LevelMetadata})
}

const podNameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

func (n *noise) podName(owner string) string {
	b := make([]byte, 5)
	for i := range b {
		b[i] = podNameAlphabet[n.rnd.IntN(len(podNameAlphabet))]
	}
	return owner + "-" + string(b)
}

func (n *noise) podLifecycle(app, hash, image string) {
	spec := podSpec(container(app, image))
	plainSecurity(&spec)
	p := podOwned{ns: "shop", owner: app + "-" + hash, hash: hash, spec: spec, labels: map[string]string{"app": app}}
	p.suffix = n.podName(p.owner)[len(p.owner)+1:]
	resp := p.response(n.clk.t, n.nextRV())
	n.add(call{who: controller("replicaset-controller"), verb: "create", uri: coreURI("shop", "pods", ""),
		ref: ref("", "v1", "pods", "shop", ""), code: 201, req: p.request(), resp: resp})
	bind := ref("", "v1", "pods", "shop", resp.Name)
	bind.Subresource = "binding"
	node := noiseNodes[1+n.rnd.IntN(3)]
	n.add(call{who: actor{user: systemUser("system:kube-scheduler"), ip: apiserverIP, agent: "kube-scheduler/v1.34.2 (linux/amd64) kubernetes/8b1f9d3/scheduler"},
		verb: "create", uri: coreURI("shop", "pods", resp.Name) + "/binding", ref: bind, code: 201, level: auditv1.LevelMetadata})
	st := ref("", "v1", "pods", "shop", resp.Name)
	st.Subresource = "status"
	for i := 0; i < 3; i++ {
		n.add(call{who: kubelet(node.name, node.ip), verb: "patch", uri: coreURI("shop", "pods", resp.Name) + "/status",
			ref: st, level: auditv1.LevelRequest, req: map[string]any{"status": map[string]any{"phase": "Running"}}})
	}
	old := n.podName(app + "-" + fmt.Sprintf("%09x", n.rnd.Uint64()%(1<<36)))
	n.add(call{who: controller("replicaset-controller"), verb: "delete", uri: coreURI("shop", "pods", old),
		ref: ref("", "v1", "pods", "shop", old), level: auditv1.LevelMetadata})
	n.add(call{who: controller("endpointslice-controller"), verb: "update",
		uri: groupURI("discovery.k8s.io", "v1", "shop", "endpointslices", app+"-"+p.suffix),
		ref: ref("discovery.k8s.io", "v1", "endpointslices", "shop", app+"-"+p.suffix), level: auditv1.LevelMetadata})
}

func plainSecurity(s *corev1.PodSpec) {
	s.SecurityContext = &corev1.PodSecurityContext{RunAsNonRoot: ptr(true), RunAsUser: ptr[int64](10001)}
	s.Containers[0].SecurityContext = &corev1.SecurityContext{AllowPrivilegeEscalation: ptr(false), ReadOnlyRootFilesystem: ptr(true)}
}

func (n *noise) kubeProxyRestart() {
	evs := kubeProxyPod(n.clk)
	n.evs = append(n.evs, evs...)
}
