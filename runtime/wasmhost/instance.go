package wasmhost

import (
	"context"
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// Instance is one instance of a module, for one worker: it implements
// runtime.Evaluator. It is not safe for concurrent use.
type Instance struct {
	m     *Module
	mod   api.Module
	eval  api.Function
	mem   api.Memory
	hdr   header
	stack []uint64
	batch []fields.Event
	val   fields.Value
	opts  abi.Options
	dirty bool // opts not yet written to this instance's memory
}

// header holds the absolute addresses of the header words and areas.
type header struct {
	maxBatch, rules, fields, matchCap uint32
	events, matches, enabled          uint32
	flags, heapPtr                    uint32
}

// NewInstance instantiates the module for one worker.
func (m *Module) NewInstance(ctx context.Context) (*Instance, error) {
	in := &Instance{m: m, stack: make([]uint64, 1), dirty: true}
	if err := in.instantiate(ctx); err != nil {
		return nil, fmt.Errorf("module %s: %w", m.cfg.Name, err)
	}
	return in, nil
}

func (in *Instance) instantiate(ctx context.Context) error {
	mod, err := in.m.rt.InstantiateModule(ctx, in.m.compiled, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return fmt.Errorf("instantiate: %w", err)
	}
	in.m.stats.Instances.Add(1)
	in.mod, in.eval, in.mem = mod, mod.ExportedFunction(abi.ExportEvalBatch), mod.ExportedMemory(abi.ExportMemory)
	if err := in.readHeader(); err != nil {
		mod.Close(ctx)
		in.mod = nil
		return err
	}
	in.dirty = true
	return nil
}

func (in *Instance) word(off uint32) uint32 {
	v, ok := in.mem.ReadUint32Le(abi.HeaderAddr + off)
	if !ok {
		return 0
	}
	return v
}

func (in *Instance) readHeader() error {
	if in.word(abi.HdrMagic) != abi.Magic {
		return fmt.Errorf("%w: no ABI header at %d", ErrInvalid, abi.HeaderAddr)
	}
	if v := in.word(abi.HdrABI); v != abi.Version {
		return fmt.Errorf("%w: header says ABI %d, this host supports %d", ErrInvalid, v, abi.Version)
	}
	h := header{
		maxBatch: in.word(abi.HdrMaxBatch), rules: in.word(abi.HdrRules), fields: in.word(abi.HdrFields),
		matchCap: in.word(abi.HdrMatchCap), events: in.word(abi.HdrEvents), matches: in.word(abi.HdrMatches),
		enabled: in.word(abi.HdrEnabled),
		flags:   abi.HeaderAddr + abi.HdrFlags, heapPtr: abi.HeaderAddr + abi.HdrHeapPtr,
	}
	md := in.m.meta
	switch {
	case h.maxBatch == 0:
		return fmt.Errorf("%w: header max batch is 0", ErrInvalid)
	case int(h.rules) != len(md.Rules) || int(h.fields) != len(md.Fields):
		return fmt.Errorf("%w: header (%d rules, %d fields) disagrees with metadata (%d, %d)",
			ErrInvalid, h.rules, h.fields, len(md.Rules), len(md.Fields))
	case uint64(h.matchCap) < uint64(h.maxBatch)*uint64(h.rules):
		return fmt.Errorf("%w: match area smaller than max batch × rules", ErrInvalid)
	}
	if !in.fits(h.events, 4*h.maxBatch) || !in.fits(h.matches, 8*h.matchCap) || !in.fits(h.enabled, h.rules) {
		return fmt.Errorf("%w: header areas outside memory", ErrInvalid)
	}
	in.hdr = h
	return nil
}

func (in *Instance) fits(addr, n uint32) bool {
	return uint64(addr)+uint64(n) <= uint64(in.mem.Size())
}

// Metadata implements runtime.Evaluator.
func (in *Instance) Metadata() *abi.Metadata { return in.m.meta }

// SetOptions implements runtime.Evaluator.
func (in *Instance) SetOptions(o abi.Options) {
	in.opts = o
	in.dirty = true
}

// Close releases the instance.
func (in *Instance) Close(ctx context.Context) error {
	if in.mod == nil {
		return nil
	}
	err := in.mod.Close(ctx)
	in.mod = nil
	return err
}

func (in *Instance) writeOptions() {
	rules := in.m.meta.Rules
	en := make([]byte, len(rules))
	for i, r := range rules {
		on := r.Enabled
		if in.opts.Enabled != nil && i < len(in.opts.Enabled) {
			on = in.opts.Enabled[i]
		}
		if on {
			en[i] = 1
		}
	}
	in.mem.Write(in.hdr.enabled, en)
	var flags uint32
	if in.opts.MatchAll {
		flags |= abi.FlagMatchAll
	}
	in.mem.WriteUint32Le(in.hdr.flags, flags)
	in.dirty = false
}
