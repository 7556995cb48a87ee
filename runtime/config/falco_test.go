package config

import (
	"bytes"
	"strings"
	"testing"
)

// falcoYAML is shaped like Falco 0.44's default falco.yaml: every
// top-level section, with Falco's sub-keys, written for this test.
const falcoYAML = `config_files:
  - /etc/falco/config.d
watch_config_files: true
rules_files:
  - /etc/falco/falco_rules.yaml
  - /etc/falco/falco_rules.local.yaml
  - /etc/falco/rules.d
rules:
  - disable: {rule: "*"}
  - enable: {tag: k8s}
engine:
  kind: modern_ebpf
  kmod: {buf_size_preset: 4, drop_failed_exit: false}
  ebpf: {probe: "${HOME}/.falco/falco-bpf.o", buf_size_preset: 4, drop_failed_exit: false}
  modern_ebpf: {cpus_for_each_buffer: 2, buf_size_preset: 4, drop_failed_exit: false}
  replay: {capture_file: ""}
capture:
  enabled: false
  path_prefix: /tmp/falco
  mode: rules
  default_duration: 5000
load_plugins: []
plugins:
  - name: k8saudit
    library_path: libk8saudit.so
    init_config: {maxEventSize: 262144}
    open_params: "http://:9765/k8s-audit"
  - name: json
    library_path: libjson.so
time_format_iso_8601: false
buffer_format_base64: false
priority: debug
json_output: false
json_include_output_property: true
json_include_message_property: false
json_include_output_fields_property: true
json_include_tags_property: true
buffered_outputs: false
rule_matching: first
outputs_queue:
  capacity: 0
append_output:
  - match: {source: syscall}
    extra_output: "on CPU %evt.cpu"
static_fields: {cluster: prod}
stdout_output:
  enabled: true
syslog_output:
  enabled: true
file_output:
  enabled: false
  keep_alive: false
  filename: ./events.txt
http_output:
  enabled: false
  url: ""
  user_agent: "falcosecurity/falco"
  insecure: false
  ca_cert: ""
  ca_bundle: ""
  ca_path: "/etc/ssl/certs"
  mtls: false
  client_cert: "/etc/ssl/certs/client.crt"
  client_key: "/etc/ssl/certs/client.key"
  echo: false
  compress_uploads: false
  keep_alive: false
  max_consecutive_timeouts: 5
program_output:
  enabled: false
  keep_alive: false
  program: "jq '{text: .output}' | curl -d @- -X POST https://hooks.example.com/x"
webserver:
  enabled: true
  threadiness: 0
  listen_port: 8765
  listen_address: 0.0.0.0
  k8s_healthz_endpoint: /healthz
  prometheus_metrics_enabled: false
  ssl_enabled: false
  ssl_certificate: /etc/falco/falco.pem
log_stderr: true
log_syslog: true
log_level: info
libs_logger:
  enabled: false
  severity: debug
output_timeout: 2000
syscall_event_timeouts:
  max_consecutives: 1000
syscall_event_drops:
  threshold: .1
  actions: [log, alert]
  rate: .03333
  max_burst: 1
  simulate_drops: false
metrics:
  enabled: false
  interval: 1h
  output_rule: true
  rules_counters_enabled: true
  resource_utilization_enabled: true
  state_counters_enabled: true
  kernel_event_counters_enabled: true
  libbpf_stats_enabled: true
  convert_memory_to_mb: true
  include_empty_values: false
base_syscalls:
  custom_set: []
  repair: false
falco_libs:
  thread_table_size: 262144
`

func TestFalcoYAMLLoadsWithWarnings(t *testing.T) {
	var stderr bytes.Buffer
	c, _, err := Load([]string{"--config", write(t, falcoYAML)}, &stderr)
	if err != nil {
		t.Fatalf("falco.yaml: %v", err)
	}
	if len(c.RulesFiles) != 3 || len(c.Rules) != 2 || c.Webserver.ListenAddress != "0.0.0.0" ||
		!c.SyslogOutput.Enabled || c.Webserver.SSLCertificate != "/etc/falco/falco.pem" || c.HTTPOutput.UserAgent != "falcosecurity/falco" {
		t.Errorf("Aerie's keys of falco.yaml not applied: %+v", c)
	}
	warnings := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	for _, key := range []string{"config_files", "watch_config_files", "engine", "capture", "load_plugins", "plugins",
		"buffer_format_base64", "buffered_outputs", "append_output", "static_fields", "file_output.keep_alive",
		"http_output.ca_bundle", "http_output.ca_path", "http_output.mtls", "http_output.client_cert", "http_output.client_key",
		"http_output.echo", "http_output.compress_uploads", "http_output.keep_alive", "http_output.max_consecutive_timeouts",
		"program_output.keep_alive", "webserver.enabled", "webserver.threadiness", "webserver.k8s_healthz_endpoint",
		"webserver.prometheus_metrics_enabled", "log_stderr", "log_syslog", "log_level", "libs_logger", "output_timeout",
		"syscall_event_timeouts", "syscall_event_drops", "metrics", "base_syscalls", "falco_libs"} {
		n := 0
		for _, w := range warnings {
			if strings.Contains(w, "ignoring "+key+",") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d warnings for %s, want 1:\n%s", n, key, stderr.String())
		}
	}
	if len(warnings) != 35 {
		t.Errorf("%d warnings, want 35 (one per ignored key):\n%s", len(warnings), stderr.String())
	}
}

func TestTypoInAerieKeyFails(t *testing.T) {
	for name, body := range map[string]string{
		"top level":              "json_output: true\nrule_matchng: all\n",
		"nested":                 "webserver:\n  listen_prot: 9000\n",
		"falco key nested":       "file_output:\n  keep_alive: true\n  filenme: x\n",
		"selector":               "rules:\n  - disable: {rul: x}\n",
		"deprecated falco":       "rules_file: [a.yaml]\n",
		"falco key, wrong level": "webserver:\n  plugins: []\n",
	} {
		_, _, err := Load([]string{"--config", write(t, body)}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "unknown key") || !strings.Contains(err.Error(), "aerie.yaml:") {
			t.Errorf("%s: %v, want an unknown key error with its position", name, err)
		}
	}
}
