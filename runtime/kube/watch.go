package kube

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// watchGrace is how long past its timeoutSeconds a watch may stay open
// before the cache gives up on it (a connection that died silently).
const watchGrace = 30 * time.Second

// watchResult is how a watch ended: rv is the resourceVersion to watch from
// next, "" to relist; events counts the events it decoded; err is what
// failed, nil for a clean end (or a 410, which just relists).
type watchResult struct {
	rv     string
	events int
	err    error
}

// watch applies the events of one WATCH from rv, until the stream ends.
func (c *Cache) watch(ctx context.Context, rv string) watchResult {
	c.watches.Add(1)
	ctx, cancel := context.WithTimeout(ctx, c.cfg.WatchTimeout+watchGrace)
	defer cancel()
	resp, err := c.get(ctx, "watch pods", "/api/v1/pods?"+c.watchQuery(rv))
	if errors.Is(err, errGone) {
		c.relists.Add(1)
		return watchResult{}
	}
	if err != nil {
		return watchResult{rv: rv, err: err}
	}
	defer resp.Body.Close()
	return c.stream(ctx, resp.Body, rv)
}

func (c *Cache) watchQuery(rv string) string {
	q := c.query()
	q.Set("watch", "1")
	q.Set("allowWatchBookmarks", "true")
	q.Set("timeoutSeconds", strconv.FormatInt(int64((c.cfg.WatchTimeout+time.Second-1)/time.Second), 10))
	q.Set("resourceVersion", rv)
	return q.Encode()
}

// stream decodes and applies watch events one by one.
func (c *Cache) stream(ctx context.Context, body io.Reader, rv string) watchResult {
	br := &boundedReader{r: body, n: maxEventBody}
	dec := json.NewDecoder(br)
	res := watchResult{rv: rv}
	for {
		br.reset()
		var ev wireEvent
		err := dec.Decode(&ev)
		if err == io.EOF {
			return res // the server ended the watch: watch again from res.rv
		}
		if err != nil {
			return c.streamError(ctx, res, err)
		}
		res.events++
		res.rv, err = c.apply(&ev, res.rv)
		c.watchEvents.Add(1) // after apply: tests wait on it
		if err != nil || res.rv == "" {
			res.err = err
			return res
		}
	}
}

// streamError classifies a failed read of the stream: malformed JSON
// relists; a broken connection watches again from the last resourceVersion.
func (c *Cache) streamError(ctx context.Context, res watchResult, err error) watchResult {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syntax) || errors.As(err, &typ) || errors.Is(err, ErrTooLarge) {
		res.rv = ""
	}
	res.err = fmt.Errorf("watch pods: decode event %d: %w", res.events+1, cancelled(ctx, err))
	return res
}

// apply applies one event and returns the resourceVersion to continue
// from: "" to relist.
func (c *Cache) apply(ev *wireEvent, rv string) (string, error) {
	switch ev.Type {
	case "ADDED", "MODIFIED", "DELETED", "BOOKMARK":
		return c.applyPod(ev)
	case "ERROR":
		c.relists.Add(1)
		return "", watchError(ev.Object)
	}
	return "", fmt.Errorf("watch pods: unknown event type %q", ev.Type)
}

func (c *Cache) applyPod(ev *wireEvent) (string, error) {
	var p wirePod
	if err := json.Unmarshal(ev.Object, &p); err != nil {
		return "", fmt.Errorf("watch pods: decode %s object: %w", ev.Type, err)
	}
	m := &p.Metadata
	if m.ResourceVersion == "" || (m.UID == "" && ev.Type != "BOOKMARK") {
		return "", fmt.Errorf("watch pods: %s object without uid or resourceVersion", ev.Type)
	}
	changed := false
	switch ev.Type {
	case "DELETED":
		changed = c.store.delete(m.UID)
	case "ADDED", "MODIFIED":
		changed = c.store.upsert(newEntry(&p))
	}
	if changed {
		c.gen.Add(1)
	}
	return m.ResourceVersion, nil
}

// watchError returns the error of a watch ERROR event: nil for 410 Gone
// (the resourceVersion expired, which just relists).
func watchError(obj json.RawMessage) error {
	var st wireStatus
	if err := json.Unmarshal(obj, &st); err != nil {
		return fmt.Errorf("watch pods: decode ERROR object: %w", err)
	}
	if st.Code == http.StatusGone {
		return nil
	}
	return &StatusError{Op: "watch pods", Code: st.Code, Reason: st.Reason, Message: st.Message,
		Status: fmt.Sprintf("ERROR event %d %s", st.Code, st.Reason)}
}
