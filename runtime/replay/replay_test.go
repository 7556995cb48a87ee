package replay

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/alert"
)

// verbEval matches rule 0 on every event whose ka.verb (field 0) is "create".
type verbEval struct{ meta *abi.Metadata }

func (e verbEval) Metadata() *abi.Metadata { return e.meta }
func (e verbEval) SetOptions(abi.Options)  {}
func (e verbEval) Eval(batch []fields.Event, out []abi.Match) ([]abi.Match, error) {
	var v fields.Value
	for i, ev := range batch {
		v.Reset()
		if ev.Field(0, &v) && string(v.S) == "create" {
			out = append(out, abi.Match{Event: i, Rule: 0})
		}
	}
	return out, nil
}

const events = `{"kind":"Event","verb":"create","user":{"username":"a"},"stageTimestamp":"2018-10-25T13:58:49.730588Z"}

{"kind":"Event","verb":"get","user":{"username":"b"},"stageTimestamp":"2018-10-25T13:58:50Z"}
{"kind": 0}
{"kind":"EventList","items":[{"verb":"create","user":{"username":"c"},"stageTimestamp":"2018-10-25T13:58:51Z"},{"verb":"create","stageTimestamp":"2018-10-25T13:58:52Z"}]}
`

func setup(t *testing.T) Config {
	meta := &abi.Metadata{Source: fields.SourceK8sAudit,
		Fields: []abi.Field{{Name: "ka.verb"}, {Name: "ka.user.name"}},
		Rules:  []abi.Rule{{Name: "Create", Priority: 4, Output: "user=%ka.user.name", Enabled: true}}}
	f, err := alert.New(meta, alert.Options{Hostname: "h", IncludeOutput: true})
	if err != nil {
		t.Fatal(err)
	}
	return Config{Eval: verbEval{meta}, Format: f}
}

func messages(as []alert.Alert) []string {
	var out []string
	for _, a := range as {
		s := string(a.Text)
		out = append(out, s[strings.Index(s, "Warning ")+len("Warning "):])
	}
	return out
}

func TestStopsAtBadLine(t *testing.T) {
	alerts, warns, st, err := Collect(strings.NewReader(events), setup(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := messages(alerts); !reflect.DeepEqual(got, []string{"user=a"}) {
		t.Errorf("alerts = %q", got)
	}
	want := `Could not read k8s audit event line #4, "{"kind": 0}": Data not recognized as a k8s audit event, stopping`
	if len(warns) != 1 || warns[0] != want {
		t.Errorf("warnings = %q, want %q", warns, want)
	}
	if st != (Stats{Lines: 4, Events: 2, BadLines: 1, Alerts: 1}) {
		t.Errorf("stats = %+v", st)
	}
}

func TestKeepGoing(t *testing.T) {
	c := setup(t)
	c.KeepGoing = true
	alerts, warns, st, err := Collect(strings.NewReader(events), c)
	if err != nil {
		t.Fatal(err)
	}
	if got := messages(alerts); !reflect.DeepEqual(got, []string{"user=a", "user=c", "user=<NA>"}) {
		t.Errorf("alerts = %q", got)
	}
	if len(warns) != 1 || !strings.HasSuffix(warns[0], ", skipping") {
		t.Errorf("warnings = %q", warns)
	}
	if st.Events != 4 || st.Alerts != 3 || st.Lines != 5 {
		t.Errorf("stats = %+v", st)
	}
	if alerts[1].Time.UnixNano() != 1540475931000000000 {
		t.Errorf("alert time = %v", alerts[1].Time)
	}
}

func TestEmitError(t *testing.T) {
	boom := errors.New("boom")
	_, err := K8sAudit(strings.NewReader(events), setup(t), func(*alert.Alert) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}
