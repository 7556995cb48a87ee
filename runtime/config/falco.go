package config

// falcoOnly are falco.yaml keys (dotted paths, current and recent Falco
// releases) that Aerie does not implement. A file may carry them, so a
// Falco user's falco.yaml loads: each is ignored with a warning (with the
// reason, when there is more to say), its whole value unread. Any other unknown key is an error (a typo of Aerie's).
var falcoOnly = map[string]string{
	"config_files":             "Aerie reads one file (--config)",
	"watch_config_files":       "Aerie reloads on SIGHUP",
	"engine":                   "Aerie's syscall source is its own eBPF probe; Aerie's evaluation engine is rules_engine",
	"capture":                  "Aerie does not write capture files",
	"load_plugins":             "k8s_audit and the k8saudit, json and container fields are built in",
	"plugins":                  "k8s_audit and the k8saudit, json and container fields are built in",
	"buffer_format_base64":     "Aerie prints no raw buffers",
	"buffered_outputs":         "each output has its own queue (outputs_queue.capacity)",
	"append_output":            "",
	"static_fields":            "",
	"grpc":                     "no gRPC server (Falco removed it in 0.44)",
	"grpc_output":              "no gRPC output (Falco removed it in 0.44)",
	"outputs":                  "no output rate limit (Falco removed it in 0.37)",
	"log_stderr":               "Aerie logs to stderr",
	"log_syslog":               "Aerie logs to stderr",
	"log_level":                "Aerie logs to stderr",
	"libs_logger":              "Aerie logs to stderr",
	"output_timeout":           "outputs never block evaluation; they queue or drop and count",
	"syscall_event_timeouts":   "",
	"syscall_event_drops":      "probe drops are logged and counted in /metrics",
	"metrics":                  "Prometheus metrics are always at /metrics",
	"base_syscalls":            "the probe follows the rules' event types",
	"falco_libs":               "",
	"syscall_buf_size_preset":  "",
	"syscall_drop_failed_exit": "",
	"modern_bpf":               "",
	"metadata_download":        "",
	"container_engines":        "",

	"file_output.keep_alive":               "the file stays open and is reopened on SIGUSR1",
	"program_output.keep_alive":            "the program keeps running and is respawned if it dies",
	"http_output.ca_bundle":                "use http_output.ca_cert",
	"http_output.ca_path":                  "use http_output.ca_cert",
	"http_output.mtls":                     "",
	"http_output.client_cert":              "",
	"http_output.client_key":               "",
	"http_output.echo":                     "",
	"http_output.compress_uploads":         "",
	"http_output.keep_alive":               "connections are kept alive",
	"http_output.max_consecutive_timeouts": "retries are http_output.retries",
	"webserver.enabled":                    "the server always runs (it serves the audit webhook)",
	"webserver.threadiness":                "",
	"webserver.k8s_healthz_endpoint":       "health is at /healthz and /readyz",
	"webserver.prometheus_metrics_enabled": "/metrics is always served",
	"webserver.k8s_audit_endpoint":         "the webhook is at /k8s-audit",
}

// falcoHints turn errors on Falco keys Aerie spells differently into advice.
var falcoHints = map[string]string{
	"rules_file": "Falco's deprecated name: write rules_files",
}
