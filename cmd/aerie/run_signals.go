package main

import (
	"context"
	"os"
	"os/signal"
	"reflect"
	"syscall"
	"time"

	"github.com/aeriesec/aerie/runtime/config"
)

// drainTimeout bounds the SIGTERM drain of queues and outputs.
const drainTimeout = 30 * time.Second

// wait serves signals until SIGTERM/SIGINT or a server failure.
func (d *daemon) wait() int {
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sig)
	for {
		select {
		case err := <-d.served:
			logf("server stopped: %v", err)
			d.stop()
			return 1
		case s := <-sig:
			switch s {
			case syscall.SIGHUP:
				d.reload()
			case syscall.SIGUSR1:
				logf("SIGUSR1: reopening outputs")
				d.outs.Load().Reopen()
			default:
				logf("%v: draining and stopping", s)
				if !d.stop() {
					return 1
				}
				return 0
			}
		}
	}
}

// stop stops accepting requests, evaluates everything queued, then drains
// the outputs. It reports whether everything drained in time.
func (d *daemon) stop() bool {
	ctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	ok := true
	if err := d.srv.Shutdown(ctx); err != nil {
		logf("stop server: %v", err)
		ok = false
	}
	if d.syscall != nil {
		d.syscall.Close()
	}
	var evaluated uint64
	for src, p := range d.modules.Pipelines() {
		if err := p.Close(ctx); err != nil {
			logf("drain source %s: %v", src, err)
			ok = false
		}
		evaluated += p.Stats().Evaluated
	}
	if err := d.outs.Load().Close(ctx); err != nil {
		logf("drain outputs: %v", err)
		ok = false
	}
	logf("stopped: %d events evaluated", evaluated)
	return ok
}

// reload re-reads the configuration and rules (SIGHUP). Everything new is
// built first (a dry run); on any error the running setup stays and the
// error is logged. Sources keep evaluating throughout: the swap is atomic.
func (d *daemon) reload() {
	logf("SIGHUP: reloading configuration and rules")
	err := d.tryReload()
	d.metrics.Reload(err == nil)
	if err != nil {
		logf("reload failed, keeping the running configuration: %v", err)
		return
	}
	logf("reload done")
}

func (d *daemon) tryReload() error {
	cfg, _, err := config.Load(d.args, os.Stderr)
	if err != nil {
		return err
	}
	old := d.cfg.Load()
	if cfg.RulesEngine != old.RulesEngine {
		logf("rules_engine changed: it applies at the next restart")
		cfg.RulesEngine = old.RulesEngine
	}
	defaults, err := d.engine.Defaults(cfg.RulesFiles, os.Stderr)
	if err != nil {
		d.engine.commit(false)
		return err
	}
	outputsChanged := !reflect.DeepEqual(outputConfig(old), outputConfig(&cfg))
	var newOuts = d.outs.Load()
	if outputsChanged {
		if newOuts, err = buildOutputs(&cfg, logf); err != nil {
			d.engine.commit(false)
			return err
		}
	}
	d.cfg.Store(&cfg)
	err = d.modules.Reload(context.Background(), defaults)
	d.engine.commit(err == nil)
	if err != nil {
		d.cfg.Store(old)
		if outputsChanged {
			newOuts.Close(closedCtx())
		}
		return err
	}
	if outputsChanged {
		prev := d.outs.Swap(newOuts)
		d.outForms.Store(uint32(alertForms(&cfg)))
		go prev.Close(context.Background()) // drains while the new outputs take over
	}
	if cfg.Addr() != old.Addr() || !reflect.DeepEqual(cfg.Webserver, old.Webserver) || cfg.APITokenFile != old.APITokenFile {
		logf("server settings changed: they apply at the next restart")
	}
	if cfg.Syscall != old.Syscall {
		logf("syscall source settings changed: they apply at the next restart")
	}
	return nil
}

// outputConfig is the part of the configuration the outputs depend on.
func outputConfig(c *config.Config) []any {
	return []any{c.JSONOutput, c.OutputsQueue, c.StdoutOutput, c.FileOutput, c.HTTPOutput, c.ProgramOutput, c.SyslogOutput}
}

// closedCtx is an already-cancelled context: close without draining.
func closedCtx() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
