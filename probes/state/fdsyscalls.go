package state

import (
	"net/netip"

	"github.com/aeriesec/aerie/probes/record"
)

// openFlags returns the open flags of an open-family record.
func openFlags(r *record.Record) uint32 {
	switch r.Type() {
	case "open":
		return uint32(r.Args[1])
	case "openat":
		return uint32(r.Args[2])
	case "openat2":
		f, _ := r.OpenHowFlags()
		return uint32(f)
	case "creat":
		return oCreat | oWronly | oTrunc
	}
	return 0
}

// OpenFlags is exported for the fields (evt.arg.flags, evt.is_open_*).
func OpenFlags(r *record.Record) uint32 { return openFlags(r) }

func openHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	dirfd := int64(atFDCWD)
	if ty := r.Type(); ty == "openat" || ty == "openat2" {
		dirfd = sint(r.Args[0])
	}
	c.Raw = r.Str(record.ParamStr0)
	c.Path = resolve(p, dirfd, c.Raw)
	flags := openFlags(r)
	f := &FD{Num: -1, Type: FDFile, Name: c.Path, NameRaw: c.Raw, Flags: flags, CloExec: flags&oCloexec != 0}
	if flags&oDirectory != 0 {
		f.Type = FDDirectory
	}
	if r.Ret >= 0 {
		f.Num = r.Ret
		p.FDs.Set(f)
	}
	c.FD = f
}

func closeHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	n := sint(r.Args[0])
	if r.Ret == 0 {
		c.FD = p.FDs.Remove(n)
	} else {
		c.FD = p.FDs.Get(n)
	}
}

func closeRange(t *Table, r *record.Record, p *Process, c *Ctx) {
	if r.Ret != 0 {
		return
	}
	first, last := r.Args[0], r.Args[1]
	cloexec := r.Args[2]&4 != 0 // CLOSE_RANGE_CLOEXEC
	for n, f := range p.FDs.m {
		if uint64(n) >= first && uint64(n) <= last {
			if cloexec {
				nf := *f
				nf.CloExec = true
				p.FDs.m[n] = &nf
			} else {
				delete(p.FDs.m, n)
			}
		}
	}
}

func dupTo(p *Process, r *record.Record, old *FD, cloexec bool) {
	if r.Ret < 0 {
		return
	}
	if old == nil {
		old = fdFromTuple(r)
		if old == nil {
			return
		}
	}
	nf := *old
	nf.Num, nf.CloExec = r.Ret, cloexec
	p.FDs.Set(&nf)
}

func dupHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	old := p.FDs.Get(sint(r.Args[0]))
	if old == nil {
		old = fdFromTuple(r)
		if old != nil {
			old.Num = sint(r.Args[0])
			p.FDs.Set(old)
		}
	}
	c.FD = old
	dupTo(p, r, old, r.Type() == "dup3" && r.Args[2]&oCloexec != 0)
}

func fcntlHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	old := p.FDs.Get(sint(r.Args[0]))
	c.FD = old
	switch r.Args[1] {
	case 0, 1030: // F_DUPFD, F_DUPFD_CLOEXEC
		if old != nil {
			dupTo(p, r, old, r.Args[1] == 1030)
		}
	case 2: // F_SETFD
		if old != nil && r.Ret == 0 {
			nf := *old
			nf.CloExec = r.Args[2]&1 != 0
			p.FDs.Set(&nf)
		}
	}
}

func chdirHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	c.Raw = r.Str(record.ParamStr0)
	c.Path = resolve(p, atFDCWD, c.Raw)
	if r.Ret == 0 && c.Path != "" {
		c.Proc = t.replace(p)
		c.Proc.Cwd = c.Path
	}
}

func fchdirHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	c.FD = p.FDs.Get(sint(r.Args[0]))
	if r.Ret == 0 && c.FD != nil {
		c.Proc = t.replace(p)
		c.Proc.Cwd = c.FD.Name
	}
}

func pairHandler(ty FDType, flagsArg int) handler {
	return func(t *Table, r *record.Record, p *Process, c *Ctx) {
		a, b, ok := r.FdPair()
		if r.Ret != 0 || !ok {
			return
		}
		cloexec := false
		if flagsArg >= 0 {
			cloexec = r.Args[flagsArg]&oCloexec != 0
		}
		for _, n := range []int64{a, b} {
			p.FDs.Set(&FD{Num: n, Type: ty, CloExec: cloexec})
		}
		c.FD = p.FDs.Get(a)
	}
}

func newFDHandler(ty FDType) handler {
	return func(t *Table, r *record.Record, p *Process, c *Ctx) {
		if r.Ret < 0 {
			return
		}
		f := &FD{Num: r.Ret, Type: ty}
		p.FDs.Set(f)
		c.FD = f
	}
}

func memfdHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	c.Raw = r.Str(record.ParamStr0)
	if r.Ret < 0 {
		return
	}
	f := &FD{Num: r.Ret, Type: FDMemfd, Name: "memfd:" + c.Raw, CloExec: r.Args[1]&1 != 0}
	p.FDs.Set(f)
	c.FD = f
}

func setsidHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	if r.Ret > 0 {
		c.Proc = t.replace(p)
		c.Proc.Sid, c.Proc.Pgid = r.Ret, r.Ret
	}
}

// Socket handling.

func familyType(family uint16) FDType {
	switch family {
	case record.AFInet:
		return FDIPv4
	case record.AFInet6:
		return FDIPv6
	case record.AFUnix:
		return FDUnix
	case 16:
		return FDNetlink
	}
	return FDUnknown
}

func l4(sockType, proto uint64) string {
	switch {
	case proto == 1 || proto == 58:
		return "icmp"
	case sockType&0xf == 1:
		return "tcp"
	case sockType&0xf == 2:
		return "udp"
	case sockType&0xf == 3:
		return "raw"
	}
	return ""
}

func socketHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	if r.Ret < 0 {
		return
	}
	f := &FD{Num: r.Ret, Type: familyType(uint16(r.Args[0])), CloExec: r.Args[1]&sockCloexec != 0}
	if f.Type == FDIPv4 || f.Type == FDIPv6 {
		f.L4 = l4(r.Args[1], r.Args[2])
	}
	p.FDs.Set(f)
	c.FD = f
}

// fdFromTuple makes a socket FD from the kernel tuple of the record.
func fdFromTuple(r *record.Record) *FD {
	tu, ok := r.Tuple()
	if !ok {
		return nil
	}
	f := &FD{Num: -1, Type: familyType(tu.Family)}
	if f.Type == FDIPv4 || f.Type == FDIPv6 {
		f.L4 = l4(uint64(tu.Type), uint64(tu.Proto))
		f.SetTuple(tu.LAddr, tu.LPort, tu.RAddr, tu.RPort)
		f.Connected = tu.RPort != 0
	}
	return f
}

// sockFD returns a modifiable copy of the syscall's socket fd, installed
// in the table (copy-on-write), or one made from the kernel tuple.
func sockFD(p *Process, r *record.Record) *FD {
	n := sint(r.Args[0])
	f := p.FDs.Get(n)
	if f == nil {
		if f = fdFromTuple(r); f == nil {
			return nil
		}
		f.Num = n
	} else {
		cp := *f
		f = &cp
	}
	p.FDs.Set(f)
	return f
}

func connectHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	f := sockFD(p, r)
	c.FD = f
	if f == nil {
		return
	}
	family, addr, port, upath, ok := r.Sockaddr()
	if family == record.AFUnix && ok {
		f.Name = upath
		return
	}
	tu, hasTuple := r.Tuple()
	switch {
	case hasTuple && tu.RPort != 0:
		f.SetTuple(tu.LAddr, tu.LPort, tu.RAddr, tu.RPort)
	case ok && addr.IsValid():
		laddr, lport := f.LAddr, f.LPort
		if hasTuple {
			laddr, lport = tu.LAddr, tu.LPort
		}
		f.SetTuple(laddr, lport, addr, port)
	}
	if f.Type == FDUnknown {
		f.Type = familyType(family)
	}
	f.Connected = r.Ret == 0 || r.Ret == einprogress
}

func bindHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	f := sockFD(p, r)
	c.FD = f
	if f == nil || r.Ret != 0 {
		return
	}
	if family, addr, port, upath, ok := r.Sockaddr(); ok {
		if family == record.AFUnix {
			f.Name = upath
			return
		}
		f.LAddr, f.LPort = addr, port
	}
}

func acceptHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	if r.Ret < 0 {
		c.FD = p.FDs.Get(sint(r.Args[0]))
		return
	}
	f := fdFromTuple(r)
	if f == nil {
		f = &FD{Type: FDUnknown}
	}
	if lf := p.FDs.Get(sint(r.Args[0])); lf != nil && f.L4 == "" {
		f.L4 = lf.L4
	}
	f.Num, f.Server, f.Connected = r.Ret, true, true
	if f.Type == FDIPv4 || f.Type == FDIPv6 {
		f.Name = f.renderTuple()
	}
	if r.Type() == "accept4" {
		f.CloExec = r.Args[3]&sockCloexec != 0
	}
	p.FDs.Set(f)
	c.FD = f
}

func sendHandler(t *Table, r *record.Record, p *Process, c *Ctx) {
	f := sockFD(p, r)
	c.FD = f
	if f == nil {
		return
	}
	_, addr, port, _, ok := r.Sockaddr()
	if !ok || !addr.IsValid() || (addr == f.RAddr && port == f.RPort) {
		return
	}
	laddr, lport := f.LAddr, f.LPort
	if tu, has := r.Tuple(); has {
		laddr, lport = tu.LAddr, tu.LPort
	}
	if !laddr.IsValid() {
		laddr = netip.IPv4Unspecified()
	}
	f.SetTuple(laddr, lport, addr, port)
	c.NameChanged = true
}
