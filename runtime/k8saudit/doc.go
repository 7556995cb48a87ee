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
// binding. Semantics follow the current k8saudit plugin (values missing when
// absent, never "<NA>"; indexes on list fields select the element of the first
// array on the path; ka.uri.param decoded), keeping every Falco 0.31 field.
//
// It may import guest/fields and fastjson; nothing else of ours.
package k8saudit
