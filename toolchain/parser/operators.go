package parser

import (
	"strings"

	"github.com/aeriesec/aerie/toolchain/ast"
)

// Operator tables in Falco's matching order: "==" before "=", "<=" before
// "<", "intersects" before "in". Word string operators carry the blank
// they require.
var (
	unaryOps = []string{"exists"}
	numOps   = []string{"<=", "<", ">=", ">"}
	strOps   = []string{"==", "=", "!=", "glob ", "iglob ", "contains ", "icontains ",
		"bcontains ", "startswith ", "bstartswith ", "endswith ", "regex "}
	listOps   = []string{"intersects", "in", "pmatch"}
	modifiers = []string{"oneof", "anyof", "allof"}

	transformers = []string{"tolower(", "toupper(", "b64(", "basename(", "len(",
		"join(", "concat(", "getopt("}
)

var opByName = map[string]ast.Op{
	"exists": ast.OpExists, "<=": ast.OpLe, "<": ast.OpLt, ">=": ast.OpGe, ">": ast.OpGt,
	"==": ast.OpEq, "=": ast.OpEq, "!=": ast.OpNe, "glob": ast.OpGlob, "iglob": ast.OpIGlob,
	"contains": ast.OpContains, "icontains": ast.OpIContains, "bcontains": ast.OpBContains,
	"startswith": ast.OpStartsWith, "bstartswith": ast.OpBStartsWith, "endswith": ast.OpEndsWith,
	"regex": ast.OpRegex, "intersects": ast.OpIntersects, "in": ast.OpIn, "pmatch": ast.OpPMatch,
}

var modByName = map[string]ast.Modifier{"oneof": ast.ModOneOf, "anyof": ast.ModAnyOf, "allof": ast.ModAllOf}

// LookupOp returns the operator spelled s ("=", "startswith", …).
func LookupOp(s string) (ast.Op, bool) {
	op, ok := opByName[s]
	return op, ok
}

// LookupModifier returns the modifier spelled s ("oneof", …).
func LookupModifier(s string) (ast.Modifier, bool) {
	m, ok := modByName[s]
	return m, ok
}

// StringOp reports whether op accepts a modifier (Falco's string operators).
func StringOp(op ast.Op) bool {
	for _, s := range strOps {
		if opByName[strings.TrimSpace(s)] == op {
			return true
		}
	}
	return false
}

// Operators lists the check operators in Falco's order, as its error
// messages print them.
func Operators() []string {
	var out []string
	for _, l := range [][]string{unaryOps, numOps, strOps, listOps} {
		for _, s := range l {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// Transformers lists the transformer names; withVal puts "val" first.
func Transformers(withVal bool) []string {
	var out []string
	if withVal {
		out = append(out, "val")
	}
	for _, t := range transformers {
		out = append(out, strings.TrimSuffix(t, "("))
	}
	return out
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = "'" + s + "'"
	}
	return strings.Join(q, ", ")
}
