//go:build ignore

// Aerie's syscall probe. CO-RE, tp_btf programs only (no kprobes):
//   sys_exit             one generic dispatcher; what to read for each
//                        syscall comes from the shapes map userspace fills
//   sched_process_exec   successful execs: argv, exe path, cwd, creds, tty
//   sched_process_fork   new tasks (threads and processes)
//   sched_process_exit   ended tasks
// Every record is a struct rec_hdr followed by up to NPARAMS parameters
// whose lengths sit in hdr.lens; records are assembled in a per-CPU scratch
// buffer and copied to the one ring buffer with bpf_ringbuf_output.

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define NPARAMS 6
#define MAX_NR 512
#define SCRATCH_MASK 16383 /* records are at most 16 KiB */
#define SCRATCH_SIZE 24576 /* mask + the biggest single read, rounded up */
#define STR_MAX 4096
#define NAME_MAX_R 256
#define PATH_DEPTH 32
#define CGROUP_SUBSYS_MAX 16

enum kind { K_SYSCALL = 1, K_EXEC = 2, K_FORK = 3, K_EXIT = 4, K_ENV = 5 };

/* Where a syscall's values come from: an argument index 0..5, 6 for the
 * return value, -1 for nothing. */
#define FROM_RET 6

struct shape {
	__u8 want;      /* 1: emit this syscall */
	__u8 only_fail; /* emit only when ret < 0 (execve: success comes from sched_process_exec) */
	__s8 str[2];    /* user C strings */
	__s8 sa_ptr;    /* user sockaddr pointer */
	__s8 sa_len;    /* its length */
	__s8 sock_fd;   /* fd whose socket tuple to read from the kernel */
	__u8 msghdr;    /* sa_ptr points at a struct msghdr (sendmsg) */
	__u8 sa_fixed;  /* when nonzero, read this many bytes at sa_ptr (int[2] of pipe) */
};

struct rec_hdr {
	__u64 ts; /* bpf_ktime_get_boot_ns */
	__u32 len;
	__u16 kind;
	__u16 nr;
	__u32 tgid;
	__u32 tid;
	__u32 uid; /* effective */
	__u32 gid;
	__u32 loginuid;
	__u32 cpu;
	__s64 ret;
	__u64 args[6];
	__u16 lens[NPARAMS];
	__u32 pad;
};

/* Socket tuple read from the kernel socket, addresses in network order. */
struct tuple {
	__u16 family;
	__u16 type;
	__u16 proto;
	__u16 lport; /* host order */
	__u16 rport; /* host order */
	__u16 pad;
	__u8 laddr[16];
	__u8 raddr[16];
};

struct exec_info {
	__u32 ppid;
	__u32 sid;
	__u32 pgid;
	__u32 vpid;
	__u32 vpgid;
	__u32 tty;
	__u32 exe_nlink;
	__u32 flags; /* EXE_* */
	__u64 cap_eff;
	__u64 cap_prm;
	__u64 cap_inh;
	__u64 exe_ino;
	__u64 exe_ctime;
	__u64 exe_mtime;
	__u64 start_ts; /* boot ns */
	__u64 pidns_start; /* boot ns of the pid namespace's init */
};

#define EXE_WRITABLE 1
#define EXE_UPPER_LAYER 2
#define EXE_LOWER_LAYER 4

struct counters {
	__u64 events;
	__u64 drops;    /* ring buffer full */
	__u64 toolarge; /* record truncated to the scratch size */
};

struct scratch {
	__u8 buf[SCRATCH_SIZE];
	/* bpf_loop walk state, kept in the map (not on the stack) so the
	 * verifier sees every iteration alike and checks the step once */
	__u64 wd;
	__u64 wmnt;
	__u64 woff;
};

const struct rec_hdr *unused_hdr __attribute__((unused));
const struct tuple *unused_tuple __attribute__((unused));
const struct exec_info *unused_exec __attribute__((unused));
const struct counters *unused_counters __attribute__((unused));
const struct shape *unused_shape __attribute__((unused));

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_NR);
	__type(key, __u32);
	__type(value, struct shape);
} shapes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct counters);
} drop_counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

