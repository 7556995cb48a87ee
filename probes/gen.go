package probes

// The probe's object file and Go bindings are generated and committed, so
// building Aerie needs no clang. Regenerating needs clang-16, llvm-16,
// libbpf-dev and bpftool; vmlinux.h is dumped from the running kernel's BTF
// and not committed (CO-RE relocates field offsets at load time).
//go:generate sh -c "bpftool btf dump file /sys/kernel/btf/vmlinux format c > bpf/vmlinux.h"
//go:generate go tool bpf2go -cc clang-16 -strip llvm-strip-16 -target amd64 -type rec_hdr -type tuple -type exec_info -type counters -type shape probe bpf/probe.c -- -I./bpf -D__TARGET_ARCH_x86
