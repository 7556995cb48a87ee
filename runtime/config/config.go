// Package config is the configuration of `aerie run`: one YAML file whose
// keys follow falco.yaml where a Falco user would look for them, plus
// Aerie's own keys, every key also settable by a flag. Reference renders the
// documentation of every key from the struct below (yaml, desc and flag
// tags), so docs never drift from the code.
//
// It may import only the standard library and yaml.v3.
package config

import "time"

// Config is the whole configuration file.
type Config struct {
	RulesFiles   []string       `yaml:"rules_files" flag:"rules" desc:"Rules files loaded in order; replaces the embedded default rules, which the name default (all of them) or default:<file> (one) brings back, e.g. [default, /etc/aerie/overrides.yaml]. The --rules flag is repeatable."`
	Rules        []RuleSelector `yaml:"rules" flag:"select" desc:"Rule selection applied in order after loading, as in falco.yaml: [{disable: {rule: \"*\"}}, {enable: {tag: network}}]. rule is a * wildcard, tag an exact tag. Flag form: --select disable:rule=* (repeatable, appended)."`
	Priority     string         `yaml:"priority" desc:"Minimum rule priority: rules less severe than this never run (emergency … debug)."`
	RuleMatching string         `yaml:"rule_matching" desc:"first: stop at the first matching rule per event; all: every matching rule alerts."`
	Listen       string         `yaml:"listen" flag:"listen" desc:"host:port of the HTTP server; overrides webserver.listen_address and listen_port."`
	StateDir     string         `yaml:"state_dir" flag:"state-dir" desc:"Directory where uploaded modules are persisted (and the Wasm compilation cache). Empty: uploads live until restart."`
	APITokenFile string         `yaml:"api_token_file" flag:"api-token-file" desc:"File holding the bearer token of the module API (/v1/modules). Without it the module API refuses every call."`
	RulesEngine  string         `yaml:"rules_engine" flag:"engine" desc:"What evaluates the rules: wasm (compiled to WebAssembly, sandboxed in wazero) or interp (the reference interpreter, for comparison; the module API then refuses uploads with 409). Not falco.yaml's engine key, which picks Falco's syscall driver."`

	JSONOutput                      bool `yaml:"json_output" flag:"json" desc:"Write alerts as Falco's JSON instead of text lines."`
	JSONIncludeOutputProperty       bool `yaml:"json_include_output_property" desc:"Include \"output\" (the text line) in JSON alerts."`
	JSONIncludeOutputFieldsProperty bool `yaml:"json_include_output_fields_property" desc:"Include \"output_fields\" in JSON alerts."`
	JSONIncludeTagsProperty         bool `yaml:"json_include_tags_property" desc:"Include \"tags\" in JSON alerts."`
	JSONIncludeMessageProperty      bool `yaml:"json_include_message_property" desc:"Include \"message\" (the line without time and priority) in JSON alerts."`
	TimeFormatISO8601               bool `yaml:"time_format_iso_8601" desc:"Print the text line's time as ISO 8601 (UTC) instead of local HH:MM:SS."`

	OutputsQueue  OutputsQueue  `yaml:"outputs_queue"`
	StdoutOutput  StdoutOutput  `yaml:"stdout_output"`
	FileOutput    FileOutput    `yaml:"file_output"`
	HTTPOutput    HTTPOutput    `yaml:"http_output"`
	ProgramOutput ProgramOutput `yaml:"program_output"`
	SyslogOutput  SyslogOutput  `yaml:"syslog_output"`

	Webserver Webserver `yaml:"webserver"`
	K8sAudit  K8sAudit  `yaml:"k8s_audit"`
	Syscall   Syscall   `yaml:"syscall"`
}

// RuleSelector is one entry of `rules:`; exactly one of Enable and Disable.
type RuleSelector struct {
	Enable  *RuleMatch `yaml:"enable,omitempty"`
	Disable *RuleMatch `yaml:"disable,omitempty"`
}

// RuleMatch names rules by wildcard name or by tag.
type RuleMatch struct {
	Rule string `yaml:"rule,omitempty"`
	Tag  string `yaml:"tag,omitempty"`
}

// OutputsQueue bounds every output's queue.
type OutputsQueue struct {
	Capacity int `yaml:"capacity" desc:"Alerts each output may hold before it drops (counted in aerie_output_dropped_total)."`
}

// StdoutOutput configures alerts on standard output.
type StdoutOutput struct {
	Enabled bool `yaml:"enabled" desc:"Print alerts on standard output."`
}

// FileOutput configures the file output.
type FileOutput struct {
	Enabled  bool   `yaml:"enabled" desc:"Append alerts to a file, reopened on SIGUSR1 (log rotation)."`
	Filename string `yaml:"filename" desc:"The file to append to."`
}

// HTTPOutput configures the HTTP output (falcosidekick-compatible).
type HTTPOutput struct {
	Enabled   bool          `yaml:"enabled" desc:"POST every alert as Falco's JSON (Content-Type application/json)."`
	URL       string        `yaml:"url" desc:"Where to POST alerts, e.g. http://falcosidekick:2801/."`
	UserAgent string        `yaml:"user_agent" desc:"User-Agent header."`
	Timeout   time.Duration `yaml:"timeout" desc:"Timeout of one POST."`
	Retries   int           `yaml:"retries" desc:"Attempts after the first failed one, with doubling backoff."`
	Insecure  bool          `yaml:"insecure" desc:"Skip verification of the receiver's TLS certificate."`
	CACert    string        `yaml:"ca_cert" desc:"PEM file of CAs to verify the receiver with."`
}