/* Set by the loader: Aerie's own process, whose events are not emitted,
 * and whether process lifecycle records are wanted at all. */
const volatile __u32 self_tgid = 0;
/* Backlog (bytes) past which a record wakes the reader up. */
const volatile __u64 wakeup_bytes = 1 << 20;

static __always_inline struct scratch *get_scratch(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&scratch_map, &zero);
}

static __always_inline void count(int which)
{
	__u32 zero = 0;
	struct counters *c = bpf_map_lookup_elem(&drop_counters, &zero);
	if (!c)
		return;
	if (which == 0)
		c->events++;
	else if (which == 1)
		c->drops++;
	else
		c->toolarge++;
}

static __always_inline void fill_hdr(struct rec_hdr *h, __u16 kind)
{
	__u64 pt = bpf_get_current_pid_tgid();
	struct task_struct *t = bpf_get_current_task_btf();
	h->ts = bpf_ktime_get_boot_ns();
	h->kind = kind;
	h->nr = 0;
	h->tgid = pt >> 32;
	h->tid = (__u32)pt;
	h->uid = BPF_CORE_READ(t, cred, euid.val);
	h->gid = BPF_CORE_READ(t, cred, egid.val);
	h->loginuid = BPF_CORE_READ(t, loginuid.val);
	h->cpu = bpf_get_smp_processor_id();
	h->ret = 0;
	for (int i = 0; i < 6; i++)
		h->args[i] = 0;
	for (int i = 0; i < NPARAMS; i++)
		h->lens[i] = 0;
	h->pad = 0;
}

static __always_inline void submit(struct scratch *s, __u32 len)
{
	struct rec_hdr *h = (struct rec_hdr *)s->buf;
	if (len > SCRATCH_MASK) {
		len = SCRATCH_MASK;
		count(2);
	}
	h->len = len;
	count(0);
	__u64 size = len;
	asm volatile("%0 &= 16383" : "+r"(size)); /* a bound the verifier sees */
	/* No wakeup per record (a reader woken for every event costs more than
	 * the event): the reader polls, and is woken when the backlog grows. */
	__u64 flags = BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wakeup_bytes)
		flags = BPF_RB_FORCE_WAKEUP;
	if (bpf_ringbuf_output(&events, s->buf, size, flags) != 0)
		count(1);
}

/* Reads a C string into the record; returns its length with the NUL, or 0. */
static __always_inline __u32 put_user_str(struct scratch *s, __u32 off, const void *p)
{
	if (!p || off > SCRATCH_MASK + 1 - STR_MAX)
		return 0;
	long n = bpf_probe_read_user_str(&s->buf[off & SCRATCH_MASK], STR_MAX, p);
	return n > 0 ? n : 0;
}

static __always_inline __u32 put_kernel_str(struct scratch *s, __u32 off, const void *p)
{
	if (!p || off > SCRATCH_MASK + 1 - STR_MAX)
		return 0;
	long n = bpf_probe_read_kernel_str(&s->buf[off & SCRATCH_MASK], STR_MAX, p);
	return n > 0 ? n : 0;
}

static __always_inline __u32 put_user_bytes(struct scratch *s, __u32 off, const void *p, __u32 n)
{
	if (!p || n == 0 || off > SCRATCH_MASK + 1 - STR_MAX)
		return 0;
	if (n > 128)
		n = 128;
	if (bpf_probe_read_user(&s->buf[off & SCRATCH_MASK], n & 255, p) != 0)
		return 0;
	return n;
}

/* Writes the names of a path's dentries from the leaf up to the root, each
 * with its NUL, crossing mount points; userspace reverses them. One step per
 * bpf_loop iteration. */
