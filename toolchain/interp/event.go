package interp

import "github.com/aeriesec/aerie/guest/fields"

// event caches the field values of the event being evaluated: each field is
// extracted at most once per event, as the Wasm modules do.
type event struct {
	e     fields.Event
	vals  []fields.Value
	state []uint8 // 0 not yet extracted, 1 present, 2 missing
}

func (ev *event) reset(e fields.Event) {
	ev.e = e
	clear(ev.state)
}

// field returns the value of field-table entry i, and false when the event
// lacks it.
func (ev *event) field(i int) (*fields.Value, bool) {
	if ev.state[i] == 0 {
		ev.vals[i].Reset()
		ev.state[i] = 2
		if ev.e.Field(i, &ev.vals[i]) {
			ev.state[i] = 1
		}
	}
	return &ev.vals[i], ev.state[i] == 1
}
