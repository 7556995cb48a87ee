package k8saudit

import (
	"errors"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
)

// FuzzDecode: no body panics the decoder or the extractors, and every
// failure is one of the documented errors.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(ev1))
	f.Add([]byte(`{"kind":"EventList","items":[` + ev1 + `,` + ev2 + `]}`))
	f.Add([]byte(`[` + ev1 + `,{"kind":"EventList","items":[` + ev2 + `]}]`))
	f.Add([]byte(`{"kind": 0}`))
	f.Add([]byte(`[[[[{"kind":"Event"}]]]]`))
	b, err := Bind(allRefs())
	if err != nil {
		f.Fatal(err)
	}
	d := Decoder{MaxEventSize: 64}
	lenient := Decoder{MaxEventSize: 64, Lenient: true}
	var plain, plainLenient Decoder
	plainLenient.Lenient = true
	f.Fuzz(func(t *testing.T, body []byte) {
		agree(t, &plain, &plainLenient, body)
		for _, dec := range []*Decoder{&d, &lenient} {
			batch, err := dec.Decode(body)
			if err != nil {
				if !knownError(err) {
					t.Fatalf("undocumented error %v", err)
				}
				continue
			}
			var v fields.Value
			for i := range batch.Events {
				view := b.NewView(&batch.Events[i])
				for j := 0; j < b.Len(); j++ {
					view.Field(j, &v)
				}
			}
			batch.Release()
		}
	})
}

func knownError(err error) bool {
	for _, e := range []error{ErrNotAuditEvent, ErrNoStageTimestamp, ErrBadStageTimestamp, ErrTooDeep, ErrEventTooLarge, ErrBadJSON} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// agree: when a strict decode succeeds, a lenient one gives the same events
// and rejects nothing.
func agree(t *testing.T, strict, lenient *Decoder, body []byte) {
	sb, err := strict.Decode(body)
	if err != nil {
		return
	}
	defer sb.Release()
	lb, err := lenient.Decode(body)
	if err != nil {
		t.Fatalf("lenient decode failed where strict succeeded: %v", err)
	}
	defer lb.Release()
	if len(lb.Events) != len(sb.Events) || len(lb.Rejected) != 0 {
		t.Fatalf("lenient: %d events, %d rejected; strict: %d events", len(lb.Events), len(lb.Rejected), len(sb.Events))
	}
	for i := range sb.Events {
		if sb.Events[i].Time() != lb.Events[i].Time() {
			t.Fatalf("event %d: times differ", i)
		}
	}
}
