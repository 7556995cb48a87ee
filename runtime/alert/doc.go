// Package alert formats a rule match the way Falco prints it: the text line
// ("13:53:31.726060287: Critical message") and the JSON alert (keys sorted:
// hostname, output, output_fields, priority, rule, source, tags, time).
//
// Input is engine-neutral — the rule set's metadata, a rule index, the event
// as a fields.Event bound to the metadata's field table, and the event time —
// so the Wasm host and the reference interpreter print identical alerts.
//
// It may import guest/... only.
package alert
