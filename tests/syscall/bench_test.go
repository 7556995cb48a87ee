package syscall

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/aeriesec/aerie/probes"
	"github.com/aeriesec/aerie/probes/probetest"
	"github.com/aeriesec/aerie/probes/record"
	"github.com/aeriesec/aerie/probes/state"
	"github.com/aeriesec/aerie/runtime/alert"
	sys "github.com/aeriesec/aerie/runtime/syscall"
)

// liveRun is a probe session of a benchmark.
type liveRun struct {
	live *sys.Live
	stop func() (sys.RunStats, probes.Counters, time.Duration)
}

// benchLive attaches the probe with the stable rules' interest, capturing
// this process too (SelfTgid none), and on another goroutine (locked to
// its thread) evaluates everything it reads with engine ("wasm",
// "interp"), or with "drain" only reads and applies records (the probe's
// own cost). stop returns the run's stats, the probe's counters and the
// reader thread's CPU time.
func benchLive(b *testing.B, ring uint32, engine string) liveRun {
	b.Helper()
	rulesEngine := engine
	if engine == "drain" {
		rulesEngine = "interp"
	}
	ev, f := stableRules(b, rulesEngine)
	run, err := sys.NewRunner(ev, f, func(*alert.Alert) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	live, err := sys.StartLive(sys.LiveOptions{EventTypes: run.EventTypes(), SelfTgid: ^uint32(0), RingBytes: ring})
	if errors.Is(err, probes.ErrUnsupported) {
		probetest.Unavailable(b, err.Error())
	}
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	var cpu time.Duration
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		pin(runtime.NumCPU() - 1)
		start := threadCPU()
		var err error
		if engine == "drain" {
			err = drainOnly(live, &run.Stats)
		} else {
			err = live.Run(run)
		}
		cpu = threadCPU() - start
		done <- err
	}()
	return liveRun{live: live, stop: func() (sys.RunStats, probes.Counters, time.Duration) {
		c, _ := live.Counters()
		live.Close()
		if err := <-done; err != nil {
			b.Error(err)
		}
		return run.Stats, c, cpu
	}}
}

