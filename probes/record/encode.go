package record

import "encoding/binary"

// Encode builds a record from a header and parameters, as the probe lays it
// out (Len and Lens are computed). Tests, fuzz seeds and synthetic capture
// records use it.
func Encode(h Header, params ...[]byte) []byte {
	n := HeaderSize
	for _, p := range params[:min(len(params), NParams)] {
		n += len(p)
	}
	b := make([]byte, HeaderSize, n)
	le := binary.LittleEndian
	le.PutUint64(b[0:], h.TS)
	le.PutUint32(b[8:], uint32(n))
	le.PutUint16(b[12:], uint16(h.Kind))
	le.PutUint16(b[14:], h.NR)
	for i, v := range []uint32{h.Tgid, h.Tid, h.UID, h.GID, h.LoginUID, h.CPU} {
		le.PutUint32(b[16+4*i:], v)
	}
	le.PutUint64(b[40:], uint64(h.Ret))
	for i, a := range h.Args {
		le.PutUint64(b[48+8*i:], a)
	}
	for i, p := range params[:min(len(params), NParams)] {
		le.PutUint16(b[96+2*i:], uint16(len(p)))
		b = append(b, p...)
	}
	return b
}

// CString returns s with its NUL, as the probe stores strings.
func CString(s string) []byte { return append([]byte(s), 0) }
