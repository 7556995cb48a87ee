package k8saudit

import (
	"strings"

	"github.com/valyala/fastjson"
)

// Extraction walks fastjson objects key by key, so many fields reading below
// the same object (objectRef, user, requestObject.spec, …) would walk the
// same keys again for every field. Each event therefore memoizes the values
// of a fixed set of path prefixes (nodes), each resolved at most once per
// event and only when a field first needs it. Nodes are registered at
// package initialization from the extractor table; Bind maps each path to
// the deepest node it starts with and the keys that remain.

// maxNodes bounds the memoized prefixes per event (Event.memo's size).
const maxNodes = 16

// rootNode is the event itself.
const rootNode = -1

// node is one memoized prefix: its parent node and the key below it.
type node struct {
	parent int
	key    string
	depth  int // number of keys from the root
}

var (
	nodes     []node
	nodeIndex = map[string]int{}
)

// register adds every prefix of path as a node (idempotent) and returns the
// node of the whole path.
func register(path ...string) int {
	id := rootNode
	for i := range path {
		k := strings.Join(path[:i+1], "\x00")
		n, ok := nodeIndex[k]
		if !ok {
			n = len(nodes)
			if n >= maxNodes {
				panic("BUG: k8saudit: more than maxNodes memoized prefixes")
			}
			nodes = append(nodes, node{parent: id, key: path[i], depth: i + 1})
			nodeIndex[k] = n
		}
		id = n
	}
	return id
}

// deepest returns the deepest registered node that path starts with and the
// keys of path below it. It only reads the registry (safe after init).
func deepest(path []string) (int, []string) {
	for i := len(path); i > 0; i-- {
		if n, ok := nodeIndex[strings.Join(path[:i], "\x00")]; ok {
			return n, path[i:]
		}
	}
	return rootNode, path
}

// memo is an event's resolved nodes; node i is valid when bit i of have is
// set. (Indexing all top-level keys in one pass was measured slower than
// walking them for the few a rule set reads.)
type memo struct {
	vals [maxNodes]*fastjson.Value
	have uint16
}

// at returns the value of node n for e (nil when absent), resolving it and
// its ancestors on first use. A step is fastjson's Value.Get of one key, so
// the result is exactly e.v.Get(path...).
func (e *Event) at(n int) *fastjson.Value {
	if n == rootNode {
		return e.v
	}
	if e.memo.have&(1<<n) != 0 {
		return e.memo.vals[n]
	}
	nd := &nodes[n]
	v := e.at(nd.parent).Get(nd.key)
	e.memo.vals[n] = v
	e.memo.have |= 1 << n
	return v
}

// Nodes the special extractors read.
var (
	nodeObjectRef    = register("objectRef")
	nodeAnnotations  = register("annotations")
	nodeSpec         = register("requestObject", "spec")
	nodePodSecurity  = register("requestObject", "spec", "securityContext")
	nodeRespMetadata = register("responseObject", "metadata")
	nodeRequestObj   = register("requestObject")
	nodeRequestURI   = register("requestURI")
)
