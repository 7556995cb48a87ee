package syscall

import (
	"encoding/json"
	"fmt"
	"net/netip"

	"github.com/aeriesec/aerie/runtime/dnsnames"
)

// namesJSON is a names table as a capture records it: address -> name.
func namesJSON(t dnsnames.Table) map[string]string {
	m := make(map[string]string, len(t))
	for a, n := range t {
		m[a.String()] = n
	}
	return m
}

// namesFromJSON reads a recorded names table.
func namesFromJSON(b []byte) (dnsnames.Table, error) {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	t := make(dnsnames.Table, len(m))
	for s, n := range m {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("names: %w", err)
		}
		t[a] = n
	}
	return t, nil
}
