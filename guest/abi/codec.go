package abi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Errors of metadata decoding.
var (
	ErrNoMetadata  = errors.New("no " + MetadataSection + " custom section")
	ErrABIVersion  = errors.New("unsupported ABI version")
	ErrBadMetadata = errors.New("corrupt metadata")
)

// EncodeMetadata renders m as the content of the metadata section:
// compact JSON with fields in declaration order, so equal metadata gives
// equal bytes.
func EncodeMetadata(m *Metadata) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		panic("BUG: encode metadata: " + err.Error())
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// DecodeMetadata parses a metadata section and checks what a host needs
// before trusting it: only keys ABI v1 defines, the ABI version, a source,
// rule ids equal to their positions.
func DecodeMetadata(b []byte) (*Metadata, error) {
	var m Metadata
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // a key this ABI does not define is not understood
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadMetadata, err)
	}
	if m.ABI != Version {
		return nil, fmt.Errorf("%w: module has ABI %d, this host supports %d", ErrABIVersion, m.ABI, Version)
	}
	if m.Source == "" {
		return nil, fmt.Errorf("%w: no source", ErrBadMetadata)
	}
	for i, r := range m.Rules {
		if r.ID != i {
			return nil, fmt.Errorf("%w: rule %q has id %d at position %d", ErrBadMetadata, r.Name, r.ID, i)
		}
	}
	return &m, nil
}
