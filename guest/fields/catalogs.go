package fields

// For returns the catalog of a source as rules files name it (syscall,
// k8s_audit), or nil for a source Aerie does not know.
func For(source string) *Catalog {
	switch source {
	case SourceSyscall:
		return Syscall
	case SourceK8sAudit:
		return K8sAudit
	}
	return nil
}

// Sources lists the sources that have a catalog, sorted.
func Sources() []string { return []string{SourceK8sAudit, SourceSyscall} }
