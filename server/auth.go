package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// tokenOK compares the request's bearer token with want in constant time
// (both hashed first, so their lengths leak nothing either).
func tokenOK(r *http.Request, want string) bool {
	if want == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	a, b := sha256.Sum256([]byte(strings.TrimSpace(got))), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// clientCertOK reports whether the TLS handshake verified a client
// certificate (the listener verifies one if given; routes that require one
// check here, so health probes need none).
func clientCertOK(r *http.Request) bool {
	return r.TLS != nil && len(r.TLS.VerifiedChains) > 0
}

// requireClientCert guards a route group when client certificates are on.
func (s *Server) requireClientCert(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.cfg.ClientCerts && !clientCertOK(c.Request()) {
			return problem(c, http.StatusUnauthorized, "a client certificate signed by the configured CA is required")
		}
		return next(c)
	}
}

// requireHookClientCert is requireClientCert for the webhook: a refusal is
// counted in aerie_webhook_requests_total like every other answer.
func (s *Server) requireHookClientCert(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.cfg.ClientCerts && !clientCertOK(c.Request()) {
			s.metrics.webhook(http.StatusUnauthorized)
		}
		return s.requireClientCert(next)(c)
	}
}

// problem answers an error as JSON {"error": msg}.
func problem(c echo.Context, code int, msg string) error {
	return c.JSON(code, map[string]string{"error": msg})
}
