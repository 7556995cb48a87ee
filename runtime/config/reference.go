package config

import (
	"fmt"
	"reflect"
	"strings"
)

// Reference renders every configuration key as a Markdown table: key,
// flags, default and description, from the struct's tags and Default.
func Reference() string {
	c := Default()
	var b strings.Builder
	b.WriteString("| key | flags | default | description |\n|---|---|---|---|\n")
	for _, l := range leaves(&c) {
		var fl []string
		if !l.shadowed() {
			fl = append(fl, "`--"+l.path+"`")
		}
		if a := strings.TrimPrefix(l.alias, "!"); a != "" && a != l.path {
			fl = append(fl, "`--"+a+"`")
		}
		flags := strings.Join(fl, ", ")
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", l.path, flags, defaultText(l.v), strings.ReplaceAll(l.desc, "|", "\\|"))
	}
	return b.String()
}

func defaultText(v reflect.Value) string {
	if v.IsZero() {
		switch v.Kind() {
		case reflect.Bool:
			return "`false`"
		case reflect.Slice, reflect.String:
			return ""
		}
	}
	return "`" + fmt.Sprint(v.Interface()) + "`"
}
