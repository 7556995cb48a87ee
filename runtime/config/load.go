package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Load builds the configuration from args: the defaults, then the file
// named by --config (unknown keys are errors, except falco.yaml keys Aerie
// does not implement, ignored with a warning on stderr), then every other
// flag in the order given. It returns the leftover arguments.
func Load(args []string, stderr io.Writer) (Config, []string, error) {
	c := Default()
	path := configPath(args)
	if path != "" {
		if err := c.readFile(path, stderr); err != nil {
			return c, nil, err
		}
	}
	fs := flag.NewFlagSet("aerie run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.String("config", "", "YAML configuration file (keys as in the reference; falco.yaml-like)")
	for _, l := range leaves(&c) {
		l.register(fs)
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: aerie run [--config FILE] [flags]\n\nEvery configuration key is also a flag (--key.subkey); shorthands are listed with their key.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	return c, fs.Args(), c.Check()
}

// configPath finds --config in args before flags are parsed, so the file
// is read first and flags override it.
func configPath(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, name := range []string{"-config", "--config"} {
			if v, ok := strings.CutPrefix(a, name+"="); ok {
				return v
			}
			if a == name && i+1 < len(args) {
				return args[i+1]
			}
		}
	}
	return ""
}

func (c *Config) readFile(path string, stderr io.Writer) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	return c.decode(path, b, stderr)
}

// ValidK8sMetadata reports whether s is a value of syscall.k8s_metadata.
func ValidK8sMetadata(s string) bool { return s == "auto" || s == "on" || s == "off" }

// Check reports settings that cannot work.
func (c *Config) Check() error {
	switch {
	case c.RuleMatching != "first" && c.RuleMatching != "all":
		return fmt.Errorf("rule_matching %q: want first or all", c.RuleMatching)
	case c.RulesEngine != "wasm" && c.RulesEngine != "interp":
		return fmt.Errorf("rules_engine %q: want wasm or interp", c.RulesEngine)
	case !ValidK8sMetadata(c.Syscall.K8sMetadata):
		return fmt.Errorf("syscall.k8s_metadata %q: want auto, on or off", c.Syscall.K8sMetadata)
	case (c.Webserver.TLSCert == "") != (c.Webserver.TLSKey == ""):
		return errors.New("webserver.tls_cert and tls_key go together")
	case c.Webserver.SSLEnabled && c.Webserver.SSLCertificate == "":
		return errors.New("webserver.ssl_enabled needs webserver.ssl_certificate")
	case c.Webserver.ClientCA != "" && c.Webserver.TLSCert == "" && !c.Webserver.SSLEnabled:
		return errors.New("webserver.client_ca needs TLS (tls_cert and tls_key)")
	case c.FileOutput.Enabled && c.FileOutput.Filename == "":
		return errors.New("file_output.enabled needs file_output.filename")
	case c.HTTPOutput.Enabled && c.HTTPOutput.URL == "":
		return errors.New("http_output.enabled needs http_output.url")
	case c.ProgramOutput.Enabled && c.ProgramOutput.Program == "":
		return errors.New("program_output.enabled needs program_output.program")
	}
	if _, ok := ParsePriority(c.Priority); !ok {
		return fmt.Errorf("priority %q: want emergency, alert, critical, error, warning, notice, info(rmational) or debug", c.Priority)
	}
	for i, s := range c.Rules {
		if (s.Enable == nil) == (s.Disable == nil) {
			return fmt.Errorf("rules[%d]: want exactly one of enable and disable", i)
		}
	}
	return nil
}

// Addr is the server's listen address.
func (c *Config) Addr() string {
	if c.Listen != "" {
		return c.Listen
	}
	return fmt.Sprintf("%s:%d", c.Webserver.ListenAddress, c.Webserver.ListenPort)
}

var priorities = []string{"emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"}

// ParsePriority turns a priority name (any case, "info" too) into 0…7.
func ParsePriority(s string) (int, bool) {
	l := strings.ToLower(s)
	if l == "info" {
		l = "informational"
	}
	for i, p := range priorities {
		if p == l {
			return i, true
		}
	}
	return 0, false
}
