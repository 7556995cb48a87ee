// Package k8saudit decodes Kubernetes audit events (audit.k8s.io Event,
// EventList, or a JSON array of them) with fastjson and extracts the fields of
// the k8s_audit catalog (guest/fields.K8sAudit) from them.
//
// Decoding: a Decoder turns one webhook body (Decode) or one line of a JSON
// Lines file (LineReader) into a Batch. A Batch owns a pooled fastjson parser;
// its Events, and every value extracted from them, stay valid until the
// caller calls Batch.Release. Events are not safe for concurrent use (fastjson
// unescapes strings lazily, in place): one goroutine at a time per Batch.
//
// Extraction: Bind resolves a field table (the program's or module's list of
// field references) once; a View presents one Event as a fields.Event for that
// binding. Each event memoizes the objects many fields read below (objectRef,
// user, requestObject.spec, …), each resolved at most once and only when
// first needed (memo.go). Semantics follow the current k8saudit plugin, keeping every Falco
// 0.31 field:
//   - absent and null values are missing (never "<NA>"); a list with no
//     entries is missing; strings come as-is, other JSON as compact JSON;
//   - an index on a list field selects the element of the first array on the
//     path (containers.image[1] is the second container's image);
//   - ka.uri.param values are URL-decoded (Go's query rules).
//
// Where the plugin has a bug, Falco 0.31's intent is kept instead and said
// in the field's doc: image repositories keep a registry's port
// (registry:5000/app), eff_run_as_* read securityContext, ka.sourceips reads
// the top-level sourceIPs, ka.req.volume.hostpath matches hostPath.path.
// jevt.obj and json.obj are compact, keys in the order received; times are
// UTC. ka.cluster is the webhook's cluster (Event.SetCluster); ka.cluster.name
// is the cluster_name annotation, else that.
//
// It may import guest/fields and fastjson; nothing else of ours.
package k8saudit
