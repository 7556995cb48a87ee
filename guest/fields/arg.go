package fields

import (
	"errors"
	"fmt"
	"strconv"
)

// CheckArg reports whether r's argument suits f, for binding r to an
// extractor: an argument where f takes none, or none where f requires one,
// is an error.
func (f *Field) CheckArg(r Ref) error {
	switch {
	case r.HasArg && f.Arg == ArgNone:
		return errors.New("takes no argument")
	case !r.HasArg && f.Arg == ArgRequired:
		return errors.New("needs an argument")
	}
	return nil
}

// ParseIndex parses an ArgIndex argument: a non-negative integer.
func ParseIndex(arg string) (int, error) {
	n, err := strconv.Atoi(arg)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("index %q is not a non-negative integer", arg)
	}
	return n, nil
}
