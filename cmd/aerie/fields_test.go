package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
)

func TestFieldsText(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runFields([]string{"--source", "k8s_audit"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	text := out.String()
	for _, want := range []string{
		"Source k8s_audit (",
		"ka.uri.param[<key>]",
		"jevt.value[<json-pointer>]",
		"ka.req.pod.containers.image[<index>]?",
		"list(string)",
		"Deprecated: use ka.req.pod.containers.image.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(text, "proc.name") {
		t.Error("--source k8s_audit listed syscall fields")
	}
}

func TestFieldsJSON(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runFields([]string{"--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got []sourceJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Source != "k8s_audit" || got[1].Source != "syscall" ||
		len(got[0].Fields) != len(fields.K8sAudit.Fields) || len(got[1].Fields) != len(fields.Syscall.Fields) {
		t.Fatalf("sources %+v", got)
	}
	for _, f := range got[1].Fields {
		if f.Name == "evt.arg" && (!f.Prefix || f.Arg != "optional" || f.ArgKind != "index" || f.Type != "string") {
			t.Errorf("evt.arg = %+v", f)
		}
		if f.Name == "fd.net" && (f.Type != "ipnet" || !f.NoRHS) {
			t.Errorf("fd.net = %+v", f)
		}
	}
}

func TestFieldsUnknownSource(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runFields([]string{"--source", "nope"}, &out, &errb); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if want := `aerie fields: unknown source "nope" (known: k8s_audit, syscall)`; !strings.Contains(errb.String(), want) {
		t.Errorf("stderr %q", errb.String())
	}
}
