package callgraph

import (
	"fmt"
	"strings"
)

// Check decodes the module (Decode) and refuses it when its call graph
// has a cycle, naming the functions in it, or when its heaviest chain of
// calls may need more than MaxStackSlots value-stack slots.
func Check(wasm []byte, lim Limits) error {
	g, err := Decode(wasm, lim)
	if err != nil {
		return err
	}
	c, slots, from := g.walk()
	if c != nil {
		return g.recursionError(c)
	}
	if lim = lim.withDefaults(); slots > uint64(lim.MaxStackSlots) {
		return fmt.Errorf("calls from function %s may need %d stack slots: %w (%d)", g.Name(from), slots, ErrLimit, lim.MaxStackSlots)
	}
	return nil
}

// frame is a step of the search: a defined function's position and the
// next of its calls to follow.
type frame struct{ fn, next int }

// Cycle returns a cycle of direct calls as function indexes, the first
// repeated at the end ([f f] when f calls itself), or nil when the graph
// is acyclic. The search starts from the lowest index and follows calls in
// order, so the answer is deterministic. It is iterative: any depth works.
func (g *Graph) Cycle() []uint32 {
	c, _, _ := g.walk()
	return c
}

// Stack bounds the value-stack slots the deepest chain of calls can use
// (Weight summed along the heaviest path) and names the function the path
// starts from. It is meaningful only for an acyclic graph.
func (g *Graph) Stack() (slots uint64, from uint32) {
	_, slots, from = g.walk()
	return slots, from
}

// walk is a depth-first search: it returns the first cycle found, or the
// heaviest call chain (computed as each function finishes, after all its
// callees).
func (g *Graph) walk() (cycle []uint32, heaviest uint64, from uint32) {
	const (
		unseen = iota
		onPath
		finished
	)
	state := make([]uint8, len(g.Calls))
	stack := make([]uint64, len(g.Calls)) // heaviest chain from each finished function
	var path []frame
	for s := range g.Calls {
		if state[s] != unseen {
			continue
		}
		state[s] = onPath
		path = append(path[:0], frame{s, 0})
		for len(path) > 0 {
			top := &path[len(path)-1]
			calls := g.Calls[top.fn]
			if top.next == len(calls) {
				state[top.fn] = finished
				stack[top.fn] = g.finish(top.fn, stack)
				if stack[top.fn] > heaviest {
					heaviest, from = stack[top.fn], uint32(g.Imports+top.fn)
				}
				path = path[:len(path)-1]
				continue
			}
			c := int(calls[top.next]) - g.Imports
			top.next++
			switch state[c] {
			case unseen:
				state[c] = onPath
				path = append(path, frame{c, 0})
			case onPath:
				return g.cycleFrom(path, c), 0, 0
			}
		}
	}
	return nil, heaviest, from
}

// finish is the heaviest chain from defined function f, its callees done.
func (g *Graph) finish(f int, stack []uint64) uint64 {
	var deepest uint64
	for _, c := range g.Calls[f] {
		deepest = max(deepest, stack[int(c)-g.Imports])
	}
	w := uint64(1)
	if f < len(g.Weight) {
		w = uint64(g.Weight[f])
	}
	return w + deepest
}

// cycleFrom cuts the cycle that closes at c out of the search path.
func (g *Graph) cycleFrom(path []frame, c int) []uint32 {
	i := len(path) - 1
	for path[i].fn != c {
		i--
	}
	out := make([]uint32, 0, len(path)-i+1)
	for _, f := range path[i:] {
		out = append(out, uint32(g.Imports+f.fn))
	}
	return append(out, uint32(g.Imports+c))
}

// maxCycleNames is how many functions of a cycle a message names.
const maxCycleNames = 8

func (g *Graph) recursionError(c []uint32) error {
	if len(c) == 2 {
		return fmt.Errorf("function %s calls itself (%w)", g.Name(c[0]), ErrRecursion)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "function %s calls %s", g.Name(c[0]), g.Name(c[1]))
	for k, f := range c[2:] {
		if k+2 >= maxCycleNames && k+2 < len(c)-1 {
			fmt.Fprintf(&sb, ", ... (%d functions in the cycle), which calls %s", len(c)-1, g.Name(c[len(c)-1]))
			break
		}
		fmt.Fprintf(&sb, ", which calls %s", g.Name(f))
	}
	return fmt.Errorf("%s (%w)", sb.String(), ErrRecursion)
}
