package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"sync/atomic"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/pipeline"
)

const k8sSource = fields.SourceK8sAudit

// Server is the HTTP server of `aerie run`.
type Server struct {
	cfg       Config
	echo      *echo.Echo
	http      *http.Server
	modules   *Modules
	metrics   *Metrics
	decoder   *k8saudit.Decoder
	pipelines map[string]*pipeline.Pipeline
	slots     chan struct{}
	started   atomic.Bool
	probe     probeRef
	ln        net.Listener
}

// New builds the server over the running pipelines of modules.
func New(cfg Config, modules *Modules, metrics *Metrics) *Server {
	cfg.defaults()
	s := &Server{cfg: cfg, modules: modules, metrics: metrics, pipelines: modules.Pipelines(),
		decoder: &k8saudit.Decoder{MaxBodySize: cfg.MaxBodyBytes, MaxEventSize: cfg.MaxEventBytes},
		slots:   make(chan struct{}, cfg.MaxConcurrent)}
	s.echo = s.routes()
	s.http = &http.Server{Handler: s.echo, TLSConfig: cfg.TLS,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout, ReadTimeout: cfg.ReadTimeout,
		WriteTimeout: cfg.WriteTimeout, IdleTimeout: cfg.IdleTimeout,
		ErrorLog: log.New(logWriter(cfg.Logf), "http: ", 0)}
	return s
}

func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(s.recover)
	// Routes rather than groups: a group's catch-all would turn a wrong
	// method (405) into 404.
	hook := []echo.MiddlewareFunc{s.requireHookClientCert, s.limitConcurrency}
	e.POST("/k8s-audit", s.audit, hook...)
	e.POST("/k8s-audit/:cluster", s.audit, hook...)
	api := []echo.MiddlewareFunc{s.requireClientCert, s.requireToken}
	e.GET("/v1/modules", s.listModules, api...)
	e.POST("/v1/modules", s.uploadModule, api...)
	e.DELETE("/v1/modules/:source", s.deleteModule, api...)
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(s.metrics.Registry, promhttp.HandlerOpts{})))
	e.GET("/healthz", s.health)
	e.GET("/readyz", s.ready)
	return e
}

// recover turns a handler panic into a 500, logged and counted.
func (s *Server) recover(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.metrics.panics.Inc()
				s.cfg.Logf("panic serving %s %s: %v", c.Request().Method, c.Request().URL.Path, r)
				err = problem(c, http.StatusInternalServerError, "internal error")
			}
		}()
		return next(c)
	}
}

// Listen opens the listening socket, so the address is known (and bound)
// before Serve.
func (s *Server) Listen() (net.Addr, error) {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	if s.cfg.TLS != nil {
		ln = tls.NewListener(ln, s.cfg.TLS)
	}
	s.ln = ln
	return ln.Addr(), nil
}

// Serve serves until Shutdown; it marks the server ready first.
func (s *Server) Serve() error {
	s.started.Store(true)
	err := s.http.Serve(s.ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for requests in flight.
func (s *Server) Shutdown(ctx context.Context) error {
	s.started.Store(false)
	return s.http.Shutdown(ctx)
}

// Handler is the server's HTTP handler (for tests).
func (s *Server) Handler() http.Handler { return s.echo }

type logWriter func(string, ...any)

func (w logWriter) Write(p []byte) (int, error) {
	w("%s", p)
	return len(p), nil
}
