package wasmhost

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/tetratelabs/wazero/api"
)

type instKey struct{}

func refsOf(md *abi.Metadata) []fields.Ref {
	refs := make([]fields.Ref, len(md.Fields))
	for i, f := range md.Fields {
		refs[i] = fields.Ref{Name: f.Name, Arg: f.Arg, HasArg: f.HasArg}
	}
	return refs
}

// instantiateHost instantiates the "aerie" host module in the module's
// runtime. Host functions find their Instance through the call's context.
func (m *Module) instantiateHost(ctx context.Context) error {
	i32 := api.ValueTypeI32
	_, err := m.rt.NewHostModuleBuilder(abi.ImportModule).
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostField), []api.ValueType{i32, i32}, []api.ValueType{i32}).
		Export(abi.ImportField).
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostRegex), []api.ValueType{i32, i32, i32}, []api.ValueType{i32}).
		Export(abi.ImportRegex).
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostFields), []api.ValueType{i32, i32, i32, i32}, []api.ValueType{i32}).
		Export(abi.ImportFields).
		Instantiate(ctx)
	if err != nil {
		return fmt.Errorf("instantiate host module: %w", err)
	}
	return nil
}

func instanceOf(ctx context.Context) *Instance {
	in, ok := ctx.Value(instKey{}).(*Instance)
	if !ok {
		panic(fmt.Errorf("host call outside eval_batch"))
	}
	return in
}

// hostField implements field(evt, id) -> addr.
func hostField(ctx context.Context, mod api.Module, stack []uint64) {
	in := instanceOf(ctx)
	evt, id := uint32(stack[0]), uint32(stack[1])
	if int(evt) >= len(in.batch) || int(id) >= len(in.m.kinds) {
		panic(fmt.Errorf("field(%d, %d): out of range", evt, id))
	}
	v := &in.val
	v.Reset()
	if !in.batch[evt].Field(int(id), v) {
		stack[0] = 0
		return
	}
	k := in.m.kinds[id]
	if k == abi.KindText && len(v.S) == 0 && len(v.L) == 1 { // an indexed list field
		v.S = v.L[0]
	}
	stack[0] = uint64(in.writeRecord(mod.Memory(), k, v))
}

// hostFields is fields(evt, ids, n, out): field for each of n ids, the
// record addresses (1 for a missing field) stored at out + 4*id.
func hostFields(ctx context.Context, mod api.Module, stack []uint64) {
	in := instanceOf(ctx)
	evt, ids, n, out := uint32(stack[0]), uint32(stack[1]), uint32(stack[2]), uint32(stack[3])
	if int(evt) >= len(in.batch) || n > uint32(len(in.m.kinds)) {
		panic(fmt.Errorf("fields(%d, %d, %d): out of range", evt, ids, n))
	}
	mem := mod.Memory()
	for i := range n {
		id, ok := mem.ReadUint32Le(ids + 4*i)
		if !ok || int(id) >= len(in.m.kinds) {
			panic(fmt.Errorf("fields: id %d of %d at %d out of range", i, n, ids))
		}
		rec := uint32(1)
		v := &in.val
		v.Reset()
		if in.batch[evt].Field(int(id), v) {
			k := in.m.kinds[id]
			if k == abi.KindText && len(v.S) == 0 && len(v.L) == 1 { // an indexed list field
				v.S = v.L[0]
			}
			rec = in.writeRecord(mem, k, v)
		}
		if !mem.WriteUint32Le(out+4*id, rec) {
			panic(fmt.Errorf("fields: output slot %d out of memory", id))
		}
	}
	stack[0] = 0
}

// writeRecord writes v at the heap top as a record of kind k and advances
// the heap pointer.
func (in *Instance) writeRecord(mem api.Memory, k abi.Kind, v *fields.Value) uint32 {
	size := recordSize(k, v)
	top, ok := mem.ReadUint32Le(in.hdr.heapPtr)
	if !ok {
		panic(fmt.Errorf("heap pointer out of memory"))
	}
	addr := (top + abi.RecordAlign - 1) &^ (abi.RecordAlign - 1)
	end := uint64(addr) + uint64(size)
	growTo(mem, end)
	buf, _ := mem.Read(addr, size)
	encodeRecord(buf, k, v)
	mem.WriteUint32Le(in.hdr.heapPtr, uint32(end))
	return addr
}

func growTo(mem api.Memory, end uint64) {
	if end <= uint64(mem.Size()) {
		return
	}
	if end > 1<<32 {
		panic(fmt.Errorf("field value does not fit in memory"))
	}
	pages := (end - uint64(mem.Size()) + 65535) / 65536
	if _, ok := mem.Grow(uint32(pages)); !ok {
		panic(fmt.Errorf("field value does not fit in memory (limit reached)"))
	}
}

func recordSize(k abi.Kind, v *fields.Value) uint32 {
	switch k {
	case abi.KindNumber:
		return 8
	case abi.KindList:
		n := 4
		for _, e := range v.L {
			n += 4 + len(e)
		}
		return uint32(n)
	}
	return uint32(4 + len(v.S))
}

func encodeRecord(buf []byte, k abi.Kind, v *fields.Value) {
	switch k {
	case abi.KindNumber:
		binary.LittleEndian.PutUint64(buf, v.N)
	case abi.KindList:
		binary.LittleEndian.PutUint32(buf, uint32(len(v.L)))
		p := 4
		for _, e := range v.L {
			binary.LittleEndian.PutUint32(buf[p:], uint32(len(e)))
			p += 4 + copy(buf[p+4:], e)
		}
	default:
		binary.LittleEndian.PutUint32(buf, uint32(len(v.S)))
		copy(buf[4:], v.S)
	}
}

// hostRegex implements regex(id, ptr, len) -> 0|1.
func hostRegex(ctx context.Context, mod api.Module, stack []uint64) {
	in := instanceOf(ctx)
	id, ptr, n := uint32(stack[0]), uint32(stack[1]), uint32(stack[2])
	if int(id) >= len(in.m.regexes) {
		panic(fmt.Errorf("regex(%d): out of range", id))
	}
	b, ok := mod.Memory().Read(ptr, n)
	if !ok {
		panic(fmt.Errorf("regex(%d): bytes out of memory", id))
	}
	stack[0] = 0
	if in.m.regexes[id].Match(b) {
		stack[0] = 1
	}
}
