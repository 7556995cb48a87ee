package fields

// Syscall is the catalog of the syscall source: every field Falco's rules
// files reference (stable, incubating and the 0.31 falco_rules.yaml) plus the
// neighbours a user expects, typed as libsinsp and the container plugin type
// them. Numeric libsinsp types collapse into Int and Uint (see Type).
var Syscall = NewCatalog(SourceSyscall, syscallFields())

func syscallFields() []Field {
	var fs []Field
	for _, group := range [][]Field{evtFields, procFields, threadFields, fdFields, fsFields, userFields, containerFieldsSys, k8sFields} {
		fs = append(fs, group...)
	}
	return fs
}

func typed(name string, t Type, doc string) Field { return Field{Name: name, Type: t, Doc: doc} }

// ancestor is a field over process ancestors: [N] picks ancestor N (0 is the
// process itself); without an index it matches any ancestor, so it may not be
// the right-hand side of a comparison.
func ancestor(name string, t Type, doc string) Field {
	return Field{Name: name, Type: t, Arg: ArgOptional, ArgKind: ArgIndex, NoRHS: true, AnyOf: true, Doc: doc}
}

func filterOnly(name string, t Type, doc string) Field {
	return Field{Name: name, Type: t, NoRHS: true, Doc: doc}
}

var evtFields = []Field{
	typed("evt.num", Uint, "The event number."),
	typed("evt.time", String, "The event time as time of day with nanoseconds."),
	typed("evt.time.s", String, "The event time as time of day with seconds."),
	typed("evt.time.iso8601", String, "The event time in ISO 8601 with nanoseconds."),
	typed("evt.datetime", String, "The event time with date."),
	typed("evt.datetime.s", String, "The event time with date, to the second."),
	typed("evt.rawtime", Uint, "The event time in nanoseconds since the epoch."),
	typed("evt.rawtime.s", Uint, "The integer part of the event time in seconds."),
	typed("evt.rawtime.ns", Uint, "The fractional part of the event time in nanoseconds."),
	typed("evt.reltime", Uint, "Nanoseconds since the start of the capture."),
	typed("evt.latency", Uint, "Nanoseconds between the enter and exit of the syscall (0 when unknown)."),
	typed("evt.dir", String, "The event direction: > for enter, < for exit."),
	typed("evt.type", String, "The event name, e.g. open, openat, execve."),
	typed("syscall.type", String, "The system call name, for syscall events."),
	typed("evt.category", String, "The event category, e.g. file, net, process."),
	typed("evt.cpu", Int, "The CPU that produced the event."),
	typed("evt.args", String, "All event arguments as name=value text."),
	{Name: "evt.arg", Type: String, Prefix: true, Arg: ArgOptional, ArgKind: ArgIndex,
		Doc: "One event argument, rendered: by name (evt.arg.flags) or by position (evt.arg[0])."},
	{Name: "evt.rawarg", Type: Int, Prefix: true,
		Doc: "One event argument, by name, unrendered (evt.rawarg.res)."},
	typed("evt.info", String, "The event arguments, or a description for events with one."),
	typed("evt.buffer", Bytes, "The binary data buffer of the event (read, write, send …)."),
	typed("evt.buflen", Uint, "The length of the binary data buffer of the event."),
	typed("evt.res", String, "The result: SUCCESS or the errno name, e.g. ENOENT."),
	typed("evt.rawres", Int, "The numeric return value of the syscall."),
	typed("evt.failed", Bool, "true for events that returned an error."),
	typed("evt.is_io", Bool, "true for events that read or write to an fd."),
	typed("evt.is_io_read", Bool, "true for events that read from an fd."),
	typed("evt.is_io_write", Bool, "true for events that write to an fd."),
	typed("evt.io_dir", String, "r for reads, w for writes."),
	typed("evt.is_wait", Bool, "true for events that make the thread wait."),
	typed("evt.is_syslog", Bool, "true for writes to /dev/log."),
	typed("evt.is_open_read", Bool, "true for open/openat/openat2/creat events opening for reading."),
	typed("evt.is_open_write", Bool, "true for open/openat/openat2/creat events opening for writing."),
	typed("evt.is_open_exec", Bool, "true for open events creating an executable file."),
	typed("evt.is_open_create", Bool, "true for open events that created the file."),
	typed("evt.count", Uint, "1 for every event; for counting."),
	typed("evt.hostname", String, "The name of the host."),
	typed("evt.source", String, "The event source: syscall."),
	typed("evt.abspath", String, "The absolute path of a path-taking event (dirfd joined)."),
}

