package callgraph

import "errors"

// Sentinel errors; every error of Check wraps exactly one of them.
var (
	// ErrInvalid: the bytes are not a well-formed module.
	ErrInvalid = errors.New("invalid module")
	// ErrImport: an import other than a function.
	ErrImport = errors.New("import not allowed")
	// ErrSection: a section Aerie modules never have (table, start, element...).
	ErrSection = errors.New("section not allowed")
	// ErrInstruction: an instruction, block type or value type outside the
	// subset Aerie emits.
	ErrInstruction = errors.New("instruction not allowed")
	// ErrLimit: too many functions or locals, or a function body too large.
	ErrLimit = errors.New("over a static limit")
	// ErrRecursion: a function calls itself, directly or through others.
	ErrRecursion = errors.New("recursion is not allowed")
)
