//! The teardown helper: a small process that undoes a session when the
//! consumer cannot (kill -9, a crash, the OOM killer).
//!
//! Whatever a session creates outside its own process — a `-c` child, BPF
//! links, pinned objects, dynamic tracefs events, a driver session — is
//! described as a [`Resource`] and registered with a [`Registrar`]: the
//! [`Teardown`] list before tracing starts, the running [`Helper`] after.
//! Engines only see the trait, so each registers its own kinds of state the
//! same way. At GO the consumer forks the helper, which holds the list (and
//! duplicates of the file descriptors it needs) and blocks on a socket. An
//! orderly exit sends "done" and the helper exits touching nothing; if the
//! socket closes without it, the helper releases every resource, newest
//! first, and exits.
//!
//! The consumer may have threads when it forks (the test harness always
//! does), so the helper only makes raw system calls on memory prepared
//! before the fork: no allocation, no locks, no panics. Records live in an
//! arena of fixed size; registrations after the fork travel over a
//! `SOCK_SEQPACKET` socket (one message per resource, a descriptor riding
//! along as `SCM_RIGHTS`) and are acknowledged, so a resource is covered
//! once [`Registrar::register`] returns.

use nix::sys::socket::{self, AddressFamily, ControlMessage, MsgFlags, SockFlag, SockType};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid};
use std::ffi::CString;
use std::io::IoSlice;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Something a session created that must not outlive it.
#[derive(Debug)]
pub enum Resource {
    /// A process the session started (a `-c` command): killed with
    /// SIGKILL. `pidfd` (from [`Resource::kill_process`]) makes sure a pid
    /// reused after the process was reaped is never hit.
    KillProcess { pid: i32, pidfd: Option<OwnedFd> },
    /// A file to unlink: a pinned BPF object, a socket, a temporary file.
    RemovePath(PathBuf),
    /// A line to append to a file, as `-:EVENT` to tracefs
    /// `kprobe_events` or `uprobe_events` removes a dynamic event.
    WriteFile { path: PathBuf, line: Vec<u8> },
    /// A descriptor whose last close undoes something (a BPF link, a
    /// duplicate of the `/dev/dtrace` fd): the helper holds it and closes it.
    CloseFd(OwnedFd),
}

impl Resource {
    /// A process to kill, held by a pidfd where the kernel has them.
    pub fn kill_process(pid: i32) -> Resource {
        // SAFETY: pidfd_open takes two integers and returns a new fd or -1.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
        let pidfd = match RawFd::try_from(fd) {
            // SAFETY: a descriptor pidfd_open just returned, owned by no one else.
            Ok(fd) if fd >= 0 => Some(unsafe { OwnedFd::from_raw_fd(fd) }),
            _ => None,
        };
        Resource::KillProcess { pid, pidfd }
    }

    /// The record kind, the descriptor to hand over and the bytes.
    fn parts(&self) -> Result<(u8, Option<RawFd>, Vec<u8>), TeardownError> {
        let cpath =
            |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|_| TeardownError::BadPath(p.to_path_buf()));
        Ok(match self {
            Resource::KillProcess { pid, pidfd } => {
                (KIND_KILL, pidfd.as_ref().map(AsRawFd::as_raw_fd), pid.to_le_bytes().to_vec())
            }
            Resource::RemovePath(p) => (KIND_REMOVE, None, cpath(p)?.into_bytes_with_nul()),
            Resource::WriteFile { path, line } => {
                let mut b = cpath(path)?.into_bytes_with_nul();
                b.extend_from_slice(line);
                (KIND_WRITE, None, b)
            }
            Resource::CloseFd(fd) => (KIND_CLOSE, Some(fd.as_raw_fd()), Vec::new()),
        })
    }
}

/// Where engines and the session register what the helper must release:
/// the list before tracing starts, the running helper after. Register each
/// thing right after creating it: the helper releases newest first, so a
/// BPF link is closed before the tracefs event it is attached to is removed.
pub trait Registrar {
    fn register(&mut self, resource: Resource) -> Result<(), TeardownError>;
}