// ProgramOutput configures the program output.
type ProgramOutput struct {
	Enabled bool   `yaml:"enabled" desc:"Pipe alerts, one per line, to a program's standard input (respawned if it dies)."`
	Program string `yaml:"program" desc:"Shell command (run with /bin/sh -c)."`
}

// SyslogOutput configures the syslog output.
type SyslogOutput struct {
	Enabled bool   `yaml:"enabled" desc:"Send alerts to syslog (facility user, severity from the rule priority)."`
	Network string `yaml:"network" desc:"udp, tcp or unix; empty for the local syslog."`
	Address string `yaml:"address" desc:"Address of the syslog daemon when network is set."`
}

// Webserver configures the HTTP server (webhook, module API, metrics).
type Webserver struct {
	ListenAddress     string        `yaml:"listen_address" desc:"Address the server listens on."`
	ListenPort        int           `yaml:"listen_port" desc:"Port the server listens on."`
	TLSCert           string        `yaml:"tls_cert" flag:"tls-cert" desc:"PEM certificate: serve HTTPS (with tls_key)."`
	TLSKey            string        `yaml:"tls_key" flag:"tls-key" desc:"PEM private key of tls_cert."`
	SSLEnabled        bool          `yaml:"ssl_enabled" desc:"Falco's form: serve HTTPS with ssl_certificate (when tls_cert is empty)."`
	SSLCertificate    string        `yaml:"ssl_certificate" desc:"Falco's form: one PEM file holding key and certificate, used when ssl_enabled is true."`
	ClientCA          string        `yaml:"client_ca" flag:"client-ca" desc:"PEM CA bundle: require the webhook and module API clients to present a certificate it signed."`
	WebhookTokenFile  string        `yaml:"webhook_token_file" flag:"webhook-token-file" desc:"File holding a bearer token the audit webhook requires (the webhook kubeconfig's token)."`
	ReadHeaderTimeout time.Duration `yaml:"read_header_timeout" desc:"Time to read a request's headers."`
	ReadTimeout       time.Duration `yaml:"read_timeout" desc:"Time to read a whole request, body included (slow clients get 408)."`
	WriteTimeout      time.Duration `yaml:"write_timeout" desc:"Time to write a response."`
	IdleTimeout       time.Duration `yaml:"idle_timeout" desc:"How long an idle keep-alive connection stays open."`
	MaxConcurrent     int           `yaml:"max_concurrent" desc:"Webhook requests served at once; more get 503 with Retry-After."`
}

// K8sAudit configures the k8s_audit source.
type K8sAudit struct {
	MaxBodyBytes  int           `yaml:"max_body_bytes" desc:"Largest webhook body, after gzip decompression (413 above)."`
	MaxEventBytes int           `yaml:"max_event_bytes" desc:"Largest single event (413 above)."`
	QueueEvents   int           `yaml:"queue_events" desc:"Events waiting for evaluation; when full the webhook answers 429 with Retry-After. Each queued request holds its parsed body, so this bounds memory too."`
	Workers       int           `yaml:"workers" desc:"Evaluation workers (one module instance each); 0: one per CPU."`
	BatchSize     int           `yaml:"batch_size" desc:"Events per evaluation call."`
	EvalDeadline  time.Duration `yaml:"eval_deadline" desc:"Longest a module may run on one batch before it is stopped and the batch's events re-run one by one (failures counted in aerie_events_dropped_total)."`
}

// Syscall configures the syscall source.
type Syscall struct {
	Enabled bool `yaml:"enabled" flag:"!no-syscall" desc:"Run the syscall source (eBPF probe). --no-syscall turns it off."`
	// Pod metadata for syscall events, from kube-apiserver.
	K8sMetadata  string `yaml:"k8s_metadata" flag:"k8s-metadata" desc:"Pod metadata for syscall events (k8s.ns.name, k8s.pod.*, container.name, container.image*, container.privileged …), listed and watched from kube-apiserver for this node's pods: auto (on when running in a pod, i.e. KUBERNETES_SERVICE_HOST is set), on, or off. Needs get/list/watch on pods (deploy/ grants it)."`
	K8sAPIServer string `yaml:"k8s_api_server" flag:"k8s-api-server" desc:"kube-apiserver URL for pod metadata; empty: the in-cluster service (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT)."`
	K8sTokenFile string `yaml:"k8s_token_file" desc:"Bearer token file for kube-apiserver, re-read before every request; empty: the pod's service account token."`
	K8sCAFile    string `yaml:"k8s_ca_file" desc:"PEM CA bundle of kube-apiserver; empty: the pod's service account CA."`
	NodeName     string `yaml:"node_name" flag:"node-name" desc:"The node whose pods are watched; empty: the NODE_NAME environment variable (the DaemonSet sets it from spec.nodeName), else the host name."`
}

// Default is the configuration `aerie run` uses with no file and no flags.
func Default() Config {
	return Config{
		Priority: "debug", RuleMatching: "first", RulesEngine: "wasm",
		JSONIncludeOutputProperty: true, JSONIncludeOutputFieldsProperty: true, JSONIncludeTagsProperty: true,
		OutputsQueue: OutputsQueue{Capacity: 10000},
		StdoutOutput: StdoutOutput{Enabled: true},
		HTTPOutput:   HTTPOutput{UserAgent: "aerie", Timeout: 5 * time.Second, Retries: 3},
		Webserver: Webserver{ListenAddress: "127.0.0.1", ListenPort: 8765,
			ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
			IdleTimeout: 120 * time.Second, MaxConcurrent: 64},
		K8sAudit: K8sAudit{MaxBodyBytes: 12 << 20, MaxEventBytes: 4 << 20, QueueEvents: 20000, BatchSize: 256, EvalDeadline: time.Second},
		Syscall:  Syscall{Enabled: true, K8sMetadata: "auto"},
	}
}
