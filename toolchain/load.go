// Package toolchain turns Falco rules files into a checked program
// (Load) and, with the back ends in its sub-packages, into Wasm modules.
//
// It may import guest/ and its own sub-packages.
package toolchain

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/toolchain/checker"
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/loader"
	"github.com/aeriesec/aerie/toolchain/parser"
	"github.com/aeriesec/aerie/toolchain/program"
)

// LoadOptions configure loading.
type LoadOptions struct {
	// Sources are the event sources that are loaded; rules of other
	// sources are skipped with LOAD_UNKNOWN_SOURCE. Default: every source
	// with a field catalog.
	Sources []string
	// Embedded names rules files that are not on disk: a path equal to one
	// of its keys stands for those files, in order. Aerie maps "default" to
	// its built-in rules so users can load them before their overrides.
	Embedded map[string][]File
}

// File is an in-memory rules file.
type File struct {
	Name string
	Data []byte
}

// builtinPlugins are the plugins whose sources Aerie has built in.
var builtinPlugins = map[string]bool{"k8saudit": true, "json": true, "container": true}

// Load reads rules files from disk in order and checks them. A directory
// stands for its *.yaml and *.yml files (not recursively), sorted by path;
// a name in opts.Embedded stands for its in-memory files.
func Load(paths []string, opts LoadOptions) (*program.Program, diag.List) {
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		if emb, ok := opts.Embedded[p]; ok {
			files = append(files, emb...)
			continue
		}
		fs, err := readFiles(p)
		if err != nil {
			return nil, diag.List{*err}
		}
		files = append(files, fs...)
	}
	return LoadFiles(files, opts)
}

// readFiles reads one path: a rules file, or a directory's rules files.
func readFiles(path string) ([]File, *diag.Diagnostic) {
	var files []File
	for _, p := range expandDirs([]string{path}) {
		data, err := os.ReadFile(p)
		if err != nil {
			d := diag.Diagnostic{Severity: diag.Error, Code: loader.CodeFileRead,
				Pos: diag.Pos{File: p}, Message: "read rules file: " + err.Error()}
			return nil, &d
		}
		files = append(files, File{Name: p, Data: data})
	}
	return files, nil
}

// expandDirs replaces each directory by its rules files, as Falco does.
func expandDirs(paths []string) []string {
	var out []string
	for _, p := range paths {
		entries, err := os.ReadDir(p)
		if err != nil {
			out = append(out, p) // a file, or an error ReadFile reports
			continue
		}
		var names []string
		for _, e := range entries {
			if e.Type().IsRegular() && (rulesFileName(e.Name(), ".yaml") || rulesFileName(e.Name(), ".yml")) {
				names = append(names, filepath.Join(p, e.Name()))
			}
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	return out
}

// rulesFileName matches "*<ext>" the way Falco's wildcard matcher does:
// the first occurrence of ext must end the name (a.yaml.b.yaml does not
// match).
func rulesFileName(name, ext string) bool {
	i := strings.Index(name, ext)
	return i >= 0 && i+len(ext) == len(name)
}

// LoadFiles loads in-memory rules files in order. As Falco does, every
// file is read into one collection and everything collected so far is
// checked after each file; loading stops at the first file with errors.
// The program is nil when there are errors.
func LoadFiles(files []File, opts LoadOptions) (*program.Program, diag.List) {
	if opts.Sources == nil {
		opts.Sources = fields.Sources()
	}
	col := loader.NewCollection(opts.Sources, exceptionFieldOK)
	h := sha256.New()
	var prog *program.Program
	var checked diag.List
	for _, f := range files {
		h.Write(f.Data)
		col.Read(loader.NewFile(f.Name, f.Data))
		if col.Diagnostics().HasErrors() {
			return nil, finish(col.Diagnostics(), nil)
		}
		prog, checked = checker.Check(col)
		if prog == nil {
			return nil, finish(col.Diagnostics(), checked)
		}
	}
	if prog == nil {
		prog = &program.Program{}
	}
	all := finish(col.Diagnostics(), append(checked, pluginWarnings(col)...))
	prog.Hash = hex.EncodeToString(h.Sum(nil))
	prog.Diagnostics = all
	return prog, all
}

func finish(read, checked diag.List) diag.List {
	all := append(append(diag.List{}, read...), checked...)
	all.Sort()
	if len(all) > diag.Max {
		all = all[:diag.Max]
	}
	return all
}

// pluginWarnings checks required_plugin_versions after all files: the
// k8saudit, json and container plugins are built in; others warn.
func pluginWarnings(col *loader.Collection) diag.List {
	var out diag.List
	for _, req := range col.PluginReqs {
		ok := false
		var alts []string
		for _, a := range req.Alts {
			ok = ok || builtinPlugins[a.Name]
			alts = append(alts, a.Name+" (>= "+a.Version+")")
		}
		if !ok {
			out = append(out, diag.Diagnostic{Severity: diag.Warning, Code: loader.CodeUnknownSource,
				Pos: req.Pos, Message: "Plugin requirement not satisfied, must load one of: " + strings.Join(alts, ", "),
				Snippet: col.Snippet(req.Pos)})
		}
	}
	return out
}

// exceptionFieldOK reports whether an exception field (a field or a
// transformer expression) is valid for a source.
func exceptionFieldOK(source, field string) bool {
	cat := fields.For(source)
	if cat == nil {
		return false
	}
	e, err := parser.Parse(field + " exists")
	if err != nil {
		return false
	}
	return operandOK(cat, e)
}
