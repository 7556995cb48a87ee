package rules_test

import (
	"net"
	"os"
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// init turns the test binary into the helper programs the syscall
// scenarios run (AERIE_FIXTURE_HELPER=<mode>): system calls that no
// standard command makes on demand.
func init() {
	if mode := os.Getenv("AERIE_FIXTURE_HELPER"); mode != "" {
		os.Exit(fixtureHelper(mode))
	}
}

func fixtureHelper(mode string) int {
	switch mode {
	case "traverse":
		f, err := os.Open(os.Getenv("AERIE_FIXTURE_DIR") + "/../../etc/passwd")
		if err == nil {
			f.Close()
		}
	case "open-passwd":
		if f, err := os.Open("/etc/passwd"); err == nil {
			f.Close()
		}
	case "memfd":
		return memfdExec()
	case "ptrace-attach":
		return ptraceAttach()
	case "traceme":
		syscall.RawSyscall(syscall.SYS_PTRACE, syscall.PTRACE_TRACEME, 0, 0)
	case "finit":
		if f, err := os.Open("/dev/null"); err == nil {
			unix.FinitModule(int(f.Fd()), "", 0)
			f.Close()
		}
	case "connect-api":
		connectNonblock([4]byte{10, 96, 0, 1}, 443)
	case "connect-api-k3s": // k3s's kubernetes service address
		connectNonblock([4]byte{10, 43, 0, 1}, 443)
	case "connect-other":
		connectNonblock([4]byte{203, 0, 113, 9}, 443)
	case "packet":
		if fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0); err == nil {
			unix.Close(fd)
		}
	case "dup-socket":
		return dupSocket()
	case "dup-pipe":
		var p [2]int
		if unix.Pipe(p[:]) == nil {
			unix.Dup2(p[1], 1)
		}
	}
	return 0
}

func memfdExec() int {
	fd, err := unix.MemfdCreate("payload", 0)
	if err != nil {
		return 1
	}
	bin, err := os.ReadFile("/bin/true")
	if err != nil {
		return 1
	}
	unix.Write(fd, bin)
	unix.Exec("/proc/self/fd/"+itoa(fd), []string{"payload"}, os.Environ())
	return 1
}

func ptraceAttach() int {
	runtime.LockOSThread()
	cmd := exec.Command("/bin/sleep", "30")
	if cmd.Start() != nil {
		return 1
	}
	pid := cmd.Process.Pid
	if syscall.PtraceAttach(pid) == nil {
		var ws syscall.WaitStatus
		syscall.Wait4(pid, &ws, 0, nil)
		syscall.PtraceDetach(pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return 0
}

func connectNonblock(ip [4]byte, port int) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		return
	}
	unix.Connect(fd, &unix.SockaddrInet4{Port: port, Addr: ip})
	unix.Close(fd)
}

func dupSocket() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 1
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		return 1
	}
	if unix.Connect(fd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}) != nil {
		return 1
	}
	unix.Dup2(fd, 0)
	unix.Dup2(fd, 1)
	return 0
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
