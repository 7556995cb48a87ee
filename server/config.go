package server

import (
	"crypto/tls"
	"time"
)

// Config is the server's part of the daemon configuration.
type Config struct {
	Addr string // listen address, host:port
	TLS  *tls.Config
	// ClientCerts makes the webhook and module API require a client
	// certificate verified against TLS.ClientCAs.
	ClientCerts bool
	// WebhookToken, when set, is the bearer token the webhook requires.
	WebhookToken string
	// APIToken is the module API's bearer token; empty refuses every call.
	APIToken string

	MaxBodyBytes   int // webhook body limit, decompressed (default 12 MiB)
	MaxEventBytes  int // one event's limit (default the decoder's)
	MaxModuleBytes int // module upload limit (default 16 MiB)
	MaxConcurrent  int // webhook requests in flight at once (default 64)

	ReadHeaderTimeout time.Duration // default 10s
	ReadTimeout       time.Duration // whole request, body included (default 30s)
	WriteTimeout      time.Duration // default 30s
	IdleTimeout       time.Duration // default 120s
	RetryAfter        time.Duration // Retry-After when the queue is full (default 1s)

	Logf func(format string, args ...any)
}

func (c *Config) defaults() {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defd := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxBodyBytes, 12<<20)
	def(&c.MaxModuleBytes, 16<<20)
	def(&c.MaxConcurrent, 64)
	defd(&c.ReadHeaderTimeout, 10*time.Second)
	defd(&c.ReadTimeout, 30*time.Second)
	defd(&c.WriteTimeout, 30*time.Second)
	defd(&c.IdleTimeout, 120*time.Second)
	defd(&c.RetryAfter, time.Second)
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
}
