// Package syscall is the syscall source's host side: it turns probe records
// into events (applying them to the process and fd tables of probes/state
// first, in order), and extracts every field of the fields.Syscall catalog
// from them with Falco's semantics (a field the event lacks is missing, and
// every comparison on it is false). It also runs the live probe (Live) and
// reads capture files for replay (OpenCapture).
//
// It may import guest/..., probes/... and the standard library.
package syscall