/// Why the helper could not start or take a resource.
#[derive(Debug, thiserror::Error)]
pub enum TeardownError {
    /// fork, socketpair or opening /dev/null failed.
    #[error("failed to start the teardown helper: {0}")]
    Start(nix::Error),
    /// The helper is gone or did not answer.
    #[error("failed to reach the teardown helper: {0}")]
    Send(nix::Error),
    /// The helper's list is full.
    #[error("the teardown helper has no room for another resource")]
    Full,
    /// A path with a NUL byte cannot be handed to the kernel.
    #[error("cannot register {0:?} for teardown: it contains a NUL byte")]
    BadPath(PathBuf),
    /// One record is larger than a message may be.
    #[error("a teardown record of {0} bytes is too large")]
    TooLarge(usize),
}

const KIND_DONE: u8 = 0;
const KIND_KILL: u8 = 1;
const KIND_REMOVE: u8 = 2;
const KIND_WRITE: u8 = 3;
const KIND_CLOSE: u8 = 4;
/// Release now: the consumer's own end of the session, when it cannot tear
/// down itself (a copy of its socket leaked elsewhere would hide the EOF).
const KIND_RELEASE: u8 = 5;
/// The helper's answers to a registration.
const ACK_OK: u8 = 1;
const ACK_FULL: u8 = 0;
/// The largest registration message: a kind byte, a path and a line.
const MAX_MESSAGE: usize = 8192;
/// Room for records registered after the fork. The pages are only touched
/// as records arrive.
const ARENA_SPARE: usize = 4 << 20;
/// A record: kind, fd (-1 for none), payload length, payload, and the
/// record's whole length again so the list can be walked backwards.
const HEADER: usize = 1 + 4 + 4;
const TRAILER: usize = 4;
/// The name the helper shows in `ps` and /proc/PID/comm.
pub const HELPER_NAME: &str = "dtrace-teardown";

/// Records in a buffer allocated before the fork; pushing never allocates.
struct Arena {
    buf: Box<[u8]>,
    len: usize,
}

impl Arena {
    fn with_capacity(n: usize) -> Arena {
        Arena { buf: vec![0u8; n].into_boxed_slice(), len: 0 }
    }

    /// Appends a record; false if it does not fit.
    fn push(&mut self, kind: u8, fd: RawFd, payload: &[u8]) -> bool {
        let total = HEADER + payload.len() + TRAILER;
        let Some(rec) = self.len.checked_add(total).and_then(|end| self.buf.get_mut(self.len..end)) else {
            return false;
        };
        let (head, rest) = rec.split_at_mut(HEADER);
        let (body, tail) = rest.split_at_mut(payload.len());
        head[0] = kind;
        head[1..5].copy_from_slice(&fd.to_le_bytes());
        head[5..9].copy_from_slice(&(payload.len() as u32).to_le_bytes());
        body.copy_from_slice(payload);
        tail.copy_from_slice(&(total as u32).to_le_bytes());
        self.len += total;
        true
    }

    /// The record that ends at `end`, and where it starts.
    fn record_before(&self, end: usize) -> Option<(usize, u8, RawFd, &[u8])> {
        let tail = self.buf.get(end.checked_sub(TRAILER)?..end)?;
        let total = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) as usize;
        if total < HEADER + TRAILER {
            return None;
        }
        let start = end.checked_sub(total)?;
        let rec = self.buf.get(start..end)?;
        let fd = RawFd::from_le_bytes([rec[1], rec[2], rec[3], rec[4]]);
        let payload = rec.get(HEADER..total - TRAILER)?;
        Some((start, rec[0], fd, payload))
    }

    /// Every descriptor the records hold.
    fn fds(&self) -> impl Iterator<Item = RawFd> + '_ {
        let mut end = self.len;
        std::iter::from_fn(move || {
            let (start, _, fd, _) = self.record_before(end)?;
            end = start;
            Some(fd)
        })
        .filter(|fd| *fd >= 0)
    }
}

/// The list of resources before tracing starts.
#[derive(Default)]
pub struct Teardown {
    resources: Vec<Resource>,
}

impl Registrar for Teardown {
    fn register(&mut self, resource: Resource) -> Result<(), TeardownError> {
        resource.parts()?;
        self.resources.push(resource);
        Ok(())
    }
}

impl Teardown {
    pub fn new() -> Teardown {
        Teardown::default()
    }

