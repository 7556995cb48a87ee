package checker

import (
	"strings"

	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/parser"
)

// exceptionError is an exception that cannot be compiled.
type exceptionError struct {
	ex  *loader.Exception
	msg string
}

// FoldExceptions compiles a rule's exceptions into its condition text
// exactly as Falco does: "(" cond ")" followed by " and not (…)" for
// every exception that has values.
func FoldExceptions(cond loader.Text, exs []*loader.Exception) (loader.Text, *exceptionError) {
	if len(exs) == 0 {
		return cond, nil
	}
	out := loader.Cat(loader.Plain("("), cond, loader.Plain(")"))
	for _, ex := range exs {
		icond, err := exceptionCond(ex)
		if err != nil {
			return out, err
		}
		if icond != "" {
			out = loader.Cat(out, loader.Plain(" and not "+icond))
		}
	}
	return out, nil
}

func exceptionCond(ex *loader.Exception) (string, *exceptionError) {
	if !ex.Fields.IsList {
		return singleForm(ex)
	}
	var tuples []string
	for _, v := range ex.Values {
		if len(v.Items) != len(ex.Fields.Items) {
			return "", &exceptionError{ex, "Fields and values lists must have equal length"}
		}
		terms := make([]string, len(ex.Fields.Items))
		for k, f := range ex.Fields.Items {
			comp := ex.Comps.Items[k].Item
			terms[k] = " " + f.Item + " " + comp + " " + exceptionValue(v.Items[k], comp)
		}
		tuples = append(tuples, "("+strings.Join(terms, " and ")+")")
	}
	if len(tuples) == 0 {
		return "", nil
	}
	return "(" + strings.Join(tuples, " or ") + ")", nil
}

func singleForm(ex *loader.Exception) (string, *exceptionError) {
	if len(ex.Values) == 0 {
		return "", nil
	}
	vals := make([]string, len(ex.Values))
	for i, v := range ex.Values {
		if v.IsList {
			return "", &exceptionError{ex, "Expected values array to contain a list of strings"}
		}
		vals[i] = QuoteItem(v.Item)
	}
	return "(" + ex.Fields.Item + " " + ex.Comps.Item + " (" + strings.Join(vals, ", ") + "))", nil
}

func exceptionValue(v loader.Entry, comp string) string {
	if v.IsList {
		q := make([]string, len(v.Items))
		for i, e := range v.Items {
			q[i] = QuoteItem(e.Item)
		}
		return "(" + strings.Join(q, ", ") + ")"
	}
	s := QuoteItem(v.Item)
	if listComp(comp) && !strings.HasPrefix(s, "(") {
		s = "(" + s + ")"
	}
	return s
}

// listComp reports whether an exception comparison takes a list: in,
// intersects, pmatch, or a string operator with a modifier.
func listComp(comp string) bool {
	if op, ok := parser.LookupOp(comp); ok {
		return op.ListOp()
	}
	return len(strings.Fields(comp)) == 2
}
