package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/capture"
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
	if err := captureTo(*out, *dur, uint32(*ring)); err != nil {
		fmt.Fprintf(os.Stderr, "aerie capture: %v\n", err)
		return 1
	}
	return 0
}

func captureTo(path string, dur time.Duration, ring uint32) error {
	live, err := sys.StartLive(sys.LiveOptions{RingBytes: ring})
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

// stopOn closes the probe after dur or on SIGINT/SIGTERM.
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
		live.Close()
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
