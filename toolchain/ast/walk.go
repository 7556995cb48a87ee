package ast

// Checks calls fn with every comparison of e, left to right.
func Checks(e Expr, fn func(*Check)) {
	switch e := e.(type) {
	case *And:
		for _, t := range e.Terms {
			Checks(t, fn)
		}
	case *Or:
		for _, t := range e.Terms {
			Checks(t, fn)
		}
	case *Not:
		Checks(e.X, fn)
	case *Check:
		fn(e)
	}
}
