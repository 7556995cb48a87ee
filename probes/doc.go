// Package probes loads Aerie's eBPF syscall probe (CO-RE, tp_btf programs
// on sys_exit, sched_process_exec, sched_process_fork and
// sched_process_exit), programs its interest map, and reads its one ring
// buffer. The C source is bpf/probe.c; probe_x86_bpfel.{go,o} are generated
// by bpf2go (go generate) and committed.
//
// Subpackages: record (decoding, no eBPF), state (process and fd tables),
// capture (the capture file format).
//
// It may import only cilium/ebpf and its own subpackages.
package probes