static long walk_step(__u64 i, void *ctx)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 1;
	struct dentry *d = (struct dentry *)s->wd;
	struct mount *mnt = (struct mount *)s->wmnt;
	struct dentry *mroot = BPF_CORE_READ(mnt, mnt.mnt_root);
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	if (d == mroot) {
		struct mount *mp = BPF_CORE_READ(mnt, mnt_parent);
		if (mp == mnt)
			return 1;
		s->wd = (__u64)BPF_CORE_READ(mnt, mnt_mountpoint);
		s->wmnt = (__u64)mp;
		return 0;
	}
	__u64 off = s->woff;
	if (off > SCRATCH_MASK + 1 - NAME_MAX_R)
		return 1;
	const unsigned char *name = BPF_CORE_READ(d, d_name.name);
	long n = bpf_probe_read_kernel_str(&s->buf[off & SCRATCH_MASK], NAME_MAX_R, name);
	if (n <= 0)
		return 1;
	s->woff = off + n;
	if (d == parent) /* a pseudo file (memfd, pipe …): its own name only */
		return 1;
	s->wd = (__u64)parent;
	return 0;
}

static __always_inline __u32 put_path(struct scratch *s, __u32 off, const struct path *path)
{
	struct vfsmount *vm = BPF_CORE_READ(path, mnt);
	s->wd = (__u64)BPF_CORE_READ(path, dentry);
	s->wmnt = (__u64)container_of(vm, struct mount, mnt);
	s->woff = off;
	bpf_loop(PATH_DEPTH, walk_step, NULL, 0);
	__u64 end = s->woff;
	if (end < off || end > SCRATCH_MASK)
		return 0;
	return end - off;
}

static __always_inline struct file *fd_file(int fd)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct fdtable *fdt = BPF_CORE_READ(t, files, fdt);
	unsigned int max = BPF_CORE_READ(fdt, max_fds);
	struct file **fda = BPF_CORE_READ(fdt, fd);
	struct file *f = NULL;

	if (fd < 0 || (unsigned int)fd >= max)
		return NULL;
	bpf_probe_read_kernel(&f, sizeof(f), &fda[fd]);
	return f;
}

#define S_IFMT_ 00170000
#define S_IFSOCK_ 0140000

static __always_inline __u32 put_tuple(struct scratch *s, __u32 off, int fd)
{
	struct file *f = fd_file(fd);
	if (!f || off > SCRATCH_MASK + 1 - STR_MAX)
		return 0;
	umode_t mode = BPF_CORE_READ(f, f_inode, i_mode);
	if ((mode & S_IFMT_) != S_IFSOCK_)
		return 0;
	struct socket *sock = BPF_CORE_READ(f, private_data);
	struct sock *sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return 0;
	struct tuple *tu = (struct tuple *)&s->buf[off & SCRATCH_MASK];
	__builtin_memset(tu, 0, sizeof(*tu));
	tu->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	tu->type = BPF_CORE_READ(sock, type);
	tu->proto = BPF_CORE_READ(sk, sk_protocol);
	tu->lport = BPF_CORE_READ(sk, __sk_common.skc_num);
	tu->rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	/* Sized by the kernel field, not by the destination: BPF_CORE_READ_INTO
	 * would copy sizeof(*dst), one byte of an array. */
	if (tu->family == 2) {
		bpf_core_read(tu->laddr, sizeof(sk->__sk_common.skc_rcv_saddr), &sk->__sk_common.skc_rcv_saddr);
		bpf_core_read(tu->raddr, sizeof(sk->__sk_common.skc_daddr), &sk->__sk_common.skc_daddr);
	} else if (tu->family == 10) {
		bpf_core_read(tu->laddr, sizeof(sk->__sk_common.skc_v6_rcv_saddr), &sk->__sk_common.skc_v6_rcv_saddr);
		bpf_core_read(tu->raddr, sizeof(sk->__sk_common.skc_v6_daddr), &sk->__sk_common.skc_v6_daddr);
	}
	return sizeof(*tu);
}

static __always_inline __u64 reg_arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0:
		return regs->di;
	case 1:
		return regs->si;
	case 2:
		return regs->dx;
	case 3:
		return regs->r10;
	case 4:
		return regs->r8;
	case 5:
		return regs->r9;
	}
	return 0;
}

