package difffuzz

import (
	"fmt"
	"strings"
)

// source reads generator choices from fuzz input; past its end it yields
// zeros, so every input makes a condition.
type source struct {
	b []byte
	i int
}

func (s *source) byte() byte {
	if s.i >= len(s.b) {
		return 0
	}
	c := s.b[s.i]
	s.i++
	return c
}

func (s *source) pick(n int) int { return int(s.byte()) % n }

func pickFrom[T any](s *source, xs []T) T { return xs[s.pick(len(xs))] }

// Field pools by shape.
var (
	textFields = []string{"ka.user.name", "ka.verb", "ka.uri", "ka.target.resource", "ka.target.namespace",
		"ka.target.name", "ka.useragent", "ka.response.code", "ka.target.subresource", "ka.req.binding.role",
		"ka.uri.param[pretty]", "jevt.value[/stage]", "ka.auth.decision", "ka.impuser.name"}
	listFields = []string{"ka.user.groups", "ka.req.pod.containers.image", "ka.req.pod.containers.image[0]",
		"ka.req.pod.volumes.hostpath", "ka.req.role.rules.verbs", "ka.req.binding.subjects.user_names",
		"ka.req.pod.containers.privileged", "ka.sourceips"}
	numFields = []string{"jevt.rawtime"}
	words     = []string{"admin", "system:", "create", "delete", "get", "pods", "/api/v1", "/api",
		"/apis/rbac.authorization.k8s.io", "kube-system", "default", "nginx", "NGINX", "true", "false",
		"system:masters", "system:authenticated", "ResponseComplete", "allow", "403", "200", "201",
		"/var/run/docker.sock", "/etc", "cluster-admin", "kubectl", "busybox", "", "a", "e", "-", "Pod",
		"secrets", "configmaps", "exec", "attach", "minikube-user", "sec"}
	globs   = []string{"*", "a*", "*sec*", "[a-z]*", "?et", "/api/*", "*[!a-z]*", "[", "\\*", "sys*:*", "*/*/*", "[A-Z]*"}
	regexes = []string{"a.*", ".*sec.*", "[a-z]+", "(get|list)", "system:.*", "[0-9]+", ".*"}
	textOps = []string{"=", "!=", "contains", "icontains", "startswith", "endswith", "glob", "iglob",
		"in", "intersects", "pmatch", "exists", "regex", "bcontains", "bstartswith"}
	mods   = []string{"oneof", "anyof", "allof"}
	numOps = []string{"=", "!=", "<", "<=", ">", ">=", "in"}
	xforms = []string{"tolower", "toupper", "basename", "b64"}
)

// Condition makes a condition from fuzz input.
func Condition(input []byte) string {
	s := &source{b: input}
	return s.expr(3)
}

func (s *source) expr(depth int) string {
	if depth == 0 {
		return s.check()
	}
	switch s.pick(6) {
	case 3:
		return s.expr(depth-1) + " and " + s.expr(depth-1)
	case 4:
		return "(" + s.expr(depth-1) + " or " + s.expr(depth-1) + ")"
	case 5:
		return "not " + s.paren(s.expr(depth-1))
	}
	return s.check()
}

func (s *source) paren(e string) string { return "(" + e + ")" }

func (s *source) check() string {
	switch s.pick(8) {
	case 0, 1, 2:
		return s.textCheck(pickFrom(s, textFields))
	case 3:
		return s.listCheck()
	case 4:
		return s.numCheck()
	case 5:
		return s.transformCheck()
	case 6:
		return s.fieldToField()
	}
	return s.modifierCheck()
}

func (s *source) textCheck(lhs string) string {
	op := pickFrom(s, textOps)
	switch op {
	case "exists":
		return lhs + " exists"
	case "in", "intersects", "pmatch":
		return lhs + " " + op + " " + s.list(op == "pmatch")
	case "glob", "iglob":
		return lhs + " " + op + " " + quote(pickFrom(s, globs))
	case "regex":
		return lhs + " regex " + quote(pickFrom(s, regexes))
	case "bcontains", "bstartswith": // for byte buffers only: use the text forms
		op = op[1:]
	}
	return lhs + " " + op + " " + quote(s.word())
}

