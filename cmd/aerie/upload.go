package main

import (
	"bytes"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

func init() {
	register("upload", "upload a compiled rule module to a running aerie (or --list, --delete SOURCE)", runUpload)
}

type uploadFlags struct {
	server, tokenFile, ca, cert, key, del string
	list                                  bool
	timeout                               time.Duration
}

func runUpload(args []string) int {
	f := &uploadFlags{}
	fs := flag.NewFlagSet("aerie upload", flag.ContinueOnError)
	fs.StringVar(&f.server, "server", "", "base URL of the aerie server, e.g. https://aerie:8765 (required)")
	fs.StringVar(&f.tokenFile, "token-file", "", "file holding the module API bearer token (required)")
	fs.StringVar(&f.ca, "ca", "", "PEM CA bundle to verify the server with")
	fs.StringVar(&f.cert, "cert", "", "client certificate (PEM), when the server requires one")
	fs.StringVar(&f.key, "key", "", "client key (PEM) of --cert")
	fs.StringVar(&f.del, "delete", "", "revert SOURCE to its default module instead of uploading")
	fs.BoolVar(&f.list, "list", false, "list the active modules instead of uploading")
	fs.DurationVar(&f.timeout, "timeout", 60*time.Second, "request timeout")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: aerie upload --server URL --token-file F [--ca FILE] FILE.wasm | --list | --delete SOURCE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	req, err := f.request(fs.Args())
	if err != nil {
		fmt.Fprintf(os.Stderr, "aerie upload: %v\n", err)
		return 2
	}
	if err := f.send(req, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "aerie upload: %v\n", err)
		return 1
	}
	return 0
}

// request builds the API call the flags ask for.
func (f *uploadFlags) request(rest []string) (*http.Request, error) {
	if f.server == "" || f.tokenFile == "" {
		return nil, errors.New("--server and --token-file are required")
	}
	token, err := readToken(f.tokenFile)
	if err != nil {
		return nil, err
	}
	base := strings.TrimRight(f.server, "/") + "/v1/modules"
	var req *http.Request
	switch {
	case f.list && len(rest) == 0 && f.del == "":
		req, err = http.NewRequest(http.MethodGet, base, nil)
	case f.del != "" && len(rest) == 0 && !f.list:
		req, err = http.NewRequest(http.MethodDelete, base+"/"+f.del, nil)
	case len(rest) == 1 && !f.list && f.del == "":
		var wasm []byte
		if wasm, err = os.ReadFile(rest[0]); err != nil {
			return nil, fmt.Errorf("read module: %w", err)
		}
		req, err = http.NewRequest(http.MethodPost, base, bytes.NewReader(wasm))
		if req != nil {
			req.Header.Set("Content-Type", "application/wasm")
		}
	default:
		return nil, errors.New("give one module file, or --list, or --delete SOURCE")
	}
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return req, nil
}

func (f *uploadFlags) send(req *http.Request, stdout io.Writer) error {
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if f.ca != "" {
		pool, err := certPool(f.ca)
		if err != nil {
			return fmt.Errorf("--ca: %w", err)
		}
		tc.RootCAs = pool
	}
	if f.cert != "" {
		c, err := tls.LoadX509KeyPair(f.cert, f.key)
		if err != nil {
			return fmt.Errorf("--cert: %w", err)
		}
		tc.Certificates = []tls.Certificate{c}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tc
	resp, err := (&http.Client{Transport: tr, Timeout: f.timeout}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", req.Method, req.URL.Path, resp.Status, strings.TrimSpace(string(body)))
	}
	_, err = stdout.Write(body)
	return err
}