    /// Forks the helper with the resources registered so far. Call it
    /// before anything the helper must not see starts (the local engine's
    /// timer threads start in `go()`, so before that).
    pub fn start(self) -> Result<Helper, TeardownError> {
        let mut encoded = Vec::with_capacity(self.resources.len());
        for r in &self.resources {
            encoded.push(r.parts()?);
        }
        let size = encoded.iter().map(|(_, _, b)| HEADER + b.len() + TRAILER).sum::<usize>() + ARENA_SPARE;
        let mut arena = Arena::with_capacity(size);
        // The helper points 0, 1 and 2 at /dev/null: a descriptor it keeps
        // must sit above them (only if the consumer started with them closed).
        let mut lifted: Vec<OwnedFd> = Vec::new();
        let mut above_stdio = |fd: RawFd| -> Result<RawFd, TeardownError> {
            if fd > 2 {
                return Ok(fd);
            }
            // SAFETY: the descriptor belongs to a resource or socket alive here.
            let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
            let raw = nix::fcntl::fcntl(fd, nix::fcntl::F_DUPFD_CLOEXEC(3)).map_err(TeardownError::Start)?;
            // SAFETY: a descriptor F_DUPFD_CLOEXEC just returned, owned by no one else.
            lifted.push(unsafe { OwnedFd::from_raw_fd(raw) });
            Ok(raw)
        };
        for (kind, fd, bytes) in &encoded {
            let fd = match fd {
                Some(fd) => above_stdio(*fd)?,
                None => -1,
            };
            if !arena.push(*kind, fd, bytes) {
                return Err(TeardownError::Full);
            }
        }
        let (ours, theirs) = socket::socketpair(AddressFamily::Unix, SockType::SeqPacket, None, SockFlag::SOCK_CLOEXEC)
            .map_err(TeardownError::Start)?;
        let theirs_fd = above_stdio(theirs.as_raw_fd())?;
        let devnull = nix::fcntl::open(
            "/dev/null",
            nix::fcntl::OFlag::O_RDWR | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )
        .map_err(TeardownError::Start)?;
        // Everything the child keeps open; the rest is closed.
        let mut keep: Vec<RawFd> = arena.fds().chain([theirs_fd]).collect();
        keep.sort_unstable();
        let max_fd = max_fd();
        let parent = nix::unistd::getpid();
        let name = CString::new(HELPER_NAME).unwrap_or_default();
        // SAFETY: the child runs only `helper_main`, which makes raw system
        // calls on memory prepared here (the arena, `keep`, `name`), never
        // allocates, locks or unwinds, and ends in _exit: what is allowed
        // after fork in a process that may have other threads.
        match unsafe { nix::unistd::fork() }.map_err(TeardownError::Start)? {
            ForkResult::Child => {
                let ctx = HelperCtx {
                    sock: theirs_fd,
                    devnull: devnull.as_raw_fd(),
                    keep: &keep,
                    max_fd,
                    parent: parent.as_raw(),
                    name: &name,
                };
                helper_main(&ctx, &mut arena)
            }
            ForkResult::Parent { child } => {
                // The helper has its own copies of the descriptors now.
                drop((theirs, devnull, lifted));
                drop(self.resources);
                Ok(Helper { sock: Some(ours), pid: child })
            }
        }
    }
}

/// The running helper, as the consumer holds it.
#[derive(Debug)]
pub struct Helper {
    /// None once "done" was said.
    sock: Option<OwnedFd>,
    pid: Pid,
}

impl Registrar for Helper {
    fn register(&mut self, resource: Resource) -> Result<(), TeardownError> {
        let (kind, fd, bytes) = resource.parts()?;
        if 1 + bytes.len() > MAX_MESSAGE {
            return Err(TeardownError::TooLarge(bytes.len()));
        }
        let Some(sock) = &self.sock else { return Err(TeardownError::Send(nix::Error::EPIPE)) };
        let mut msg = Vec::with_capacity(1 + bytes.len());
        msg.push(kind);
        msg.extend_from_slice(&bytes);
        let fds: Vec<RawFd> = fd.into_iter().collect();
        let cmsgs: Vec<ControlMessage> =
            if fds.is_empty() { Vec::new() } else { vec![ControlMessage::ScmRights(&fds)] };
        socket::sendmsg::<()>(sock.as_raw_fd(), &[IoSlice::new(&msg)], &cmsgs, MsgFlags::MSG_NOSIGNAL, None)
            .map_err(TeardownError::Send)?;
        // Wait for the helper to have recorded it, so it is covered from
        // here on. Our copy of the descriptor closes when `resource` drops.
        let mut ack = [0u8; 1];
        loop {
            match nix::unistd::read(sock, &mut ack) {
                Ok(1) if ack[0] == ACK_OK => return Ok(()),
                Ok(1) => return Err(TeardownError::Full),
                Ok(_) => return Err(TeardownError::Send(nix::Error::EPIPE)),
                Err(nix::Error::EINTR) => continue,
                Err(e) => return Err(TeardownError::Send(e)),
            }
        }
    }
}

