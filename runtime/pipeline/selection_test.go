package pipeline

import (
	"slices"
	"testing"

	"github.com/aeriesec/aerie/guest/abi"
)

func TestMatchWildcard(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"*", "anything", true},
		{"**", "", true},
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"k8s_*", "k8s_pod", true},
		{"k8s_*", "K8s_pod", false},
		{"*Pod*", "Create Privileged Pod", true},
		{"*Pod", "Create Pod", true},
		{"*ab", "abab", false}, // first occurrence, no backtracking (Falco)
		{"a*c*e", "abcde", true},
		{"a*c*e", "abcdf", false},
		{"*x*", "abc", false},
	}
	for _, c := range cases {
		if got := MatchWildcard(c.p, c.s); got != c.want {
			t.Errorf("MatchWildcard(%q, %q) = %v, want %v", c.p, c.s, got, c.want)
		}
	}
}

func TestSelectionOptions(t *testing.T) {
	m := &abi.Metadata{Rules: []abi.Rule{
		{Name: "Create Pod", Priority: 4, Tags: []string{"k8s"}, Enabled: true},
		{Name: "Exec Pod", Priority: 6, Tags: []string{"k8s", "network"}, Enabled: true},
		{Name: "Off Rule", Priority: 2, Tags: []string{"network"}, Enabled: false},
		{Name: "Debug Rule", Priority: 7, Tags: []string{"network"}, Enabled: true},
	}}
	cases := []struct {
		name string
		sel  Selection
		want []bool
	}{
		{"defaults", Selection{MinPriority: 7}, []bool{true, true, false, true}},
		{"threshold", Selection{MinPriority: 4}, []bool{true, false, false, false}},
		{"only network", Selection{MinPriority: 7, Selectors: []Selector{{Rule: "*"}, {Enable: true, Tag: "network"}}},
			[]bool{false, true, true, true}},
		{"threshold beats enable", Selection{MinPriority: 5, Selectors: []Selector{{Enable: true, Rule: "*"}}},
			[]bool{true, false, true, false}},
		{"disable by name", Selection{MinPriority: 7, Selectors: []Selector{{Rule: "*Pod"}}}, []bool{false, false, false, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := c.sel.Options(m)
			if !slices.Equal(o.Enabled, c.want) {
				t.Errorf("enabled = %v, want %v", o.Enabled, c.want)
			}
		})
	}
}
