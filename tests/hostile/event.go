package hostile

import "github.com/aeriesec/aerie/guest/fields"

// Event is an event for the fixtures' one-entry field table: field 0 is
// ka.verb, missing when Verb is empty. Run-time defects fire for verbs
// starting with 'd'.
type Event struct{ Verb string }

// Field implements fields.Event.
func (e Event) Field(i int, dst *fields.Value) bool {
	if i != verbField || e.Verb == "" {
		return false
	}
	dst.S = append(dst.S[:0], e.Verb...)
	return true
}