static __always_inline __u64 value_of(struct rec_hdr *h, int i)
{
	if (i == FROM_RET)
		return h->ret;
	if (i >= 0 && i < 6)
		return h->args[i & 7];
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(on_sys_exit, struct pt_regs *regs, long ret)
{
	long id = regs->orig_ax;
	if (id < 0 || id >= MAX_NR)
		return 0;
	__u32 key = id;
	struct shape *sh = bpf_map_lookup_elem(&shapes, &key);
	if (!sh || !sh->want)
		return 0;
	if (sh->only_fail && ret >= 0)
		return 0;
	if ((bpf_get_current_pid_tgid() >> 32) == self_tgid)
		return 0;
	/* 32-bit (ia32) syscalls number differently: not reported */
	struct task_struct *cur = bpf_get_current_task_btf();
	if (BPF_CORE_READ(cur, thread_info.status) & 0x0002 /* TS_COMPAT */)
		return 0;
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct rec_hdr *h = (struct rec_hdr *)s->buf;
	fill_hdr(h, K_SYSCALL);
	h->nr = id;
	h->ret = ret;
	for (int i = 0; i < 6; i++)
		h->args[i] = reg_arg(regs, i);

	__u32 off = sizeof(*h), n;
	for (int i = 0; i < 2; i++) {
		n = 0;
		if (sh->str[i] >= 0)
			n = put_user_str(s, off, (const void *)value_of(h, sh->str[i]));
		h->lens[i] = n;
		off += n;
	}
	n = 0;
	if (sh->sa_ptr >= 0) {
		const void *p = (const void *)value_of(h, sh->sa_ptr);
		__u32 len = sh->sa_fixed ? sh->sa_fixed : value_of(h, sh->sa_len);
		if (sh->msghdr && p) {
			struct user_msghdr m = {};
			bpf_probe_read_user(&m, sizeof(m), p);
			p = m.msg_name;
			len = m.msg_namelen;
		}
		n = put_user_bytes(s, off, p, len);
	}
	h->lens[2] = n;
	off += n;
	n = 0;
	if (sh->sock_fd >= 0)
		n = put_tuple(s, off, (int)value_of(h, sh->sock_fd));
	h->lens[3] = n;
	off += n;
	submit(s, off);
	return 0;
}

static __always_inline __u32 tty_of(struct task_struct *t)
{
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	if (!tty)
		return 0;
	int index = BPF_CORE_READ(tty, index);
	int major = BPF_CORE_READ(tty, driver, major);
	int minor = BPF_CORE_READ(tty, driver, minor_start) + index;
	return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

static __always_inline __u32 ns_nr(struct pid *p)
{
	unsigned int level = BPF_CORE_READ(p, level);
	struct upid u = {};
	bpf_probe_read_kernel(&u, sizeof(u), &p->numbers[level & 31]);
	return u.nr;
}

/* Older kernels' layouts, for CO-RE: the inode times were one timespec64
 * each (i_ctime/i_mtime before 6.6, __i_ctime/__i_mtime from 6.6/6.7,
 * split into _sec and _nsec from 6.11). */
struct inode___pre66 {
	struct timespec64 i_ctime;
	struct timespec64 i_mtime;
} __attribute__((preserve_access_index));

struct inode___pre611 {
	struct timespec64 __i_ctime;
	struct timespec64 __i_mtime;
} __attribute__((preserve_access_index));

static __always_inline __u64 ts_ns(__s64 sec, long nsec)
{
	return (__u64)sec * 1000000000ULL + (__u64)nsec;
}

static __always_inline void read_inode_times(struct exec_info *x, struct inode *ino)
{
	if (bpf_core_field_exists(ino->i_ctime_sec)) {
		/* Multigrain timestamps (6.13+) keep a "queried" flag in bit 31
		 * of the change time's nanoseconds. */
		x->exe_ctime = ts_ns(BPF_CORE_READ(ino, i_ctime_sec), BPF_CORE_READ(ino, i_ctime_nsec) & ~(1U << 31));
		x->exe_mtime = ts_ns(BPF_CORE_READ(ino, i_mtime_sec), BPF_CORE_READ(ino, i_mtime_nsec));
		return;
	}
	struct inode___pre611 *i611 = (void *)ino;
	if (bpf_core_field_exists(i611->__i_ctime)) {
		x->exe_ctime = ts_ns(BPF_CORE_READ(i611, __i_ctime.tv_sec), BPF_CORE_READ(i611, __i_ctime.tv_nsec));
		if (bpf_core_field_exists(i611->__i_mtime))
			x->exe_mtime = ts_ns(BPF_CORE_READ(i611, __i_mtime.tv_sec), BPF_CORE_READ(i611, __i_mtime.tv_nsec));
		else /* 6.6 renamed only the change time */
			x->exe_mtime = ts_ns(BPF_CORE_READ((struct inode___pre66 *)ino, i_mtime.tv_sec),
					     BPF_CORE_READ((struct inode___pre66 *)ino, i_mtime.tv_nsec));
		return;
	}
	struct inode___pre66 *i66 = (void *)ino;
	x->exe_ctime = ts_ns(BPF_CORE_READ(i66, i_ctime.tv_sec), BPF_CORE_READ(i66, i_ctime.tv_nsec));
	x->exe_mtime = ts_ns(BPF_CORE_READ(i66, i_mtime.tv_sec), BPF_CORE_READ(i66, i_mtime.tv_nsec));
}

/* kernel_cap_t is one u64 from 6.3 and two u32 before, the same eight bytes
 * on little-endian: copy the bytes, sized by the field, so both load. */
static __always_inline void read_caps(struct exec_info *x, const struct cred *c)
{
	bpf_core_read(&x->cap_eff, sizeof(x->cap_eff), &c->cap_effective);
	bpf_core_read(&x->cap_prm, sizeof(x->cap_prm), &c->cap_permitted);
	bpf_core_read(&x->cap_inh, sizeof(x->cap_inh), &c->cap_inheritable);
}

static __always_inline void exe_info(struct exec_info *x, struct file *exe, __u32 euid)
{
	struct inode *ino = BPF_CORE_READ(exe, f_inode);
	x->exe_nlink = BPF_CORE_READ(ino, __i_nlink);
	x->exe_ino = BPF_CORE_READ(ino, i_ino);
	read_inode_times(x, ino);
	umode_t mode = BPF_CORE_READ(ino, i_mode);
	__u32 owner = BPF_CORE_READ(ino, i_uid.val);
	if (euid == 0 || (owner == euid && (mode & 0200)) || (mode & 0002))
		x->flags |= EXE_WRITABLE;
	unsigned long magic = BPF_CORE_READ(ino, i_sb, s_magic);
	if (magic == 0x794c7630) { /* OVERLAYFS_SUPER_MAGIC */
		struct ovl_inode *oi = container_of(ino, struct ovl_inode, vfs_inode);
		struct dentry *upper = BPF_CORE_READ(oi, __upperdentry);
		x->flags |= upper ? EXE_UPPER_LAYER : EXE_LOWER_LAYER;
	}
}

/* kernfs_node's parent was "parent" before 6.15 (then "__parent"). */
struct kernfs_node___pre615 {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(kn->__parent))
		return BPF_CORE_READ(kn, __parent);
	return BPF_CORE_READ((struct kernfs_node___pre615 *)kn, parent);
}

/* put_name appends a cgroup's name (its kernfs node's) to the record being
 * built at s->woff; the root's empty name is skipped. */
static __always_inline long put_name(struct scratch *s, struct kernfs_node *kn)
{
	if (!kn)
		return 0;
	const char *name = BPF_CORE_READ(kn, name);
	__u64 off = s->woff;
	if (off > SCRATCH_MASK + 1 - NAME_MAX_R)
		return 1;
	long m = bpf_probe_read_kernel_str(&s->buf[off & SCRATCH_MASK], NAME_MAX_R, name);
	if (m > 1)
		s->woff = off + m;
	return 0;
}

/* Step 0 is the unified (v2) hierarchy's leaf and its parent: on cgroup v2
 * hosts they name the container's scope and its pod's slice (pod<uid>),
 * whatever controllers they enable. Step i > 0 is subsystem i - 1's leaf
 * (cgroup v1 hierarchies). */
static long cgroup_step(__u64 i, void *ctx)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 1;
	struct css_set *cs = (struct css_set *)s->wd;
	if (i == 0) {
		struct kernfs_node *kn = BPF_CORE_READ(cs, dfl_cgrp, kn);
		if (put_name(s, kn))
			return 1;
		return kn ? put_name(s, kn_parent(kn)) : 0;
	}
	struct cgroup_subsys_state *css = NULL;
	bpf_probe_read_kernel(&css, sizeof(css), &cs->subsys[(i - 1) & 15]);
	if (!css)
		return 0;
	return put_name(s, BPF_CORE_READ(css, cgroup, kn));
}

