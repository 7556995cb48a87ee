package match

// PathPrefix reports whether path lies at or below prefix, comparing
// '/'-separated components (Falco's pmatch, libs prefix_search.h): empty
// components are ignored, so "/tmp/hello" matches "/tmp/hello" and
// "/tmp//hello/x" but not "/tmp/hello_x". A prefix component containing
// '?', '*' or '[' is a glob (fnmatch without flags) for one component. A
// prefix with no components ("/") matches every path.
func PathPrefix(prefix, path []byte) bool {
	for {
		var pc, sc []byte
		pc, prefix = component(prefix)
		if pc == nil {
			return true
		}
		sc, path = component(path)
		if sc == nil || !componentMatch(pc, sc) {
			return false
		}
	}
}

// component returns the first non-empty component of p and the rest, or
// nil when p has none left.
func component(p []byte) (c, rest []byte) {
	i := 0
	for i < len(p) && p[i] == '/' {
		i++
	}
	if i == len(p) {
		return nil, nil
	}
	j := i
	for j < len(p) && p[j] != '/' {
		j++
	}
	return p[i:j], p[j:]
}

func componentMatch(pattern, c []byte) bool {
	if hasGlobMeta(pattern) {
		return Glob(pattern, c, false)
	}
	return string(pattern) == string(c)
}

func hasGlobMeta(p []byte) bool {
	for _, b := range p {
		if b == '?' || b == '*' || b == '[' {
			return true
		}
	}
	return false
}
