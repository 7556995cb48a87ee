// Package output delivers formatted alerts to where users read them:
// stdout, a file, an HTTP endpoint (Falco's JSON, falcosidekick-compatible),
// a program's stdin, and syslog. Each output runs on its own goroutine
// behind a bounded queue, so a slow destination never blocks evaluation:
// when its queue is full an alert is dropped and counted.
//
// It may import only the standard library; alerts arrive already formatted
// (runtime/alert makes the text and JSON forms).
package output
