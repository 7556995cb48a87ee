package k8saudit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/tests/testenv"
)

// parseRef splits "name[arg]".
func parseRef(s string) fields.Ref {
	if i := strings.IndexByte(s, '['); i >= 0 && strings.HasSuffix(s, "]") {
		return fields.Ref{Name: s[:i], Arg: s[i+1 : len(s)-1], HasArg: true}
	}
	return fields.Ref{Name: s}
}

// firstEvent decodes the first line of a file.
func firstEvent(t *testing.T, path string) (*Batch, *Event) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	var d Decoder
	b, err := d.Decode([]byte(line))
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	t.Cleanup(b.Release)
	return b, &b.Events[0]
}

// got extracts one field the way an evaluator would: nil when missing, a
// string, a []string for lists, a uint64 for numbers.
func got(t *testing.T, e *Event, ref string) any {
	t.Helper()
	r := parseRef(ref)
	b, err := Bind([]fields.Ref{r})
	if err != nil {
		t.Fatalf("bind %s: %v", ref, err)
	}
	var v fields.Value
	if !b.NewView(e).Field(0, &v) {
		return nil
	}
	f, _, _ := fields.K8sAudit.Lookup(r.Name)
	switch {
	case f.List:
		out := []string{}
		for _, x := range v.L {
			out = append(out, string(x))
		}
		return out
	case f.Type.Numeric():
		return v.N
	}
	return string(v.S)
}

type want struct {
	ref string
	val any
}

func checkAll(t *testing.T, e *Event, wants []want) {
	t.Helper()
	for _, w := range wants {
		if g := got(t, e, w.ref); !reflect.DeepEqual(g, w.val) {
			t.Errorf("%s = %#v, want %#v", w.ref, g, w.val)
		}
	}
}

func corpus(t *testing.T, name string) *Event {
	_, e := firstEvent(t, testenv.Compat(t, "k8saudit", "events", name))
	return e
}

func TestExtractPrivilegedPod(t *testing.T) {
	e := corpus(t, "create_nginx_pod_privileged.json")
	checkAll(t, e, []want{
		{"ka.user.name", "system:serviceaccount:kube-system:replicaset-controller"},
		{"ka.user.groups", []string{"system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"}},
		{"ka.verb", "create"},
		{"ka.uri", "/api/v1/namespaces/default/pods"},
		{"ka.auditid", "a362d22b-db3c-4590-9505-23782f12925f"},
		{"ka.stage", "ResponseComplete"},
		{"ka.auth.decision", "allow"},
		{"ka.target.resource", "pods"},
		{"ka.target.namespace", "default"},
		{"ka.target.name", nil},
		{"ka.target.subresource", nil},
		{"ka.target.pod.name", "nginx-deployment-5cdcc99dbf-rgw6z"},
		{"ka.resp.name", "nginx-deployment-5cdcc99dbf-rgw6z"},
		{"ka.response.code", "201"},
		{"ka.response.reason", nil},
		{"ka.req.pod.containers.privileged", []string{"true"}},
		{"ka.req.container.privileged", "true"},
		{"ka.req.pod.containers.image", []string{"nginx"}},
		{"ka.req.pod.containers.image.repository", []string{"nginx"}},
		{"ka.req.container.image", "nginx"},
		{"ka.req.container.image.repository", "nginx"},
		{"ka.req.pod.host_network", nil},
		{"ka.req.pod.volumes.hostpath", nil},
		{"ka.req.volume.hostpath[/etc]", "false"},
		{"ka.req.binding.subjects", nil},
		{"ka.req.role.rules", nil},
		{"ka.sourceips", []string{"::1"}},
		{"ka.impuser.name", nil},
		{"ka.cluster", nil},
		{"ka.cluster.name", nil},
		{"jevt.rawtime", uint64(1540476552581541000)},
		{"json.rawtime", uint64(1540476552581541000)},
		{"jevt.time", "14:09:12.581541000"},
		{"jevt.time.iso8601", "2018-10-25T14:09:12.581541000Z"},
		{"evt.datetime", "2018-10-25 14:09:12.581541000"},
		{"jevt.value[/responseStatus/code]", "201"},
		{"jevt.value[/user/groups/1]", "system:serviceaccounts:kube-system"},
		{"jevt.value[/objectRef]", `{"resource":"pods","namespace":"default","apiVersion":"v1"}`},
		{"jevt.value[/nope]", nil},
		{"jevt.value[/user/groups/9]", nil},
		{"jevt.value[/stage]", "ResponseComplete"},
		{"json.value[/verb]", "create"},
		{"evt.source", "k8s_audit"},
	})
}

