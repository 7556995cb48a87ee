package output

import (
	"fmt"
	"log/syslog"
)

// syslogSink sends each alert to the local syslog, facility LOG_USER, with
// the rule's priority as the severity (Falco's priorities are syslog's
// eight levels, in the same order).
type syslogSink struct {
	w    *syslog.Writer
	json bool
}

// Syslog starts an output writing to a syslog daemon: the local one when
// network and addr are empty, else addr over network ("udp", "tcp", "unix").
func Syslog(network, addr, tag string, o Options) (*Output, error) {
	w, err := syslog.Dial(network, addr, syslog.LOG_USER|syslog.LOG_INFO, tag)
	if err != nil {
		return nil, fmt.Errorf("open syslog output: %w", err)
	}
	return start("syslog", &syslogSink{w: w, json: o.JSON}, o.Queue, o.Logf), nil
}

func (s *syslogSink) write(a *Alert) error {
	msg := string(line(a, s.json))
	switch syslog.Priority(a.Priority) {
	case syslog.LOG_EMERG:
		return s.w.Emerg(msg)
	case syslog.LOG_ALERT:
		return s.w.Alert(msg)
	case syslog.LOG_CRIT:
		return s.w.Crit(msg)
	case syslog.LOG_ERR:
		return s.w.Err(msg)
	case syslog.LOG_WARNING:
		return s.w.Warning(msg)
	case syslog.LOG_NOTICE:
		return s.w.Notice(msg)
	case syslog.LOG_INFO:
		return s.w.Info(msg)
	default:
		return s.w.Debug(msg)
	}
}

func (s *syslogSink) flush() error  { return nil }
func (s *syslogSink) reopen() error { return nil }
func (s *syslogSink) close() error  { return s.w.Close() }
