package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/capture"
	"github.com/aeriesec/aerie/runtime/config"
	"github.com/aeriesec/aerie/runtime/kube"
	sys "github.com/aeriesec/aerie/runtime/syscall"
)

func init() {
	register("capture", "record the live syscall stream to a capture file (replay it with aerie replay --source syscall)", runCapture)
}

func runCapture(args []string) int {
	fs := flag.NewFlagSet("aerie capture", flag.ContinueOnError)
	out := fs.String("o", "", "capture file to write (required)")
	dur := fs.Duration("duration", 0, "stop after this long (default: until SIGINT or SIGTERM)")
	ring := fs.Uint("ring-bytes", probes.DefaultRingBytes, "ring buffer size in bytes (a power of two)")
	var rulesFiles stringList
	fs.Var(&rulesFiles, "rules", "rules whose domain names (fd.*ip.name comparisons) to resolve and record (repeatable; default: the built-in rules)")
	var k8s config.Syscall
	fs.StringVar(&k8s.K8sMetadata, "k8s-metadata", "auto", "record pod metadata for container processes: auto (inside a pod), on, off")
	fs.StringVar(&k8s.K8sAPIServer, "k8s-api-server", "", "kube-apiserver URL (default: the in-cluster service)")
	fs.StringVar(&k8s.K8sTokenFile, "k8s-token-file", "", "bearer token file for kube-apiserver (default: the pod's service account)")
	fs.StringVar(&k8s.K8sCAFile, "k8s-ca-file", "", "PEM CA bundle of kube-apiserver (default: the pod's service account CA)")
	fs.StringVar(&k8s.NodeName, "node-name", "", "node whose pods are watched (default: $NODE_NAME, else the host name)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "aerie capture: -o FILE is required and takes no arguments")
		return 2
	}
	if !config.ValidK8sMetadata(k8s.K8sMetadata) {
		fmt.Fprintf(os.Stderr, "aerie capture: -k8s-metadata %q: want auto, on or off\n", k8s.K8sMetadata)
		return 2
	}
	prog, ds := loadRuleFiles(rulesFiles)
	if ds.HasErrors() {
		for _, d := range ds.Errors() {
			fmt.Fprintln(os.Stderr, d.Error())
		}
		return 1
	}
	var names []string
	if src := prog.Source(fields.SourceSyscall); src != nil {
		names = src.DNSNames()
	}
	if err := captureTo(*out, *dur, uint32(*ring), k8s, names); err != nil {
		fmt.Fprintf(os.Stderr, "aerie capture: %v\n", err)
		return 1
	}
	return 0
}

func captureTo(path string, dur time.Duration, ring uint32, k8s config.Syscall, dnsNames []string) error {
	meta, stopMeta, err := syncedPodMetadata(k8s)
	if err != nil {
		return err
	}
	defer stopMeta()
	opts := sys.LiveOptions{RingBytes: ring, DNSNames: dnsNames}
	if meta != nil {
		opts.Meta = meta
	}
	live, err := sys.StartLive(opts)
	if err != nil {
		return fmt.Errorf("attach probe: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		live.Close()
		return fmt.Errorf("create capture: %w", err)
	}
	defer f.Close()
	w, err := capture.NewWriter(f, live.Table(), live.Host())
	if err != nil {
		live.Close()
		return err
	}
	live.SetRecorder(w)
	stopOn(live, dur)
	fmt.Fprintf(os.Stderr, "aerie capture: recording to %s\n", path)
	n, err := drain(live)
	if err == nil {
		err = live.RecordError()
	}
	if err == nil {
		err = w.Flush()
	}
	c, _ := live.Counters()
	fmt.Fprintf(os.Stderr, "aerie capture: %d records to %s (probe: %d emitted, %d dropped)\n", n, path, c.Events, c.Drops)
	return err
}

// syncedPodMetadata starts the pod metadata cache k8s asks for and waits
// (up to 10 s) for its first list, so the capture resolves containers from
// its first record; nil when k8s turns it off.
func syncedPodMetadata(k8s config.Syscall) (*kube.Cache, func(), error) {
	meta, err := podMetadata(k8s)
	if err != nil || meta == nil {
		return nil, func() {}, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	go runPodMetadata(ctx, meta)
	wait, done := context.WithTimeout(ctx, 10*time.Second)
	defer done()
	if err := meta.WaitSynced(wait); err != nil {
		fmt.Fprintf(os.Stderr, "aerie capture: pod metadata not listed yet (%v); recording without it until it is\n", meta.Stats().LastError)
	}
	return meta, cancel, nil
}

// stopOn stops the probe after dur or on SIGINT/SIGTERM, once the records
// already in its ring buffer are read.
func stopOn(live *sys.Live, dur time.Duration) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	var timeout <-chan time.Time
	if dur > 0 {
		timeout = time.After(dur)
	}
	go func() {
		select {
		case <-sig:
		case <-timeout:
		}
		if err := live.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "aerie capture: stop probe: %v\n", err)
		}
	}()
}

// drain reads records (the recorder writes them) until the probe closes.
func drain(live *sys.Live) (int, error) {
	var ev sys.Event
	n := 0
	for {
		err := live.Next(&ev)
		if errors.Is(err, probes.ErrClosed) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}