/* put_user_range copies user memory [start, end), at most STR_MAX bytes,
 * to the record at off, and returns how many bytes it copied (0 when the
 * range is empty or unreadable). */
static __always_inline __u32 put_user_range(struct scratch *s, __u32 off, unsigned long start, unsigned long end)
{
	if (end <= start || off > SCRATCH_MASK + 1 - STR_MAX)
		return 0;
	__u32 n = end - start;
	if (n > STR_MAX)
		n = STR_MAX;
	if (bpf_probe_read_user(&s->buf[off & SCRATCH_MASK], n & (STR_MAX - 1 + STR_MAX), (void *)start) != 0)
		return 0;
	return n;
}

/* emit_env sends the new image's environment (env_start..env_end of the
 * new mm, NUL-separated NAME=value, at most STR_MAX bytes as Falco) as a
 * record of its own just before the exec record, whose parameters are all
 * taken: the reader keeps it for the exec that follows. */
static __always_inline void emit_env(struct scratch *s, struct task_struct *p)
{
	struct rec_hdr *h = (struct rec_hdr *)s->buf;
	fill_hdr(h, K_ENV);
	h->nr = 59;
	__u32 off = sizeof(*h);
	__u32 n = put_user_range(s, off, BPF_CORE_READ(p, mm, env_start), BPF_CORE_READ(p, mm, env_end));
	h->lens[0] = n;
	submit(s, off + n);
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	if (BPF_CORE_READ(p, tgid) == self_tgid)
		return 0;
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	emit_env(s, p);
	struct rec_hdr *h = (struct rec_hdr *)s->buf;
	fill_hdr(h, K_EXEC);
	h->nr = 59;
	h->args[0] = old_pid;

	__u32 off = sizeof(*h);
	struct exec_info *x = (struct exec_info *)&s->buf[off];
	__builtin_memset(x, 0, sizeof(*x));
	x->ppid = BPF_CORE_READ(p, real_parent, tgid);
	x->sid = BPF_CORE_READ(p, signal, pids[PIDTYPE_SID], numbers[0].nr);
	x->pgid = BPF_CORE_READ(p, signal, pids[PIDTYPE_PGID], numbers[0].nr);
	x->vpid = ns_nr(BPF_CORE_READ(p, thread_pid));
	x->vpgid = ns_nr(BPF_CORE_READ(p, signal, pids[PIDTYPE_PGID]));
	x->tty = tty_of(p);
	read_caps(x, BPF_CORE_READ(p, cred));
	x->start_ts = BPF_CORE_READ(p, group_leader, start_boottime);
	x->pidns_start = BPF_CORE_READ(p, nsproxy, pid_ns_for_children, child_reaper, start_boottime);
	struct file *exe = BPF_CORE_READ(p, mm, exe_file);
	if (exe)
		exe_info(x, exe, h->uid);
	h->lens[0] = sizeof(*x);
	off += sizeof(*x);

	__u32 n = put_kernel_str(s, off, BPF_CORE_READ(bprm, filename));
	h->lens[1] = n;
	off += n;

	n = put_user_range(s, off, BPF_CORE_READ(p, mm, arg_start), BPF_CORE_READ(p, mm, arg_end));
	h->lens[2] = n;
	off += n;

	n = 0;
	if (exe)
		n = put_path(s, off, __builtin_preserve_access_index(&exe->f_path));
	h->lens[3] = n;
	off += n;

	struct fs_struct *fs = BPF_CORE_READ(p, fs);
	n = put_path(s, off, __builtin_preserve_access_index(&fs->pwd));
	h->lens[4] = n;
	off += n;

	/* Leaf names of the task's cgroups, the unified one and one per
	 * subsystem: enough to find a container id (docker/<id>,
	 * cri-containerd-<id>.scope, crio-<id> …). The subsystem count is the
	 * running kernel's (CO-RE enum relocation). */
	s->wd = (__u64)BPF_CORE_READ(p, cgroups);
	s->woff = off;
	__u32 nsubsys = bpf_core_enum_value(enum cgroup_subsys_id, CGROUP_SUBSYS_COUNT);
	if (nsubsys > CGROUP_SUBSYS_MAX)
		nsubsys = CGROUP_SUBSYS_MAX;
	bpf_loop(1 + nsubsys, cgroup_step, NULL, 0);
	__u64 end = s->woff;
	if (end >= off && end <= SCRATCH_MASK) {
		h->lens[5] = end - off;
		off = end;
	}
	submit(s, off);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 tgid = BPF_CORE_READ(child, tgid);
	if (tgid == self_tgid)
		return 0;
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct rec_hdr *h = (struct rec_hdr *)s->buf;
	fill_hdr(h, K_FORK);
	h->nr = 56;
	h->tgid = tgid;
	h->tid = BPF_CORE_READ(child, pid);
	h->args[0] = BPF_CORE_READ(parent, pid);
	h->args[1] = BPF_CORE_READ(parent, tgid);
	h->args[2] = BPF_CORE_READ(child, files) == BPF_CORE_READ(parent, files);
	h->args[3] = BPF_CORE_READ(child, start_boottime);
	h->args[4] = BPF_CORE_READ(child, real_parent, tgid);
	h->args[5] = BPF_CORE_READ(child, fs) == BPF_CORE_READ(parent, fs);
	submit(s, sizeof(*h));
	return 0;
}

