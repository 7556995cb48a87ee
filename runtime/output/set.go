package output

import (
	"context"
	"errors"
)

// Set fans alerts out to several outputs.
type Set struct {
	outs []*Output
}

// NewSet groups outputs.
func NewSet(outs ...*Output) *Set { return &Set{outs: outs} }

// Outputs lists the set's outputs.
func (s *Set) Outputs() []*Output { return s.outs }

// Send queues a on every output.
func (s *Set) Send(a *Alert) {
	for _, o := range s.outs {
		o.Send(a)
	}
}

// Reopen asks every output to reopen its destination.
func (s *Set) Reopen() {
	for _, o := range s.outs {
		o.Reopen()
	}
}

// Close drains and closes every output.
func (s *Set) Close(ctx context.Context) error {
	var errs []error
	for _, o := range s.outs {
		errs = append(errs, o.Close(ctx))
	}
	return errors.Join(errs...)
}
