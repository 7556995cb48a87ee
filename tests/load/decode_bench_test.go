package load

import (
	"testing"

	"github.com/aeriesec/aerie/runtime/k8saudit"
)

// BenchmarkDecodeBatch decodes one apiserver-sized batch of corpus events
// with a warm parser pool (the webhook's parse cost per event).
func BenchmarkDecodeBatch(b *testing.B) {
	tp := newTemplate(b, 400, "corpus")
	body := tp.batch(nil, 0)
	var d k8saudit.Decoder
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		bt, err := d.Decode(body)
		if err != nil {
			b.Fatal(err)
		}
		bt.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*400), "ns/event")
}