/* The process that inherits an exiting process's children: the nearest
 * child subreaper among its ancestors, else its pid namespace's reaper. */
static __always_inline __u32 reaper_of(struct task_struct *p)
{
	struct signal_struct *sig = BPF_CORE_READ(p, signal);
	if (BPF_CORE_READ_BITFIELD_PROBED(sig, has_child_subreaper)) {
		struct task_struct *a = BPF_CORE_READ(p, real_parent);
		for (int i = 0; i < 8; i++) {
			struct signal_struct *as = BPF_CORE_READ(a, signal);
			if (BPF_CORE_READ_BITFIELD_PROBED(as, is_child_subreaper))
				return BPF_CORE_READ(a, tgid);
			struct task_struct *n = BPF_CORE_READ(a, real_parent);
			if (n == a)
				break;
			a = n;
		}
	}
	struct pid *pid = BPF_CORE_READ(p, thread_pid);
	unsigned int level = BPF_CORE_READ(pid, level);
	struct upid u = {};
	bpf_probe_read_kernel(&u, sizeof(u), &pid->numbers[level & 31]);
	return BPF_CORE_READ(u.ns, child_reaper, tgid);
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_exit, struct task_struct *p, bool group_dead)
{
	__u32 tgid = BPF_CORE_READ(p, tgid);
	if (tgid == self_tgid)
		return 0;
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct rec_hdr *h = (struct rec_hdr *)s->buf;
	fill_hdr(h, K_EXIT);
	h->nr = 60;
	h->ret = BPF_CORE_READ(p, exit_code);
	h->args[0] = group_dead;
	if (group_dead)
		h->args[1] = reaper_of(p);
	submit(s, sizeof(*h));
	return 0;
}
