package kube

import (
	"errors"
	"fmt"
)

var (
	// ErrNoNodeName: Config.NodeName is empty.
	ErrNoNodeName = errors.New("no node name")
	// ErrBadServer: Config.Server is not an http(s) URL with a host.
	ErrBadServer = errors.New("server is not an http(s) URL")
	// ErrTooLarge: a response body, or one watch event, is larger than allowed.
	ErrTooLarge = errors.New("response too large")
	// errGone: the resourceVersion expired (410 Gone): relist.
	errGone = errors.New("resource version expired")
)

// StatusError is an apiserver answer with a non-2xx HTTP status, or a watch
// ERROR event, with the message of its Status body when it had one.
type StatusError struct {
	Op      string // "list pods", "watch pods"
	Code    int    // HTTP status code, or the Status code of a watch ERROR event
	Status  string // "403 Forbidden"
	Reason  string // Status reason ("Forbidden", "Expired", …) when given
	Message string // Status message, or the start of a non-Status body
}

func (e *StatusError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("%s: %s", e.Op, e.Status)
	}
	return fmt.Sprintf("%s: %s: %s", e.Op, e.Status, e.Message)
}

// Is makes errors.Is(err, errGone) true for a 410.
func (e *StatusError) Is(target error) bool {
	return target == errGone && e.Code == 410
}
