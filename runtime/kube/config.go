package kube

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Config says where the apiserver is and which node's pods to keep.
type Config struct {
	Server    string       // base URL, e.g. https://10.96.0.1:443
	TokenFile string       // bearer token file, re-read before every request (bound tokens rotate); "" = no token
	CAFile    string       // PEM CA bundle for the server; "" = system roots
	NodeName  string       // required
	Client    *http.Client // optional (tests); when set, CAFile is ignored

	// MinBackoff and MaxBackoff bound the retry delay after errors
	// (defaults 500ms, 30s); it doubles after each error, with jitter.
	MinBackoff, MaxBackoff time.Duration
	// WatchTimeout is the timeoutSeconds of each watch request (default 5m).
	WatchTimeout time.Duration
}

// Defaults of Config.
const (
	DefaultMinBackoff   = 500 * time.Millisecond
	DefaultMaxBackoff   = 30 * time.Second
	DefaultWatchTimeout = 5 * time.Minute
)

// serviceAccountDir is where a pod's service account is mounted (a variable
// for tests).
var serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount"

// InCluster returns the Config of a pod's service account: the apiserver from
// KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, the token and CA from
// /var/run/secrets/kubernetes.io/serviceaccount/{token,ca.crt}. The error
// names what is missing.
func InCluster(nodeName string) (Config, error) {
	host, port := os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT")
	var missing []error
	if host == "" {
		missing = append(missing, errors.New("KUBERNETES_SERVICE_HOST is not set"))
	}
	if port == "" {
		missing = append(missing, errors.New("KUBERNETES_SERVICE_PORT is not set"))
	}
	cfg := Config{
		Server:    "https://" + net.JoinHostPort(host, port),
		TokenFile: filepath.Join(serviceAccountDir, "token"),
		CAFile:    filepath.Join(serviceAccountDir, "ca.crt"),
		NodeName:  nodeName,
	}
	for _, f := range []string{cfg.TokenFile, cfg.CAFile} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, err)
		}
	}
	if nodeName == "" {
		missing = append(missing, ErrNoNodeName)
	}
	if err := errors.Join(missing...); err != nil {
		return Config{}, fmt.Errorf("in-cluster config: %w", err)
	}
	return cfg, nil
}

// withDefaults checks cfg and fills in the defaults.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.NodeName == "" {
		return cfg, ErrNoNodeName
	}
	u, err := url.Parse(cfg.Server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cfg, fmt.Errorf("%w: %q", ErrBadServer, cfg.Server)
	}
	cfg.Server = strings.TrimSuffix(cfg.Server, "/")
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	cfg.MaxBackoff = max(cfg.MaxBackoff, cfg.MinBackoff)
	if cfg.WatchTimeout <= 0 {
		cfg.WatchTimeout = DefaultWatchTimeout
	}
	return cfg, nil
}