var procFields = []Field{
	typed("proc.pid", Int, "The process id."),
	typed("proc.ppid", Int, "The parent process id."),
	ancestor("proc.apid", Int, "The pid of an ancestor: [1] the parent, [2] the grandparent …; no index matches any ancestor."),
	typed("proc.vpid", Int, "The process id in its pid namespace."),
	typed("proc.pvpid", Int, "The parent process id in its pid namespace."),
	typed("proc.sid", Int, "The session id."),
	typed("proc.vpgid", Int, "The process group id in its pid namespace."),
	typed("proc.name", String, "The process name (task comm, at most 15 characters)."),
	typed("proc.pname", String, "The parent process name."),
	ancestor("proc.aname", String, "The name of an ancestor: [1] the parent, [2] the grandparent …; no index matches any ancestor."),
	typed("proc.exe", String, "The first command-line argument (argv[0])."),
	typed("proc.pexe", String, "The parent's argv[0]."),
	ancestor("proc.aexe", String, "The argv[0] of an ancestor; no index matches any ancestor."),
	typed("proc.exepath", String, "The full path of the process executable."),
	typed("proc.pexepath", String, "The parent's executable path."),
	ancestor("proc.aexepath", String, "The executable path of an ancestor; no index matches any ancestor."),
	typed("proc.args", String, "The command-line arguments after argv[0], joined with spaces."),
	typed("proc.cmdline", String, "proc.name and proc.args joined with a space."),
	typed("proc.pcmdline", String, "The parent's command line."),
	ancestor("proc.acmdline", String, "The command line of an ancestor; no index matches any ancestor."),
	typed("proc.exeline", String, "proc.exe and proc.args joined with a space."),
	typed("proc.cmdnargs", Uint, "The number of command-line arguments."),
	typed("proc.cmdlenargs", Uint, "The total length of the command-line arguments."),
	{Name: "proc.env", Type: String, Arg: ArgOptional, ArgKind: ArgKey,
		Doc: "The environment as NAME=value text; proc.env[NAME] is one variable's value."},
	{Name: "proc.aenv", Type: String, Arg: ArgOptional, ArgKind: ArgKey, NoRHS: true,
		Doc: "The environment of ancestors; no argument matches any ancestor."},
	typed("proc.cwd", String, "The current working directory (with a trailing /)."),
	typed("proc.tty", Uint, "The controlling terminal device number; 0 when none."),
	typed("proc.loginshellid", Int, "The pid of the oldest shell among the ancestors."),
	typed("proc.sname", String, "The name of the session leader."),
	typed("proc.sid.exe", String, "The argv[0] of the session leader."),
	typed("proc.sid.exepath", String, "The executable path of the session leader."),
	typed("proc.vpgid.name", String, "The name of the process group leader."),
	typed("proc.vpgid.exe", String, "The argv[0] of the process group leader."),
	typed("proc.vpgid.exepath", String, "The executable path of the process group leader."),
	typed("proc.duration", Uint, "Nanoseconds since the process started."),
	typed("proc.ppid.duration", Uint, "Nanoseconds since the parent process started."),
	typed("proc.pid.ts", Uint, "The process start time in nanoseconds since the epoch."),
	typed("proc.ppid.ts", Uint, "The parent process start time in nanoseconds since the epoch."),
	typed("proc.is_exe_writable", Bool, "true if the executable is writable by the user that started it."),
	typed("proc.is_exe_upper_layer", Bool, "true if the executable is in the overlayfs upper layer."),
	typed("proc.is_exe_from_memfd", Bool, "true if the executable is a memfd (memfd_create)."),
	typed("proc.is_sid_leader", Bool, "true if the process leads its session."),
	typed("proc.is_vpgid_leader", Bool, "true if the process leads its process group."),
	typed("proc.exe_ino", Int, "The inode number of the executable."),
	typed("proc.exe_ino.ctime", Uint, "The executable's inode change time, ns since the epoch."),
	typed("proc.exe_ino.mtime", Uint, "The executable's modification time, ns since the epoch."),
	typed("proc.exe_ino.ctime_duration_proc_start", Uint, "Nanoseconds between the executable's ctime and the process start."),
	typed("proc.exe_ino.ctime_duration_pidns_start", Uint, "Nanoseconds between the pid namespace start and the executable's ctime."),
	typed("proc.pidns_init_start_ts", Uint, "The start time of the pid namespace, ns since the epoch."),
	typed("proc.is_container_healthcheck", Bool, "true if the process runs a container health check."),
	typed("proc.is_container_liveness_probe", Bool, "true if the process runs a liveness probe."),
	typed("proc.is_container_readiness_probe", Bool, "true if the process runs a readiness probe."),
	typed("proc.fdopencount", Uint, "The number of open fds."),
	typed("proc.fdlimit", Int, "The maximum number of fds."),
	typed("proc.fdusage", Double, "Open fds over the fd limit."),
	typed("proc.vmsize", Uint, "Total virtual memory (kB)."),
	typed("proc.vmrss", Uint, "Resident memory (kB)."),
	typed("proc.vmswap", Uint, "Swapped memory (kB)."),
	typed("proc.nthreads", Uint, "The number of live threads."),
	typed("proc.nchilds", Uint, "The number of live threads other than the leader."),
}

