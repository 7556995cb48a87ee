package main

import (
	"strings"
	"testing"

	"github.com/aeriesec/aerie/runtime/config"
)

// syscall.k8s_metadata: off never, auto only inside a pod or with an API
// server named, on always (an error says what is missing outside a pod).
func TestPodMetadataSelection(t *testing.T) {
	t.Setenv("KUBERNETES_SERVICE_HOST", "")
	t.Setenv("NODE_NAME", "node-a")
	for _, c := range []struct {
		cfg     config.Syscall
		want    bool
		wantErr string
	}{
		{config.Syscall{K8sMetadata: "off", K8sAPIServer: "https://127.0.0.1:6443"}, false, ""},
		{config.Syscall{K8sMetadata: "auto"}, false, ""},
		{config.Syscall{K8sMetadata: "auto", K8sAPIServer: "https://127.0.0.1:6443"}, true, ""},
		{config.Syscall{K8sMetadata: "on", K8sAPIServer: "https://127.0.0.1:6443", NodeName: "n"}, true, ""},
		{config.Syscall{K8sMetadata: "on"}, false, "KUBERNETES_SERVICE_HOST is not set"},
		{config.Syscall{K8sMetadata: "on", K8sAPIServer: "::bad"}, false, "pod metadata"},
	} {
		cache, err := podMetadata(c.cfg)
		if (cache != nil) != c.want || (err == nil) != (c.wantErr == "") || (err != nil && !strings.Contains(err.Error(), c.wantErr)) {
			t.Errorf("%+v: cache %v, error %v; want cache %v, error containing %q", c.cfg, cache != nil, err, c.want, c.wantErr)
		}
	}
	if n := nodeName(""); n != "node-a" {
		t.Errorf("node name %q, want NODE_NAME's", n)
	}
}