func TestExtractMultiContainerPods(t *testing.T) {
	e := corpus(t, "create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json")
	checkAll(t, e, []want{
		{"ka.req.pod.containers.privileged", []string{"true"}}, // nginx1 has no securityContext: skipped
		{"ka.req.pod.containers.privileged[0]", nil},
		{"ka.req.pod.containers.privileged[1]", []string{"true"}},
		{"ka.req.container.privileged", "true"},
		{"ka.req.pod.containers.image", []string{"nginx", "mysql:latest"}},
		{"ka.req.pod.containers.image[1]", []string{"mysql:latest"}},
		{"ka.req.pod.containers.image[2]", nil},
		{"ka.req.pod.containers.image.repository", []string{"nginx", "mysql"}},
		{"ka.req.pod.containers.name", []string{"nginx1", "mysql"}},
		{"ka.req.container.image", "nginx"},
	})
	e = corpus(t, "create_nginx_pod_sensitive_mount_2nd_container.json")
	checkAll(t, e, []want{
		{"ka.req.pod.volumes.hostpath", []string{"/etc"}},
		{"ka.req.pod.volumes.volume_type", []string{"hostPath"}},
		{"ka.req.volume.hostpath[/etc]", "true"},
		{"ka.req.volume.hostpath[/e*]", "true"},
		{"ka.req.volume.hostpath[/et]", "false"},
		{"ka.req.container.privileged", "false"},
		{"ka.req.pod.containers.privileged", nil},
	})
	e = corpus(t, "create_nginx_pod_hostnetwork.json")
	checkAll(t, e, []want{
		{"ka.req.pod.host_network", "true"},
		{"ka.req.container.host_network", "true"},
		{"ka.req.pod.host_pid", nil},
	})
}

func TestExtractRBACAndServices(t *testing.T) {
	e := corpus(t, "create_cluster_role_wildcard_verbs.json")
	checkAll(t, e, []want{
		{"ka.target.name", "some-reader"},
		{"ka.target.resource", "clusterroles"},
		{"ka.req.role.rules.verbs", []string{"*", "get"}},
		{"ka.req.role.rules.verbs[1]", []string{"get"}},
		{"ka.req.role.rules.resources", []string{"pods"}},
		{"ka.req.role.rules.apiGroups", []string{""}},
		{"ka.req.role.rules", []string{`{"apiGroups":[""],"resources":["pods"],"verbs":["*"]}`,
			`{"nonResourceURLs":["/api","/api/*","/apis","/apis/*","/healthz","/openapi","/openapi/*","/swagger-2.0.0.pb-v1","/swagger.json","/swaggerapi","/swaggerapi/*","/version","/version/"],"verbs":["get"]}`}},
	})
	e = corpus(t, "create_clusterrolebinding.json")
	checkAll(t, e, []want{
		{"ka.req.binding.role", "system:basic-user"},
		{"ka.req.binding.subjects", []string{`{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"minikube"}`}},
		{"ka.req.binding.subjects.user_names", []string{"minikube"}},
		{"ka.req.binding.subjects.group_names", nil},
		{"ka.req.binding.subject.has_name[cluster-admin]", "true"},
		{"ka.user.name", "minikube-user"},
	})
	e = corpus(t, "create_nginx_service_nodeport.json")
	checkAll(t, e, []want{
		{"ka.req.service.type", "NodePort"},
		{"ka.req.service.ports", []string{`{"nodePort":30080,"port":80,"protocol":"TCP","targetPort":80}`}},
		{"ka.req.service.ports[0]", []string{`{"nodePort":30080,"port":80,"protocol":"TCP","targetPort":80}`}},
	})
	e = corpus(t, "exec_pod.json")
	checkAll(t, e, []want{
		{"ka.uri.param[command]", "bash"},
		{"ka.uri.param[container]", "nginx1"},
		{"ka.uri.param[nope]", nil},
		{"ka.target.subresource", "exec"},
		{"ka.target.pod.name", nil},
		{"ka.response.code", "101"},
		{"ka.stage", "ResponseStarted"},
	})
	e = corpus(t, "create_configmap_sensitive_values.json")
	checkAll(t, e, []want{
		{"ka.req.configmap.name", "my-config"},
		{"ka.req.configmap.obj", `{"access.properties":"aws_access_key_id = MY-ID\naws_secret_access_key = MY-KEY\n","ui.properties":"color.good=purple\ncolor.bad=yellow\nallow.textmode=true\n"}`},
		{"ka.auth.reason", ""},
	})
}

