package capture

import (
	"errors"
	"fmt"
	"io"

	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
)

// Filter copies the part of a capture that concerns the process tree under
// root: its snapshot keeps root, root's descendants and their ancestors;
// its records keep those of root's descendants (followed through forks).
// Replaying the result gives the tree's events exactly the state they had,
// which makes small, focused captures for tests. edit, when not nil, may
// change every process written (to scrub paths of the recording machine),
// and every exec's environment record, given as a process holding only
// its Pid and Env (to scrub variables of the recording machine).
func Filter(r io.Reader, w io.Writer, root uint32, edit func(*state.Process)) error {
	cr, err := NewReader(r)
	if err != nil {
		return err
	}
	t := cr.Table()
	keep := map[uint32]bool{root: true}
	t.Each(func(p *state.Process) {
		for q := p; q != nil; q = t.Get(uint32(q.PPid)) {
			if uint32(q.Pid) == root {
				keep[uint32(p.Pid)] = true
				break
			}
			if q.PPid == q.Pid || q.PPid <= 0 {
				break
			}
		}
	})
	out := state.NewTable(t.Users, t.BootEpoch)
	for pid := range keep {
		for p := t.Get(pid); p != nil && out.Get(uint32(p.Pid)) == nil; p = t.Get(uint32(p.PPid)) {
			out.Put(edited(p, edit))
		}
	}
	cw, err := NewWriter(w, out, cr.Snapshot.Host)
	if err != nil {
		return err
	}
	cr.Metadata = cw.frame
	cw.seen = map[int64]bool{}
	out.Each(func(p *state.Process) { cw.seen[p.Pid] = true })
	if err := copyTree(cr, cw, t, keep, edit); err != nil {
		return err
	}
	return cw.Flush()
}

func edited(p *state.Process, edit func(*state.Process)) *state.Process {
	if edit == nil {
		return p
	}
	c := *p
	edit(&c)
	return &c
}

func copyTree(cr *Reader, cw *Writer, t *state.Table, keep map[uint32]bool, edit func(*state.Process)) error {
	var rec record.Record
	for {
		b, err := cr.Next(t)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := record.Decode(b, &rec); err != nil {
			return fmt.Errorf("filter capture: %w", err)
		}
		if f, ok := rec.Fork(); ok && keep[f.ParentTgid] {
			keep[rec.Tgid] = true
		}
		if !keep[rec.Tgid] {
			continue
		}
		// a process the live run read from /proc mid-stream: copy it
		// before its first record
		if p := t.Get(rec.Tgid); p != nil && !cw.seen[p.Pid] {
			cw.seen[p.Pid] = true
			if err := cw.Process(edited(p, edit)); err != nil {
				return err
			}
		}
		if rec.Kind == record.KindEnv && edit != nil {
			b = EditEnv(&rec, edit)
		}
		if err := cw.Record(b); err != nil {
			return err
		}
	}
}

// EditEnv re-encodes an environment record (record.KindEnv) after edit
// changed its variables (Env of a process holding only Pid and Env).
func EditEnv(r *record.Record, edit func(*state.Process)) []byte {
	p := &state.Process{Pid: int64(r.Tgid), Env: record.Components(r.Params[record.ParamEnv])}
	edit(p)
	var env []byte
	for _, kv := range p.Env {
		env = append(append(env, kv...), 0)
	}
	return record.Encode(r.Header, env)
}
