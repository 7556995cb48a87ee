package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// line picks the form a line-oriented output writes.
func line(a *Alert, json bool) []byte {
	if json {
		return a.JSON
	}
	return a.Text
}

// writerSink writes one alert per line to a buffered writer.
type writerSink struct {
	w    *bufio.Writer
	json bool
}

func (s *writerSink) write(a *Alert) error {
	s.w.Write(line(a, s.json))
	return s.w.WriteByte('\n')
}

func (s *writerSink) flush() error  { return s.w.Flush() }
func (s *writerSink) reopen() error { return nil }
func (s *writerSink) close() error  { return s.w.Flush() }

// Options are what every output shares.
type Options struct {
	JSON  bool                 // write Falco's JSON instead of the text line
	Queue int                  // queue capacity; DefaultQueue if 0
	Logf  func(string, ...any) // where the output reports its errors
}

// Stdout starts an output writing to w (normally os.Stdout).
func Stdout(w io.Writer, o Options) *Output {
	return start("stdout", &writerSink{w: bufio.NewWriterSize(w, 64<<10), json: o.JSON}, o.Queue, o.Logf)
}

// fileSink appends to a file and reopens it on request (log rotation).
type fileSink struct {
	path string
	f    *os.File
	writerSink
}

// File starts an output appending to path, created if missing.
func File(path string, o Options) (*Output, error) {
	s := &fileSink{path: path, writerSink: writerSink{json: o.JSON}}
	if err := s.open(); err != nil {
		return nil, err
	}
	return start("file", s, o.Queue, o.Logf), nil
}

func (s *fileSink) open() error {
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		return fmt.Errorf("open file output: %w", err)
	}
	s.f = f
	s.w = bufio.NewWriterSize(f, 64<<10)
	return nil
}

func (s *fileSink) reopen() error {
	s.close()
	return s.open()
}

func (s *fileSink) close() error {
	err := s.w.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
