package main

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/pipeline"
	"github.com/aeriesec/aerie/server"
)

// syscallProvider is how the syscall source plugs into `aerie run`: the
// probe integration registers one from an init function (in its own file,
// with registerSyscall). Until then the syscall source is off and run says
// why.
type syscallProvider interface {
	// Open attaches the probe (and starts what cfg.Syscall asks for, such
	// as pod metadata). An error says why the source is off.
	Open(ctx context.Context, cfg *config.Config) (syscallFeed, error)
	// Binder binds syscall modules' field tables to the feed's events and
	// formats their alerts with emit.
	Binder(opts func() alert.Options, emit server.AlertFunc) pipeline.Binder
}

// syscallFeed is an attached probe.
type syscallFeed interface {
	server.ProbeStatus
	// Run reads events and submits them to p until Close.
	Run(p *pipeline.Pipeline) error
	Close() error
}

var syscallSource syscallProvider

// registerSyscall installs the syscall source provider.
func registerSyscall(p syscallProvider) { syscallSource = p }

// startSyscall starts the syscall source when enabled and available; any
// reason it cannot run is said on stderr, and audit events carry on.
func (d *daemon) startSyscall(cfg *config.Config) {
	if !cfg.Syscall.Enabled {
		return
	}
	if syscallSource == nil {
		logf("syscall source off: this build has no eBPF probe integration yet; evaluating k8s_audit events only (--no-syscall silences this)")
		return
	}
	feed, err := syscallSource.Open(context.Background(), cfg)
	if err != nil {
		logf("syscall source off: %v; evaluating k8s_audit events only", err)
		return
	}
	pc := d.pipelineConfig(cfg)
	pc.Source = "syscall"
	pc.Bind = syscallSource.Binder(d.alertOptions, d.emit)
	p, err := d.modules.Start(context.Background(), "syscall", pc)
	if err != nil {
		feed.Close()
		logf("syscall source off: %v", err)
		return
	}
	d.syscall = feed
	if c, ok := feed.(prometheus.Collector); ok {
		d.metrics.Registry.MustRegister(c) // the probe's per-CPU record and drop counters
	}
	go func() {
		if err := feed.Run(p); err != nil {
			logf("syscall source stopped: %v", err)
		}
	}()
}
