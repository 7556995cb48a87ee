package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/aeriesec/aerie/runtime/alert"
	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/output"
)

// buildOutputs starts the outputs the configuration enables.
func buildOutputs(c *config.Config, logf func(string, ...any)) (*output.Set, error) {
	o := output.Options{JSON: c.JSONOutput, Queue: c.OutputsQueue.Capacity, Logf: logf}
	var outs []*output.Output
	fail := func(err error) (*output.Set, error) {
		output.NewSet(outs...).Close(closedCtx())
		return nil, err
	}
	if c.StdoutOutput.Enabled {
		outs = append(outs, output.Stdout(os.Stdout, o))
	}
	if c.FileOutput.Enabled {
		f, err := output.File(c.FileOutput.Filename, o)
		if err != nil {
			return fail(err)
		}
		outs = append(outs, f)
	}
	if c.HTTPOutput.Enabled {
		client, err := httpClient(&c.HTTPOutput)
		if err != nil {
			return fail(err)
		}
		outs = append(outs, output.HTTP(output.HTTPOptions{URL: c.HTTPOutput.URL, UserAgent: c.HTTPOutput.UserAgent,
			Timeout: c.HTTPOutput.Timeout, Retries: c.HTTPOutput.Retries, Client: client}, o))
	}
	if c.ProgramOutput.Enabled {
		p, err := output.Program(c.ProgramOutput.Program, o)
		if err != nil {
			return fail(err)
		}
		outs = append(outs, p)
	}
	if c.SyslogOutput.Enabled {
		s, err := output.Syslog(c.SyslogOutput.Network, c.SyslogOutput.Address, "aerie", o)
		if err != nil {
			return fail(err)
		}
		outs = append(outs, s)
	}
	return output.NewSet(outs...), nil
}

// alertForms are the alert forms the configured outputs write: the JSON
// alert for the HTTP output and for line outputs with json_output, the
// text line for line outputs otherwise.
func alertForms(c *config.Config) alert.Forms {
	var f alert.Forms
	lines := c.StdoutOutput.Enabled || c.FileOutput.Enabled || c.ProgramOutput.Enabled || c.SyslogOutput.Enabled
	if c.HTTPOutput.Enabled || (lines && c.JSONOutput) {
		f |= alert.FormJSON
	}
	if lines && !c.JSONOutput {
		f |= alert.FormText
	}
	return f
}

func httpClient(h *config.HTTPOutput) (*http.Client, error) {
	tc := &tls.Config{InsecureSkipVerify: h.Insecure} //nolint:gosec // the user's explicit choice
	if h.CACert != "" {
		pool, err := certPool(h.CACert)
		if err != nil {
			return nil, fmt.Errorf("http_output.ca_cert: %w", err)
		}
		tc.RootCAs = pool
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tc
	return &http.Client{Transport: tr}, nil
}

func certPool(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, errors.New(path + ": no PEM certificates")
	}
	return pool, nil
}