var threadFields = []Field{
	typed("thread.tid", Int, "The thread id."),
	typed("thread.vtid", Int, "The thread id in its pid namespace."),
	typed("thread.ismain", Bool, "true for the main thread of the process."),
	typed("thread.cap_permitted", String, "The permitted capabilities, as names."),
	typed("thread.cap_inheritable", String, "The inheritable capabilities, as names."),
	typed("thread.cap_effective", String, "The effective capabilities, as names, e.g. CAP_SYS_ADMIN."),
	typed("thread.cgroups", String, "All cgroups of the thread, as subsys=path text."),
	{Name: "thread.cgroup", Type: String, Arg: ArgRequired, ArgKind: ArgKey,
		Doc: "The cgroup of the thread for one subsystem, e.g. thread.cgroup[cpuacct]."},
	typed("thread.pfmajor", Uint, "Major page faults since the thread started."),
	typed("thread.pfminor", Uint, "Minor page faults since the thread started."),
	typed("thread.vmsize", Uint, "Total virtual memory of the main thread (kB)."),
	typed("thread.vmrss", Uint, "Resident memory of the main thread (kB)."),
	typed("thread.exectime", Uint, "CPU time of the last scheduled slice, ns."),
	typed("thread.totexectime", Uint, "Total CPU time of the thread, ns."),
}

var fdFields = []Field{
	typed("fd.num", Int, "The fd number (-1 for a failed open)."),
	typed("fd.type", String, "The fd type: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, memfd …"),
	typed("fd.typechar", String, "The fd type as one character: f, 4, 6, u, p, e, s, l, i, b, r, m, o."),
	typed("fd.name", String, "The full path of a file, or the connection tuple of a socket."),
	typed("fd.nameraw", String, "The path exactly as the syscall received it."),
	typed("fd.directory", String, "The directory of a file fd."),
	typed("fd.filename", String, "The file name of a file fd, without the directory."),
	filterOnly("fd.ip", IPAddr, "Matches the client or the server address of the fd."),
	typed("fd.cip", IPAddr, "The client IP address."),
	typed("fd.sip", IPAddr, "The server IP address."),
	typed("fd.lip", IPAddr, "The local IP address."),
	typed("fd.rip", IPAddr, "The remote IP address."),
	filterOnly("fd.port", Uint, "Matches the client or the server port of the fd."),
	typed("fd.cport", Uint, "The client port."),
	typed("fd.sport", Uint, "The server port."),
	typed("fd.lport", Uint, "The local port."),
	typed("fd.rport", Uint, "The remote port."),
	typed("fd.l4proto", String, "The IP protocol of a socket: tcp, udp, icmp or raw."),
	typed("fd.sockfamily", String, "The socket family: ip or unix."),
	typed("fd.is_server", Bool, "true if the process is the server end of the connection."),
	typed("fd.uid", String, "The fd number chained with the thread id."),
	typed("fd.containername", String, "The container id chained with the fd name."),
	typed("fd.containerdirectory", String, "The container id chained with the directory."),
	filterOnly("fd.proto", Uint, "Matches the client or the server protocol of the fd."),
	typed("fd.cproto", String, "The client protocol."),
	typed("fd.sproto", String, "The server protocol."),
	typed("fd.lproto", String, "The local protocol."),
	typed("fd.rproto", String, "The remote protocol."),
	filterOnly("fd.net", IPNet, "Matches the client or the server network of the fd."),
	filterOnly("fd.cnet", IPNet, "Matches the client network of the fd."),
	filterOnly("fd.snet", IPNet, "Matches the server network of the fd."),
	filterOnly("fd.lnet", IPNet, "Matches the local network of the fd."),
	filterOnly("fd.rnet", IPNet, "Matches the remote network of the fd."),
	typed("fd.connected", Bool, "true if a TCP/UDP socket is connected."),
	typed("fd.name_changed", Bool, "true when this event changed the fd's name."),
	filterOnly("fd.cip.name", String, "The domain name of the client address."),
	filterOnly("fd.sip.name", String, "The domain name of the server address."),
	filterOnly("fd.lip.name", String, "The domain name of the local address."),
	filterOnly("fd.rip.name", String, "The domain name of the remote address."),
	typed("fd.dev", Int, "The device number of the file."),
	typed("fd.dev.major", Int, "The major device number of the file."),
	typed("fd.dev.minor", Int, "The minor device number of the file."),
	typed("fd.ino", Int, "The inode number of the file."),
	{Name: "fd.types", Type: String, List: true, Arg: ArgOptional, ArgKind: ArgIndex, NoRHS: true,
		Doc: "The types of the process's fds; fd.types[N] is the type of fd N."},
}

