package fields

// K8sAudit is the catalog of the k8s_audit source: every ka.* and jevt.* field
// of Falco 0.31, every ka.* field of the current k8saudit plugin, the json
// plugin's json.* fields and the generic evt.* fields a plugin event offers.
//
// Semantics follow the plugin era (see docs of each field): missing values
// are absent (never "<NA>"), indexes on list fields select the element of the
// first array on the path, ka.uri.param values are URL-decoded. The falco-era
// names are all kept so 0.31 rules load unchanged.
var K8sAudit = NewCatalog(SourceK8sAudit, k8sAuditFields())

// containerAttrs are the per-container attributes offered for containers,
// initContainers and ephemeralContainers (host_port only for the first two).
var containerAttrs = []struct{ name, doc string }{
	{"name", "the container names"},
	{"image", "the container images"},
	{"image.repository", "the container image repositories (image without tag and digest: split at the first ':', then at '@')"},
	{"command", "each container's command, arguments joined with spaces"},
	{"args", "each container's args, joined with spaces"},
	{"privileged", "each container's securityContext.privileged (containers without it are skipped)"},
	{"allow_privilege_escalation", "each container's securityContext.allowPrivilegeEscalation"},
	{"read_only_fs", "each container's securityContext.readOnlyRootFilesystem"},
	{"run_as_user", "each container's securityContext.runAsUser"},
	{"eff_run_as_user", "each container's effective user: its securityContext.runAsUser, else the pod's, else 0"},
	{"run_as_group", "each container's securityContext.runAsGroup"},
	{"eff_run_as_group", "each container's effective group: its securityContext.runAsGroup, else the pod's, else 0"},
	{"proc_mount", "each container's securityContext.procMount"},
	{"add_capabilities", "the capabilities each container adds (securityContext.capabilities.add, flattened)"},
	{"host_port", "each container port's hostPort, falling back to containerPort"},
}

func k8sAuditFields() []Field {
	fs := append([]Field(nil), jsonFields...)
	fs = append(fs, kaFields...)
	fs = append(fs, containerFields("containers", "requestObject.spec.containers", true)...)
	fs = append(fs, containerFields("initContainers", "requestObject.spec.initContainers", true)...)
	fs = append(fs, containerFields("ephemeralContainers", "requestObject.spec.ephemeralContainers", false)...)
	fs = append(fs, pluginEventFields...)
	return fs
}

func containerFields(group, path string, hostPort bool) []Field {
	var fs []Field
	for _, a := range containerAttrs {
		if a.name == "host_port" && !hostPort {
			continue
		}
		fs = append(fs, Field{
			Name: "ka.req.pod." + group + "." + a.name, Type: String, List: true,
			Arg: ArgOptional, ArgKind: ArgIndex,
			Doc: "From " + path + ": " + a.doc + ". [N] selects the N-th container.",
		})
	}
	return fs
}

// str, list, idxList and key are shorthands for the catalog table.
func str(name, doc string) Field { return Field{Name: name, Type: String, Doc: doc} }

func list(name, doc string) Field { return Field{Name: name, Type: String, List: true, Doc: doc} }

func idxList(name, doc string) Field {
	return Field{Name: name, Type: String, List: true, Arg: ArgOptional, ArgKind: ArgIndex, Doc: doc}
}

func keyed(name, doc string) Field {
	return Field{Name: name, Type: String, Arg: ArgRequired, ArgKind: ArgKey, Doc: doc}
}

func deprecated(f Field, use string) Field {
	f.Deprecated = use
	return f
}

var jsonFields = []Field{
	{Name: "jevt.value", Type: String, Arg: ArgRequired, ArgKind: ArgPointer,
		Doc: "The value at a JSON pointer (RFC 6901) into the event, e.g. jevt.value[/stage]; strings as-is, other values as compact JSON."},
	str("jevt.obj", "The whole event as compact JSON."),
	{Name: "jevt.rawtime", Type: Uint, Doc: "The event time (stageTimestamp) in nanoseconds since the epoch."},
	str("jevt.time", "The event time (stageTimestamp) as time of day with nanoseconds, e.g. 14:09:12.000000000 (Falco 0.31)."),
	str("jevt.time.iso8601", "The event time (stageTimestamp) in ISO 8601, e.g. 2018-10-25T14:09:12.000000000Z (Falco 0.31)."),
	{Name: "json.value", Type: String, Arg: ArgRequired, ArgKind: ArgPointer,
		Doc: "The value at a JSON pointer (RFC 6901) into the event; same as jevt.value."},
	str("json.obj", "The whole event as compact JSON; same as jevt.obj."),
	{Name: "json.rawtime", Type: Uint, Doc: "The event time in nanoseconds since the epoch; same as jevt.rawtime."},
}

var pluginEventFields = []Field{
	str("evt.time", "The event time as time of day with nanoseconds."),
	str("evt.time.iso8601", "The event time in ISO 8601 with nanoseconds."),
	str("evt.datetime", "The event time as date and time of day."),
	{Name: "evt.rawtime", Type: Uint, Doc: "The event time in nanoseconds since the epoch."},
	str("evt.hostname", "The name of the host running Aerie."),
	str("evt.source", "The event source: k8s_audit."),
	str("evt.pluginname", "The name of the source that produced the event: k8saudit."),
}

