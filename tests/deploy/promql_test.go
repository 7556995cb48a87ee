package deploy

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// exported is what a running server's /metrics exposes: every series name
// (histograms as _bucket, _sum, _count) with its label names.
type exported map[string]map[string]bool

// parseExposition reads Prometheus' text format.
func parseExposition(text string) exported {
	ex := exported{}
	types := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) == 4 && f[0] == "#" && f[1] == "TYPE" {
			types[f[2]] = f[3]
			for _, n := range seriesNames(f[2], f[3]) {
				if ex[n] == nil {
					ex[n] = map[string]bool{}
				}
			}
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest, _ := strings.Cut(line, "{")
		name = strings.Fields(name)[0]
		if ex[name] == nil {
			ex[name] = map[string]bool{}
		}
		if labels, _, ok := strings.Cut(rest, "}"); ok {
			for _, m := range labelPair.FindAllStringSubmatch(labels, -1) {
				ex[name][m[1]] = true
			}
		}
	}
	return ex
}

var labelPair = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"`)

func seriesNames(base, typ string) []string {
	switch typ {
	case "histogram":
		return []string{base + "_bucket", base + "_sum", base + "_count"}
	case "summary":
		return []string{base, base + "_sum", base + "_count"}
	}
	return []string{base}
}

// targetLabels are the labels Prometheus adds from the scrape target
// (ServiceMonitor endpoints), on top of the exported ones.
var targetLabels = map[string]bool{"namespace": true, "pod": true, "service": true, "endpoint": true,
	"container": true, "instance": true, "job": true}

// external are metrics other exporters provide, which the alert examples
// may use: Prometheus' own up, kube-state-metrics and kube-apiserver.
var external = map[string]map[string]bool{
	"up":                          {},
	"kube_pod_status_ready":       {"condition": true},
	"apiserver_audit_error_total": {"plugin": true},
}

// promql is a query's metric references and grouping labels, found by a
// small tokenizer (enough for checking names, not a PromQL parser).
type promql struct {
	metrics  []metricRef
	grouping []string
}

type metricRef struct {
	name   string
	labels []string
}

var keywords = map[string]bool{"by": true, "without": true, "on": true, "ignoring": true, "group_left": true,
	"group_right": true, "bool": true, "and": true, "or": true, "unless": true, "offset": true,
	// aggregation operators may put their grouping before the parenthesis
	"sum": true, "min": true, "max": true, "avg": true, "group": true, "stddev": true, "stdvar": true,
	"count": true, "count_values": true, "bottomk": true, "topk": true, "quantile": true}

func parsePromQL(q string) (promql, error) {
	var p promql
	lx := &lexer{s: q}
	for {
		tok := lx.next()
		switch {
		case tok == "":
			return p, lx.err
		case keywords[tok] && (tok == "by" || tok == "without" || tok == "on" || tok == "ignoring"):
			p.grouping = append(p.grouping, lx.parenList()...)
		case isIdent(tok) && !keywords[tok]:
			if lx.peek() == '(' {
				continue // a function
			}
			ref := metricRef{name: tok}
			if lx.peek() == '{' {
				ref.labels = lx.matchers()
			}
			p.metrics = append(p.metrics, ref)
		case tok == "{": // a selector without a name
			return p, fmt.Errorf("selector without a metric name in %q", q)
		}
	}
}

type lexer struct {
	s   string
	i   int
	err error
}

func (l *lexer) skipSpace() {
	for l.i < len(l.s) && unicode.IsSpace(rune(l.s[l.i])) {
		l.i++
	}
}

func (l *lexer) peek() byte {
	l.skipSpace()
	if l.i < len(l.s) {
		return l.s[l.i]
	}
	return 0
}

// next returns an identifier or a one-byte token; strings, ranges and
// numbers are skipped.
func (l *lexer) next() string {
	for {
		l.skipSpace()
		if l.i >= len(l.s) {
			return ""
		}
		c := l.s[l.i]
		switch {
		case c == '"' || c == '\'':
			l.skipString(c)
		case c == '[':
			l.skipPast(']')
		case c == '_' || unicode.IsLetter(rune(c)):
			start := l.i
			for l.i < len(l.s) && (l.s[l.i] == '_' || l.s[l.i] == ':' || unicode.IsLetter(rune(l.s[l.i])) || unicode.IsDigit(rune(l.s[l.i]))) {
				l.i++
			}
			return l.s[start:l.i]
		case unicode.IsDigit(rune(c)) || c == '.':
			for l.i < len(l.s) && (unicode.IsDigit(rune(l.s[l.i])) || l.s[l.i] == '.' || l.s[l.i] == 'e') {
				l.i++
			}
		default:
			l.i++
			return string(c)
		}
	}
}

func (l *lexer) skipString(q byte) {
	for l.i++; l.i < len(l.s) && l.s[l.i] != q; l.i++ {
		if l.s[l.i] == '\\' {
			l.i++
		}
	}
	if l.i >= len(l.s) {
		l.err = fmt.Errorf("unterminated string in %q", l.s)
	}
	l.i++
}

func (l *lexer) skipPast(c byte) {
	j := strings.IndexByte(l.s[l.i:], c)
	if j < 0 {
		l.err, l.i = fmt.Errorf("unterminated %q", l.s[l.i:]), len(l.s)
		return
	}
	l.i += j + 1
}

// parenList reads "(a, b, …)" after by/without/on/ignoring.
func (l *lexer) parenList() []string {
	if l.next() != "(" {
		l.err = fmt.Errorf("want ( after grouping keyword in %q", l.s)
		return nil
	}
	var out []string
	for tok := l.next(); tok != ")"; tok = l.next() {
		if tok == "" {
			l.err = fmt.Errorf("unclosed grouping in %q", l.s)
			return out
		}
		if tok != "," {
			out = append(out, tok)
		}
	}
	return out
}

// matchers reads "{a="x", b=~"y"}" and returns the label names.
func (l *lexer) matchers() []string {
	l.next() // {
	var out []string
	for tok := l.next(); tok != "}"; tok = l.next() {
		if tok == "" {
			l.err = fmt.Errorf("unclosed selector in %q", l.s)
			return out
		}
		if isIdent(tok) {
			out = append(out, tok)
		}
	}
	return out
}

func isIdent(s string) bool {
	return s != "" && (s[0] == '_' || unicode.IsLetter(rune(s[0])))
}

// checkQuery reports every metric the query uses that the server does not
// export, and every label it matches or groups by that those metrics lack.
func checkQuery(q string, ex exported) []error {
	p, err := parsePromQL(q)
	if err != nil {
		return []error{err}
	}
	var errs []error
	have := map[string]bool{}
	for k := range targetLabels {
		have[k] = true
	}
	for _, m := range p.metrics {
		labels, ok := ex[m.name]
		if !ok {
			labels, ok = external[m.name]
		}
		if !ok {
			errs = append(errs, fmt.Errorf("metric %s is not exported (query %q)", m.name, q))
			continue
		}
		for l := range labels {
			have[l] = true
		}
		for _, l := range m.labels {
			if !labels[l] && !targetLabels[l] {
				errs = append(errs, fmt.Errorf("metric %s has no label %q (query %q)", m.name, l, q))
			}
		}
	}
	for _, l := range p.grouping {
		if !have[l] {
			errs = append(errs, fmt.Errorf("grouping label %q is on none of the query's metrics (query %q)", l, q))
		}
	}
	if len(p.metrics) == 0 {
		errs = append(errs, fmt.Errorf("query %q uses no metric", q))
	}
	return errs
}
