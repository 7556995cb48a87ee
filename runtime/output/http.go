package output

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"
)

// HTTPOptions configure the HTTP output.
type HTTPOptions struct {
	URL       string
	UserAgent string        // default "aerie"
	Timeout   time.Duration // per attempt; default 5s
	Retries   int           // attempts after the first; default 3
	Backoff   time.Duration // first pause between attempts, doubled each time; default 200ms
	Client    *http.Client  // TLS settings live here; a default client if nil
}

// httpSink POSTs each alert as Falco's JSON, as Falco's http_output does
// with json_output, which is what falcosidekick reads.
type httpSink struct {
	o HTTPOptions
}

// HTTP starts an output POSTing alerts to o.URL.
func HTTP(o HTTPOptions, common Options) *Output {
	if o.UserAgent == "" {
		o.UserAgent = "aerie"
	}
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	if o.Retries < 0 {
		o.Retries = 0
	} else if o.Retries == 0 {
		o.Retries = 3
	}
	if o.Backoff <= 0 {
		o.Backoff = 200 * time.Millisecond
	}
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	return start("http", &httpSink{o: o}, common.Queue, common.Logf)
}

func (s *httpSink) write(a *Alert) error {
	pause := s.o.Backoff
	var err error
	for attempt := 0; attempt <= s.o.Retries; attempt++ {
		if attempt > 0 {
			time.Sleep(pause) // on the output's own goroutine only
			pause *= 2
		}
		if err = s.post(a.JSON); err == nil {
			return nil
		}
	}
	return fmt.Errorf("post alert to %s: %w (after %d attempts)", s.o.URL, err, s.o.Retries+1)
}

func (s *httpSink) post(body []byte) error {
	req, err := http.NewRequest(http.MethodPost, s.o.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", s.o.UserAgent)
	c := *s.o.Client
	c.Timeout = s.o.Timeout
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

func (s *httpSink) flush() error  { return nil }
func (s *httpSink) reopen() error { return nil }
func (s *httpSink) close() error {
	s.o.Client.CloseIdleConnections()
	return nil
}