func (s *source) word() string {
	w := pickFrom(s, words)
	if s.pick(4) == 0 { // a fuzz-chosen suffix of printable bytes
		w += s.rawText()
	}
	return w
}

func (s *source) rawText() string {
	n := s.pick(4)
	var b strings.Builder
	for range n {
		c := 0x20 + s.byte()%0x5f
		if c != '"' && c != '\\' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (s *source) list(paths bool) string {
	n := 1 + s.pick(5)
	if s.pick(4) == 0 { // big sets take the search-tree and table paths
		n = 9 + s.pick(70)
	}
	items := make([]string, n)
	for i := range items {
		if paths {
			items[i] = quote(pickFrom(s, []string{"/api", "/api/v1", "/apis/*", "/", "/etc", "/var/run", "/api/v1/namespaces/*/pods"}))
		} else {
			items[i] = quote(s.word())
		}
	}
	return "(" + strings.Join(items, ", ") + ")"
}

func (s *source) listCheck() string {
	f := pickFrom(s, listFields)
	switch s.pick(5) {
	case 0:
		return f + " exists"
	case 1:
		return f + " intersects " + s.list(false)
	case 2:
		return "len(" + f + ") " + pickFrom(s, numOps[:6]) + " " + fmt.Sprint(s.pick(4))
	}
	return f + " in " + s.list(false)
}

func (s *source) numCheck() string {
	f := pickFrom(s, numFields)
	vals := []string{"0", "1", "1500000000000000000", "1700000000000000000", "18446744073709551615", "0x10"}
	op := pickFrom(s, numOps)
	if op == "in" {
		return f + " in (" + pickFrom(s, vals) + ", " + pickFrom(s, vals) + ")"
	}
	return f + " " + op + " " + pickFrom(s, vals)
}

func (s *source) transformCheck() string {
	f := pickFrom(s, textFields)
	if s.pick(3) == 0 {
		return "len(" + f + ") " + pickFrom(s, numOps[:6]) + " " + fmt.Sprint(s.pick(20))
	}
	lhs := pickFrom(s, xforms) + "(" + f + ")"
	if s.pick(4) == 0 {
		lhs = pickFrom(s, xforms[:2]) + "(" + lhs + ")"
	}
	return s.textCheck(lhs)
}

func (s *source) fieldToField() string {
	if s.pick(4) == 0 { // membership in another field's values
		lhs := pickFrom(s, append(textFields[:4:4], listFields...))
		return lhs + " " + pickFrom(s, []string{"in", "intersects"}) + " val(" + pickFrom(s, append(listFields[:3:3], textFields[:3]...)) + ")"
	}
	a, b := pickFrom(s, textFields), pickFrom(s, textFields)
	op := pickFrom(s, []string{"=", "!=", "contains", "startswith", "endswith", "glob", "icontains", "<", ">="})
	rhs := "val(" + b + ")"
	if s.pick(3) == 0 {
		rhs = pickFrom(s, xforms[:3]) + "(" + b + ")"
	}
	return a + " " + op + " " + rhs
}

func (s *source) modifierCheck() string {
	f := pickFrom(s, textFields)
	op := pickFrom(s, []string{"=", "!=", "contains", "startswith", "endswith", "icontains", "glob"})
	items := s.list(false)
	if op == "glob" {
		items = "(" + quote(pickFrom(s, globs)) + ", " + quote(pickFrom(s, globs)) + ")"
	}
	return f + " " + op + " " + pickFrom(s, mods) + " " + items
}

// quote writes a double-quoted literal (the pools hold no '"').
func quote(w string) string {
	return `"` + strings.ReplaceAll(w, `\`, `\\`) + `"`
}
