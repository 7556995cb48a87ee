package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/kube"
)

// podMetadata builds the pod metadata cache syscall events resolve their
// containers with, or nil when c turns it off (auto: on inside a pod, or
// when an API server is configured).
func podMetadata(c config.Syscall) (*kube.Cache, error) {
	inPod := os.Getenv("KUBERNETES_SERVICE_HOST") != ""
	if c.K8sMetadata == "off" || (c.K8sMetadata == "auto" && !inPod && c.K8sAPIServer == "") {
		return nil, nil
	}
	node := nodeName(c.NodeName)
	var kc kube.Config
	if c.K8sAPIServer == "" {
		var err error
		if kc, err = kube.InCluster(node); err != nil {
			return nil, fmt.Errorf("pod metadata: %w (set syscall.k8s_api_server, or syscall.k8s_metadata: off)", err)
		}
	} else {
		kc = kube.Config{Server: c.K8sAPIServer, NodeName: node}
	}
	if c.K8sTokenFile != "" {
		kc.TokenFile = c.K8sTokenFile
	}
	if c.K8sCAFile != "" {
		kc.CAFile = c.K8sCAFile
	}
	cache, err := kube.New(kc)
	if err != nil {
		return nil, fmt.Errorf("pod metadata: %w", err)
	}
	return cache, nil
}

// nodeName is the configured node, else $NODE_NAME, else the host name.
func nodeName(configured string) string {
	if configured != "" {
		return configured
	}
	if n := os.Getenv("NODE_NAME"); n != "" {
		return n
	}
	h, _ := os.Hostname()
	return h
}

// runPodMetadata keeps the cache current until ctx ends, and says on
// stderr when it first synced and whenever its last error changes (an
// RBAC mistake shows up here and in aerie_k8s_errors_total).
func runPodMetadata(ctx context.Context, c *kube.Cache) {
	go func() {
		if err := c.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			logf("pod metadata stopped: %v", err)
		}
	}()
	go func() {
		if c.WaitSynced(ctx) == nil {
			st := c.Stats()
			logf("pod metadata: watching %d pods (%d containers) on this node", st.Pods, st.Containers)
		}
	}()
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	lastErr := ""
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		st := c.Stats()
		if st.LastError != "" && st.LastError != lastErr {
			logf("pod metadata: %s (retrying; syscall events from containers lack k8s.* fields until it succeeds)", st.LastError)
		}
		lastErr = st.LastError
	}
}
