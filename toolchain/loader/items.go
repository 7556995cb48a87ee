package loader

import (
	"github.com/aeriesec/aerie/toolchain/diag"
	"github.com/aeriesec/aerie/toolchain/program"
)

// List is a collected list item.
type List struct {
	Name  string
	Pos   diag.Pos
	Items []*Scalar
	// Index is the id of the first definition; Visibility the id of the
	// latest definition, append or replace (Falco's m_cur_index).
	Index, Visibility int
}

// Macro is a collected macro.
type Macro struct {
	Name              string
	Pos               diag.Pos
	Cond              Text
	Index, Visibility int
}

// Rule is a collected rule.
type Rule struct {
	Name     string
	Pos      diag.Pos
	Cond     Text
	Output   Text
	Desc     string
	Priority program.Priority
	Source   string
	// SourceSet says the source was written explicitly (for appends).
	SourceSet           bool
	UnknownSource       bool
	Tags                []string // sorted, unique
	Enabled             bool
	WarnEvttypes        bool
	SkipIfUnknownFilter bool
	Capture             bool
	CaptureDuration     int
	Exceptions          []*Exception
	Index, Visibility   int
}

// Exception is one entry of a rule's exceptions.
type Exception struct {
	Name      string
	Pos       diag.Pos
	Fields    Entry
	Comps     Entry
	HasFields bool
	HasComps  bool
	Values    []Entry
}

// Entry is a scalar or a list of entries (exception fields, comps, values).
type Entry struct {
	IsList bool
	Item   string
	Items  []Entry
	Pos    diag.Pos
}

// PluginReq is one required_plugin_versions entry: alternatives in order.
type PluginReq struct {
	Pos  diag.Pos
	Alts []PluginAlt
}

// PluginAlt is a plugin name and minimum version.
type PluginAlt struct{ Name, Version string }

func (l *List) ids() (index, visibility *int)  { return &l.Index, &l.Visibility }
func (m *Macro) ids() (index, visibility *int) { return &m.Index, &m.Visibility }
func (r *Rule) ids() (index, visibility *int)  { return &r.Index, &r.Visibility }