impl Helper {
    /// The helper's process id.
    pub fn pid(&self) -> i32 {
        self.pid.as_raw()
    }

    /// The orderly end: the session undid everything itself, so the
    /// helper exits without touching anything. (A helper already gone,
    /// killed with SIGKILL, has nothing to be told.)
    pub fn done(mut self) {
        if let Some(sock) = self.sock.take() {
            let _ = nix::unistd::write(&sock, &[KIND_DONE]);
        }
        self.reap();
    }

    /// Waits for the helper to exit so no zombie is left behind.
    fn reap(&mut self) {
        while let Err(nix::Error::EINTR) = waitpid(self.pid, None) {}
    }
}

impl Drop for Helper {
    /// Without "done" the helper releases everything; wait for it, so it
    /// is done when the drop returns.
    fn drop(&mut self) {
        if let Some(sock) = self.sock.take() {
            let _ = nix::unistd::write(&sock, &[KIND_RELEASE]);
            drop(sock);
            self.reap();
        }
    }
}

/// The highest descriptor number a process may have, for closing them.
fn max_fd() -> RawFd {
    nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
        .map_or(1024, |(soft, _)| soft.min(1 << 20) as RawFd)
}

/// What the helper needs besides its arena, prepared before the fork.
struct HelperCtx<'a> {
    sock: RawFd,
    devnull: RawFd,
    /// Sorted descriptors to keep open.
    keep: &'a [RawFd],
    max_fd: RawFd,
    parent: libc::pid_t,
    name: &'a CString,
}

/// Does nothing: the signal only interrupts the helper's wait.
extern "C" fn on_parent_death(_: libc::c_int) {}

/// The helper process. Only async-signal-safe calls from here on.
fn helper_main(ctx: &HelperCtx, arena: &mut Arena) -> ! {
    // SAFETY: plain system calls on integers, on stack buffers and on the
    // arena and context prepared before the fork; none allocates or takes
    // a lock (the same holds for every unsafe block below).
    unsafe {
        // A session of its own: the terminal's ^C (SIGINT to the
        // foreground process group) and hangup do not reach it.
        libc::setsid();
        // Nor does a SIGTERM sent to everything (a service stopping): the
        // helper outlives the consumer whatever ends it, then exits itself.
        for sig in [
            libc::SIGINT,
            libc::SIGQUIT,
            libc::SIGHUP,
            libc::SIGTERM,
            libc::SIGTSTP,
            libc::SIGTTIN,
            libc::SIGTTOU,
            libc::SIGPIPE,
        ] {
            libc::signal(sig, libc::SIG_IGN);
        }
        // Keep no pipe of whoever runs the consumer open (a test harness
        // waits for EOF on them), nor any descriptor of the session.
        for fd in 0..3 {
            libc::dup2(ctx.devnull, fd);
        }
        close_all_but(ctx.keep, ctx.max_fd);
        // An extra to the socket: a copy of the consumer's end leaked into
        // another process would keep the socket open after the consumer
        // died, but the parent-death signal still wakes us.
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_parent_death as extern "C" fn(libc::c_int) as usize;
        libc::sigemptyset(&mut sa.sa_mask);
        sa.sa_flags = 0; // no SA_RESTART: recvmsg returns EINTR
        libc::sigaction(libc::SIGUSR1, &sa, std::ptr::null_mut());
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGUSR1 as libc::c_ulong, 0, 0, 0);
        // Last, so the name in `ps` also says the helper is set up.
        libc::prctl(libc::PR_SET_NAME, ctx.name.as_ptr(), 0, 0, 0);
    }
    // SAFETY: getppid has no preconditions.
    let orphaned = || unsafe { libc::getppid() } != ctx.parent;
    if orphaned() {
        release(arena);
    }
    let mut buf = [0u8; MAX_MESSAGE];
    // Room for one SCM_RIGHTS header and a few descriptors, 8-aligned.
    let mut control = [0u64; 16];
    loop {
        let mut iov = libc::iovec { iov_base: buf.as_mut_ptr().cast(), iov_len: buf.len() };
        // SAFETY: msghdr is plain data; all-zero is a valid empty header.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = std::mem::size_of_val(&control);
        // SAFETY: the header points at live stack buffers of the sizes given.
        let n = unsafe { libc::recvmsg(ctx.sock, &mut msg, libc::MSG_CMSG_CLOEXEC) };
        if n < 0 {
            // SAFETY: reads the thread's errno.
            let errno = unsafe { *libc::__errno_location() };
            if errno == libc::EINTR && !orphaned() {
                continue;
            }
            release(arena);
        }
        if n == 0 {
            // The consumer is gone without saying "done".
            release(arena);
        }
        let fd = received_fd(&msg);
        let Some(body) = buf.get(..n as usize) else { release(arena) };
        let Some((&kind, payload)) = body.split_first() else { release(arena) };
        if kind == KIND_DONE {
            // SAFETY: ends the helper; nothing is released.
            unsafe { libc::_exit(0) };
        }
        if kind == KIND_RELEASE {
            release(arena);
        }
        let ok = msg.msg_flags & libc::MSG_TRUNC == 0 && arena.push(kind, fd, payload);
        if !ok && fd >= 0 {
            // SAFETY: a descriptor we received and do not keep.
            unsafe { libc::close(fd) };
        }
        let ack = [if ok { ACK_OK } else { ACK_FULL }];
        // SAFETY: writes one byte from a stack buffer.
        unsafe { libc::write(ctx.sock, ack.as_ptr().cast(), 1) };
    }
}

