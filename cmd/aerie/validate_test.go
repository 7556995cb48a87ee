package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeRules(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodRules = `- macro: spawn
  condition: evt.type = execve
- rule: Shell
  desc: a shell
  condition: spawn and proc.name in (bash, sh)
  output: shell %proc.name
  priority: info
  tags: [shell, b]
`

func TestValidateOK(t *testing.T) {
	p := writeRules(t, goodRules)
	var out, errb bytes.Buffer
	if code := runValidate([]string{"--rules", p}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	if got := out.String(); got != p+": Ok\n" {
		t.Errorf("stdout = %q", got)
	}
}

func TestValidateErrors(t *testing.T) {
	p := writeRules(t, "- rule: R\n  desc: d\n  condition: proc.nme = x\n  output: o\n  priority: info\n")
	var out, errb bytes.Buffer
	if code := runValidate([]string{"--rules", p}, &out, &errb); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	want := p + ":3:14: error LOAD_ERR_COMPILE_CONDITION: rule 'R': filter_check called with nonexistent field proc.nme"
	if !strings.Contains(errb.String(), want) {
		t.Errorf("stderr = %q\nwant it to contain %q", errb.String(), want)
	}
	out.Reset()
	if code := runValidate([]string{"--rules", p, "--json"}, &out, &errb); code != 1 {
		t.Fatalf("--json exit %d, want 1", code)
	}
	var res struct {
		Successful bool
		Errors     []diagJSON
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Successful || len(res.Errors) != 1 || res.Errors[0].Line != 3 || res.Errors[0].Column != 14 {
		t.Errorf("json = %+v", res)
	}
}

func TestValidateStopsAtInvalidFile(t *testing.T) {
	bad := writeRules(t, "- rule: R\n  desc: d\n  condition: (\n  output: o\n  priority: info\n")
	good := writeRules(t, goodRules)
	var out, errb bytes.Buffer
	if code := runValidate([]string{"--rules", bad, "--rules", good}, &out, &errb); code != 1 {
		t.Fatalf("exit %d", code)
	}
	want := bad + ": Invalid\n" + good + ": Not loaded (an earlier file is invalid)\n"
	if out.String() != want {
		t.Errorf("stdout = %q, want %q", out.String(), want)
	}
}

func TestValidateUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runValidate(nil, &out, &errb); code != 2 {
		t.Errorf("no --rules: exit %d, want 2", code)
	}
}

func TestRulesDescribe(t *testing.T) {
	p := writeRules(t, goodRules)
	var out, errb bytes.Buffer
	if code := runRules([]string{"--rules", p, "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rules []ruleJSON
	if err := json.Unmarshal(out.Bytes(), &rules); err != nil {
		t.Fatal(err)
	}
	if len(rules) != 1 {
		t.Fatalf("rules = %+v", rules)
	}
	r := rules[0]
	if r.Name != "Shell" || r.Priority != "Informational" || r.Source != "syscall" || !r.Enabled ||
		strings.Join(r.Tags, ",") != "b,shell" || strings.Join(r.EventTypes, ",") != "execve" ||
		r.Condition != "spawn and proc.name in (bash, sh)" {
		t.Errorf("rule = %+v", r)
	}
	out.Reset()
	if code := runRules([]string{"--rules", p}, &out, &errb); code != 0 || !strings.Contains(out.String(), "event types: execve") {
		t.Errorf("text: exit %d, %q", code, out.String())
	}
}

// --falco-json prints Falco's falco_load_results: one result per file up to
// the first invalid one, each diagnostic with the file's location and the
// item's (line, column and byte offset), its code, description and message.
func TestValidateFalcoJSON(t *testing.T) {
	warn := writeRules(t, "- list: l\n  items: [a]\n"+goodRules)
	bad := writeRules(t, "- rule: R\n  desc: d\n  condition: proc.nme = x\n  output: o\n  priority: info\n")
	never := writeRules(t, goodRules)
	var out, errb bytes.Buffer
	if code := runValidate([]string{"--rules", warn, "--rules", bad, "--rules", never, "--falco-json"}, &out, &errb); code != 1 {
		t.Fatalf("exit %d, want 1 (stderr %s)", code, errb.String())
	}
	var doc falcoLoadResults
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	rs := doc.Results
	if len(rs) != 2 || rs[0].Name != warn || !rs[0].Successful || rs[1].Name != bad || rs[1].Successful {
		t.Fatalf("results %+v: want the warning file ok, the bad one failed, nothing after", rs)
	}
	if len(rs[0].Warnings) != 1 || rs[0].Warnings[0].Code != "LOAD_UNUSED_LIST" || rs[0].Warnings[0].CodeDesc != "Unused list" {
		t.Errorf("warnings %+v", rs[0].Warnings)
	}
	if len(rs[1].Errors) != 1 {
		t.Fatalf("errors %+v", rs[1].Errors)
	}
	e := rs[1].Errors[0]
	loc := e.Context.Locations
	if e.Code != "LOAD_ERR_COMPILE_CONDITION" || e.CodeDesc != "Error compiling condition" ||
		e.Message != "filter_check called with nonexistent field proc.nme" || len(loc) != 2 ||
		loc[0].ItemType != "rules content" || loc[1].ItemType != "rule" || loc[1].ItemName != "R" ||
		loc[1].Position != (falcoPosition{Name: bad, Line: 3, Column: 14, Offset: 33}) {
		t.Errorf("error %+v", e)
	}
	if !strings.HasSuffix(e.Context.Snippet, "^") {
		t.Errorf("snippet %q: want the caret line", e.Context.Snippet)
	}
}
