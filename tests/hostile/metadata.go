package hostile

import (
	"bytes"

	"github.com/aeriesec/aerie/guest/abi"
)

// validMetadata describes the fixtures' one rule: it matches every event
// that has a ka.verb.
func validMetadata() *abi.Metadata {
	return &abi.Metadata{
		ABI:       abi.Version,
		Toolchain: "hostile-fixtures",
		Source:    "k8s_audit",
		Hash:      "0000000000000000000000000000000000000000000000000000000000000000",
		Rules: []abi.Rule{{
			ID: 0, Name: "Any verb", Desc: "an event with a verb", Priority: 4,
			Tags: []string{"hostile"}, Output: "verb=%ka.verb", Enabled: true,
			Condition: "ka.verb exists",
		}},
		Fields:  []abi.Field{{Name: "ka.verb"}},
		Regexes: []string{},
	}
}

// withMetadata returns a meta function that edits the valid metadata.
func withMetadata(edit func(*abi.Metadata)) func() []byte {
	return func() []byte {
		m := validMetadata()
		edit(m)
		return abi.EncodeMetadata(m)
	}
}

// truncatedMetadata is the valid metadata cut in the middle.
func truncatedMetadata() []byte {
	b := abi.EncodeMetadata(validMetadata())
	return b[:len(b)/2]
}

// metadataWithUnknownKey adds a top-level key ABI v1 does not define.
func metadataWithUnknownKey() []byte {
	b := abi.EncodeMetadata(validMetadata())
	b = bytes.TrimSuffix(b, []byte("}"))
	return append(b, `,"x_unknown_key":{"required":true}}`...)
}
