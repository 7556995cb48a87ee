package rules_test

// Builders for audit events the way kube-apiserver writes them
// (audit.k8s.io/v1 Events with RequestResponse bodies), from the real API
// types: the fixtures under testdata/k8s_audit and the noise stream are
// generated from these (go test ./rules -run Fixtures -update).

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	authnv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	auditv1 "k8s.io/apiserver/pkg/apis/audit/v1"
)

// clock hands out strictly increasing timestamps from a fixed start, so
// generated files are byte-identical between runs.
type clock struct{ t time.Time }

func newClock() *clock {
	return &clock{t: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)}
}

func (c *clock) next(d time.Duration) time.Time {
	c.t = c.t.Add(d)
	return c.t
}

// uid derives a stable UUID-shaped id from a seed.
func uid(seed string) string {
	h := fmt.Sprintf("%x", sha256.Sum256([]byte(seed)))
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// actor is an authenticated identity with its client.
type actor struct {
	user  authnv1.UserInfo
	ip    string
	agent string
}

func serviceAccount(ns, name, ip, agent string) actor {
	return actor{
		user: authnv1.UserInfo{
			Username: "system:serviceaccount:" + ns + ":" + name,
			UID:      uid("sa/" + ns + "/" + name),
			Groups:   []string{"system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"},
			Extra: map[string]authnv1.ExtraValue{
				"authentication.kubernetes.io/credential-id": {"JTI=" + uid("jti/"+ns+"/"+name)},
			},
		},
		ip: ip, agent: agent,
	}
}

const (
	kubectlUA    = "kubectl/v1.34.2 (linux/amd64) kubernetes/8b1f9d3"
	apiserverIP  = "10.0.0.10"
	kcmUA        = "kube-controller-manager/v1.34.2 (linux/amd64) kubernetes/8b1f9d3"
	adminIP      = "203.0.113.24"
	workstation2 = "198.51.100.77"
)

var (
	admin = actor{
		user: authnv1.UserInfo{
			Username: "kubernetes-admin",
			Groups:   []string{"kubeadm:cluster-admins", "system:authenticated"},
		},
		ip: adminIP, agent: kubectlUA,
	}
	alice = actor{
		user: authnv1.UserInfo{
			Username: "alice@example.com",
			Groups:   []string{"oidc:platform-team", "system:authenticated"},
		},
		ip: workstation2, agent: kubectlUA,
	}
	anonymous = actor{
		user: authnv1.UserInfo{Username: "system:anonymous", Groups: []string{"system:unauthenticated"}},
		ip:   "198.51.100.200", agent: "curl/8.11.1",
	}
	apiserverSelf = actor{
		user: authnv1.UserInfo{
			Username: "system:apiserver",
			UID:      uid("apiserver"),
			Groups:   []string{"system:authenticated", "system:masters"},
		},
		ip: "::1", agent: "kube-apiserver/v1.34.2 (linux/amd64) kubernetes/8b1f9d3",
	}
	ciDeployer = serviceAccount("ci", "deployer", "10.244.3.17", "helm/v3.16.3 (linux/amd64)")
)

func controller(name string) actor {
	return serviceAccount("kube-system", name, apiserverIP,
		kcmUA+"/system:serviceaccount:kube-system:"+name)
}

func kubelet(node, ip string) actor {
	return actor{
		user: authnv1.UserInfo{
			Username: "system:node:" + node,
			Groups:   []string{"system:nodes", "system:authenticated"},
			Extra: map[string]authnv1.ExtraValue{
				"authentication.kubernetes.io/credential-id": {"X509SHA256=" + uid("node/" + node)[:32]},
			},
		},
		ip: ip, agent: "kubelet/v1.34.2 (linux/amd64) kubernetes/8b1f9d3",
	}
}

// call is one API request, as the apiserver's audit layer sees it.
type call struct {
	who         actor
	verb        string
	uri         string
	ref         auditv1.ObjectReference
	code        int32
	reason      string // failure reason (metav1.StatusReason) for codes >= 400
	message     string
	req, resp   any    // request and response bodies; nil for none
	authzReason string // annotation authorization.k8s.io/reason
	decision    string // allow (default) or forbid
	stage       auditv1.Stage
	level       auditv1.Level
	latency     time.Duration
	extraAnn    map[string]string
}

// event renders c as the audit Event the apiserver emits at c.stage.
func (c call) event(clk *clock) auditv1.Event {
	recv := clk.next(137 * time.Millisecond)
	lat := c.latency
	if lat == 0 {
		lat = 3*time.Millisecond + time.Duration(len(c.uri))*41*time.Microsecond
	}
	ref := c.ref
	e := auditv1.Event{
		TypeMeta:                 metav1.TypeMeta{Kind: "Event", APIVersion: "audit.k8s.io/v1"},
		Level:                    orLevel(c.level),
		AuditID:                  types.UID(uid(fmt.Sprintf("audit/%s/%s/%d", c.verb, c.uri, recv.UnixNano()))),
		Stage:                    orStage(c.stage),
		RequestURI:               c.uri,
		Verb:                     c.verb,
		User:                     c.who.user,
		SourceIPs:                []string{c.who.ip},
		UserAgent:                c.who.agent,
		ObjectRef:                &ref,
		ResponseStatus:           c.status(),
		RequestReceivedTimestamp: metav1.NewMicroTime(recv),
		StageTimestamp:           metav1.NewMicroTime(recv.Add(lat)),
		Annotations:              c.annotations(),
	}
	if ref.Resource == "" {
		e.ObjectRef = nil
	}
	if e.Level == auditv1.LevelRequest || e.Level == auditv1.LevelRequestResponse {
		e.RequestObject = raw(c.req)
	}
	if e.Level == auditv1.LevelRequestResponse && e.Stage == auditv1.StageResponseComplete {
		e.ResponseObject = raw(c.resp)
	}
	return e
}

func orLevel(l auditv1.Level) auditv1.Level {
	if l == "" {
		return auditv1.LevelRequestResponse
	}
	return l
}

func orStage(s auditv1.Stage) auditv1.Stage {
	if s == "" {
		return auditv1.StageResponseComplete
	}
	return s
}

func (c call) status() *metav1.Status {
	code := c.code
	if code == 0 {
		code = 200
	}
	st := &metav1.Status{Code: code}
	if code >= 400 {
		st.Status = metav1.StatusFailure
		st.Reason = metav1.StatusReason(c.reason)
		st.Message = c.message
	}
	return st
}

func (c call) annotations() map[string]string {
	if c.stage == auditv1.StageRequestReceived {
		return nil
	}
	d := c.decision
	if d == "" {
		d = "allow"
	}
	a := map[string]string{"authorization.k8s.io/decision": d, "authorization.k8s.io/reason": c.authzReason}
	for k, v := range c.extraAnn {
		a[k] = v
	}
	return a
}

// raw encodes an API object the way the audit backend embeds it.
func raw(obj any) *runtime.Unknown {
	if obj == nil {
		return nil
	}
	b, err := json.Marshal(obj)
	if err != nil {
		panic("BUG: encode fixture object: " + err.Error())
	}
	return &runtime.Unknown{Raw: b, ContentType: runtime.ContentTypeJSON}
}

// encodeLines renders events as JSON Lines, the apiserver's log backend format.
func encodeLines(evs []auditv1.Event) []byte {
	var b strings.Builder
	for _, e := range evs {
		line, err := json.Marshal(e)
		if err != nil {
			panic("BUG: encode audit event: " + err.Error())
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// uri helpers.
func coreURI(ns, resource, name string) string { return apiURI("/api/v1", ns, resource, name) }

func groupURI(group, version, ns, resource, name string) string {
	return apiURI("/apis/"+group+"/"+version, ns, resource, name)
}

func apiURI(prefix, ns, resource, name string) string {
	u := prefix
	if ns != "" {
		u += "/namespaces/" + ns
	}
	u += "/" + resource
	if name != "" {
		u += "/" + name
	}
	return u
}

func ref(group, version, resource, ns, name string) auditv1.ObjectReference {
	return auditv1.ObjectReference{Resource: resource, Namespace: ns, Name: name, APIGroup: group, APIVersion: version}
}