func TestExtractRichEvent(t *testing.T) {
	_, e := firstEvent(t, filepath.Join("testdata", "rich_event.json"))
	e.SetCluster("from-url")
	checkAll(t, e, []want{
		{"ka.uri.param[command]", "ls"},
		{"ka.uri.param[container]", "c 1"},
		{"ka.uri.param[a b]", "c d"},
		{"ka.uri.param[flag]", ""},
		{"ka.uri.param[bad]", "ok"},
		{"ka.impuser.name", "bob"},
		{"ka.useragent", "kubectl/v1.29.0"},
		{"ka.response.code", "403"},
		{"ka.response.reason", "Forbidden"},
		{"ka.auth.openshift.decision", "allow"},
		{"ka.auth.openshift.username", "oc-user"},
		{"ka.validations.admission.policy.failure", `[{"message":"no"}]`},
		{"ka.security.pod.violations", "privileged"},
		{"ka.cluster.name", "prod-eu"},
		{"ka.cluster", "from-url"},
		{"ka.sourceips", []string{"10.0.0.1", "10.0.0.2"}},
		{"ka.sourceips[1]", []string{"10.0.0.2"}},
		{"ka.req.pod.host_ipc", "true"},
		{"ka.req.pod.host_pid", "false"},
		{"ka.req.pod.run_as_user", "1000"},
		{"ka.req.pod.run_as_group", "3000"},
		{"ka.req.pod.fs_group", "2000"},
		{"ka.req.pod.supplemental_groups", []string{"4000", "5000"}},
		{"ka.req.pod.containers.image.repository", []string{"registry.example.com:5000/team/app", "busybox", "nginx"}},
		{"ka.req.container.image.repository", "registry.example.com:5000/team/app"},
		{"ka.req.pod.containers.command", []string{"/bin/sh -c"}},
		{"ka.req.pod.containers.args", []string{"echo hi"}},
		{"ka.req.pod.containers.host_port", []string{"8080", "19090"}},
		{"ka.req.pod.containers.host_port[1]", nil},
		{"ka.req.pod.containers.privileged", []string{"false", "true"}},
		{"ka.req.pod.containers.allow_privilege_escalation", []string{"true"}},
		{"ka.req.pod.containers.read_only_fs", []string{"true"}},
		{"ka.req.pod.containers.run_as_user", []string{"0"}},
		{"ka.req.pod.containers.run_as_group", []string{"7"}},
		{"ka.req.pod.containers.eff_run_as_user", []string{"0", "1000", "1000"}},
		{"ka.req.pod.containers.eff_run_as_group", []string{"3000", "7", "3000"}},
		{"ka.req.pod.containers.proc_mount", []string{"Unmasked"}},
		{"ka.req.pod.containers.add_capabilities", []string{"NET_ADMIN", "SYS_TIME"}},
		{"ka.req.pod.containers.add_capabilities[1]", nil},
		{"ka.req.container.privileged", "true"},
		{"ka.req.pod.initContainers.image", []string{"alpine:3"}},
		{"ka.req.pod.initContainers.image.repository", []string{"alpine"}},
		{"ka.req.pod.initContainers.privileged", []string{"true"}},
		{"ka.req.pod.initContainers.host_port", nil},
		{"ka.req.pod.ephemeralContainers.name", []string{"debug"}},
		{"ka.req.pod.volumes.hostpath", []string{"/root/.ssh"}},
		{"ka.req.pod.volumes.hostpath[1]", nil},
		{"ka.req.pod.volumes.flexvolume_driver", []string{"example/lvm"}},
		{"ka.req.pod.volumes.volume_type", []string{"hostPath", "flexVolume", "configMap"}},
		{"ka.req.pod.volumes.volume_type[2]", []string{"configMap"}},
		{"ka.req.volume.hostpath[/root*]", "true"},
		{"ka.req.volume.hostpath[/root]", "false"},
		{"ka.req.binding.subjects.user_names", []string{"carol"}},
		{"ka.req.binding.subjects.group_names", []string{"admins"}},
		{"ka.req.binding.subjects.serviceaccount_names", []string{"sa1"}},
		{"ka.req.binding.subjects.serviceaccount_ns_names", []string{"kube-system:sa1"}},
		{"ka.req.binding.role", "cluster-admin"},
		{"ka.req.role.rules.verbs[0]", []string{"get", "list"}},
		{"ka.req.role.rules.nonResourceURLs", []string{"/healthz"}},
		{"ka.req.configmap.obj", `{"key":"line1\nline2 \"q\""}`},
		{"jevt.value[/requestObject/data/key]", "line1\nline2 \"q\""},
		{"jevt.value[/annotations/authorization.k8s.io~1decision]", "forbid"},
		{"jevt.value[/requestObject/spec/containers/0/ports/1/hostPort]", "19090"},
		{"jevt.value[/requestObject/spec/containers/00/name]", nil},
		{"jevt.rawtime", uint64(1709288430123456789)},
		{"jevt.time.iso8601", "2024-03-01T10:20:30.123456789Z"},
	})
}

