// Package kube keeps the pod metadata of one node, always current, for the
// syscall source: a map from container id to the container and its pod,
// filled by a LIST then WATCH of the node's pods
// (/api/v1/pods?fieldSelector=spec.nodeName=<node>) against kube-apiserver's
// REST API. It relists when the apiserver says the watch's resourceVersion
// expired, and backs off and retries on every other failure, so Run only
// returns when its context ends.
//
// Lookups (Container, Pod) are safe for concurrent use and cheap; Gen changes
// whenever what they return may have changed, so callers can cache lookups
// per generation.
//
// It may import the standard library only (no client-go, no k8s.io/...: the
// product's dependency card is small); it decodes the few pod fields it keeps
// into its own structs.
package kube
