package alert

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

// FuzzFormat: any template that parses formats any value into one text
// line and valid JSON whose "output" is that line.
func FuzzFormat(f *testing.F) {
	f.Add("%ka.user.name did %5ka.verb", "alice", "a,b")
	f.Add("%toupper(ka.user.name) %ka.user.groups %b64(ka.verb)", "x\n\"y\"\xff", "")
	f.Add("%len(ka.user.groups) %%", "", "\x00")
	f.Fuzz(func(t *testing.T, tmpl, s, l string) {
		meta := &abi.Metadata{Source: fields.SourceK8sAudit, Fields: table,
			Rules: []abi.Rule{{Name: "r\"\x01", Priority: 9, Output: tmpl, Tags: []string{s}}}}
		opts := DefaultOptions()
		opts.IncludeMessage = true
		fm, err := New(meta, opts)
		if err != nil {
			return
		}
		ev := map[string]fields.Value{"ka.user.name": {S: []byte(s)}, "ka.verb": {S: []byte(l)},
			"ka.user.groups": {L: bytes.Split([]byte(l), []byte(","))}}
		a := fm.Format(0, mapEvent{table, ev}, eventTime)
		if bytes.ContainsAny(a.Text, "\n\r") && !bytes.ContainsAny([]byte(tmpl), "\n\r") {
			t.Fatalf("text line broke: %q", a.Text)
		}
		var decoded struct{ Output string }
		if err := json.Unmarshal(a.JSON, &decoded); err != nil {
			t.Fatalf("invalid JSON %q: %v", a.JSON, err)
		}
		if bytes.Equal(bytes.ToValidUTF8(a.Text, []byte("\ufffd")), a.Text) && decoded.Output != string(a.Text) {
			t.Fatalf("output %q != text %q", decoded.Output, a.Text)
		}
	})
}
