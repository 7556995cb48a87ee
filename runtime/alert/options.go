package alert

import "os"

// Options are falco.yaml's alert-formatting settings.
type Options struct {
	Hostname string // the JSON "hostname"; DefaultOptions reads FALCO_HOSTNAME or the host name
	ISO8601  bool   // time_format_iso_8601: the text line's time as 2006-01-02T15:04:05.000000000+0000
	// The json_include_*_property settings.
	IncludeOutput       bool // "output": the whole text line (Falco default true)
	IncludeOutputFields bool // "output_fields" (default true)
	IncludeTags         bool // "tags" (default true)
	IncludeMessage      bool // "message": the line without time and priority (default false)
	// Forms are the forms Format builds: the ones the configured outputs
	// write. Zero builds both.
	Forms Forms
}

// Forms is a set of alert forms.
type Forms uint8

// The alert forms.
const (
	FormText Forms = 1 << iota // Falco's text line
	FormJSON                   // Falco's JSON alert
)

// DefaultOptions are Falco's defaults.
func DefaultOptions() Options {
	return Options{Hostname: Hostname(), IncludeOutput: true, IncludeOutputFields: true, IncludeTags: true}
}

// Hostname is FALCO_HOSTNAME when set, else the machine's host name.
func Hostname() string {
	if h := os.Getenv("FALCO_HOSTNAME"); h != "" {
		return h
	}
	h, _ := os.Hostname()
	return h
}
