package record_test

import (
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/record"
)

// The event type names the probe reports are the ones rules and modules use.
func TestNamesAreEventTypes(t *testing.T) {
	for _, s := range record.Syscalls {
		if !fields.IsEventType(s.Name) {
			t.Errorf("syscall %d: %q is not a known event type", s.NR, s.Name)
		}
	}
	for _, n := range []string{record.EventExec, record.EventFork, record.EventProcExit} {
		if !fields.IsEventType(n) {
			t.Errorf("%q is not a known event type", n)
		}
	}
}
