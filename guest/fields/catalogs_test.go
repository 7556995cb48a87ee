package fields_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/tests/testenv"
)

// fieldToken finds what looks like a field reference: a known class prefix,
// dotted name and optional [argument], not glued to a longer dotted word
// (registry.k8s.io is not a field).
var fieldToken = regexp.MustCompile(`(?:^|[^A-Za-z0-9_.\-/%])(%?)((?:evt|proc|thread|fd|fs|user|group|container|k8s|syscall|ka|jevt|json)\.[A-Za-z0-9_.]*[A-Za-z0-9_])(\[[^\]]*\])?`)

var quoted = regexp.MustCompile(`"[^"]*"|'[^']*'`)

// refsIn extracts field references from a condition (quoted strings removed)
// or from an output (only %field tokens).
func refsIn(text string, output bool) []fields.Ref {
	if !output {
		text = quoted.ReplaceAllString(text, `""`)
	}
	var refs []fields.Ref
	for _, m := range fieldToken.FindAllStringSubmatch(text, -1) {
		if output && m[1] != "%" {
			continue
		}
		r := fields.Ref{Name: m[2]}
		if m[3] != "" {
			r.Arg, r.HasArg = m[3][1:len(m[3])-1], true
		}
		refs = append(refs, r)
	}
	return refs
}

// fileRefs returns every field reference in the conditions and outputs of a
// rules file's macros and rules.
func fileRefs(t *testing.T, path string) []fields.Ref {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := yaml.Unmarshal(data, &items); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	var refs []fields.Ref
	for _, it := range items {
		if c, ok := it["condition"].(string); ok {
			refs = append(refs, refsIn(c, false)...)
		}
		if o, ok := it["output"].(string); ok {
			refs = append(refs, refsIn(o, true)...)
		}
	}
	return refs
}

func checkRef(t *testing.T, c *fields.Catalog, file string, r fields.Ref) {
	t.Helper()
	f, rest, ok := c.Lookup(r.Name)
	switch {
	case !ok:
		t.Errorf("%s: field %s not in the %s catalog", file, r, c.Source)
	case r.HasArg && f.Arg == fields.ArgNone:
		t.Errorf("%s: field %s takes no argument", file, r)
	case !r.HasArg && rest == "" && f.Arg == fields.ArgRequired:
		t.Errorf("%s: field %s needs an argument", file, r)
	}
}

func TestCompatSyscallFieldsResolve(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testenv.Compat(t, "syscall", "rules"), "*.yaml"))
	files = append(files, testenv.Compat(t, "k8saudit", "rules", "extra", "falco_rules.yaml"))
	if len(files) < 3 {
		t.Fatalf("expected at least 3 syscall rules files, found %v", files)
	}
	n := 0
	for _, f := range files {
		for _, r := range fileRefs(t, f) {
			if strings.HasPrefix(r.Name, "ka.") || strings.HasPrefix(r.Name, "jevt.") {
				continue
			}
			checkRef(t, fields.Syscall, filepath.Base(f), r)
			n++
		}
	}
	if n < 1000 {
		t.Errorf("only %d field references found; extraction is broken", n)
	}
}

func TestCompatK8sAuditFieldsResolve(t *testing.T) {
	var files []string
	root := testenv.Compat(t, "k8saudit", "rules")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".yaml") && filepath.Base(p) != "falco_rules.yaml" {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		for _, r := range fileRefs(t, f) {
			if strings.HasPrefix(r.Name, "ka.") || strings.HasPrefix(r.Name, "jevt.") || strings.HasPrefix(r.Name, "json.") {
				checkRef(t, fields.K8sAudit, filepath.Base(f), r)
				n++
			}
		}
	}
	if n < 300 {
		t.Errorf("only %d field references found; extraction is broken", n)
	}
}

func TestCatalogsWellFormed(t *testing.T) {
	for _, src := range fields.Sources() {
		c := fields.For(src)
		if c == nil || c.Source != src {
			t.Fatalf("For(%q) = %v", src, c)
		}
		for _, f := range c.Fields {
			if f.Type < fields.String || f.Type > fields.Double || f.Doc == "" {
				t.Errorf("%s: field %s has type %v, doc %q", src, f.Name, f.Type, f.Doc)
			}
			if f.Arg == fields.ArgNone && f.ArgKind != fields.ArgKey {
				t.Errorf("%s: field %s has an argument kind but takes no argument", src, f.Name)
			}
			if got, _, ok := c.Lookup(f.Name); !f.Prefix && (!ok || got.Name != f.Name) {
				t.Errorf("%s: Lookup(%s) does not find itself", src, f.Name)
			}
		}
	}
	if fields.For("nope") != nil {
		t.Error("For(unknown source) is not nil")
	}
}

