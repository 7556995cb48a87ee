package wasmhost

import (
	"context"
	"errors"
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
)

// EventTyper is implemented by events of sources with event types
// (syscall): the module dispatches on the type; "" means the type is
// unknown and every rule runs.
type EventTyper interface {
	EventType() string
}

// Eval implements runtime.Evaluator: the batch goes to the guest in chunks
// of the module's max batch, one eval_batch call (and one deadline) each.
func (in *Instance) Eval(batch []fields.Event, out []abi.Match) ([]abi.Match, error) {
	var berr *BatchError
	for base := 0; base < len(batch); base += int(in.hdr.maxBatch) {
		end := min(base+int(in.hdr.maxBatch), len(batch))
		var err error
		out, err = in.evalChunk(batch[base:end], base, out)
		if err != nil {
			berr = mergeErr(berr, err)
		}
	}
	if berr != nil {
		return out, berr
	}
	return out, nil
}

func mergeErr(acc *BatchError, err error) *BatchError {
	var be *BatchError
	if !errors.As(err, &be) {
		return acc
	}
	if acc == nil {
		return be
	}
	acc.Failed = append(acc.Failed, be.Failed...)
	return acc
}

// evalChunk runs one chunk; on failure it isolates the failing events.
func (in *Instance) evalChunk(chunk []fields.Event, base int, out []abi.Match) ([]abi.Match, error) {
	n0 := len(out)
	out, err := in.call(chunk, base, out)
	if err == nil {
		return out, nil
	}
	in.contain(err)
	out = out[:n0]
	if len(chunk) == 1 {
		in.m.stats.FailedEvents.Add(1)
		return out, &BatchError{Module: in.m.cfg.Name, Failed: []int{base}, Cause: err}
	}
	return in.isolate(chunk, base, out, err)
}

// isolate re-runs a failed chunk one event at a time. After two deadline
// hits in the retry the rest of the chunk is given up as failed, so a
// runaway module costs at most three deadlines per chunk.
func (in *Instance) isolate(chunk []fields.Event, base int, out []abi.Match, cause error) ([]abi.Match, error) {
	be := &BatchError{Module: in.m.cfg.Name, Cause: cause}
	hits := 0
	for j := range chunk {
		if hits >= 2 {
			be.Failed = append(be.Failed, base+j)
			continue
		}
		var err error
		if out, err = in.call(chunk[j:j+1], base+j, out); err != nil {
			if in.contain(err) {
				hits++
			}
			be.Failed = append(be.Failed, base+j)
		}
	}
	in.m.stats.FailedEvents.Add(uint64(len(be.Failed)))
	if len(be.Failed) == 0 {
		return out, nil
	}
	return out, be
}

// contain counts and logs a failed call and drops the instance (it is
// re-created on the next call); it reports whether it was the deadline.
func (in *Instance) contain(err error) bool {
	deadline := errors.Is(err, context.DeadlineExceeded)
	if deadline {
		in.m.stats.DeadlineHits.Add(1)
	} else {
		in.m.stats.Traps.Add(1)
	}
	in.m.cfg.Logf("module %s: contained failure: %v", in.m.cfg.Name, err)
	in.Close(context.Background())
	return deadline
}

// call runs eval_batch once over chunk and appends its matches.
func (in *Instance) call(chunk []fields.Event, base int, out []abi.Match) ([]abi.Match, error) {
	if in.mod == nil {
		if err := in.instantiate(context.Background()); err != nil {
			return out, err
		}
	}
	if in.dirty {
		in.writeOptions()
	}
	in.stageCodes(chunk)
	ctx, cancel := context.WithTimeout(context.Background(), in.m.cfg.Deadline)
	defer cancel()
	in.batch = chunk
	in.stack[0] = uint64(len(chunk))
	err := in.eval.CallWithStack(context.WithValue(ctx, instKey{}, in), in.stack)
	in.batch = nil
	if err != nil {
		return out, err
	}
	r := int32(uint32(in.stack[0]))
	if r < 0 || uint32(r) > in.hdr.matchCap {
		return out, fmt.Errorf("eval_batch(%d) returned %d", len(chunk), r)
	}
	in.m.stats.Batches.Add(1)
	in.m.stats.Events.Add(uint64(len(chunk)))
	return in.readMatches(int(r), base, len(chunk), out)
}

// stageCodes writes each event's code: from EventTyper, else from the
// evt.type field when the module's field table has it (no value: every
// rule runs), else OtherEventType. Modules without event types ignore them.
func (in *Instance) stageCodes(chunk []fields.Event) {
	if len(in.m.codes) == 0 {
		return
	}
	buf, _ := in.mem.Read(in.hdr.events, 4*uint32(len(chunk)))
	for i, ev := range chunk {
		putU32(buf[4*i:], in.code(ev))
	}
}

func (in *Instance) code(ev fields.Event) uint32 {
	if t, ok := ev.(EventTyper); ok {
		typ := t.EventType()
		if c, ok := in.m.codes[typ]; ok {
			return c
		}
		if typ == "" {
			return abi.AnyEventType
		}
		return abi.OtherEventType
	}
	if in.m.evtType < 0 {
		return abi.OtherEventType
	}
	v := &in.val
	v.Reset()
	if !ev.Field(in.m.evtType, v) {
		return abi.AnyEventType
	}
	if c, ok := in.m.codes[string(v.S)]; ok {
		return c
	}
	return abi.OtherEventType
}

func (in *Instance) readMatches(r, base, n int, out []abi.Match) ([]abi.Match, error) {
	buf, ok := in.mem.Read(in.hdr.matches, 8*uint32(r))
	if !ok {
		return out, fmt.Errorf("match area out of memory")
	}
	for i := 0; i < r; i++ {
		ev, rule := int(getU32(buf[8*i:])), int(getU32(buf[8*i+4:]))
		if ev >= n || rule >= len(in.m.meta.Rules) {
			return out, fmt.Errorf("match (%d, %d) out of range", ev, rule)
		}
		out = append(out, abi.Match{Event: base + ev, Rule: rule})
	}
	return out, nil
}

func putU32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

func getU32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
