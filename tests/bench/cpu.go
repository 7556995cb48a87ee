package bench

import "syscall"

// cpuTime is the process's user and system CPU time in nanoseconds. On a
// shared, busy machine it measures the work done more steadily than wall
// time (it also counts the garbage collector's threads).
func cpuTime() int64 {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return r.Utime.Nano() + r.Stime.Nano()
}
