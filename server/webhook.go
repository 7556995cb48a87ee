package server

import (
	"bytes"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/pipeline"
)

// audit is POST /k8s-audit and /k8s-audit/:cluster.
func (s *Server) audit(c echo.Context) error {
	cluster := c.Param("cluster")
	if c.Path() != "/k8s-audit" && !clusterName.MatchString(cluster) {
		s.metrics.webhook(http.StatusNotFound)
		return problem(c, http.StatusNotFound, "cluster name must be 1-253 of [A-Za-z0-9._-]")
	}
	code, msg, n := s.intake(c.Request(), cluster)
	s.metrics.webhook(code)
	if code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(max(s.cfg.RetryAfter, time.Second)/time.Second)))
	}
	if code != http.StatusOK {
		return problem(c, code, msg)
	}
	return c.JSON(code, map[string]int{"accepted": n})
}

var clusterName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,253}$`)

// intake checks, reads, decodes and queues one webhook body. It returns the
// status to answer, a message for errors, and the number of events queued.
func (s *Server) intake(r *http.Request, cluster string) (int, string, int) {
	if s.cfg.WebhookToken != "" && !tokenOK(r, s.cfg.WebhookToken) {
		return http.StatusUnauthorized, "missing or wrong bearer token", 0
	}
	if mt := mediaType(r); mt != "application/json" {
		return http.StatusUnsupportedMediaType, "Content-Type must be application/json, not " + strconv.Quote(r.Header.Get("Content-Type")), 0
	}
	p := s.pipelines[k8sSource]
	if p == nil {
		return http.StatusServiceUnavailable, "the k8s_audit source is not running", 0
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); buffers.Put(buf) }()
	received := time.Now()
	if err := readBody(r, buf, s.cfg.MaxBodyBytes); err != nil {
		be := err.(*bodyError)
		return be.code, be.msg, 0
	}
	if !utf8.Valid(buf.Bytes()) {
		return http.StatusBadRequest, "decode audit body: not valid UTF-8 (JSON text must be UTF-8)", 0
	}
	batch, err := s.decoder.Decode(buf.Bytes())
	if err != nil {
		return decodeStatus(err), "decode audit body: " + err.Error(), 0
	}
	return s.queue(p, batch, cluster, received)
}

func (s *Server) queue(p *pipeline.Pipeline, batch *k8saudit.Batch, cluster string, received time.Time) (int, string, int) {
	items := make([]any, len(batch.Events))
	for i := range batch.Events {
		ev := &batch.Events[i]
		if cluster != "" {
			ev.SetCluster(cluster)
		}
		items[i] = ev
	}
	err := p.Submit(&pipeline.Chunk{Items: items, Received: received, Done: batch.Release})
	switch {
	case err == nil:
		return http.StatusOK, "", len(items)
	case errors.Is(err, pipeline.ErrQueueFull):
		batch.Release()
		return http.StatusTooManyRequests, "event queue full; retry later", 0
	default:
		batch.Release()
		return http.StatusServiceUnavailable, "shutting down; retry later", 0
	}
}

// decodeStatus maps a decoder error to 413 for size limits and 400 for
// everything else: a body that failed to decode will fail again.
func decodeStatus(err error) int {
	if errors.Is(err, k8saudit.ErrEventTooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// limitConcurrency answers 503 with Retry-After when max requests are
// already in flight, rather than queueing connections without bound.
func (s *Server) limitConcurrency(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
			return next(c)
		default:
			s.metrics.webhook(http.StatusServiceUnavailable)
			c.Response().Header().Set("Retry-After", "1")
			return problem(c, http.StatusServiceUnavailable, "too many concurrent requests; retry later")
		}
	}
}
