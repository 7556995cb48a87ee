package record

import (
	"errors"
	"testing"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	sc, _ := ByName("openat")
	h := Header{TS: 42, Kind: KindSyscall, NR: sc.NR, Tgid: 7, Tid: 8, UID: 1000, Ret: 3,
		Args: [6]uint64{uint64(0xffffff9c), 0, 0o1101}}
	b := Encode(h, CString("/etc/shadow"), nil, nil, nil)
	var r Record
	if err := Decode(b, &r); err != nil {
		t.Fatal(err)
	}
	if r.Type() != "openat" || r.Str(ParamStr0) != "/etc/shadow" || r.Ret != 3 || r.Tgid != 7 || r.Len != uint32(len(b)) {
		t.Fatalf("decoded %+v", r.Header)
	}
}

func TestDecodeRejects(t *testing.T) {
	good := Encode(Header{Kind: KindExit}, CString("x"))
	cases := []struct {
		name string
		b    []byte
		err  error
	}{
		{"short", good[:HeaderSize-1], ErrShort},
		{"truncated", good[:len(good)-1], ErrLength},
		{"bad kind", func() []byte { b := append([]byte(nil), good...); b[12] = 9; return b }(), ErrKind},
		{"param overrun", func() []byte { b := append([]byte(nil), good...); b[96] = 200; return b }(), ErrParams},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r Record
			if err := Decode(c.b, &r); !errors.Is(err, c.err) {
				t.Fatalf("got %v, want %v", err, c.err)
			}
		})
	}
}

func TestJoinReversed(t *testing.T) {
	if got := JoinReversed([]byte("cat\x00bin\x00usr\x00")); got != "/usr/bin/cat" {
		t.Fatalf("got %q", got)
	}
	if got := JoinReversed(nil); got != "/" {
		t.Fatalf("got %q", got)
	}
}

// FuzzDecode: arbitrary bytes never panic the decoder or the accessors.
func FuzzDecode(f *testing.F) {
	f.Add(Encode(Header{Kind: KindSyscall, NR: 42}, nil, nil, []byte{2, 0, 0, 80, 1, 2, 3, 4}, make([]byte, TupleSize)))
	f.Add(Encode(Header{Kind: KindExec}, make([]byte, ExecInfoSize), CString("/bin/sh"), []byte("sh\x00-c\x00"), []byte("sh\x00bin\x00")))
	f.Add(Encode(Header{Kind: KindFork}))
	f.Fuzz(func(t *testing.T, b []byte) {
		var r Record
		if Decode(b, &r) != nil {
			return
		}
		r.Type()
		r.Tuple()
		r.Sockaddr()
		r.FdPair()
		r.OpenHowFlags()
		r.Exec()
		r.Fork()
		for i := range r.Params {
			r.Str(i)
			JoinReversed(r.Params[i])
		}
	})
}