func drainOnly(live *sys.Live, st *sys.RunStats) error {
	var ev sys.Event
	for {
		err := live.Next(&ev)
		if errors.Is(err, probes.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		st.Events++
	}
}

// timeLoop returns the CPU time (user + system) the loop's thread spent:
// on a shared machine, wall time would count other processes too.
func timeLoop(n int, op func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	pin(0)
	start := threadCPU()
	for range n {
		op()
	}
	return threadCPU() - start
}

// pin keeps the calling (locked) thread on one CPU: the measured loop on
// CPU 0, the reader on the last, so neither measures the other. The
// thread is locked and ends with its goroutine's unlock, so the affinity
// does not leak to other goroutines' work for long; errors are ignored
// (a benchmark without pinning is still a measurement).
func pin(cpu int) {
	var set unix.CPUSet
	set.Set(cpu)
	unix.SchedSetaffinity(0, &set)
}

func threadCPU() time.Duration {
	var ru unix.Rusage
	unix.Getrusage(unix.RUSAGE_THREAD, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func openClose() {
	fd, err := unix.Open("/dev/null", unix.O_RDONLY, 0)
	if err == nil {
		unix.Close(fd)
	}
}

func getpid() { unix.Getpid() }

// BenchmarkProbeOverhead times a tight syscall loop (pinned to CPU 0)
// without and with the probe attached (reader pinned to the last CPU), in
// overheadRounds alternating pairs, and reports the median ratio of the
// pairs' thread CPU times: open/close is captured (state and rules need
// it), getpid is not needed by any rule. Alternating pairs cancel most of
// the drift of a shared machine.
func BenchmarkProbeOverhead(b *testing.B) {
	for _, w := range []struct {
		name string
		op   func()
	}{{"openclose", openClose}, {"getpid", getpid}} {
		for _, engine := range []string{"drain", "wasm"} {
			b.Run(w.name+"/"+engine, func(b *testing.B) {
				var ratios []float64
				var base, with time.Duration
				var drops uint64
				n := max(b.N/overheadRounds, 1)
				for range overheadRounds {
					bt := timeLoop(n, w.op)
					lr := benchLive(b, 0, engine)
					wt := timeLoop(n, w.op)
					_, c, _ := lr.stop()
					ratios = append(ratios, float64(wt)/float64(bt))
					base, with, drops = base+bt, with+wt, drops+c.Drops
				}
				slices.Sort(ratios)
				b.ReportMetric(ratios[len(ratios)/2], "ratio")
				b.ReportMetric(float64(base.Nanoseconds())/float64(n*overheadRounds), "cpu-ns/op-without")
				b.ReportMetric(float64(with.Nanoseconds())/float64(n*overheadRounds), "cpu-ns/op-with")
				b.ReportMetric(float64(drops), "drops")
			})
		}
	}
}

// overheadRounds is how many without/with pairs BenchmarkProbeOverhead times.
const overheadRounds = 5

// BenchmarkLiveThroughput: generator processes open and close files as
// fast as they can while this process reads the ring buffer, applies the
// state and evaluates the stable rules. Reports events/s at the reader,
// events per reader-thread CPU second (the one-core figure) and drops.
// AERIE_BENCH_GENERATORS sets the number of generators (default 3).
func BenchmarkLiveThroughput(b *testing.B) {
	for _, engine := range []string{"wasm", "interp"} {
		b.Run(engine, func(b *testing.B) { liveThroughput(b, engine) })
	}
}

func generators() int {
	if n, err := strconv.Atoi(os.Getenv("AERIE_BENCH_GENERATORS")); err == nil && n > 0 {
		return n
	}
	return 3
}

func liveThroughput(b *testing.B, engine string) {
	lr := benchLive(b, 0, engine)
	var gens []*exec.Cmd
	for range generators() {
		c := exec.Command(os.Args[0], "-test.run=^$")
		c.Env = append(os.Environ(), helperEnv+"=openloop")
		if err := c.Start(); err != nil {
			b.Fatal(err)
		}
		// The generators yield to the reader: on a machine with fewer free
		// cores than generators + 1, the reader would otherwise get a
		// fair share of a core and drop for want of CPU, not of speed.
		unix.Setpriority(unix.PRIO_PROCESS, c.Process.Pid, 19)
		gens = append(gens, c)
	}
	b.ResetTimer()
	start := time.Now()
	time.Sleep(time.Duration(b.N) * time.Millisecond) // the measured window, not synchronisation
	for _, c := range gens {
		c.Process.Kill()
		c.Wait()
	}
	st, cn, cpu := lr.stop()
	el := time.Since(start)
	b.ReportMetric(float64(st.Events)/el.Seconds(), "events/s")
	b.ReportMetric(float64(st.Events)/cpu.Seconds(), "events/cpu-s")
	b.ReportMetric(float64(st.Evaluated)/el.Seconds(), "evaluated/s")
	b.ReportMetric(cpu.Seconds()/el.Seconds(), "reader-cpu")
	b.ReportMetric(float64(cn.Drops), "drops")
}

// syntheticStream builds records of a busy process: openat, close,
// socket, connect, execve failures and the like, for state+evaluation
// benchmarks without a kernel.
func syntheticStream() [][]byte {
	at := uint64(0xffffff9c)
	mk := func(name string, ret int64, args [6]uint64, params ...[]byte) []byte {
		s, _ := record.ByName(name)
		return record.Encode(record.Header{Kind: record.KindSyscall, NR: s.NR, Tgid: 100, Tid: 100, Ret: ret, Args: args}, params...)
	}
	sa := []byte{2, 0, 0x01, 0xbb, 93, 184, 216, 34, 0, 0, 0, 0, 0, 0, 0, 0}
	var out [][]byte
	for i := range 100 {
		out = append(out,
			mk("openat", 3, [6]uint64{at, 0, 0}, record.CString("/etc/hosts")),
			mk("close", 0, [6]uint64{3}),
			mk("openat", -2, [6]uint64{at, 0, 0o1101}, record.CString("missing.log")),
			mk("socket", 4, [6]uint64{2, 1, 0}),
			mk("connect", 0, [6]uint64{4}, nil, nil, sa),
			mk("close", 0, [6]uint64{4}),
			mk("openat", 5, [6]uint64{at, 0, 0o2000000}, record.CString("/usr/lib/x86_64-linux-gnu/libc.so.6")),
			mk("close", 0, [6]uint64{5}),
		)
		_ = i
	}
	return out
}

// execStream is a process (pid 40) below sh, bash, sshd and systemd that
// executes one binary after another: the stable rules' exec path (spawned
// process rules, proc.aname over every ancestor, big name sets).
func execStream() [][]byte {
	var out [][]byte
	for _, argv := range []string{"sh\x00-c\x00id", "bash\x00-i", "find\x00/\x00-name\x00id_rsa", "cat\x00/etc/hosts",
		"curl\x00-s\x00http://example.com", "python3\x00-c\x00pass", "nginx\x00-g\x00daemon off;", "ls\x00-la"} {
		name, _, _ := strings.Cut(argv, "\x00")
		info := make([]byte, record.ExecInfoSize)
		info[0] = 30 // ppid
		info[24] = 1 // exe nlink
		out = append(out, record.Encode(record.Header{Kind: record.KindExec, Tgid: 40, Tid: 40, UID: 33},
			info, record.CString("/usr/bin/"+name), []byte(argv+"\x00"), []byte(name+"\x00bin\x00usr\x00"),
			[]byte("tmp\x00"), []byte("init.scope\x00")))
	}
	return out
}

// BenchmarkExecEval: decode → state → stable rules for exec events, per
// engine, on one goroutine; thread CPU ns per event.
func BenchmarkExecEval(b *testing.B) {
	stream := execStream()
	for _, engine := range []string{"wasm", "interp"} {
		b.Run(engine, func(b *testing.B) {
			ev, f := stableRules(b, engine)
			run, err := sys.NewRunner(ev, f, func(*alert.Alert) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			t := state.NewTable(nil, 0)
			t.Put(&state.Process{Pid: 1, Comm: "systemd", Cwd: "/"})
			t.Put(&state.Process{Pid: 10, PPid: 1, Comm: "sshd", Exe: "/usr/sbin/sshd", Cwd: "/"})
			t.Put(&state.Process{Pid: 20, PPid: 10, Comm: "bash", Exe: "-bash", Cwd: "/root"})
			t.Put(&state.Process{Pid: 30, PPid: 20, Comm: "sh", Exe: "sh", Cwd: "/tmp"})
			t.Put(&state.Process{Pid: 40, PPid: 30, Comm: "sh", Exe: "sh", Cwd: "/tmp"})
			src := sys.NewSource(t, "bench")
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ResetTimer()
			cpu := threadCPU()
			for i := range b.N {
				if err := src.Apply(stream[i%len(stream)], run.Slot()); err != nil {
					b.Fatal(err)
				}
				if err := run.Push(); err != nil {
					b.Fatal(err)
				}
			}
			run.Flush()
			cpu = threadCPU() - cpu
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(run.Stats.Evaluated)/float64(b.N), "evaluated/op")
		})
	}
}

// BenchmarkStateAndEval: decode → state → evaluation of the stable rules,
// per engine, on one goroutine (the ring buffer excluded).
func BenchmarkStateAndEval(b *testing.B) {
	stream := syntheticStream()
	for _, engine := range []string{"wasm", "interp"} {
		b.Run(engine, func(b *testing.B) {
			ev, f := stableRules(b, engine)
			run, err := sys.NewRunner(ev, f, func(*alert.Alert) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			t := state.NewTable(nil, 0)
			t.Put(&state.Process{Pid: 100, PPid: 1, Comm: "nginx", Exe: "nginx", ExePath: "/usr/sbin/nginx", Cwd: "/var/www"})
			t.Put(&state.Process{Pid: 1, Comm: "systemd", Cwd: "/"})
			src := sys.NewSource(t, "bench")
			b.ReportAllocs()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ResetTimer()
			cpu := threadCPU()
			for i := range b.N {
				if err := src.Apply(stream[i%len(stream)], run.Slot()); err != nil {
					b.Fatal(err)
				}
				if err := run.Push(); err != nil {
					b.Fatal(err)
				}
			}
			run.Flush()
			cpu = threadCPU() - cpu
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
			// This goroutine's thread CPU time: on a shared machine wall time
			// counts other processes too.
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(b.N)/cpu.Seconds(), "events/cpu-s")
		})
	}
}
