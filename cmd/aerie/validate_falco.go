package main

import (
	"bytes"
	"os"
	"strings"

	"github.com/aeriesec/aerie/toolchain/diag"
)

// falco_load_results: the document `falco -V FILE -o json_output=true`
// prints, for tools written against Falco's validation output.

type falcoLoadResults struct {
	Results []falcoFileResult `json:"falco_load_results"`
}

type falcoFileResult struct {
	Name           string            `json:"name"`
	Successful     bool              `json:"successful"`
	SchemaValid    string            `json:"schema_valid"`
	SchemaWarnings []string          `json:"schema_warnings"`
	Errors         []falcoDiagnostic `json:"errors"`
	Warnings       []falcoDiagnostic `json:"warnings"`
}

type falcoDiagnostic struct {
	Context  falcoContext `json:"context"`
	Code     string       `json:"code"`
	CodeDesc string       `json:"codedesc"`
	Message  string       `json:"message"`
}

type falcoContext struct {
	Locations []falcoLocation `json:"locations"`
	Snippet   string          `json:"snippet"`
}

type falcoLocation struct {
	ItemType string        `json:"item_type"`
	ItemName string        `json:"item_name"`
	Position falcoPosition `json:"position"`
}

type falcoPosition struct {
	Name   string `json:"name"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Offset int    `json:"offset"`
}

// codeDesc is Falco's description of each load-result code.
var codeDesc = map[string]string{
	"LOAD_ERR_FILE_READ":             "File read error",
	"LOAD_ERR_YAML_PARSE":            "YAML parse error",
	"LOAD_ERR_YAML_VALIDATE":         "Error validating internal structure of YAML file",
	"LOAD_ERR_COMPILE_CONDITION":     "Error compiling condition",
	"LOAD_ERR_COMPILE_OUTPUT":        "Error compiling output",
	"LOAD_ERR_VALIDATE":              "Error validating rule/macro/list/exception objects",
	"LOAD_ERR_EXTENSION":             "Error in extension item",
	"LOAD_UNKNOWN_SOURCE":            "Unknown event source",
	"LOAD_UNSAFE_NA_CHECK":           "Unsafe <NA> comparison in condition",
	"LOAD_NO_EVTTYPE":                "Condition has no event-type restriction",
	"LOAD_UNKNOWN_FILTER":            "Unknown field or event-type in condition or output",
	"LOAD_UNUSED_MACRO":              "Unused macro",
	"LOAD_UNUSED_LIST":               "Unused list",
	"LOAD_UNKNOWN_ITEM":              "Unknown rules file item",
	"LOAD_DEPRECATED_ITEM":           "Used deprecated item",
	"LOAD_WARNING_EXTENSION":         "Warning in extension item",
	"LOAD_APPEND_NO_VALUES":          "Overriding/appending with no values",
	"LOAD_EXCEPTION_NAME_NOT_UNIQUE": "Multiple exceptions defined with the same name",
	"LOAD_INVALID_MACRO_NAME":        "Invalid macro name",
	"LOAD_INVALID_LIST_NAME":         "Invalid list name",
	"LOAD_COMPILE_CONDITION":         "Warning in rule condition",
	"LOAD_UNKNOWN_KEY":               "Unknown key",
}

// falcoResults groups ds by file, in load order, up to the first invalid
// file (Falco loads no further).
func falcoResults(files []string, ds diag.List) falcoLoadResults {
	var out falcoLoadResults
	for _, f := range files {
		r := falcoFileResult{Name: f, Successful: true, SchemaValid: "none",
			SchemaWarnings: []string{}, Errors: []falcoDiagnostic{}, Warnings: []falcoDiagnostic{}}
		src, _ := os.ReadFile(f)
		for _, d := range ds {
			if d.Pos.File != f {
				continue
			}
			fd := falcoDiag(d, src)
			if d.Severity == diag.Error {
				r.Successful = false
				r.Errors = append(r.Errors, fd)
			} else {
				r.Warnings = append(r.Warnings, fd)
			}
		}
		out.Results = append(out.Results, r)
		if !r.Successful {
			break
		}
	}
	return out
}

// falcoDiag renders d as Falco does: the file's location, then the item's.
func falcoDiag(d diag.Diagnostic, src []byte) falcoDiagnostic {
	locs := []falcoLocation{{ItemType: "rules content", Position: falcoPosition{Name: d.Pos.File}}}
	typ, name := splitItem(d.Item)
	locs = append(locs, falcoLocation{ItemType: typ, ItemName: name, Position: falcoPosition{
		Name: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col, Offset: offsetOf(src, d.Pos.Line, d.Pos.Col)}})
	return falcoDiagnostic{Context: falcoContext{Locations: locs, Snippet: d.Snippet},
		Code: d.Code, CodeDesc: codeDesc[d.Code], Message: d.Message}
}

// splitItem turns "rule 'Terminal shell'" into ("rule", "Terminal shell").
func splitItem(item string) (typ, name string) {
	typ, rest, ok := strings.Cut(item, " ")
	if !ok {
		return item, ""
	}
	return typ, strings.Trim(rest, "'")
}

// offsetOf is the byte offset of 1-based line and column in src, 0 when
// out of range.
func offsetOf(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0
		}
		off += i + 1
	}
	if col < 1 || off+col-1 > len(src) {
		return 0
	}
	return off + col - 1
}