/// The descriptor that came with a message (-1 for none); extra ones are
/// closed.
fn received_fd(msg: &libc::msghdr) -> RawFd {
    let mut got = -1;
    // SAFETY: walks the control buffer recvmsg filled, with the CMSG
    // macros, reading each descriptor unaligned.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(msg);
        while !c.is_null() {
            if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(c) as *const RawFd;
                let header = libc::CMSG_LEN(0) as usize;
                let count = ((*c).cmsg_len as usize).saturating_sub(header) / std::mem::size_of::<RawFd>();
                for i in 0..count {
                    let fd = data.add(i).read_unaligned();
                    if got < 0 {
                        got = fd;
                    } else {
                        libc::close(fd);
                    }
                }
            }
            c = libc::CMSG_NXTHDR(msg, c);
        }
    }
    got
}

/// Closes every descriptor from 3 up to `max_fd` except those in `keep`.
///
/// # Safety
/// Closes descriptors behind the back of whatever owns them: only for the
/// helper, which owns nothing else.
unsafe fn close_all_but(keep: &[RawFd], max_fd: RawFd) {
    let mut from: RawFd = 3;
    for &k in keep.iter().filter(|k| **k >= 3).chain(std::iter::once(&RawFd::MAX)) {
        if k > from {
            let to = k - 1;
            // SAFETY: close_range takes integers; the caller owns the range.
            let r = unsafe { libc::syscall(libc::SYS_close_range, from as libc::c_uint, to as libc::c_uint, 0) };
            if r != 0 {
                // Kernels before 5.9: one at a time, up to the limit.
                for fd in from..=to.min(max_fd) {
                    // SAFETY: as above.
                    unsafe { libc::close(fd) };
                }
            }
        }
        from = k.saturating_add(1);
    }
}

/// Releases every resource, newest first, and ends the helper.
fn release(arena: &Arena) -> ! {
    let mut end = arena.len;
    while let Some((start, kind, fd, payload)) = arena.record_before(end) {
        release_one(kind, fd, payload);
        end = start;
    }
    // SAFETY: ends the helper.
    unsafe { libc::_exit(0) }
}

