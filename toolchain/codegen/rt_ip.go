package codegen

import (
	"github.com/aeriesec/aerie/toolchain/wasm/code"
	"github.com/aeriesec/aerie/toolchain/wasm/op"
)

// IP records are text records of 4 or 16 address bytes; a network adds a
// prefix-length byte (guest/match.ParseIPNet).

// rtIPUnmap: ip_unmap(r) -> r, or a new 4-byte record for an IPv4-mapped
// IPv6 address.
func (g *gen) rtIPUnmap(f *fn) {
	const r = 0
	d := f.i32("d")
	f.ld32(r, 0)
	f.c32(16)
	f.Op(op.I32Ne)
	f.If(code.Empty)
	f.get(r)
	f.Op(op.Return)
	f.End()
	f.get(r)
	f.Load(op.I64Load, 4)
	f.Op(op.I64Eqz)
	f.ld32(r, 12)
	f.c32(-65536) // bytes 00 00 ff ff
	f.Op(op.I32Eq)
	f.Op(op.I32And)
	f.Op(op.I32Eqz)
	f.If(code.Empty)
	f.get(r)
	f.Op(op.Return)
	f.End()
	f.c32(8)
	f.Call(fnAlloc)
	f.LocalTee(d)
	f.c32(4)
	f.Store(op.I32Store, 0)
	f.get(d)
	f.ld32(r, 16)
	f.Store(op.I32Store, 4)
	f.get(d)
}

// rtIPEq: ip_eq(x, y) -> equal addresses (IPv4-mapped equals IPv4).
func (g *gen) rtIPEq(f *fn) {
	const x, y = 0, 1
	f.get(x)
	f.Call(fnIPUnmap)
	f.get(y)
	f.Call(fnIPUnmap)
	f.Call(fnStrEq)
}

// rtInNet: in_net(a, n) -> whether address a lies in network n.
func (g *gen) rtInNet(f *fn) {
	const a, n = 0, 1
	la, bits, i, m := f.i32("la"), f.i32("bits"), f.i32("i"), f.i32("m")
	f.get(a)
	f.Call(fnIPUnmap)
	f.set(a)
	f.ld32(n, 0)
	f.c32(1)
	f.Op(op.I32Sub)
	f.LocalTee(la)
	f.c32(4)
	f.Op(op.I32Ne)
	f.eqConst(la, 16)
	f.Op(op.I32Eqz)
	f.Op(op.I32And)
	f.retIf(0)
	f.ld32(a, 0)
	f.get(la)
	f.Op(op.I32Ne)
	f.retIf(0)
	f.ld8at(n, la, 4)
	f.LocalTee(bits)
	f.get(la)
	f.c32(3)
	f.Op(op.I32Shl)
	f.Op(op.I32GtU)
	f.retIf(0)
	f.loop(func(code.Label) {
		f.get(bits)
		f.c32(0)
		f.Op(op.I32LeS)
		f.retIf(1)
		f.c32(0xff)
		f.c32(0xff)
		f.c32(8)
		f.get(bits)
		f.Op(op.I32Sub)
		f.Op(op.I32Shl)
		f.c32(0xff)
		f.Op(op.I32And)
		f.get(bits)
		f.c32(8)
		f.Op(op.I32GeS)
		f.Op(op.Select)
		f.set(m)
		f.ld8at(a, i, 4)
		f.ld8at(n, i, 4)
		f.Op(op.I32Xor)
		f.get(m)
		f.Op(op.I32And)
		f.retIf(0)
		f.add(i, 1)
		f.add(bits, -8)
	})
	f.Op(op.Unreachable)
}