func TestCatalogSpecifics(t *testing.T) {
	cases := []struct {
		c           *fields.Catalog
		name, rest  string
		typ         fields.Type
		list, norhs bool
		arg         fields.ArgMode
		kind        fields.ArgKind
	}{
		{fields.K8sAudit, "ka.uri.param", "", fields.String, false, false, fields.ArgRequired, fields.ArgKey},
		{fields.K8sAudit, "jevt.value", "", fields.String, false, false, fields.ArgRequired, fields.ArgPointer},
		{fields.K8sAudit, "ka.req.pod.containers.image", "", fields.String, true, false, fields.ArgOptional, fields.ArgIndex},
		{fields.K8sAudit, "ka.user.groups", "", fields.String, true, false, fields.ArgNone, fields.ArgKey},
		{fields.K8sAudit, "jevt.rawtime", "", fields.Uint, false, false, fields.ArgNone, fields.ArgKey},
		{fields.Syscall, "evt.arg.flags", "flags", fields.String, false, false, fields.ArgOptional, fields.ArgIndex},
		{fields.Syscall, "evt.arg", "", fields.String, false, false, fields.ArgOptional, fields.ArgIndex},
		{fields.Syscall, "evt.rawarg.res", "res", fields.Int, false, false, fields.ArgNone, fields.ArgKey},
		{fields.Syscall, "proc.aname", "", fields.String, false, true, fields.ArgOptional, fields.ArgIndex},
		{fields.Syscall, "fd.sip", "", fields.IPAddr, false, false, fields.ArgNone, fields.ArgKey},
		{fields.Syscall, "fd.net", "", fields.IPNet, false, true, fields.ArgNone, fields.ArgKey},
		{fields.Syscall, "fd.sport", "", fields.Uint, false, false, fields.ArgNone, fields.ArgKey},
		{fields.Syscall, "fd.num", "", fields.Int, false, false, fields.ArgNone, fields.ArgKey},
		{fields.Syscall, "proc.env", "", fields.String, false, false, fields.ArgOptional, fields.ArgKey},
		{fields.Syscall, "evt.is_open_write", "", fields.Bool, false, false, fields.ArgNone, fields.ArgKey},
	}
	for _, tc := range cases {
		f, rest, ok := tc.c.Lookup(tc.name)
		if !ok {
			t.Errorf("%s not found", tc.name)
			continue
		}
		if rest != tc.rest || f.Type != tc.typ || f.List != tc.list || f.NoRHS != tc.norhs || f.Arg != tc.arg || f.ArgKind != tc.kind {
			t.Errorf("%s: got rest %q %+v", tc.name, rest, *f)
		}
	}
	for _, name := range []string{"ka.req.container.image", "ka.req.container.privileged", "ka.req.container.host_network"} {
		if f, _, _ := fields.K8sAudit.Lookup(name); f == nil || f.Deprecated == "" {
			t.Errorf("%s should be marked deprecated", name)
		}
	}
	if _, _, ok := fields.Syscall.Lookup("evt.rawarg"); ok {
		t.Error("evt.rawarg without a name should not resolve")
	}
}

// falco031 is every k8s audit field of Falco 0.31.1 (json_evt.cpp).
var falco031 = strings.Fields(`jevt.obj jevt.rawtime jevt.time jevt.time.iso8601 jevt.value
ka.auditid ka.auth.decision ka.auth.reason ka.impuser.name ka.req.binding.role
ka.req.binding.subject.has_name ka.req.binding.subjects ka.req.configmap.name ka.req.configmap.obj
ka.req.container.host_network ka.req.container.image ka.req.container.image.repository
ka.req.container.privileged ka.req.pod.containers.add_capabilities
ka.req.pod.containers.allow_privilege_escalation ka.req.pod.containers.eff_run_as_group
ka.req.pod.containers.eff_run_as_user ka.req.pod.containers.host_port ka.req.pod.containers.image
ka.req.pod.containers.image.repository ka.req.pod.containers.privileged
ka.req.pod.containers.proc_mount ka.req.pod.containers.read_only_fs
ka.req.pod.containers.run_as_group ka.req.pod.containers.run_as_user ka.req.pod.fs_group
ka.req.pod.host_ipc ka.req.pod.host_network ka.req.pod.host_pid ka.req.pod.run_as_group
ka.req.pod.run_as_user ka.req.pod.supplemental_groups ka.req.pod.volumes.flexvolume_driver
ka.req.pod.volumes.hostpath ka.req.pod.volumes.volume_type ka.req.role.rules
ka.req.role.rules.apiGroups ka.req.role.rules.nonResourceURLs ka.req.role.rules.resources
ka.req.role.rules.verbs ka.req.service.ports ka.req.service.type ka.req.volume.hostpath
ka.resp.name ka.response.code ka.response.reason ka.stage ka.target.name ka.target.namespace
ka.target.resource ka.target.subresource ka.uri ka.uri.param ka.user.groups ka.user.name
ka.useragent ka.verb`)

func TestK8sAuditCatalogCoversFalcoAndPlugin(t *testing.T) {
	if len(falco031) != 62 {
		t.Fatalf("Falco 0.31 list has %d names, want 5 jevt + 57 ka", len(falco031))
	}
	for _, n := range falco031 {
		if _, _, ok := fields.K8sAudit.Lookup(n); !ok {
			t.Errorf("Falco 0.31 field %s missing", n)
		}
	}
	ka, js := 0, 0
	for _, f := range fields.K8sAudit.Fields {
		switch {
		case strings.HasPrefix(f.Name, "ka.") && f.Name != "ka.cluster":
			ka++
		case strings.HasPrefix(f.Name, "json."):
			js++
		}
	}
	if ka != 100 || js != 3 {
		t.Errorf("%d ka.* fields (plugin 0.18 has 100), %d json.* (json plugin has 3)", ka, js)
	}
	for _, n := range []string{"ka.req.pod.initContainers.host_port", "ka.req.pod.ephemeralContainers.add_capabilities",
		"ka.target.pod.name", "ka.req.binding.subjects.serviceaccount_ns_names", "ka.sourceips", "ka.cluster.name"} {
		if _, _, ok := fields.K8sAudit.Lookup(n); !ok {
			t.Errorf("plugin field %s missing", n)
		}
	}
	if _, _, ok := fields.K8sAudit.Lookup("ka.req.pod.ephemeralContainers.host_port"); ok {
		t.Error("ephemeral containers have no host_port field in the plugin")
	}
}
