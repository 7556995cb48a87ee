package k8saudit

import "strings"

// table maps every k8s_audit catalog field to the set-up of its extractor.
// A test checks it covers fields.K8sAudit exactly.
var table = map[string]func(x *extractor){}

func init() {
	for name, path := range scalarPaths {
		at(name, exScalar, path)
	}
	for name, lp := range listPaths {
		at(name, exList, lp[0], lp[1]...)
	}
	for _, g := range []string{"containers", "initContainers", "ephemeralContainers"} {
		containerTable(g)
	}
	for name, fn := range specialFields {
		at(name, fn, nil)
	}
	table["ka.req.container.image"] = func(x *extractor) {
		x.fn, x.path, x.sub = exFirst, containersPath("containers"), []string{"image"}
	}
	table["ka.req.container.image.repository"] = func(x *extractor) {
		x.fn, x.path = exFirstRepository, containersPath("containers")
	}
}

// at registers a field whose extractor reads one path (and, for lists, a
// path inside each element).
func at(name string, fn extractFn, path []string, sub ...string) {
	registerParent(path)
	table[name] = func(x *extractor) { x.fn, x.path, x.sub = fn, path, sub }
}

// registerParent memoizes the objects above a path's last key.
func registerParent(path []string) {
	if len(path) > 1 {
		register(path[:len(path)-1]...)
	}
}

func p(s string) []string { return strings.Split(s, ".") }

func containersPath(group string) []string { return []string{"requestObject", "spec", group} }

// scalarPaths are the fields that are the value at one path.
var scalarPaths = map[string][]string{
	"ka.auditid":                              p("auditID"),
	"ka.stage":                                p("stage"),
	"ka.auth.decision":                        {"annotations", "authorization.k8s.io/decision"},
	"ka.auth.reason":                          {"annotations", "authorization.k8s.io/reason"},
	"ka.auth.openshift.decision":              {"annotations", "authentication.openshift.io/decision"},
	"ka.auth.openshift.username":              {"annotations", "authentication.openshift.io/username"},
	"ka.validations.admission.policy.failure": {"annotations", "validation.policy.admission.k8s.io/validation_failure"},
	"ka.security.pod.violations":              {"annotations", "pod-security.kubernetes.io/audit-violations"},
	"ka.user.name":                            p("user.username"),
	"ka.impuser.name":                         p("impersonatedUser.username"),
	"ka.verb":                                 p("verb"),
	"ka.uri":                                  p("requestURI"),
	"ka.target.name":                          p("objectRef.name"),
	"ka.target.namespace":                     p("objectRef.namespace"),
	"ka.target.resource":                      p("objectRef.resource"),
	"ka.target.subresource":                   p("objectRef.subresource"),
	"ka.req.binding.role":                     p("requestObject.roleRef.name"),
	"ka.req.configmap.name":                   p("objectRef.name"),
	"ka.req.configmap.obj":                    p("requestObject.data"),
	"ka.req.pod.host_ipc":                     p("requestObject.spec.hostIPC"),
	"ka.req.pod.host_network":                 p("requestObject.spec.hostNetwork"),
	"ka.req.container.host_network":           p("requestObject.spec.hostNetwork"),
	"ka.req.pod.host_pid":                     p("requestObject.spec.hostPID"),
	"ka.req.pod.run_as_user":                  p("requestObject.spec.securityContext.runAsUser"),
	"ka.req.pod.run_as_group":                 p("requestObject.spec.securityContext.runAsGroup"),
	"ka.req.pod.fs_group":                     p("requestObject.spec.securityContext.fsGroup"),
	"ka.req.service.type":                     p("requestObject.spec.type"),
	"ka.resp.name":                            p("responseObject.metadata.name"),
	"ka.response.code":                        p("responseStatus.code"),
	"ka.response.reason":                      p("responseStatus.reason"),
	"ka.useragent":                            p("userAgent"),
}

