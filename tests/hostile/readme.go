package hostile

import (
	"fmt"
	"strings"
)

var outcomeText = map[Outcome]string{
	Loads:     "loads",
	Refused:   "refused at load",
	Contained: "contained at run time",
}

// README returns README.md: one line per fixture.
func README() string {
	var sb strings.Builder
	sb.WriteString("# Hostile modules\n\n")
	sb.WriteString("Hand-built with `toolchain/wasm` by `gen.go` (`go generate ./tests/hostile`); do not edit\n")
	sb.WriteString("`testdata/*.wasm` (their text: `testdata/*.wat`) or this file by hand. Each fixture is a valid Aerie guest module (ABI v1\n")
	sb.WriteString("imports, exports, header and metadata for source k8s_audit, one rule, field table `[ka.verb]`)\n")
	sb.WriteString("except for its one defect. Run-time defects fire only for events whose ka.verb starts with `d`\n")
	sb.WriteString("(`hostile.Event{Verb: \"delete\"}`); other events match rule 0 as in `valid.wasm`.\n")
	sb.WriteString("The 100 MiB module is not committed: `hostile.Huge(hostile.HugeSize)` builds it (the valid\n")
	sb.WriteString("module padded with an `aerie.padding` custom section).\n\n")
	for _, f := range All() {
		fmt.Fprintf(&sb, "- `%s` (%s): %s.\n", f.File(), outcomeText[f.Outcome], f.Defect)
	}
	return sb.String()
}
