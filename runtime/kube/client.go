package kube

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// userAgent is sent with every request.
const userAgent = "aerie/kube"

// errorBodyLimit bounds how much of an error answer is read.
const errorBodyLimit = 4 << 10

// newHTTPClient returns cfg.Client, or a client trusting cfg.CAFile (system
// roots when "").
func newHTTPClient(cfg Config) (*http.Client, error) {
	if cfg.Client != nil {
		return cfg.Client, nil
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	tr.ResponseHeaderTimeout = time.Minute
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("read CA file %s: no PEM certificate", cfg.CAFile)
		}
		tr.TLSClientConfig.RootCAs = pool
	}
	return &http.Client{Transport: tr}, nil
}

// get sends GET server+pathQuery with the token of the moment, and returns
// the response when its status is 2xx; otherwise a *StatusError.
func (c *Cache) get(ctx context.Context, op, pathQuery string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.cfg.Server+pathQuery, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	if c.cfg.TokenFile != "" {
		tok, err := os.ReadFile(c.cfg.TokenFile)
		if err != nil {
			return nil, fmt.Errorf("%s: read token: %w", op, err)
		}
		req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(tok)))
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if resp.StatusCode/100 != 2 {
		defer resp.Body.Close()
		return nil, statusError(op, resp)
	}
	return resp, nil
}

// statusError reads at most errorBodyLimit bytes of an error answer and
// returns it as a *StatusError with the Status body's message.
func statusError(op string, resp *http.Response) *StatusError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, errorBodyLimit))
	e := &StatusError{Op: op, Code: resp.StatusCode, Status: resp.Status}
	var st wireStatus
	if json.Unmarshal(body, &st) == nil && st.Message != "" {
		e.Message, e.Reason = st.Message, st.Reason
		return e
	}
	msg := strings.TrimSpace(string(body))
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	e.Message = strings.ToValidUTF8(msg, "?")
	return e
}
