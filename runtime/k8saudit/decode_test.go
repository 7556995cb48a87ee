package k8saudit

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

const ev1 = `{"kind":"Event","auditID":"a1","stageTimestamp":"2018-10-25T14:09:12.581541Z"}`
const ev2 = `{"kind":"Event","auditID":"a2","stageTimestamp":"2018-10-25T14:09:13Z"}`

func auditIDs(b *Batch) string {
	var ids []string
	for i := range b.Events {
		ids = append(ids, string(b.Events[i].Value().GetStringBytes("auditID")))
	}
	return strings.Join(ids, ",")
}

func TestDecodeShapes(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"event", ev1, "a1"},
		{"event list", `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[` + ev1 + `,` + ev2 + `]}`, "a1,a2"},
		{"list items without kind", `{"kind":"EventList","items":[{"auditID":"x","stageTimestamp":"2018-10-25T14:09:13Z"}]}`, "x"},
		{"empty list", `{"kind":"EventList","items":[]}`, ""},
		{"list without items", `{"kind":"EventList"}`, ""},
		{"array", `[` + ev1 + `, ` + ev2 + `]`, "a1,a2"},
		{"array of lists", `[{"kind":"EventList","items":[` + ev2 + `]}, ` + ev1 + `]`, "a2,a1"},
		{"whitespace", " \n\t" + ev1 + "\n ", "a1"},
	}
	var d Decoder
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := d.Decode([]byte(tc.body))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			defer b.Release()
			if got := auditIDs(b); got != tc.want {
				t.Errorf("events %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	cases := []struct {
		name, body string
		want       error
		text       string
	}{
		{"kind 0", `{"kind": 0}`, ErrNotAuditEvent, "Data not recognized as a k8s audit event"},
		{"other kind", `{"kind":"Pod","stageTimestamp":"2018-10-25T14:09:13Z"}`, ErrNotAuditEvent, "Data not recognized as a k8s audit event"},
		{"string", `"Event"`, ErrNotAuditEvent, "Data not recognized as a k8s audit event"},
		{"nested array", `[[` + ev1 + `]]`, ErrNotAuditEvent, "event 0: Data not recognized as a k8s audit event"},
		{"bad item", `{"kind":"EventList","items":[` + ev1 + `,3]}`, ErrNotAuditEvent, "event 1: Data not recognized as a k8s audit event"},
		{"items not array", `{"kind":"EventList","items":{}}`, ErrNotAuditEvent, "event 0: Data not recognized"},
		{"no stageTimestamp", `{"kind":"Event","auditID":"x"}`, ErrNoStageTimestamp, "event 0: event has no stageTimestamp"},
		{"numeric stageTimestamp", `{"kind":"Event","stageTimestamp":12}`, ErrNoStageTimestamp, "no stageTimestamp"},
		{"bad stageTimestamp", `{"kind":"Event","stageTimestamp":"yesterday"}`, ErrBadStageTimestamp, "unparseable stageTimestamp"},
		{"31 February", `{"kind":"Event","stageTimestamp":"2018-02-31T14:09:13Z"}`, ErrBadStageTimestamp, "unparseable"},
		{"second item", `[` + ev1 + `,{"kind":"Event"}]`, ErrNoStageTimestamp, "event 1: "},
		{"bad JSON", `{"kind":"Event",`, ErrBadJSON, "could not parse data: "},
		{"empty", ``, ErrBadJSON, "could not parse data"},
		{"trailing garbage", ev1 + `x`, ErrBadJSON, "could not parse data"},
		{"too deep", strings.Repeat("[", 400) + strings.Repeat("]", 400), ErrTooDeep, "more than 300 levels"},
		{"too deep object", strings.Repeat(`{"a":`, 400) + "1" + strings.Repeat("}", 400), ErrTooDeep, "more than 300 levels"},
	}
	var d Decoder
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := d.Decode([]byte(tc.body))
			if err == nil {
				b.Release()
				t.Fatal("Decode succeeded")
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %q, want %v containing %q", err, tc.want, tc.text)
			}
		})
	}
}

func TestDecodeTimestamps(t *testing.T) {
	cases := map[string]int64{
		"2018-10-25T14:09:12.581541Z":    1540476552581541000,
		"2018-10-25T14:09:12Z":           1540476552000000000,
		"2018-10-25T14:09:12.123456789Z": 1540476552123456789,
		"2018-10-25T16:09:12.5+02:00":    1540476552500000000,
		"1970-01-01T00:00:00Z":           0,
	}
	var d Decoder
	for ts, want := range cases {
		b, err := d.Decode([]byte(`{"kind":"Event","stageTimestamp":"` + ts + `"}`))
		if err != nil {
			t.Errorf("%s: %v", ts, err)
			continue
		}
		if got := b.Events[0].Time(); got != want {
			t.Errorf("%s: time %d, want %d", ts, got, want)
		}
		b.Release()
	}
}

// big is an event of len(big) bytes.
var big = `{"kind":"Event","auditID":"big","stageTimestamp":"2018-10-25T14:09:13Z","pad":"` + strings.Repeat("x", 100) + `"}`

