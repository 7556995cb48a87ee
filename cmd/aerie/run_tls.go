package main

import (
	"crypto/tls"
	"fmt"
	"os"
	"strings"

	"github.com/aeriesec/aerie/runtime/config"
)

// serverTLS builds the server's TLS configuration: a certificate and key
// (or Falco's combined ssl_certificate PEM), and client verification when
// a client CA is set. Certificates are verified if given at the handshake;
// the webhook and module API then require one (health probes need none).
func serverTLS(w *config.Webserver) (*tls.Config, error) {
	certFile, keyFile := w.TLSCert, w.TLSKey
	if certFile == "" && w.SSLEnabled {
		certFile, keyFile = w.SSLCertificate, w.SSLCertificate
	}
	if certFile == "" {
		return nil, nil
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("load TLS certificate: %w", err)
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
	if w.ClientCA != "" {
		pool, err := certPool(w.ClientCA)
		if err != nil {
			return nil, fmt.Errorf("load client CA: %w", err)
		}
		tc.ClientCAs, tc.ClientAuth = pool, tls.VerifyClientCertIfGiven
	}
	return tc, nil
}

// readToken reads a bearer token file ("" for no file).
func readToken(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read token: %w", err)
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", fmt.Errorf("read token: %s is empty", path)
	}
	return t, nil
}
