package codegen

import "github.com/aeriesec/aerie/toolchain/wasm"

// Function indexes: the three imports, then the support routines, then one
// function per rule, then eval_batch.
const (
	fnField  uint32 = iota // import aerie.field(evt, id) -> rec
	fnRegex                // import aerie.regex(id, ptr, len) -> 0|1
	fnFields               // import aerie.fields(evt, ids, n, out) -> 0
	fnAlloc
	fnFld
	fnLower
	fnMemEq
	fnMemEqFold
	fnStrEq
	fnStrCmp
	fnStarts
	fnEnds
	fnContains
	fnIContains
	fnEqByte
	fnInRange
	fnGlobBracket
	fnGlobStep
	fnGlob
	fnHasMeta
	fnPMatch
	fnSetHas
	fnListAll
	fnListAny
	fnNumSetHas
	fnToLower
	fnToUpper
	fnBasename
	fnB64
	fnLenText
	fnLenBytes
	fnLenList
	fnConcat2
	fnJoin
	fnNumRec
	fnIPUnmap
	fnIPEq
	fnInNet
	fnUpper
	fnList1
	fnListBytes
	fnListCat
	fnDecRec
	numFns
)

const numImports = 3

// routine describes one support routine.
type routine struct {
	name    string
	params  []wasm.ValType
	results []wasm.ValType
	pnames  []string
	body    func(g *gen, f *fn)
}

func p32(names ...string) []wasm.ValType { return params(len(names)) }

// routines lists the support routines in function-index order.
func routines() []routine {
	r := func(name string, body func(*gen, *fn), pnames ...string) routine {
		return routine{name: name, params: p32(pnames...), results: vI32, pnames: pnames, body: body}
	}
	return []routine{
		r("alloc", (*gen).rtAlloc, "n"),
		r("fld", (*gen).rtFld, "evt", "id"),
		r("lower", (*gen).rtLower, "c"),
		r("memeq", (*gen).rtMemEq, "a", "b", "n"),
		r("memeq_fold", (*gen).rtMemEqFold, "a", "b", "n"),
		r("str_eq", (*gen).rtStrEq, "x", "y"),
		r("str_cmp", (*gen).rtStrCmp, "x", "y"),
		r("starts", (*gen).rtStarts, "s", "p"),
		r("ends", (*gen).rtEnds, "s", "p"),
		r("contains", (*gen).rtContains, "s", "p"),
		r("icontains", (*gen).rtIContains, "s", "p"),
		r("eq_byte", (*gen).rtEqByte, "a", "b", "fold"),
		r("in_range", (*gen).rtInRange, "c", "lo", "hi", "fold"),
		r("glob_bracket", (*gen).rtGlobBracket, "p", "pl", "start", "c", "fold"),
		r("glob_step", (*gen).rtGlobStep, "p", "pl", "pi", "c", "fold"),
		r("glob", (*gen).rtGlob, "s", "sl", "p", "pl", "fold"),
		r("has_meta", (*gen).rtHasMeta, "p", "n"),
		r("pmatch", (*gen).rtPMatch, "s", "pat"),
		r("set_has", (*gen).rtSetHas, "tbl", "s"),
		r("list_all", (*gen).rtListAll, "lst", "tbl"),
		r("list_any", (*gen).rtListAny, "lst", "tbl"),
		{name: "num_set_has", params: []wasm.ValType{i32, i64}, results: vI32, pnames: []string{"tbl", "v"}, body: (*gen).rtNumSetHas},
		r("tolower", (*gen).rtToLower, "s"),
		r("toupper", (*gen).rtToUpper, "s"),
		r("basename", (*gen).rtBasename, "s"),
		r("b64", (*gen).rtB64, "s"),
		r("len_text", (*gen).rtLenText, "s"),
		r("len_bytes", (*gen).rtLenBytes, "s"),
		r("len_list", (*gen).rtLenList, "s"),
		r("concat2", (*gen).rtConcat2, "a", "b"),
		r("join", (*gen).rtJoin, "sep", "lst"),
		{name: "num_rec", params: []wasm.ValType{i64}, results: vI32, pnames: []string{"v"}, body: (*gen).rtNumRec},
		r("ip_unmap", (*gen).rtIPUnmap, "r"),
		r("ip_eq", (*gen).rtIPEq, "x", "y"),
		r("in_net", (*gen).rtInNet, "a", "n"),
		r("upper", (*gen).rtUpper, "c"),
		r("list1", (*gen).rtList1, "t"),
		r("list_bytes", (*gen).rtListBytes, "l"),
		r("list_cat", (*gen).rtListCat, "a", "b"),
		r("dec_rec", (*gen).rtDecRec, "t"),
	}
}
