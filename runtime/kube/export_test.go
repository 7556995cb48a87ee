package kube

// SetServiceAccountDir points InCluster at dir until the returned function
// restores it.
func SetServiceAccountDir(dir string) (restore func()) {
	old := serviceAccountDir
	serviceAccountDir = dir
	return func() { serviceAccountDir = old }
}
