package syscall

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/aeriesec/aerie/runtime/alert"
	sys "github.com/aeriesec/aerie/runtime/syscall"
)

// Falco's incubating rule for CVE-2023-4911 (GLIBC_TUNABLES handed to a
// program, as the exploit hands it to a setuid one), loaded unchanged with
// the stable rules, fires on a real exec whose environment carries the
// variable, with proc.env in its output; the capture replays to the same
// alert. proc.env comes from the probe's environment record.
func TestIncubatingRuleSeesTheEnvironment(t *testing.T) {
	const rule = "Potential Local Privilege Escalation via Environment Variables Misuse"
	files := []string{"falco_rules.yaml", "falco-incubating_rules.yaml"}
	s := startSessionWith(t, files...)
	c := exec.Command("/bin/true")
	c.Env = []string{"GLIBC_TUNABLES=glibc.tune.hwcaps=-AVX2_Usable", "PATH=/usr/bin:/bin"}
	c.Dir = t.TempDir()
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	g := s.waitFor(t, rule, func(g got) bool {
		return g.Fields["proc.name"] == "true" && g.Fields["proc.env"] == strings.Join(c.Env, " ")
	})
	t.Logf("%s", g.Output)
	capt := s.stop(t)
	ev, f := compatRules(t, "wasm", files...)
	found := false
	if _, err := sys.Replay(bytes.NewReader(capt), ev, f, func(a *alert.Alert) error {
		found = found || bytes.Contains(a.JSON, []byte(`"proc.env":"GLIBC_TUNABLES=glibc.tune.hwcaps=-AVX2_Usable PATH=/usr/bin:/bin"`))
		return nil
	}); err != nil {
		t.Fatalf("replay: %v", err)
	}
	if !found {
		t.Error("the replayed capture lacks the alert with the environment")
	}
}
