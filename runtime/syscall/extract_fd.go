package syscall

import (
	"net/netip"
	"path"
	"strconv"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/state"
)

type fdGet func(e *Event, f *state.FD, d *fields.Value) bool

func withFD(get fdGet) extractFn {
	return func(_ *extractor, e *Event, d *fields.Value) bool { return e.FD != nil && get(e, e.FD, d) }
}

func isInet(f *state.FD) bool { return f.Type == state.FDIPv4 || f.Type == state.FDIPv6 }

func isFile(f *state.FD) bool {
	return f.Type == state.FDFile || f.Type == state.FDDirectory || f.Type == state.FDMemfd
}

func addr(d *fields.Value, a netip.Addr) bool {
	if !a.IsValid() {
		a = netip.IPv4Unspecified()
	}
	d.S = a.AppendTo(d.S[:0])
	if len(d.S) > 0 {
		b := a.AsSlice()
		d.S = append(d.S[:0], b...)
	}
	return true
}

// endpoint picks one end of an inet socket: client, server, local, remote.
func endpoint(which byte, ip bool) fdGet {
	return func(_ *Event, f *state.FD, d *fields.Value) bool {
		if !isInet(f) {
			return false
		}
		a, p := end(which, f)
		if ip {
			return addr(d, a)
		}
		return num(d, int64(p))
	}
}

// end is the address and port of an inet fd's client, server, local or
// remote end ('c', 's', 'l', 'r').
func end(which byte, f *state.FD) (netip.Addr, uint16) {
	switch which {
	case 'c':
		return f.Client()
	case 's':
		return f.ServerEnd()
	case 'l':
		return f.LAddr, f.LPort
	}
	return f.RAddr, f.RPort
}

func fdName(_ *Event, f *state.FD, d *fields.Value) bool { return str(d, f.Name) }

// ipName is fd.[cslr]ip.name: the host name the address resolved from,
// among those the rules name; missing for any other address.
func ipName(which byte) fdGet {
	return func(e *Event, f *state.FD, d *fields.Value) bool {
		if len(e.Names) == 0 || !isInet(f) {
			return false
		}
		a, _ := end(which, f)
		name, known := e.Names[a.Unmap()]
		return known && str(d, name)
	}
}

func init() {
	def("fd.num", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool { return num(d, f.Num) }))
	def("fd.type", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool { return str(d, f.Type.String()) }))
	def("fd.typechar", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool { return str(d, f.Type.Char()) }))
	def("fd.name", withFD(fdName))
	def("fd.nameraw", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool {
		if f.NameRaw != "" {
			return str(d, f.NameRaw)
		}
		return str(d, f.Name)
	}))
	def("fd.directory", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool {
		if f.Type == state.FDDirectory {
			return str(d, f.Name)
		}
		return isFile(f) && f.Name != "" && str(d, path.Dir(f.Name))
	}))
	def("fd.filename", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool {
		return isFile(f) && f.Type != state.FDDirectory && f.Name != "" && str(d, path.Base(f.Name))
	}))
	for _, w := range []byte{'c', 's', 'l', 'r'} {
		def("fd."+string(w)+"ip", withFD(endpoint(w, true)))
		def("fd."+string(w)+"port", withFD(endpoint(w, false)))
		def("fd."+string(w)+"net", withFD(endpoint(w, true)))
		def("fd."+string(w)+"proto", missing)
		def("fd."+string(w)+"ip.name", withFD(ipName(w)))
	}
	def("fd.ip", withFD(endpoint('s', true)))
	def("fd.port", withFD(endpoint('s', false)))
	def("fd.net", withFD(endpoint('s', true)))
	def("fd.proto", missing)
	def("fd.l4proto", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool {
		return f.Type.IsSocket() && f.L4 != "" && str(d, f.L4)
	}))
	def("fd.sockfamily", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool {
		switch {
		case isInet(f):
			return str(d, "ip")
		case f.Type == state.FDUnix:
			return str(d, "unix")
		}
		return false
	}))
	def("fd.is_server", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool { return f.Type.IsSocket() && boolean(d, f.Server) }))
	def("fd.uid", withFD(func(e *Event, f *state.FD, d *fields.Value) bool {
		return str(d, strconv.FormatUint(uint64(e.Rec.Tid), 10)+strconv.FormatInt(f.Num, 10))
	}))
	def("fd.containername", withFD(func(e *Event, f *state.FD, d *fields.Value) bool {
		return e.Proc != nil && str(d, e.Proc.Container+":"+f.Name)
	}))
	def("fd.containerdirectory", withFD(func(e *Event, f *state.FD, d *fields.Value) bool {
		return e.Proc != nil && isFile(f) && str(d, e.Proc.Container+":"+path.Dir(f.Name))
	}))
	def("fd.connected", withFD(func(_ *Event, f *state.FD, d *fields.Value) bool { return f.Type.IsSocket() && boolean(d, f.Connected) }))
	def("fd.name_changed", evtFn(func(e *Event, d *fields.Value) bool { return boolean(d, e.NameChanged) }))
	def("fd.dev", missing)
	def("fd.dev.major", missing)
	def("fd.dev.minor", missing)
	def("fd.ino", missing)
	def("fd.types", missing)
	fsFields()
}

func fsFields() {
	def("fs.path.name", evtFn(func(e *Event, d *fields.Value) bool { return e.Path2 == "" && e.Path != "" && str(d, e.Path) }))
	def("fs.path.nameraw", evtFn(func(e *Event, d *fields.Value) bool { return e.Path2 == "" && e.Raw != "" && str(d, e.Raw) }))
	def("fs.path.source", evtFn(func(e *Event, d *fields.Value) bool { return e.Path2 != "" && str(d, e.Path) }))
	def("fs.path.sourceraw", evtFn(func(e *Event, d *fields.Value) bool { return e.Path2 != "" && str(d, e.Raw) }))
	def("fs.path.target", evtFn(func(e *Event, d *fields.Value) bool { return e.Path2 != "" && str(d, e.Path2) }))
	def("fs.path.targetraw", evtFn(func(e *Event, d *fields.Value) bool { return e.Path2 != "" && str(d, e.Raw2) }))
}
