package capture

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
)

func sample(t testing.TB) []byte {
	tb := state.NewTable(&state.Users{Users: map[uint32]state.User{0: {Name: "root"}}, Groups: map[uint32]string{0: "root"}}, 1e18)
	tb.Put(&state.Process{Pid: 1, Comm: "init", Cwd: "/"})
	var buf bytes.Buffer
	w, err := NewWriter(&buf, tb, "node-1")
	if err != nil {
		t.Fatal(err)
	}
	w.Process(&state.Process{Pid: 7, PPid: 1, Comm: "late"})
	w.Container(map[string]string{"ID": "c1", "Name": "app"})
	w.Pod(map[string]string{"UID": "u1"})
	w.Record(record.Encode(record.Header{Kind: record.KindExit, Tgid: 7, Tid: 7, Args: [6]uint64{1}}))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	r, err := NewReader(bytes.NewReader(sample(t)))
	if err != nil {
		t.Fatal(err)
	}
	if r.BootEpoch != 1e18 || r.Snapshot.Host != "node-1" || len(r.Snapshot.Processes) != 1 {
		t.Fatalf("snapshot %+v", r.Snapshot)
	}
	tb := r.Table()
	var ctrs []string
	r.Metadata = func(typ byte, b []byte) error {
		ctrs = append(ctrs, metadataFrames[typ]+" "+string(b))
		return nil
	}
	b, err := r.Next(tb)
	if err != nil || len(b) != record.HeaderSize {
		t.Fatalf("record: %v (%d bytes)", err, len(b))
	}
	if len(ctrs) != 2 || ctrs[0] != `container {"ID":"c1","Name":"app"}` || ctrs[1] != `pod {"UID":"u1"}` {
		t.Fatalf("container frames before the record: %q", ctrs)
	}
	if p := tb.Get(7); p == nil || p.Comm != "late" {
		t.Fatal("mid-stream process not installed before its record")
	}
	if _, err := r.Next(tb); !errors.Is(err, io.EOF) {
		t.Fatalf("end: %v", err)
	}
}

func TestReaderRejects(t *testing.T) {
	good := sample(t)
	bad := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for _, c := range []struct {
		name string
		b    []byte
		want error
	}{
		{"magic", bad(func(b []byte) []byte { b[0] = 'X'; return b }), ErrMagic},
		{"version", bad(func(b []byte) []byte { b[8] = 9; return b }), ErrVersion},
		{"empty", nil, ErrMagic},
		{"truncated snapshot", good[:30], ErrFrame},
	} {
		if _, err := NewReader(bytes.NewReader(c.b)); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	r, _ := NewReader(bytes.NewReader(good[:len(good)-3]))
	if _, err := r.Next(r.Table()); err == nil {
		t.Error("truncated process frame accepted")
	}
	// version 1 had no container frames: one there is corrupt, not skipped
	v1 := bad(func(b []byte) []byte { b[8] = 1; return b })
	r, err := NewReader(bytes.NewReader(v1))
	if err != nil || r.Version != 1 {
		t.Fatalf("version 1 capture: %v", err)
	}
	if _, err := r.Next(r.Table()); !errors.Is(err, ErrFrame) {
		t.Errorf("container frame in a version 1 capture: %v, want ErrFrame", err)
	}
	r, _ = NewReader(bytes.NewReader(good))
	r.Metadata = func(byte, []byte) error { return errors.New("no id") }
	if _, err := r.Next(r.Table()); !errors.Is(err, ErrFrame) || !strings.Contains(err.Error(), "no id") {
		t.Errorf("refused container frame: %v", err)
	}
}

// FuzzReader: arbitrary bytes never panic the reader.
func FuzzReader(f *testing.F) {
	f.Add(sample(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		tb := r.Table()
		for i := 0; i < 100; i++ {
			if _, err := r.Next(tb); err != nil {
				return
			}
		}
	})
}

// Filter passes every environment record through edit, as a process
// holding the record's variables, and writes what edit left.
func TestFilterEditsEnvironments(t *testing.T) {
	tb := state.NewTable(nil, 0)
	tb.Put(&state.Process{Pid: 1, Comm: "init"})
	var in bytes.Buffer
	w, err := NewWriter(&in, tb, "h")
	if err != nil {
		t.Fatal(err)
	}
	w.Record(record.Encode(record.Header{Kind: record.KindEnv, Tgid: 1, Tid: 1}, []byte("SECRET=x\x00KEEP=1\x00")))
	w.Flush()
	var out bytes.Buffer
	keep := func(p *state.Process) {
		p.Env = slices.DeleteFunc(p.Env, func(kv string) bool { return kv != "KEEP=1" })
	}
	if err := Filter(bytes.NewReader(in.Bytes()), &out, 1, keep); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Next(r.Table())
	if err != nil {
		t.Fatal(err)
	}
	var rec record.Record
	if err := record.Decode(b, &rec); err != nil || rec.Kind != record.KindEnv {
		t.Fatalf("record %+v: %v", rec.Header, err)
	}
	if got := string(rec.Params[record.ParamEnv]); got != "KEEP=1\x00" {
		t.Errorf("environment %q, want only KEEP=1", got)
	}
}
