package config

import (
	"flag"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// leaf is one configuration key: its dotted yaml path and field.
type leaf struct {
	path  string
	alias string // shorthand flag; "!name" is a negated bool
	desc  string
	v     reflect.Value
}

// leaves walks the config struct (through nested structs) in field order.
func leaves(c *Config) []leaf {
	var out []leaf
	walk(reflect.ValueOf(c).Elem(), "", &out)
	return out
}

func walk(v reflect.Value, prefix string, out *[]leaf) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		key := strings.Split(f.Tag.Get("yaml"), ",")[0]
		fv := v.Field(i)
		if fv.Kind() == reflect.Struct && fv.Type() != reflect.TypeOf(time.Duration(0)) {
			walk(fv, prefix+key+".", out)
			continue
		}
		*out = append(*out, leaf{path: prefix + key, alias: f.Tag.Get("flag"), desc: f.Tag.Get("desc"), v: fv})
	}
}

func (l leaf) register(fs *flag.FlagSet) {
	used := new(bool)
	if !l.shadowed() {
		fs.Var(value{l.v, used}, l.path, l.desc)
	}
	switch {
	case strings.HasPrefix(l.alias, "!"):
		fs.Var(negated{l.v}, l.alias[1:], "shorthand: "+l.path+"=false")
	case l.alias != "" && l.alias != l.path:
		fs.Var(value{l.v, used}, l.alias, "shorthand for --"+l.path)
	}
}

// value sets a field from a flag. Lists: the first use of the flag (or its
// shorthand) replaces the file's list, later uses append.
type value struct {
	v    reflect.Value
	used *bool
}

func (f value) String() string {
	if !f.v.IsValid() {
		return ""
	}
	return fmt.Sprint(f.v.Interface())
}

func (f value) IsBoolFlag() bool { return f.v.IsValid() && f.v.Kind() == reflect.Bool }

func (f value) Set(s string) error { return set(f.v, s, f.used) }

func set(v reflect.Value, s string, used *bool) error {
	switch p := v.Addr().Interface().(type) {
	case *string:
		*p = s
	case *bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return err
		}
		*p = b
	case *int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return err
		}
		*p = n
	case *time.Duration:
		d, err := time.ParseDuration(s)
		if err != nil {
			return err
		}
		*p = d
	case *[]string:
		if !*used {
			*p = nil
		}
		*p = append(*p, s)
	case *[]RuleSelector: // selection entries always append to the file's
		sel, err := ParseSelector(s)
		if err != nil {
			return err
		}
		*p = append(*p, sel)
	default:
		return fmt.Errorf("BUG: no flag form for %s", v.Type())
	}
	*used = true
	return nil
}

// negated is a bool flag that sets its key to false.
type negated struct{ v reflect.Value }

func (n negated) String() string   { return "" }
func (n negated) IsBoolFlag() bool { return true }
func (n negated) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	n.v.SetBool(!b)
	return nil
}

// ParseSelector parses the flag form of a rules entry:
// "enable:rule=NAME", "disable:tag=TAG".
func ParseSelector(s string) (RuleSelector, error) {
	verb, rest, ok1 := strings.Cut(s, ":")
	kind, arg, ok2 := strings.Cut(rest, "=")
	if !ok1 || !ok2 || (kind != "rule" && kind != "tag") || (verb != "enable" && verb != "disable") {
		return RuleSelector{}, fmt.Errorf("rule selector %q: want enable|disable:rule|tag=VALUE", s)
	}
	m := &RuleMatch{}
	if kind == "rule" {
		m.Rule = arg
	} else {
		m.Tag = arg
	}
	if verb == "enable" {
		return RuleSelector{Enable: m}, nil
	}
	return RuleSelector{Disable: m}, nil
}

// shadowed reports whether the key's own flag name is another key's
// shorthand: `rules` (selection) is --select, since --rules is rules_files.
func (l leaf) shadowed() bool { return l.path == "rules" }