var fsFields = []Field{
	typed("fs.path.name", String, "The resolved path a file system event works on."),
	typed("fs.path.nameraw", String, "The path as the syscall received it."),
	typed("fs.path.source", String, "The resolved source path (rename, link …)."),
	typed("fs.path.sourceraw", String, "The source path as the syscall received it."),
	typed("fs.path.target", String, "The resolved target path (rename, link …)."),
	typed("fs.path.targetraw", String, "The target path as the syscall received it."),
}

var userFields = []Field{
	typed("user.uid", Uint, "The user id."),
	typed("user.name", String, "The user name."),
	typed("user.homedir", String, "The user's home directory."),
	typed("user.shell", String, "The user's shell."),
	typed("user.loginuid", Int, "The audit login user id (-1 when unset)."),
	typed("user.loginname", String, "The name of the audit login user."),
	typed("group.gid", Uint, "The group id."),
	typed("group.name", String, "The group name."),
}

func mount(name, doc string) Field {
	return Field{Name: name, Type: String, Arg: ArgRequired, ArgKind: ArgKey, Doc: doc}
}

var containerFieldsSys = []Field{
	typed("container.id", String, "The container id (12 hex characters), or host."),
	typed("container.full_id", String, "The full container id."),
	typed("container.name", String, "The container name, or host."),
	typed("container.image", String, "The container image name."),
	typed("container.image.id", String, "The container image id."),
	typed("container.image.repository", String, "The container image repository."),
	typed("container.image.tag", String, "The container image tag."),
	typed("container.image.digest", String, "The container image digest."),
	typed("container.type", String, "The container runtime: docker, containerd, cri-o …"),
	typed("container.privileged", Bool, "true for privileged containers."),
	typed("container.mounts", String, "The mounts as source:dest:mode:rdrw:propagation, space separated."),
	mount("container.mount", "One mount, by number or source glob."),
	mount("container.mount.source", "A mount source, by number or destination glob."),
	mount("container.mount.dest", "A mount destination, by number or source glob."),
	mount("container.mount.mode", "A mount mode, by number or source glob."),
	mount("container.mount.rdwr", "A mount's read/write flag, by number or source glob."),
	mount("container.mount.propagation", "A mount's propagation, by number or source glob."),
	typed("container.healthcheck", String, "The container's health check command."),
	typed("container.liveness_probe", String, "The container's liveness probe command."),
	typed("container.readiness_probe", String, "The container's readiness probe command."),
	typed("container.start_ts", Uint, "The container start time, ns since the epoch."),
	typed("container.duration", Uint, "Nanoseconds since the container started."),
	typed("container.ip", String, "The container's primary IPv4 address."),
	typed("container.cni.json", String, "The container's CNI result as JSON."),
	typed("container.info", String, "Output placeholder: container id and name (Falco expands %container.info)."),
}

var k8sFields = []Field{
	typed("k8s.ns.name", String, "The pod's namespace."),
	typed("k8s.pod.name", String, "The pod name."),
	typed("k8s.pod.id", String, "The pod UID (legacy name)."),
	typed("k8s.pod.uid", String, "The pod UID."),
	typed("k8s.pod.sandbox_id", String, "The pod sandbox id (12 characters)."),
	typed("k8s.pod.full_sandbox_id", String, "The full pod sandbox id."),
	{Name: "k8s.pod.label", Type: String, Arg: ArgRequired, ArgKind: ArgKey, Doc: "One pod label, e.g. k8s.pod.label[app]."},
	typed("k8s.pod.labels", String, "All pod labels as key:value, comma separated."),
	typed("k8s.pod.ip", String, "The pod IP address."),
	typed("k8s.pod.cni.json", String, "The pod's CNI result as JSON."),
}
