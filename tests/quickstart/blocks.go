// Package quickstart runs the README's quick start word for word: the
// fenced blocks that follow a `<!-- quickstart:NAME -->` line are executed
// with /bin/sh from the repository root, the daemon block in the
// background, and the alert the README shows must appear.
//
// It may import tests/testenv and the standard library.
package quickstart

import (
	"fmt"
	"strings"
)

// markedBlocks finds the fenced code blocks that directly follow a
// `<!-- quickstart:NAME -->` line and returns their bodies by name.
func markedBlocks(doc string) (map[string]string, error) {
	lines := strings.Split(doc, "\n")
	out := map[string]string{}
	for i := 0; i < len(lines); i++ {
		name, ok := marker(lines[i])
		if !ok {
			continue
		}
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "```") {
			return nil, fmt.Errorf("line %d: marker %q is not followed by a fenced block", i+1, name)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("line %d: marker %q repeated", i+1, name)
		}
		end := i + 2
		for end < len(lines) && !strings.HasPrefix(lines[end], "```") {
			end++
		}
		if end == len(lines) {
			return nil, fmt.Errorf("line %d: block %q is not closed", i+2, name)
		}
		out[name] = strings.Join(lines[i+2:end], "\n") + "\n"
		i = end
	}
	return out, nil
}

func marker(line string) (string, bool) {
	s, ok := strings.CutPrefix(strings.TrimSpace(line), "<!-- quickstart:")
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(s, " -->")
	return strings.TrimSpace(name), ok
}
