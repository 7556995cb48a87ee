package server

import (
	"net/http"
	"sync/atomic"

	"github.com/labstack/echo/v4"
)

// ProbeStatus reports whether the syscall probe is attached (the probe
// package implements it; readiness needs it only when the source is on).
type ProbeStatus interface {
	Attached() (ok bool, why string)
}

// health answers liveness: the process serves HTTP.
func (s *Server) health(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// ready answers readiness: started, every source has its rules loaded, and
// the probe is attached when the syscall source is on.
func (s *Server) ready(c echo.Context) error {
	if !s.started.Load() {
		return problem(c, http.StatusServiceUnavailable, "starting")
	}
	if len(s.modules.List()) == 0 {
		return problem(c, http.StatusServiceUnavailable, "no rules loaded")
	}
	body := map[string]string{"status": "ready"}
	if p := s.probe.Load(); p != nil {
		if ok, why := (*p).Attached(); !ok {
			return problem(c, http.StatusServiceUnavailable, "syscall probe not attached: "+why)
		}
		body["syscall_probe"] = "attached"
	}
	return c.JSON(http.StatusOK, body)
}

// SetProbe makes readiness depend on the syscall probe.
func (s *Server) SetProbe(p ProbeStatus) { s.probe.Store(&p) }

type probeRef = atomic.Pointer[ProbeStatus]
