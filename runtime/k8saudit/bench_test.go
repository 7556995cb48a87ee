package k8saudit

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/tests/testenv"
)

// corpusLines is every line of the conformance events that decodes.
func corpusLines(b *testing.B) [][]byte {
	files, _ := filepath.Glob(filepath.Join(testenv.Compat(b, "k8saudit", "events"), "*.json"))
	var d Decoder
	var lines [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range bytes.Split(data, []byte{'\n'}) {
			if batch, err := d.Decode(l); err == nil {
				batch.Release()
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// BenchmarkDecode: parse-only cost per event over the corpus, one body per
// event as replay feeds them.
func BenchmarkDecode(b *testing.B) {
	lines := corpusLines(b)
	var d Decoder
	b.ReportAllocs()
	b.ResetTimer()
	events := 0
	for b.Loop() {
		for _, l := range lines {
			batch, err := d.Decode(l)
			if err != nil {
				b.Fatal(err)
			}
			events += len(batch.Events)
			batch.Release()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
}

// BenchmarkDecodeEventList: the webhook's case, every corpus event in one
// EventList body.
func BenchmarkDecodeEventList(b *testing.B) {
	lines := corpusLines(b)
	body := append([]byte(`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[`), bytes.Join(lines, []byte{','})...)
	body = append(body, "]}"...)
	var d Decoder
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	events := 0
	for b.Loop() {
		batch, err := d.Decode(body)
		if err != nil {
			b.Fatal(err)
		}
		events += len(batch.Events)
		batch.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
}

// ruleRefs are fields Falco's k8s audit rules use.
var ruleRefs = []fields.Ref{
	{Name: "ka.user.name"}, {Name: "ka.verb"}, {Name: "ka.target.resource"}, {Name: "ka.target.namespace"},
	{Name: "ka.target.name"}, {Name: "ka.response.code"}, {Name: "ka.auth.decision"}, {Name: "ka.uri"},
	{Name: "ka.req.pod.containers.image.repository"}, {Name: "ka.req.pod.containers.privileged"},
	{Name: "ka.req.pod.volumes.hostpath"}, {Name: "ka.req.role.rules.verbs"}, {Name: "jevt.value", Arg: "/stage", HasArg: true},
	{Name: "ka.uri.param", Arg: "command", HasArg: true}, {Name: "jevt.rawtime"},
}

// BenchmarkExtractRuleFields: extraction of the fields Falco's k8s audit
// rules use, each once per event, over the corpus (events decoded once, so
// memoized prefixes stay resolved after the first round).
func BenchmarkExtractRuleFields(b *testing.B) {
	refs := ruleRefs
	bind, err := Bind(refs)
	if err != nil {
		b.Fatal(err)
	}
	lines := corpusLines(b)
	var d Decoder
	var batches []*Batch
	for _, l := range lines {
		batch, _ := d.Decode(l)
		batches = append(batches, batch)
	}
	var v fields.Value
	var view View
	b.ReportAllocs()
	b.ResetTimer()
	events := 0
	for b.Loop() {
		for _, batch := range batches {
			for i := range batch.Events {
				view.Set(bind, &batch.Events[i])
				for j := range refs {
					view.Field(j, &v)
				}
				events++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
}

// BenchmarkDecodeExtract: decoding each corpus body and extracting the rule
// fields from every event once, as an evaluator does; "decode" alone is the
// baseline, so the difference is the cost of extraction on fresh events.
func BenchmarkDecodeExtract(b *testing.B) {
	bind, err := Bind(ruleRefs)
	if err != nil {
		b.Fatal(err)
	}
	lines := corpusLines(b)
	for _, extract := range []bool{false, true} {
		name := map[bool]string{false: "decode", true: "decode+extract"}[extract]
		b.Run(name, func(b *testing.B) {
			var d Decoder
			var v fields.Value
			var view View
			events := 0
			b.ReportAllocs()
			for b.Loop() {
				for _, l := range lines {
					batch, err := d.Decode(l)
					if err != nil {
						continue
					}
					for i := range batch.Events {
						events++
						if !extract {
							continue
						}
						view.Set(bind, &batch.Events[i])
						for j := range ruleRefs {
							view.Field(j, &v)
						}
					}
					batch.Release()
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
		})
	}
}
