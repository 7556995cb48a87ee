package kube

import "sync"

// store is the published state: pods by UID and containers by id. Entries
// are replaced, never changed in place.
type store struct {
	mu         sync.RWMutex
	pods       map[string]*entry
	containers map[string]*Container
}

func newStore() *store {
	return &store{pods: map[string]*entry{}, containers: map[string]*Container{}}
}

func (s *store) container(id string) *Container {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.containers[id]
}

func (s *store) pod(uid string) *Pod {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if e := s.pods[uid]; e != nil {
		return e.pod
	}
	return nil
}

func (s *store) counts() (pods, containers int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.pods), len(s.containers)
}

// replace makes entries the whole state.
func (s *store) replace(entries []*entry) {
	pods := make(map[string]*entry, len(entries))
	containers := make(map[string]*Container, len(entries)*2)
	for _, e := range entries {
		pods[e.pod.UID] = e
		for _, c := range e.containers {
			containers[c.ID] = c
		}
	}
	s.mu.Lock()
	s.pods, s.containers = pods, containers
	s.mu.Unlock()
}

// upsert publishes e in place of the pod with its UID; false when that pod
// already published the same values.
func (s *store) upsert(e *entry) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.pods[e.pod.UID]
	if old != nil && e.sameAs(old) {
		return false
	}
	s.removeLocked(old)
	s.pods[e.pod.UID] = e
	for _, c := range e.containers {
		s.containers[c.ID] = c
	}
	return true
}

// delete removes the pod with uid; false when there was none.
func (s *store) delete(uid string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.pods[uid]
	if old == nil {
		return false
	}
	s.removeLocked(old)
	delete(s.pods, uid)
	return true
}

// removeLocked unpublishes the containers of e that are still its own.
func (s *store) removeLocked(e *entry) {
	if e == nil {
		return
	}
	for _, c := range e.containers {
		if s.containers[c.ID] == c {
			delete(s.containers, c.ID)
		}
	}
}
