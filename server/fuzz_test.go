package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzWebhookBody drives the webhook's body path (limits, gzip, UTF-8
// check, decoder, queueing) with arbitrary bodies: it must answer one of
// its documented statuses, never panic, and queue exactly what it says it
// accepted.
func FuzzWebhookBody(f *testing.F) {
	f.Add([]byte(eventList(2)), false)
	f.Add(gz(eventList(1)), true)
	f.Add([]byte(`[`+event+`]`), false)
	f.Add([]byte(`{"kind":"EventList","items":[{"kind":"Event"}]}`), false)
	f.Add([]byte(`[[[[[[[[[[`), false)
	f.Add([]byte("\x1f\x8b\x08\x00"), true)
	fx := newFixture(f, 1<<20, false)
	p := fx.mods.Pipelines()[k8sSource]
	f.Fuzz(func(t *testing.T, body []byte, gzipped bool) {
		before := p.Stats().Received
		req := httptest.NewRequest("POST", "/k8s-audit/fuzz", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if gzipped {
			req.Header.Set("Content-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		fx.srv.Handler().ServeHTTP(rec, req)
		queued := p.Stats().Received - before
		switch rec.Code {
		case http.StatusOK:
			var r struct{ Accepted uint64 }
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil || r.Accepted != queued {
				t.Fatalf("200 %q but %d events queued", rec.Body.String(), queued)
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if queued != 0 {
				t.Fatalf("%d with %d events queued", rec.Code, queued)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	})
}