// listPaths are the list fields that walk one array: {array path, element
// path}; an array found at the element path is flattened.
var listPaths = map[string][2][]string{
	"ka.user.groups":                       {p("user.groups"), nil},
	"ka.req.binding.subjects":              {p("requestObject.subjects"), nil},
	"ka.req.pod.supplemental_groups":       {p("requestObject.spec.securityContext.supplementalGroups"), nil},
	"ka.req.role.rules":                    {p("requestObject.rules"), nil},
	"ka.req.role.rules.apiGroups":          {p("requestObject.rules"), p("apiGroups")},
	"ka.req.role.rules.nonResourceURLs":    {p("requestObject.rules"), p("nonResourceURLs")},
	"ka.req.role.rules.verbs":              {p("requestObject.rules"), p("verbs")},
	"ka.req.role.rules.resources":          {p("requestObject.rules"), p("resources")},
	"ka.req.service.ports":                 {p("requestObject.spec.ports"), nil},
	"ka.req.pod.volumes.hostpath":          {p("requestObject.spec.volumes"), p("hostPath.path")},
	"ka.req.pod.volumes.flexvolume_driver": {p("requestObject.spec.volumes"), p("flexVolume.driver")},
	"ka.sourceips":                         {p("sourceIPs"), nil},
}

// securityAttrs are the container attributes read from securityContext.
var securityAttrs = map[string]string{
	"privileged":                 "privileged",
	"allow_privilege_escalation": "allowPrivilegeEscalation",
	"read_only_fs":               "readOnlyRootFilesystem",
	"run_as_user":                "runAsUser",
	"run_as_group":               "runAsGroup",
	"proc_mount":                 "procMount",
}

func containerTable(group string) {
	prefix, path := "ka.req.pod."+group+".", containersPath(group)
	at(prefix+"name", exList, path, "name")
	at(prefix+"image", exList, path, "image")
	at(prefix+"image.repository", exRepositories, path)
	at(prefix+"command", exJoined, path, "command")
	at(prefix+"args", exJoined, path, "args")
	for name, attr := range securityAttrs {
		at(prefix+name, exList, path, "securityContext", attr)
	}
	at(prefix+"add_capabilities", exList, path, "securityContext", "capabilities", "add")
	at(prefix+"eff_run_as_user", exEffective, path, "runAsUser")
	at(prefix+"eff_run_as_group", exEffective, path, "runAsGroup")
	if group != "ephemeralContainers" {
		at(prefix+"host_port", exHostPort, path)
	}
}

// specialFields have an extractor of their own.
var specialFields = map[string]extractFn{
	"jevt.value":                          exPointer,
	"json.value":                          exPointer,
	"jevt.obj":                            exObj,
	"json.obj":                            exObj,
	"jevt.rawtime":                        exRawtime,
	"json.rawtime":                        exRawtime,
	"evt.rawtime":                         exRawtime,
	"jevt.time":                           exTimeOfDay,
	"evt.time":                            exTimeOfDay,
	"jevt.time.iso8601":                   exISO8601,
	"evt.time.iso8601":                    exISO8601,
	"evt.datetime":                        exDatetime,
	"evt.hostname":                        exHostname,
	"evt.source":                          exConst("k8s_audit"),
	"evt.pluginname":                      exConst("k8saudit"),
	"ka.uri.param":                        exURIParam,
	"ka.target.pod.name":                  exTargetPod,
	"ka.req.binding.subject.has_name":     exConst("true"),
	"ka.req.binding.subjects.user_names":  exSubjects("User"),
	"ka.req.binding.subjects.group_names": exSubjects("Group"),
	"ka.req.binding.subjects.serviceaccount_names":    exSubjects("ServiceAccount"),
	"ka.req.binding.subjects.serviceaccount_ns_names": exServiceAccountNS,
	"ka.req.container.privileged":                     exAnyPrivileged,
	"ka.req.volume.hostpath":                          exHostPathMatch,
	"ka.req.pod.volumes.volume_type":                  exVolumeTypes,
	"ka.cluster":                                      exCluster,
	"ka.cluster.name":                                 exClusterName,
}
