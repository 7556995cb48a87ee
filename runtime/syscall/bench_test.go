package syscall

import (
	"net/netip"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/runtime/kube"
)

// BenchmarkApply: decode + state update + event snapshot, per record
// (open, close, connect of one process), without evaluation; on the host,
// and in a container resolved to its pod with a names table (the work pod
// metadata and domain names add to every event).
func BenchmarkApply(b *testing.B) {
	b.Run("host", func(b *testing.B) { benchApply(b, world()) })
	b.Run("pod", func(b *testing.B) {
		pod := &kube.Pod{UID: "u", Name: "web", Namespace: "shop"}
		s := containerWorld(metaMap{ctrID: {ID: ctrID, Name: "web", Image: "nginx:1.25", Pod: pod}})
		s.Names = namesTable{netip.MustParseAddr("93.184.216.34"): "example.com"}
		benchApply(b, s)
	})
}

func benchApply(b *testing.B, s *Source) {
	mk := func(name string, ret int64, args [6]uint64, params ...[]byte) []byte {
		sc, _ := record.ByName(name)
		return record.Encode(record.Header{Kind: record.KindSyscall, NR: sc.NR, Tgid: 20, Tid: 20, Ret: ret, Args: args}, params...)
	}
	sa := []byte{2, 0, 0x01, 0xbb, 93, 184, 216, 34, 0, 0, 0, 0, 0, 0, 0, 0}
	stream := [][]byte{
		mk("openat", 3, [6]uint64{0xffffff9c}, record.CString("/etc/hosts")),
		mk("close", 0, [6]uint64{3}),
		mk("socket", 4, [6]uint64{2, 1, 0}),
		mk("connect", 0, [6]uint64{4}, nil, nil, sa),
		mk("close", 0, [6]uint64{4}),
	}
	var ev Event
	b.ReportAllocs()
	for i := range b.N {
		if err := s.Apply(stream[i%len(stream)], &ev); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkExtract: the fields every stable rule's output needs, per event.
func BenchmarkExtract(b *testing.B) {
	s := world()
	sc, _ := record.ByName("openat")
	var ev Event
	s.Apply(record.Encode(record.Header{Kind: record.KindSyscall, NR: sc.NR, Tgid: 20, Tid: 20, Ret: 3,
		Args: [6]uint64{0xffffff9c}}, record.CString("/etc/shadow")), &ev)
	var refs []fields.Ref
	for _, n := range []string{"evt.type", "user.name", "user.uid", "user.loginuid", "proc.name", "proc.exepath",
		"proc.pname", "proc.cmdline", "proc.tty", "fd.name", "fd.directory", "evt.is_open_read"} {
		refs = append(refs, fields.Ref{Name: n})
	}
	bd, err := Bind(refs)
	if err != nil {
		b.Fatal(err)
	}
	var v fields.Value
	b.ReportAllocs()
	for range b.N {
		for i := range refs {
			bd.Field(&ev, i, &v)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(refs)), "ns/field")
}
