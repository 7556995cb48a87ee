package loader

import (
	"github.com/aeriesec/aerie/toolchain/diag"
)

// Codes of Falco's load results used by the loader.
const (
	CodeFileRead      = "LOAD_ERR_FILE_READ"
	CodeYAMLParse     = "LOAD_ERR_YAML_PARSE"
	CodeYAMLValidate  = "LOAD_ERR_YAML_VALIDATE"
	CodeValidate      = "LOAD_ERR_VALIDATE"
	CodeUnknownSource = "LOAD_UNKNOWN_SOURCE"
	CodeUnknownItem   = "LOAD_UNKNOWN_ITEM"
	CodeUnknownKey    = "LOAD_UNKNOWN_KEY"
	CodeDeprecated    = "LOAD_DEPRECATED_ITEM"
	CodeAppendNoVals  = "LOAD_APPEND_NO_VALUES"
	CodeExcNotUnique  = "LOAD_EXCEPTION_NAME_NOT_UNIQUE"
	CodeInvalidMacro  = "LOAD_INVALID_MACRO_NAME"
	CodeInvalidList   = "LOAD_INVALID_LIST_NAME"
)

// Version is a semantic version x.y.z.
type Version struct{ Major, Minor, Patch uint64 }

// EngineVersion is the rules-engine version Aerie claims: Falco 0.44's.
var EngineVersion = Version{0, 62, 0}

// Collection is everything collected from the files read so far, in
// Falco's collector order.
type Collection struct {
	Lists  []*List
	Macros []*Macro
	Rules  []*Rule
	// RequiredEngine is the highest required_engine_version seen.
	RequiredEngine Version
	PluginReqs     []PluginReq
	// Sources is the set of event sources that are loaded.
	Sources map[string]bool
	// FieldOK reports whether a field expression (an exception field, e.g.
	// "proc.name" or "tolower(proc.name)") is valid for a source.
	FieldOK func(source, field string) bool

	files                map[string]*File
	lists, macros, rules map[string]int
	cur                  int
	diags                diag.List
}

// NewCollection starts an empty collection for the given sources.
func NewCollection(sources []string, fieldOK func(source, field string) bool) *Collection {
	c := &Collection{Sources: map[string]bool{}, FieldOK: fieldOK,
		files: map[string]*File{}, lists: map[string]int{}, macros: map[string]int{}, rules: map[string]int{}}
	for _, s := range sources {
		c.Sources[s] = true
	}
	return c
}

// Diagnostics returns what reading has reported so far.
func (c *Collection) Diagnostics() diag.List { return c.diags }

// Snippet returns the caret snippet of a position in a file read so far.
func (c *Collection) Snippet(p diag.Pos) string {
	if f := c.files[p.File]; f != nil {
		return f.Snippet(p)
	}
	return ""
}

// List returns a list by name.
func (c *Collection) List(name string) *List { return lookup(c.Lists, c.lists, name) }

// Macro returns a macro by name.
func (c *Collection) Macro(name string) *Macro { return lookup(c.Macros, c.macros, name) }

// Rule returns a rule by name.
func (c *Collection) Rule(name string) *Rule { return lookup(c.Rules, c.rules, name) }

func (c *Collection) next() int {
	c.cur++
	return c.cur - 1
}

func (c *Collection) defineList(l *List) { define(c, l, l.Name, &c.Lists, c.lists) }

func (c *Collection) defineMacro(m *Macro) { define(c, m, m.Name, &c.Macros, c.macros) }

func (c *Collection) defineRule(r *Rule) { define(c, r, r.Name, &c.Rules, c.rules) }

// item is a collected kind (List, Macro, Rule): a pointer to its ids.
type item[T any] interface {
	*T
	ids() (index, visibility *int)
}

// lookup returns the item called name, or nil.
func lookup[T any](all []*T, byName map[string]int, name string) *T {
	if i, ok := byName[name]; ok {
		return all[i]
	}
	return nil
}

// define collects x under name with the next id as its Visibility. A
// redefinition replaces the first definition in place and keeps its Index;
// a new name gets the id as Index too.
func define[T any, P item[T]](c *Collection, x P, name string, all *[]P, byName map[string]int) {
	id := c.next()
	index, visibility := x.ids()
	if i, ok := byName[name]; ok {
		prev := (*all)[i]
		first, _ := prev.ids()
		*index, *visibility = *first, id
		*prev = *x
		return
	}
	*index, *visibility = id, id
	byName[name] = len(*all)
	*all = append(*all, x)
}
