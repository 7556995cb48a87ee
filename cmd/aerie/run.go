package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/output"
	"github.com/aeriesec/aerie/runtime/pipeline"
	"github.com/aeriesec/aerie/server"
)

func init() {
	register("run", "run the daemon: audit webhook, rule evaluation, alerts, module API, metrics", runRun)
}

func runRun(args []string) int {
	cfg, rest, err := config.Load(args, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("unexpected argument %q", rest[0])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "aerie run: %v\n", err)
		return 2
	}
	d, err := startDaemon(args, &cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "aerie run: %v\n", err)
		return 1
	}
	return d.wait()
}

// daemon is a running `aerie run`.
type daemon struct {
	args []string
	cfg  atomic.Pointer[config.Config]
	outs atomic.Pointer[output.Set]
	// outForms are the alert forms the running outputs write (alertForms):
	// during a reload, rule sets bound before the outputs swap serve both.
	outForms atomic.Uint32
	metrics  *server.Metrics
	modules  *server.Modules
	engine   ruleEngine
	srv      *server.Server
	syscall  syscallFeed
	served   chan error
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "aerie: "+format+"\n", args...)
}

func startDaemon(args []string, cfg *config.Config) (*daemon, error) {
	d := &daemon{args: args, served: make(chan error, 1)}
	d.cfg.Store(cfg)
	engine, err := newRuleEngine(cfg)
	if err != nil {
		return nil, err
	}
	d.engine = engine
	defaults, err := engine.Defaults(cfg.RulesFiles, os.Stderr)
	if err != nil {
		return nil, err
	}
	engine.commit(true)
	if cfg.RulesEngine == "interp" {
		logf("evaluating rules with the reference interpreter (--engine interp); the module API refuses uploads")
	}
	outs, err := buildOutputs(cfg, logf)
	if err != nil {
		return nil, err
	}
	d.outs.Store(outs)
	d.outForms.Store(uint32(alertForms(cfg)))
	d.modules = server.NewModules(engine, modulesDir(cfg.StateDir), defaults, logf)
	d.metrics = server.NewMetrics(d.modules.Pipelines, func() []*output.Output { return d.outs.Load().Outputs() })
	d.modules.OnChange(d.metrics.Module)
	if _, err := d.modules.Start(context.Background(), fields.SourceK8sAudit, d.pipelineConfig(cfg)); err != nil {
		return nil, fmt.Errorf("start k8s_audit source: %w", err)
	}
	d.startSyscall(cfg)
	if err := d.startServer(cfg); err != nil {
		return nil, err
	}
	return d, nil
}

func modulesDir(stateDir string) string {
	if stateDir == "" {
		return ""
	}
	return stateDir + string(os.PathSeparator) + "modules"
}

func (d *daemon) pipelineConfig(cfg *config.Config) pipeline.Config {
	return pipeline.Config{
		Source: fields.SourceK8sAudit, Workers: cfg.K8sAudit.Workers,
		QueueEvents: cfg.K8sAudit.QueueEvents, BatchSize: cfg.K8sAudit.BatchSize,
		Bind:    server.K8sBinder(d.alertOptions, d.emit),
		Options: d.options,
		Hooks: pipeline.Hooks{Batch: d.metrics.Batch, Trap: func(source string, err error) {
			logf("source %s: %v", source, err)
		}},
	}
}

// options is the current selection for a rule set (read at each pool build).
func (d *daemon) options(m *abi.Metadata) abi.Options {
	c := d.cfg.Load()
	sel := pipeline.Selection{MatchAll: c.RuleMatching == "all"}
	sel.MinPriority, _ = config.ParsePriority(c.Priority)
	for _, s := range c.Rules {
		m, enable := s.Disable, false
		if s.Enable != nil {
			m, enable = s.Enable, true
		}
		sel.Selectors = append(sel.Selectors, pipeline.Selector{Enable: enable, Rule: m.Rule, Tag: m.Tag})
	}
	return sel.Options(m)
}

func (d *daemon) alertOptions() alert.Options {
	c := d.cfg.Load()
	o := alert.DefaultOptions()
	o.ISO8601 = c.TimeFormatISO8601
	o.IncludeOutput = c.JSONIncludeOutputProperty
	o.IncludeOutputFields = c.JSONIncludeOutputFieldsProperty
	o.IncludeTags = c.JSONIncludeTagsProperty
	o.IncludeMessage = c.JSONIncludeMessageProperty
	o.Forms = alertForms(c) | alert.Forms(d.outForms.Load())
	return o
}

// emit hands an alert to the outputs; it runs on evaluation workers and
// never blocks (outputs queue or drop and count).
func (d *daemon) emit(a *alert.Alert, received time.Time) {
	d.metrics.Alert(a.Rule, priorityName(a.Priority), a.Source, received)
	d.outs.Load().Send(&output.Alert{Time: a.Time, Rule: a.Rule, Source: a.Source, Priority: a.Priority, Text: a.Text, JSON: a.JSON})
}

var priorityNames = [...]string{"Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"}

func priorityName(p int) string {
	if p >= 0 && p < len(priorityNames) {
		return priorityNames[p]
	}
	return fmt.Sprint(p)
}

func (d *daemon) startServer(cfg *config.Config) error {
	tc, err := serverTLS(&cfg.Webserver)
	if err != nil {
		return err
	}
	apiToken, err := readToken(cfg.APITokenFile)
	if err != nil {
		return fmt.Errorf("api_token_file: %w", err)
	}
	hookToken, err := readToken(cfg.Webserver.WebhookTokenFile)
	if err != nil {
		return fmt.Errorf("webserver.webhook_token_file: %w", err)
	}
	w := cfg.Webserver
	d.srv = server.New(server.Config{Addr: cfg.Addr(), TLS: tc, ClientCerts: w.ClientCA != "",
		WebhookToken: hookToken, APIToken: apiToken,
		MaxBodyBytes: cfg.K8sAudit.MaxBodyBytes, MaxEventBytes: cfg.K8sAudit.MaxEventBytes, MaxConcurrent: w.MaxConcurrent,
		ReadHeaderTimeout: w.ReadHeaderTimeout, ReadTimeout: w.ReadTimeout, WriteTimeout: w.WriteTimeout, IdleTimeout: w.IdleTimeout,
		Logf: logf}, d.modules, d.metrics)
	if d.syscall != nil {
		d.srv.SetProbe(d.syscall)
	}
	addr, err := d.srv.Listen()
	if err != nil {
		return err
	}
	scheme := "http"
	if tc != nil {
		scheme = "https"
	}
	logf("listening on %s://%s (POST /k8s-audit, /v1/modules, /metrics, /healthz, /readyz)", scheme, addr)
	go func() { d.served <- d.srv.Serve() }()
	return nil
}
