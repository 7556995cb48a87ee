package ruletest

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/runtime/alert"
)

// replayAll replays the case's fixtures in order through the built
// evaluator.
func (r *Runner) replayAll(b *built, c *Case, source string, paths []string) ([]alert.Alert, []string, error) {
	if b.ev == nil {
		return nil, nil, nil
	}
	rp := r.replayer(source)
	if rp == nil {
		return nil, nil, fmt.Errorf("no replayer for %s fixtures in this build", source)
	}
	b.ev.SetOptions(abi.Options{MatchAll: c.RuleMatching == "all"})
	var all []alert.Alert
	var warns []string
	for _, p := range paths {
		in, closeIn, err := openFixture(p)
		if err != nil {
			return nil, nil, err
		}
		got, err := rp(in, b.ev, b.fmt, func(w string) { warns = append(warns, p+": "+w) })
		closeIn()
		if err != nil {
			return nil, nil, fmt.Errorf("replay %s: %w", p, err)
		}
		all = append(all, got...)
	}
	return all, warns, nil
}

func (r *Runner) replayer(source string) Replayer {
	if rp, ok := r.Replayers[source]; ok {
		return rp
	}
	switch source {
	case fields.SourceK8sAudit:
		return ReplayK8sAudit
	case fields.SourceSyscall:
		return ReplaySyscall
	}
	return nil
}
