package rules_test

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/rules"
	"github.com/aeriesec/aerie/runtime/k8saudit"
	"github.com/aeriesec/aerie/runtime/syscall"
	"github.com/aeriesec/aerie/toolchain"
	"github.com/aeriesec/aerie/toolchain/ast"
	"github.com/aeriesec/aerie/toolchain/program"
)

// TestSyscallConditionFieldsAreExtracted guards against conditions that can
// never be true: every field a default syscall rule's condition reads must
// have a value in at least one recorded capture. A field Aerie never
// extracts (container.mount*, fd.dev* …), or one whose source no fixture
// records (pod metadata, resolved names), is missing on every event, so a
// rule requiring it never fires and an exemption built on it exempts
// nothing (docs/rules.md, "Limits worth knowing").
func TestSyscallConditionFieldsAreExtracted(t *testing.T) {
	src := loadDefault(t, "syscall_rules.yaml", "syscall")
	seen := make([]bool, len(src.Fields))
	caps, _ := filepath.Glob(filepath.Join("testdata", "syscall", "*.cap*"))
	if len(caps) < 10 {
		t.Fatalf("found %d captures under testdata/syscall", len(caps))
	}
	for _, p := range caps {
		replaySeen(t, p, src.Fields, seen)
	}
	checkSeen(t, src, seen)
}

// TestK8sAuditConditionFieldsAreExtracted is the same guard for the
// k8s_audit rules over their fixtures.
func TestK8sAuditConditionFieldsAreExtracted(t *testing.T) {
	src := loadDefault(t, "k8s_audit_rules.yaml", "k8s_audit")
	seen := make([]bool, len(src.Fields))
	paths, _ := filepath.Glob(filepath.Join("testdata", "k8s_audit", "*.json"))
	if len(paths) < 10 {
		t.Fatalf("found %d fixtures under testdata/k8s_audit", len(paths))
	}
	b, err := k8saudit.Bind(src.Fields)
	if err != nil {
		t.Fatal(err)
	}
	var d k8saudit.Decoder
	var v fields.Value
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		lr := d.Lines(f)
		for {
			batch, err := lr.Next()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for i := range batch.Events {
				for j := range src.Fields {
					if !seen[j] && b.Field(&batch.Events[i], j, &v) {
						seen[j] = true
					}
				}
			}
			batch.Release()
		}
		f.Close()
	}
	checkSeen(t, src, seen)
}

func loadDefault(t *testing.T, name, source string) *program.Source {
	f, _ := rules.Lookup(name)
	prog, diags := toolchain.LoadFiles([]toolchain.File{{Name: f.Name, Data: f.Data}}, toolchain.LoadOptions{})
	if prog == nil || prog.Source(source) == nil {
		t.Fatalf("load %s: %v", f.Name, diags)
	}
	return prog.Source(source)
}

// checkSeen reports the condition fields of enabled rules that never had a
// value.
func checkSeen(t *testing.T, src *program.Source, seen []bool) {
	for _, r := range src.Rules {
		if !r.Enabled {
			continue
		}
		for _, ref := range conditionFields(t, r.Expr) {
			if !seen[ref.Index] {
				t.Errorf("rule %q: condition field %s has no value in any fixture (does Aerie extract it?)", r.Name, ref.Ref)
			}
		}
	}
}

// replaySeen marks the fields that have a value in some event of a capture.
func replaySeen(t *testing.T, path string, refs []fields.Ref, seen []bool) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		r = zr
	}
	var v fields.Value
	err = syscall.ReplayEvents(r, refs, func(ev *syscall.View, _ int64) error {
		for i := range refs {
			if !seen[i] && ev.Field(i, &v) {
				seen[i] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("replay %s: %v", path, err)
	}
}

// conditionFields lists the field references of a checked condition
// (macros are already expanded).
func conditionFields(t *testing.T, e ast.Expr) []*ast.FieldRef {
	var out []*ast.FieldRef
	var operand func(o *ast.Operand)
	operand = func(o *ast.Operand) {
		if o == nil {
			return
		}
		if o.Field != nil {
			out = append(out, o.Field)
		}
		for _, a := range o.Args {
			operand(a)
		}
	}
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.And:
			for _, term := range x.Terms {
				walk(term)
			}
		case *ast.Or:
			for _, term := range x.Terms {
				walk(term)
			}
		case *ast.Not:
			walk(x.X)
		case *ast.Check:
			operand(x.LHS)
			operand(x.RHS)
		default:
			t.Fatalf("unexpected condition node %T", e)
		}
	}
	walk(e)
	return out
}
