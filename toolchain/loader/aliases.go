package loader

import "gopkg.in/yaml.v3"

// MaxNodes bounds the size of a YAML document with its aliases expanded,
// so that an alias bomb is an error instead of an endless load.
const MaxNodes = 1 << 20

// expandedSize counts the nodes of n with aliases expanded (memoized,
// saturating above MaxNodes).
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = MaxNodes + 1 // an alias cycle counts as too big
	size := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size += expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		if size > MaxNodes {
			break
		}
		size += expandedSize(c, memo)
	}
	memo[n] = size
	return size
}