func TestExtractObjIsCompactJSON(t *testing.T) {
	var d Decoder
	body := `{ "kind" : "Event", "stageTimestamp":"2018-10-25T14:09:13Z", "s":"a\u0001b\\", "n": [1, 2.5e3, true, null] }`
	b, err := d.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	want := `{"kind":"Event","stageTimestamp":"2018-10-25T14:09:13Z","s":"a\u0001b\\","n":[1,2.5e3,true,null]}`
	for _, f := range []string{"jevt.obj", "json.obj", "jevt.value[]"} {
		if g := got(t, &b.Events[0], f); g != want {
			t.Errorf("%s = %v, want %s", f, g, want)
		}
	}
}

func TestBindErrors(t *testing.T) {
	cases := map[string]string{
		"ka.usr.name":                     `bind field "ka.usr.name": unknown field for source k8s_audit`,
		"proc.name":                       `bind field "proc.name": unknown field`,
		"ka.uri.param":                    `bind field "ka.uri.param": needs an argument`,
		"ka.user.name[1]":                 `bind field "ka.user.name[1]": takes no argument`,
		"ka.req.pod.containers.image[x]":  `index "x" is not a non-negative integer`,
		"ka.req.pod.containers.image[-1]": `index "-1" is not a non-negative integer`,
		"jevt.value[stage]":               `JSON pointer "stage" does not start with /`,
		"jevt.value[/a~2b]":               `JSON pointer "/a~2b": bad escape at "~2b"`,
	}
	for ref, want := range cases {
		_, err := Bind([]fields.Ref{{Name: "ka.verb"}, parseRef(ref)})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Bind(%s): error %v, want %q", ref, err, want)
		}
	}
}

// allRefs is every catalog field, with a typical argument where one is
// needed and an indexed variant of every indexable field.
func allRefs() []fields.Ref {
	var refs []fields.Ref
	for _, f := range fields.K8sAudit.Fields {
		switch {
		case f.Arg == fields.ArgRequired && f.ArgKind == fields.ArgPointer:
			refs = append(refs, fields.Ref{Name: f.Name, Arg: "/requestObject/spec/containers/0", HasArg: true})
		case f.Arg == fields.ArgRequired:
			refs = append(refs, fields.Ref{Name: f.Name, Arg: "command", HasArg: true})
		case f.ArgKind == fields.ArgIndex:
			refs = append(refs, fields.Ref{Name: f.Name}, fields.Ref{Name: f.Name, Arg: "0", HasArg: true})
		default:
			refs = append(refs, fields.Ref{Name: f.Name})
		}
	}
	return refs
}

// TestExtractAllFieldsAllEvents: every field on every corpus event extracts
// without panic, values obey the Value contract, and a second extraction
// into a dirty Value gives the same result.
func TestExtractAllFieldsAllEvents(t *testing.T) {
	refs := allRefs()
	b, err := Bind(refs)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(testenv.Compat(t, "k8saudit", "events"), "*.json"))
	files = append(files, filepath.Join("testdata", "rich_event.json"))
	var d Decoder
	events, present := 0, 0
	for _, file := range files {
		fh, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		lr := d.Lines(fh)
		for {
			batch, err := lr.Next()
			if err != nil {
				break // fal_01_003 is not an event; io.EOF ends the others
			}
			for i := range batch.Events {
				events++
				present += checkEventFields(t, b, &batch.Events[i], refs)
			}
			batch.Release()
		}
		fh.Close()
	}
	t.Logf("%d events, %d present", events, present)
	if events < 50 || present < events*10 {
		t.Errorf("%d events, %d fields present: corpus not read", events, present)
	}
}

func checkEventFields(t *testing.T, b *Binding, e *Event, refs []fields.Ref) int {
	t.Helper()
	view := b.NewView(e)
	var v1, v2 fields.Value
	n := 0
	for i, r := range refs {
		ok1 := view.Field(i, &v1)
		v2.S, v2.N = append(v2.S[:0], "junk"...), 42
		ok2 := view.Field(i, &v2)
		f, _, _ := fields.K8sAudit.Lookup(r.Name)
		if ok1 != ok2 || !reflect.DeepEqual(v1.L, v2.L) || string(v1.S) != string(v2.S) || v1.N != v2.N {
			t.Errorf("%s: extraction not repeatable", r)
		}
		if !ok1 {
			continue
		}
		n++
		if f.List && (len(v1.L) == 0 || len(v1.S) != 0) {
			t.Errorf("%s: list value %+v", r, v1)
		}
		if !f.List && len(v1.L) != 0 {
			t.Errorf("%s: scalar value with a list", r)
		}
	}
	return n
}
