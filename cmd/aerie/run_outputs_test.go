package main

import (
	"testing"

	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/config"
)

// TestAlertForms: aerie run builds the JSON alert only for the HTTP output
// and json_output line outputs, the text line only for other line outputs.
func TestAlertForms(t *testing.T) {
	cases := []struct {
		name string
		set  func(c *config.Config)
		want alert.Forms
	}{
		{"stdout text", func(c *config.Config) { c.StdoutOutput.Enabled = true }, alert.FormText},
		{"stdout json", func(c *config.Config) { c.StdoutOutput.Enabled, c.JSONOutput = true, true }, alert.FormJSON},
		{"http only", func(c *config.Config) { c.HTTPOutput.Enabled = true }, alert.FormJSON},
		{"http and file text", func(c *config.Config) { c.HTTPOutput.Enabled, c.FileOutput.Enabled = true, true },
			alert.FormJSON | alert.FormText},
		{"syslog text", func(c *config.Config) { c.SyslogOutput.Enabled = true }, alert.FormText},
		{"program json", func(c *config.Config) { c.ProgramOutput.Enabled, c.JSONOutput = true, true }, alert.FormJSON},
		{"none", func(*config.Config) {}, 0},
	}
	for _, tc := range cases {
		var c config.Config
		tc.set(&c)
		if got := alertForms(&c); got != tc.want {
			t.Errorf("%s: forms %b, want %b", tc.name, got, tc.want)
		}
	}
}