/// Undoes one record; failures are ignored (the thing may be gone).
fn release_one(kind: u8, fd: RawFd, payload: &[u8]) {
    match kind {
        KIND_KILL if fd >= 0 => {
            // SAFETY: signals the process the pidfd refers to; integers only.
            unsafe { libc::syscall(libc::SYS_pidfd_send_signal, fd, libc::SIGKILL, 0usize, 0u32) };
        }
        KIND_KILL => {
            let pid = <[u8; 4]>::try_from(payload).map_or(0, i32::from_le_bytes);
            if pid > 0 {
                // SAFETY: kill(2) on integers.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
        KIND_REMOVE if payload.last() == Some(&0) => {
            // SAFETY: the payload is a NUL-terminated path (checked above).
            unsafe { libc::unlink(payload.as_ptr().cast()) };
        }
        KIND_WRITE => {
            let Some(nul) = payload.iter().position(|b| *b == 0) else { return };
            let line = &payload[nul + 1..];
            // SAFETY: the payload starts with a NUL-terminated path.
            let f = unsafe { libc::open(payload.as_ptr().cast(), libc::O_WRONLY | libc::O_APPEND | libc::O_CLOEXEC) };
            if f >= 0 {
                // SAFETY: writes `line` to the descriptor just opened, then closes it.
                unsafe {
                    libc::write(f, line.as_ptr().cast(), line.len());
                    libc::close(f);
                }
            }
        }
        KIND_CLOSE if fd >= 0 => {
            // SAFETY: the descriptor is the helper's own copy, held for this.
            unsafe { libc::close(fd) };
        }
        // A pidfd closes with the process.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Child, Command};
    use std::time::{Duration, Instant};

    /// A stand-in for an engine: it creates things outside the process
    /// and registers how to undo them, as the BPF engine and the driver
    /// will.
    struct TestEngine {
        dir: PathBuf,
        sleeper: Child,
    }

    impl TestEngine {
        fn new(tag: &str) -> TestEngine {
            let dir = std::env::temp_dir().join(format!("dtrace-rs-teardown-{tag}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("pinned"), b"x").unwrap();
            std::fs::write(dir.join("events"), b"p:probe do_sys_open\n").unwrap();
            let sleeper = Command::new("sleep").arg("1000").spawn().unwrap();
            TestEngine { dir, sleeper }
        }

        fn register(&self, reg: &mut dyn Registrar) {
            reg.register(Resource::kill_process(self.sleeper.id() as i32)).unwrap();
            reg.register(Resource::RemovePath(self.dir.join("pinned"))).unwrap();
            reg.register(Resource::WriteFile { path: self.dir.join("events"), line: b"-:probe\n".to_vec() }).unwrap();
        }

        /// Whether the sleeper was killed within a second.
        fn sleeper_killed(&mut self) -> bool {
            let deadline = Instant::now() + Duration::from_secs(1);
            while Instant::now() < deadline {
                if let Some(status) = self.sleeper.try_wait().unwrap() {
                    use std::os::unix::process::ExitStatusExt;
                    return status.signal() == Some(libc::SIGKILL);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            false
        }

        fn released(&mut self) -> bool {
            let events = std::fs::read(self.dir.join("events")).unwrap();
            self.sleeper_killed() && !self.dir.join("pinned").exists() && events == b"p:probe do_sys_open\n-:probe\n"
        }
    }

    impl Drop for TestEngine {
        fn drop(&mut self) {
            let _ = self.sleeper.kill();
            let _ = self.sleeper.wait();
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    #[test]
    fn consumer_gone_without_done_releases_everything() {
        let mut engine = TestEngine::new("gone");
        let mut list = Teardown::new();
        engine.register(&mut list);
        let helper = list.start().unwrap();
        // The helper names itself (comm holds 15 bytes) once it runs.
        let comm = || std::fs::read_to_string(format!("/proc/{}/comm", helper.pid())).unwrap_or_default();
        let deadline = Instant::now() + Duration::from_secs(1);
        while comm() != "dtrace-teardown\n" && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(comm(), "dtrace-teardown\n");
        // The socket closes with no word, as when the consumer is killed.
        let mut helper = helper;
        drop(helper.sock.take());
        helper.reap();
        assert!(engine.released());
    }

    #[test]
    fn done_leaves_everything_alone() {
        let mut engine = TestEngine::new("done");
        let mut list = Teardown::new();
        engine.register(&mut list);
        let helper = list.start().unwrap();
        helper.done();
        assert!(engine.dir.join("pinned").exists());
        assert_eq!(std::fs::read(engine.dir.join("events")).unwrap(), b"p:probe do_sys_open\n");
        assert_eq!(engine.sleeper.try_wait().unwrap(), None);
    }

    #[test]
    fn resources_registered_after_the_fork_are_covered() {
        let mut engine = TestEngine::new("late");
        let mut helper = Teardown::new().start().unwrap();
        engine.register(&mut helper);
        // A descriptor handed over: the helper's copy keeps the pipe open
        // until it is released.
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        helper.register(Resource::CloseFd(w)).unwrap();
        let mut flags = nix::fcntl::OFlag::from_bits_truncate(nix::fcntl::fcntl(&r, nix::fcntl::F_GETFL).unwrap());
        flags.insert(nix::fcntl::OFlag::O_NONBLOCK);
        nix::fcntl::fcntl(&r, nix::fcntl::F_SETFL(flags)).unwrap();
        let mut b = [0u8; 1];
        assert_eq!(nix::unistd::read(&r, &mut b), Err(nix::Error::EAGAIN), "write end still open");
        // Dropped without "done" (a failing consumer): released at once.
        drop(helper);
        assert_eq!(nix::unistd::read(&r, &mut b), Ok(0), "write end closed by the helper");
        assert!(engine.released());
    }

    #[test]
    fn helper_keeps_no_inherited_descriptor() {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        let helper = Teardown::new().start().unwrap();
        drop(w);
        // Only the helper could still hold the write end.
        assert_eq!(nix::unistd::read(&r, &mut [0u8; 1]), Ok(0));
        // It closes the rest a range at a time: wait for the last range.
        let fds = || -> Vec<_> {
            let dir = std::fs::read_dir(format!("/proc/{}/fd", helper.pid())).unwrap();
            dir.flatten().map(|e| std::fs::read_link(e.path())).collect()
        };
        let deadline = Instant::now() + Duration::from_secs(1);
        while fds().len() != 4 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(fds().len(), 4, "stdin, stdout, stderr and the socket: {:?}", fds());
        helper.done();
    }

    #[test]
    fn terminal_signals_do_not_reach_the_helper() {
        let mut list = Teardown::new();
        let file = std::env::temp_dir().join(format!("dtrace-rs-teardown-sig-{}", std::process::id()));
        std::fs::write(&file, b"x").unwrap();
        list.register(Resource::RemovePath(file.clone())).unwrap();
        let helper = list.start().unwrap();
        let pid = Pid::from_raw(helper.pid());
        // It names itself once set up: its own session, ^C, hangup and
        // SIGTERM ignored.
        let comm = || std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let deadline = Instant::now() + Duration::from_secs(1);
        while comm() != "dtrace-teardown\n" && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(nix::unistd::getsid(Some(pid)), Ok(pid));
        for sig in
            [nix::sys::signal::SIGINT, nix::sys::signal::SIGHUP, nix::sys::signal::SIGTERM, nix::sys::signal::SIGUSR1]
        {
            nix::sys::signal::kill(pid, sig).unwrap();
        }
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(
            waitpid(pid, Some(nix::sys::wait::WaitPidFlag::WNOHANG)),
            Ok(nix::sys::wait::WaitStatus::StillAlive)
        );
        assert!(file.exists(), "a stray SIGUSR1 from a live parent released nothing");
        drop(helper);
        assert!(!file.exists());
    }

    #[test]
    fn bad_paths_are_refused() {
        let mut list = Teardown::new();
        let bad = PathBuf::from(std::ffi::OsStr::from_bytes(b"a\0b"));
        assert!(matches!(list.register(Resource::RemovePath(bad)), Err(TeardownError::BadPath(_))));
    }

    #[test]
    fn arena_walks_back_newest_first() {
        let mut a = Arena::with_capacity(64);
        assert!(a.push(KIND_REMOVE, -1, b"a\0"));
        assert!(a.push(KIND_CLOSE, 7, b""));
        assert!(!a.push(KIND_WRITE, -1, &[0u8; 64]));
        let (start, kind, fd, _) = a.record_before(a.len).unwrap();
        assert_eq!((kind, fd), (KIND_CLOSE, 7));
        let (start, kind, _, payload) = a.record_before(start).unwrap();
        assert_eq!((start, kind, payload), (0, KIND_REMOVE, &b"a\0"[..]));
        assert_eq!(a.fds().collect::<Vec<_>>(), [7]);
    }
}
