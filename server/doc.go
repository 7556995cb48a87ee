// Package server is Aerie's HTTP face, an Echo application: the audit
// webhook kube-apiserver posts to (POST /k8s-audit[/:cluster]), the module
// API that swaps uploaded rule modules in (GET/POST/DELETE /v1/modules),
// Prometheus metrics (GET /metrics) and health (GET /healthz, /readyz).
//
// The webhook answers 2xx only once a body's events are queued for
// evaluation, 4xx for bodies that will never be accepted (so the apiserver
// retries only what may succeed), and 429 with Retry-After when the queue
// is full. It never blocks on evaluation.
//
// It may import runtime/... and guest/...; never toolchain/ (modules reach
// it compiled) or cmd/.
package server
