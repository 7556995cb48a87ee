package toolchain_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/program"
)

func loadOK(t *testing.T, files ...string) *program.Program {
	t.Helper()
	var fs []toolchain.File
	for i, f := range files {
		fs = append(fs, toolchain.File{Name: "f" + string(rune('0'+i)) + ".yaml", Data: []byte(f)})
	}
	prog, ds := toolchain.LoadFiles(fs, toolchain.LoadOptions{})
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds.Err())
	}
	return prog
}

func rule(name, cond string, extra ...string) string {
	s := "- rule: " + name + "\n  desc: d\n  output: out %proc.name\n  priority: info\n  condition: " + cond + "\n"
	for _, e := range extra {
		s += "  " + e + "\n"
	}
	return s
}

func names(p *program.Program, source string) string {
	var out []string
	for _, r := range p.Source(source).Rules {
		out = append(out, r.Name)
	}
	return strings.Join(out, ",")
}

func TestRedefinitionKeepsPosition(t *testing.T) {
	p := loadOK(t, rule("A", "evt.type = open")+rule("B", "evt.type = close", "enabled: false"),
		rule("A", "evt.type = execve", "priority: debug")[0:0]+rule("B", "evt.type = execve"))
	if got := names(p, "syscall"); got != "A,B" {
		t.Fatalf("order = %s", got)
	}
	b := p.Source("syscall").Rules[1]
	if b.Condition != "evt.type = execve" || !b.Enabled {
		t.Errorf("redefined B = %q enabled %v; want the new condition and enabled by default", b.Condition, b.Enabled)
	}
}

func TestAppendAndOverride(t *testing.T) {
	p := loadOK(t, `
- list: shells
  items: [bash]
- list: shells
  items: [zsh]
  override:
    items: append
- macro: m
  condition: evt.type = open
- macro: m
  condition: or evt.type = close
  append: true
`+rule("R", "m and proc.name in (shells)", "tags: [a]")+`
- rule: R
  condition: and proc.pid > 1
  tags: [b, a]
  priority: CRITICAL
  override:
    condition: append
    tags: append
    priority: replace
- rule: R
  enabled: false
`)
	r := p.Source("syscall").Rules[0]
	if r.Condition != "m and proc.name in ( bash, zsh ) and proc.pid > 1" {
		t.Errorf("condition = %q", r.Condition)
	}
	if strings.Join(r.Tags, ",") != "a,b" || r.Priority != program.Critical || r.Enabled {
		t.Errorf("tags %v priority %v enabled %v", r.Tags, r.Priority, r.Enabled)
	}
	if strings.Join(r.EventTypes, ",") != "close,open" {
		t.Errorf("event types = %v", r.EventTypes)
	}
}

// TestMacroFromLaterFile: each file is checked when it is loaded, so a
// rule cannot use a macro that only a later file defines.
func TestMacroFromLaterFile(t *testing.T) {
	fs := []toolchain.File{
		{Name: "a.yaml", Data: []byte(rule("R", "later_macro"))},
		{Name: "b.yaml", Data: []byte("- macro: later_macro\n  condition: evt.type = open\n")},
	}
	_, ds := toolchain.LoadFiles(fs, toolchain.LoadOptions{})
	if len(ds.Errors()) != 1 || ds.Errors()[0].Message != "Undefined macro 'later_macro' used in filter." {
		t.Fatalf("diagnostics = %v", ds)
	}
	loadOK(t, rule("R", "later_macro")+"- macro: later_macro\n  condition: evt.type = open\n")
}

func TestListVisibilityAndUndefinedList(t *testing.T) {
	p := loadOK(t, `
- list: a
  items: [b, x]
- list: b
  items: [y]
- list: c
  items: [b, z]
`+rule("R", "evt.type = open and proc.name in (a, c, undefined_list)"))
	r := p.Source("syscall").Rules[0]
	// a keeps the literal b (b came later); substituting a's text then
	// lets b expand; c expands b (defined earlier); undefined lists stay.
	want := "evt.type = open and proc.name in ( y , x , y, z , undefined_list)"
	if r.Condition != want {
		t.Errorf("condition\n got %q\nwant %q", r.Condition, want)
	}
}

