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
const maxNodes = 32

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
			if i == 0 {
				addRootSlot(path[0], n)
			}
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
// set. Top-level nodes are all resolved at once by one pass over the
// event's keys (indexed): unset ones are absent.
type memo struct {
	vals    [maxNodes]*fastjson.Value
	have    uint32
	indexed bool
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
	if nd.parent == rootNode {
		e.indexRoot()
		return e.memo.vals[n]
	}
	v := e.at(nd.parent).Get(nd.key)
	e.memo.vals[n] = v
	e.memo.have |= 1 << n
	return v
}

// indexRoot resolves every top-level node in one pass over the event's
// keys. The first occurrence of a key wins, as with fastjson's Get.
func (e *Event) indexRoot() {
	if e.memo.indexed {
		return
	}
	e.memo.indexed = true
	o, err := e.v.Object()
	if err != nil {
		return
	}
	o.Visit(func(key []byte, v *fastjson.Value) {
		if n := rootNodeOf(key); n >= 0 && e.memo.have&(1<<n) == 0 {
			e.memo.vals[n] = v
			e.memo.have |= 1 << n
		}
	})
}

// rootSlots finds a top-level key's node with one hash and one compare:
// slot rootHash(key) holds the key registered there, or "" for none. The
// hash is chosen so the registered keys do not collide; a key that would
// goes to rootOverflow.
var (
	rootSlots [64]struct {
		key  string
		node int
	}
	rootOverflow = map[string]int{}
)

func rootHash(key []byte) int {
	return (len(key)*2 + int(key[0])*6 + int(key[len(key)-1])) & 63
}

// rootNodeOf is the node of top-level key, or -1.
func rootNodeOf(key []byte) int {
	if len(key) == 0 {
		return -1
	}
	if s := &rootSlots[rootHash(key)]; s.key == string(key) {
		return s.node
	}
	if len(rootOverflow) == 0 {
		return -1
	}
	if n, ok := rootOverflow[string(key)]; ok {
		return n
	}
	return -1
}

func addRootSlot(key string, n int) {
	s := &rootSlots[rootHash([]byte(key))]
	if s.key != "" {
		rootOverflow[key] = n
		return
	}
	s.key, s.node = key, n
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
