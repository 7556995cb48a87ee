package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// programSink pipes one alert per line to a shell command's stdin, as
// Falco's program_output (keep_alive) does, and respawns the command when
// it has died.
type programSink struct {
	command string
	stderr  io.Writer
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	w       *bufio.Writer
	exited  chan struct{}
	json    bool
}

// Program starts an output feeding command (run with /bin/sh -c).
func Program(command string, o Options) (*Output, error) {
	s := &programSink{command: command, stderr: os.Stderr, json: o.JSON}
	if err := s.spawn(); err != nil {
		return nil, err
	}
	return start("program", s, o.Queue, o.Logf), nil
}

func (s *programSink) spawn() error {
	cmd := exec.Command("/bin/sh", "-c", s.command)
	cmd.Stdout, cmd.Stderr = s.stderr, s.stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("start program output: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start program output: %w", err)
	}
	s.cmd, s.stdin, s.w = cmd, stdin, bufio.NewWriter(stdin)
	s.exited = make(chan struct{})
	go func(exited chan struct{}) { cmd.Wait(); close(exited) }(s.exited) // reap it when it dies
	return nil
}

// write sends the line; if the program is gone it respawns it once and
// sends the line again.
func (s *programSink) write(a *Alert) error {
	if err := s.put(a); err == nil {
		return nil
	}
	s.close()
	if err := s.spawn(); err != nil {
		return err
	}
	if err := s.put(a); err != nil {
		return fmt.Errorf("write to program output: %w", err)
	}
	return nil
}

// put writes and flushes at once: a dead reader must show up on this
// alert, not silently swallow a buffer of them.
func (s *programSink) put(a *Alert) error {
	s.w.Write(line(a, s.json))
	s.w.WriteByte('\n')
	return s.w.Flush()
}

func (s *programSink) flush() error  { return nil }
func (s *programSink) reopen() error { s.close(); return s.spawn() }

func (s *programSink) close() error {
	s.stdin.Close()
	<-s.exited
	return nil
}
