package server

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"sync"
)

// bodyError is a request body the server refuses, with the status to answer.
type bodyError struct {
	code int
	msg  string
}

func (e *bodyError) Error() string { return e.msg }

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// mediaType is the request's Content-Type without parameters, lower case.
func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return strings.ToLower(mt)
}

// readBody reads the whole body, gunzipping it when the request says so,
// into buf; more than limit bytes (after decompression) is a 413, a slow
// client past the read deadline a 408, a broken gzip stream a 400.
func readBody(r *http.Request, buf *bytes.Buffer, limit int) error {
	if r.ContentLength > int64(limit) {
		return &bodyError{http.StatusRequestEntityTooLarge, fmt.Sprintf("body of %d bytes is over the limit of %d", r.ContentLength, limit)}
	}
	var src io.Reader = io.LimitReader(r.Body, int64(limit)+1)
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(src)
		if err != nil {
			return readError(err, "gzip")
		}
		defer zr.Close()
		src = zr
	default:
		return &bodyError{http.StatusUnsupportedMediaType, fmt.Sprintf("unsupported Content-Encoding %q (use gzip or none)", enc)}
	}
	n, err := buf.ReadFrom(io.LimitReader(src, int64(limit)+1))
	if err != nil {
		return readError(err, "body")
	}
	if n > int64(limit) {
		return &bodyError{http.StatusRequestEntityTooLarge, fmt.Sprintf("body is over the limit of %d bytes", limit)}
	}
	return nil
}

func readError(err error, what string) error {
	var ne net.Error
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return &bodyError{http.StatusRequestTimeout, "read " + what + ": timed out"}
	case errors.As(err, &mbe):
		return &bodyError{http.StatusRequestEntityTooLarge, "body is over the limit"}
	case what == "gzip" || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF):
		return &bodyError{http.StatusBadRequest, "read " + what + ": " + err.Error()}
	}
	return &bodyError{http.StatusBadRequest, "read " + what + ": " + err.Error()}
}