var kaFields = []Field{
	str("ka.auditid", "The audit ID (auditID)."),
	str("ka.stage", "The stage of the audit event (stage)."),
	str("ka.auth.decision", "The authorization decision (annotation authorization.k8s.io/decision)."),
	str("ka.auth.reason", "The authorization reason (annotation authorization.k8s.io/reason)."),
	str("ka.auth.openshift.decision", "The OpenShift authentication decision (annotation authentication.openshift.io/decision)."),
	str("ka.auth.openshift.username", "The OpenShift authenticated user name (annotation authentication.openshift.io/username)."),
	str("ka.validations.admission.policy.failure", "The admission policy validation failure (annotation validation.policy.admission.k8s.io/validation_failure)."),
	str("ka.security.pod.violations", "The pod security violations (annotation pod-security.kubernetes.io/audit-violations)."),
	str("ka.user.name", "The user name performing the request (user.username)."),
	list("ka.user.groups", "The groups of the user performing the request (user.groups)."),
	str("ka.impuser.name", "The impersonated user name (impersonatedUser.username)."),
	str("ka.verb", "The action being performed (verb)."),
	str("ka.uri", "The request URI as sent from client to server (requestURI)."),
	keyed("ka.uri.param", "The URL-decoded value of a query parameter of the request URI, e.g. ka.uri.param[command]; the first one when repeated."),
	str("ka.target.name", "The target object name (objectRef.name)."),
	str("ka.target.namespace", "The target object namespace (objectRef.namespace)."),
	str("ka.target.resource", "The target object resource (objectRef.resource)."),
	str("ka.target.subresource", "The target object subresource (objectRef.subresource)."),
	str("ka.target.pod.name", "The pod name from the response object, when the target is a pod without subresource."),
	list("ka.req.binding.subjects", "The subjects of a role binding, each as compact JSON (requestObject.subjects)."),
	list("ka.req.binding.subjects.user_names", "The names of the User subjects of a role binding."),
	list("ka.req.binding.subjects.group_names", "The names of the Group subjects of a role binding."),
	list("ka.req.binding.subjects.serviceaccount_names", "The names of the ServiceAccount subjects of a role binding."),
	list("ka.req.binding.subjects.serviceaccount_ns_names", "namespace:name of each ServiceAccount subject of a role binding."),
	str("ka.req.binding.role", "The role referenced by a role binding (requestObject.roleRef.name)."),
	deprecated(keyed("ka.req.binding.subject.has_name", "Always true; kept for compatibility."),
		"ka.req.binding.subjects"),
	str("ka.req.configmap.name", "The name of the configmap (objectRef.name)."),
	str("ka.req.configmap.obj", "The configmap's data as compact JSON (requestObject.data)."),
	deprecated(str("ka.req.container.image", "The image of the first container (requestObject.spec.containers[0].image)."),
		"ka.req.pod.containers.image"),
	deprecated(str("ka.req.container.image.repository", "The image repository of the first container."),
		"ka.req.pod.containers.image.repository"),
	str("ka.req.pod.host_ipc", "The pod's hostIPC (requestObject.spec.hostIPC)."),
	str("ka.req.pod.host_network", "The pod's hostNetwork (requestObject.spec.hostNetwork)."),
	deprecated(str("ka.req.container.host_network", "The pod's hostNetwork (requestObject.spec.hostNetwork)."),
		"ka.req.pod.host_network"),
	str("ka.req.pod.host_pid", "The pod's hostPID (requestObject.spec.hostPID)."),
	deprecated(str("ka.req.container.privileged", "true if any container of the pod is privileged, else false."),
		"ka.req.pod.containers.privileged"),
	str("ka.req.pod.run_as_user", "The pod's securityContext.runAsUser."),
	str("ka.req.pod.run_as_group", "The pod's securityContext.runAsGroup."),
	str("ka.req.pod.fs_group", "The pod's securityContext.fsGroup."),
	list("ka.req.pod.supplemental_groups", "The pod's securityContext.supplementalGroups."),
	list("ka.req.role.rules", "The rules of a role, each as compact JSON (requestObject.rules)."),
	idxList("ka.req.role.rules.apiGroups", "The apiGroups of the rules of a role; [N] selects the N-th rule."),
	idxList("ka.req.role.rules.nonResourceURLs", "The nonResourceURLs of the rules of a role; [N] selects the N-th rule."),
	idxList("ka.req.role.rules.verbs", "The verbs of the rules of a role; [N] selects the N-th rule."),
	idxList("ka.req.role.rules.resources", "The resources of the rules of a role; [N] selects the N-th rule."),
	str("ka.req.service.type", "The service type (requestObject.spec.type)."),
	idxList("ka.req.service.ports", "The service ports, each as compact JSON (requestObject.spec.ports)."),
	idxList("ka.req.pod.volumes.hostpath", "The hostPath paths of the pod's volumes."),
	deprecated(keyed("ka.req.volume.hostpath", "true if a hostPath volume's path equals the argument (a trailing * matches a prefix), else false."),
		"ka.req.pod.volumes.hostpath"),
	idxList("ka.req.pod.volumes.flexvolume_driver", "The flexVolume drivers of the pod's volumes."),
	idxList("ka.req.pod.volumes.volume_type", "The types of the pod's volumes (every key of a volume except name)."),
	str("ka.resp.name", "The name of the response object (responseObject.metadata.name)."),
	str("ka.response.code", "The response code (responseStatus.code)."),
	str("ka.response.reason", "The response reason (responseStatus.reason)."),
	str("ka.useragent", "The user agent of the client (userAgent)."),
	idxList("ka.sourceips", "The source IP addresses of the request (sourceIPs)."),
	str("ka.cluster.name", "The cluster name: the annotation cluster_name, else the cluster named by the webhook URL (/k8s-audit/<cluster>)."),
	str("ka.cluster", "The cluster named by the webhook URL the event arrived on (/k8s-audit/<cluster>)."),
}