// tooLarge decodes body with a limit between len(ev1) and len(big) and
// returns the rejected events as "index:size" text.
func tooLarge(t *testing.T, body string) string {
	t.Helper()
	d := Decoder{MaxEventSize: len(ev1) + 5, Lenient: true}
	b, err := d.Decode([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	var out []string
	for _, r := range b.Rejected {
		var n int
		if !errors.Is(r.Err, ErrEventTooLarge) {
			t.Errorf("rejected for %v", r.Err)
		}
		fmt.Sscanf(strings.TrimPrefix(r.Err.Error(), "event too large: "), "%d", &n)
		out = append(out, fmt.Sprintf("%d:%d", r.Index, n))
	}
	return strings.Join(out, ",")
}

func TestDecodeSizes(t *testing.T) {
	body := `{"kind":"EventList","items":[` + ev1 + `, ` + big + `]}`
	if got, want := tooLarge(t, body), fmt.Sprintf("1:%d", len(big)); got != want {
		t.Errorf("rejected %s, want %s", got, want)
	}
	strict := Decoder{MaxEventSize: len(ev1) + 5}
	_, err := strict.Decode([]byte(body))
	if !errors.Is(err, ErrEventTooLarge) || !strings.Contains(err.Error(), fmt.Sprintf("event 1: event too large: %d bytes", len(big))) {
		t.Errorf("error %v, want event 1 too large", err)
	}
	if _, err := (&Decoder{MaxBodySize: 10}).Decode([]byte(ev1)); err == nil || !strings.Contains(err.Error(), "more than the limit of 10") {
		t.Errorf("body limit: error %v", err)
	}
	if b, err := (&Decoder{MaxEventSize: len(ev1)}).Decode([]byte(ev1)); err != nil {
		t.Errorf("event of exactly the limit: %v", err)
	} else {
		b.Release()
	}
}

// TestDecodeSizesEscapedKeys: an escaped key in an event defeats the span
// scan; sizes are then measured from the parsed value.
func TestDecodeSizesEscapedKeys(t *testing.T) {
	body := `[{"kind":"Event","\u0069tems":[{"a":1}],"stageTimestamp":"2018-10-25T14:09:13Z"},` + ev1 + `,` + big + `]`
	if got, want := tooLarge(t, body), fmt.Sprintf("2:%d", len(big)); got != want {
		t.Errorf("rejected %s, want %s", got, want)
	}
}

func TestDecodeNestedItemsSpans(t *testing.T) {
	// An Event with an items array must not shift the sizes of later events.
	odd := `{"kind":"Event","items":[{"x":1},{"y":2}],"stageTimestamp":"2018-10-25T14:09:13Z"}`
	body := `[` + odd + `,` + ev1 + `,{"kind":"EventList","items":[` + ev2 + `,` + big + `]}]`
	if got, want := tooLarge(t, body), fmt.Sprintf("3:%d", len(big)); got != want {
		t.Errorf("rejected %s, want %s", got, want)
	}
}

func TestDecodeLenient(t *testing.T) {
	d := Decoder{Lenient: true}
	b, err := d.Decode([]byte(`[` + ev1 + `,{"kind":"Event"},7,` + ev2 + `]`))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	if got := auditIDs(b); got != "a1,a2" {
		t.Errorf("events %q", got)
	}
	if len(b.Rejected) != 2 || b.Rejected[0].Index != 1 || !errors.Is(b.Rejected[0].Err, ErrNoStageTimestamp) ||
		b.Rejected[1].Index != 2 || !errors.Is(b.Rejected[1].Err, ErrNotAuditEvent) {
		t.Errorf("rejected %+v", b.Rejected)
	}
	if _, err := d.Decode([]byte(`{"kind":0}`)); !errors.Is(err, ErrNotAuditEvent) {
		t.Errorf("lenient body error %v", err)
	}
}

func TestBatchReleaseReuse(t *testing.T) {
	var d Decoder
	b1, err := d.Decode([]byte(ev1))
	if err != nil {
		t.Fatal(err)
	}
	b1.Release()
	b1.Release() // idempotent
	b2, err := d.Decode([]byte(`[` + ev2 + `,` + ev1 + `]`))
	if err != nil {
		t.Fatal(err)
	}
	defer b2.Release()
	if got := auditIDs(b2); got != "a2,a1" {
		t.Errorf("events %q", got)
	}
}

func TestLines(t *testing.T) {
	in := ev1 + "\n\n   \n{\"kind\": 0}\n[" + ev2 + "," + ev1 + "]\n"
	var d Decoder
	lr := d.Lines(strings.NewReader(in))
	b, err := lr.Next()
	if err != nil || auditIDs(b) != "a1" || b.Events[0].Line != 1 {
		t.Fatalf("line 1: %v", err)
	}
	b.Release()
	_, err = lr.Next()
	var le *LineError
	if !errors.As(err, &le) || le.Line != 4 || le.Text != `{"kind": 0}` || !errors.Is(err, ErrNotAuditEvent) {
		t.Fatalf("line 4: error %v", err)
	}
	if want := "line 4: Data not recognized as a k8s audit event"; err.Error() != want {
		t.Errorf("error text %q, want %q", err, want)
	}
	b, err = lr.Next()
	if err != nil || auditIDs(b) != "a2,a1" || b.Events[1].Line != 5 {
		t.Fatalf("line 5: %v", err)
	}
	b.Release()
	if _, err := lr.Next(); err != io.EOF {
		t.Errorf("end: %v, want io.EOF", err)
	}
}

func TestLinesTooLong(t *testing.T) {
	d := Decoder{MaxBodySize: 100}
	lr := d.Lines(strings.NewReader(ev1 + "\n" + strings.Repeat(" ", 300) + "x\n"))
	if b, err := lr.Next(); err != nil {
		t.Fatal(err)
	} else {
		b.Release()
	}
	_, err := lr.Next()
	if err == nil || !strings.Contains(err.Error(), "line 2: line longer than 100 bytes") {
		t.Errorf("error %v", err)
	}
	if _, err := lr.Next(); err == nil {
		t.Error("reading went on after a fatal error")
	}
}
