package wasm

// namedList is " (param i32 i64)", or one group per value when any is
// named: " (param $n i32) (param i64)".
func namedList(kw string, ts []ValType, names []string) string {
	if !anyNamed(names, len(ts)) {
		return valList(" ("+kw, ts)
	}
	var s string
	for i, t := range ts {
		s += " (" + kw
		if i < len(names) && names[i] != "" {
			s += " $" + names[i]
		}
		s += " " + t.String() + ")"
	}
	return s
}

func anyNamed(names []string, n int) bool {
	for i := 0; i < n && i < len(names); i++ {
		if names[i] != "" {
			return true
		}
	}
	return false
}

// tail is names past the first n, or nil.
func tail(names []string, n int) []string {
	if n >= len(names) {
		return nil
	}
	return names[n:]
}
