package k8saudit

import (
	"time"

	"github.com/valyala/fastjson"
)

// Event is one decoded audit event. It points into its Batch's parser and is
// valid until that Batch is released.
type Event struct {
	v       *fastjson.Value
	time    int64 // stageTimestamp, ns since the epoch
	cluster string
	memo    memo // resolved path prefixes (memo.go)
	// Line is the line of the file the event came from (1-based), or 0 for a
	// webhook body.
	Line int
}

// Value is the event's parsed JSON.
func (e *Event) Value() *fastjson.Value { return e.v }

// Time is the event's stageTimestamp in nanoseconds since the Unix epoch.
func (e *Event) Time() int64 { return e.time }

// SetCluster records the cluster the event came from (the webhook's
// /k8s-audit/<cluster> path); it is the ka.cluster field and the fallback of
// ka.cluster.name.
func (e *Event) SetCluster(name string) { e.cluster = name }

// Cluster is the name set with SetCluster ("" when none).
func (e *Event) Cluster() string { return e.cluster }

// stageTime reads and parses the event's stageTimestamp.
func stageTime(v *fastjson.Value) (int64, error) {
	ts := v.Get("stageTimestamp")
	if ts == nil || ts.Type() != fastjson.TypeString {
		return 0, ErrNoStageTimestamp
	}
	b, _ := ts.StringBytes()
	if ns, ok := parseRFC3339(b); ok {
		return ns, nil
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return 0, ErrBadStageTimestamp
	}
	return t.UnixNano(), nil
}

// parseRFC3339 is a fast path for the UTC form the apiserver writes:
// 2006-01-02T15:04:05[.fraction]Z. Anything else goes to time.Parse.
func parseRFC3339(b []byte) (int64, bool) {
	if len(b) < 20 || b[len(b)-1] != 'Z' || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return 0, false
	}
	year, ok1 := digits(b[0:4])
	month, ok2 := digits(b[5:7])
	day, ok3 := digits(b[8:10])
	hour, ok4 := digits(b[11:13])
	minute, ok5 := digits(b[14:16])
	sec, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return 0, false
	}
	frac, ok := fraction(b[19 : len(b)-1])
	if !ok {
		return 0, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, frac, time.UTC)
	if t.Day() != day { // 31 February and friends
		return 0, false
	}
	return t.UnixNano(), true
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// fraction parses "" or ".d{1,9}" into nanoseconds.
func fraction(b []byte) (int, bool) {
	if len(b) == 0 {
		return 0, true
	}
	if b[0] != '.' || len(b) < 2 || len(b) > 10 {
		return 0, false
	}
	n, ok := digits(b[1:])
	for i := len(b) - 1; i < 9; i++ {
		n *= 10
	}
	return n, ok
}