func TestFieldTableAndOutput(t *testing.T) {
	p := loadOK(t, rule("R", "evt.type = open and proc.name = x and fd.name exists", "output: '%fd.name by %user.name %proc.name'")[0:0]+
		"- rule: R\n  desc: d\n  priority: info\n  output: '%fd.name by %toupper(user.name) %5proc.name'\n  condition: evt.type = open and proc.name = x and fd.name exists\n")
	s := p.Source("syscall")
	var refs []string
	for _, f := range s.Fields {
		refs = append(refs, f.String())
	}
	if got := strings.Join(refs, ","); got != "evt.type,proc.name,fd.name,user.name" {
		t.Errorf("field table = %s", got)
	}
	toks := s.Rules[0].Format.Tokens()
	if len(toks) != 3 || toks[1].Funcs[0] != "toupper" || toks[2].Width != 5 || s.Rules[0].Format.Parts[2].Index != 3 {
		t.Errorf("tokens = %+v", toks)
	}
}

func TestHash(t *testing.T) {
	a, b := rule("A", "evt.type = open"), rule("B", "evt.type = close")
	p := loadOK(t, a, b)
	sum := sha256.Sum256([]byte(a + b))
	if p.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("hash = %s", p.Hash)
	}
}

func TestMultiDocumentAndSources(t *testing.T) {
	p := loadOK(t, rule("S", "evt.type = open")+"---\n---\n"+
		"- rule: K\n  desc: d\n  output: o %ka.user.name\n  priority: warning\n  source: k8s_audit\n  condition: ka.verb = create\n- required_engine_version: 15\n- required_plugin_versions:\n  - name: k8saudit\n    version: 0.7.0\n")
	if names(p, "syscall") != "S" || names(p, "k8s_audit") != "K" || p.Sources[0].Name != "k8s_audit" {
		t.Errorf("sources = %+v", p.Sources)
	}
	if p.Source("k8s_audit").Rules[0].EventTypes != nil {
		t.Errorf("k8s_audit rules see every event")
	}
}

func TestNoEvttypeWarning(t *testing.T) {
	src := rule("Many", "evt.type != open") + rule("Quiet", "evt.type != open", "warn_evttypes: false") +
		rule("Few", "evt.type in (open, close)")
	_, ds := toolchain.LoadFiles([]toolchain.File{{Name: "r.yaml", Data: []byte(src)}}, toolchain.LoadOptions{})
	var items []string
	for _, d := range ds.Warnings() {
		if d.Code == "LOAD_NO_EVTTYPE" {
			items = append(items, d.Item)
		}
	}
	if strings.Join(items, ",") != "rule 'Many'" {
		t.Errorf("LOAD_NO_EVTTYPE on %v", items)
	}
}

func TestLoadDirectory(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.yaml", rule("B", "evt.type = open"))
	write("a.yml", rule("A", "evt.type = open"))
	write("c.yaml.b.yaml", rule("C", "evt.type = open"))
	write("d.txt", "not rules")
	p, ds := toolchain.Load([]string{dir}, toolchain.LoadOptions{})
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	if got := names(p, "syscall"); got != "A,B" {
		t.Errorf("rules = %s, want A,B", got)
	}
}

// The host names a source's rules compare domain-name fields with, from
// every rule (disabled ones too: selection can enable them at run time),
// through macros and lists, sorted and unique; other fields' strings are
// not names.
func TestDNSNames(t *testing.T) {
	p := loadOK(t, `
- list: api_names
  items: [kubernetes.default.svc.cluster.local, kubernetes.default]
- macro: k8s_api
  condition: fd.sip.name in (api_names)
- rule: a
  desc: d
  condition: evt.type = connect and k8s_api and not fd.rip.name = "metadata.google.internal"
  output: o
  priority: info
- rule: b
  desc: d
  condition: evt.type = connect and (fd.lip.name = kubernetes.default or fd.name = example.com)
  output: o
  priority: info
  enabled: false
`)
	want := []string{"kubernetes.default", "kubernetes.default.svc.cluster.local", "metadata.google.internal"}
	if got := p.Source("syscall").DNSNames(); !slices.Equal(got, want) {
		t.Errorf("DNSNames() = %q, want %q", got, want)
	}
}
