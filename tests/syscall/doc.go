// Package syscall holds the privileged end-to-end tests of the syscall
// source: they attach the real probe, run programs that do what attackers
// do, and check that Falco's stable rules, loaded unchanged, fire with the
// right fields; and that a capture of the run replays to the same alerts.
// They skip only when the kernel or privileges lack what the probe needs,
// and fail instead when AERIE_REQUIRE_PRIVILEGED=1.
package syscall
