//! The processes a session traces: `-c CMD` starts a command, `-p PID`
//! attaches to a running one; the first is `$target`. Tracing ends, as in
//! dtrace(1), once every one of them has ended.
//!
//! dtrace(1) creates a `-c` command stopped before compiling the programs
//! (so `$target` is its pid) and lets it run once tracing has started.
//! Here the command is forked at once but waits on a pipe for the word to
//! exec; the executable is looked up first, so a missing one is reported
//! before anything compiles, as dtrace(1) reports it. The command's pid is
//! registered with the teardown helper, which kills it if the consumer dies;
//! an orderly end kills a command still running, as dtrace(1) does. A `-p`
//! process is only watched: it is not ours to kill.

use crate::consumer::teardown::{Registrar, Resource, TeardownError};
use nix::sys::signal::{self, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{AccessFlags, ForkResult, Pid};
use std::ffi::CString;
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

/// Why a process could not be created or grabbed; worded as libdtrace's
/// dt_proc.c and libproc's Pcreate_error()/Pgrab_error() word it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcError {
    #[error("failed to execute {file}: {reason}")]
    Exec { file: String, reason: &'static str },
    #[error("invalid pid: {0}")]
    InvalidPid(String),
    #[error("failed to grab pid {pid}: {reason}")]
    Grab { pid: i32, reason: &'static str },
}

/// Pcreate_error()'s words for an executable that is not there, and for
/// one that is but cannot run.
const NOENT: &str = "cannot find executable file";
const NOEXEC: &str = "cannot execute file";

/// One traced process.
#[derive(Debug)]
struct Process {
    pid: Pid,
    /// Only for a `-c` command: ours to run and to kill.
    created: Option<Created>,
    live: bool,
}

#[derive(Debug)]
struct Created {
    /// The first word of the command, for the exec error.
    file: String,
    /// Writing a byte here lets the command exec; None once done.
    go: Option<OwnedFd>,
    /// Close-on-exec: EOF once exec succeeded, else the exec errno.
    status: Option<OwnedFd>,
    reaped: bool,
}

/// The `-c` and `-p` processes of a session, in command-line order.
#[derive(Debug, Default)]
pub struct Targets {
    procs: Vec<Process>,
}

impl Targets {
    pub fn new() -> Targets {
        Targets::default()
    }

    /// `$target`: the first process created or grabbed.
    pub fn target(&self) -> Option<u32> {
        self.procs.first().map(|p| p.pid.as_raw() as u32)
    }

    pub fn is_empty(&self) -> bool {
        self.procs.is_empty()
    }

    /// `-c CMD`: forks the command, split at white space as dtrace(1)'s
    /// make_argv() splits it (no shell), waiting to exec until
    /// [`Targets::resume`].
    pub fn create(&mut self, cmd: &str) -> Result<(), ProcError> {
        let words: Vec<&str> = cmd.split(['\x0c', '\n', '\r', '\t', '\x0b', ' ']).filter(|w| !w.is_empty()).collect();
        let words = if words.is_empty() { vec![cmd] } else { words };
        let file = words[0].to_string();
        let fail = |reason| ProcError::Exec { file: file.clone(), reason };
        let path = resolve(&file).map_err(fail)?;
        let args: Vec<CString> =
            words.iter().map(|w| CString::new(*w).map_err(|_| fail(NOENT))).collect::<Result<_, _>>()?;
        let mut argv: Vec<*const libc::c_char> = args.iter().map(|a| a.as_ptr()).collect();
        argv.push(std::ptr::null());
        let cloexec = nix::fcntl::OFlag::O_CLOEXEC;
        let (go_r, go_w) = nix::unistd::pipe2(cloexec).map_err(|_| fail("cannot fork"))?;
        let (st_r, st_w) = nix::unistd::pipe2(cloexec).map_err(|_| fail("cannot fork"))?;
        let (go_r_fd, go_w_fd, st_r_fd, st_w_fd) =
            (go_r.as_raw_fd(), go_w.as_raw_fd(), st_r.as_raw_fd(), st_w.as_raw_fd());
        // SAFETY: the child only makes raw system calls on descriptors and
        // on `path` and `argv`, built before the fork, then execs or
        // _exits: nothing that allocates or locks, as fork requires in a
        // process that may have threads.
        match unsafe { nix::unistd::fork() }.map_err(|_| fail("cannot fork"))? {
            ForkResult::Child => {
                // SAFETY: as above; every call is async-signal-safe.
                unsafe {
                    libc::close(go_w_fd);
                    libc::close(st_r_fd);
                    // Rust ignores SIGPIPE; a command expects the default.
                    libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                    let mut b = 0u8;
                    loop {
                        let n = libc::read(go_r_fd, (&mut b as *mut u8).cast(), 1);
                        if n == 1 {
                            break;
                        }
                        if n < 0 && *libc::__errno_location() == libc::EINTR {
                            continue;
                        }
                        // The consumer went away before tracing started.
                        libc::_exit(127);
                    }
                    libc::close(go_r_fd);
                    libc::execv(path.as_ptr(), argv.as_ptr());
                    let errno: i32 = *libc::__errno_location();
                    libc::write(st_w_fd, (&errno as *const i32).cast(), 4);
                    libc::_exit(127);
                }
            }
            ForkResult::Parent { child } => {
                drop((go_r, st_w));
                let created = Created { file, go: Some(go_w), status: Some(st_r), reaped: false };
                self.procs.push(Process { pid: child, created: Some(created), live: true });
                Ok(())
            }
        }
    }

    /// `-p PID`: checks the process exists and may be traced.
    pub fn grab(&mut self, arg: &str) -> Result<(), ProcError> {
        let pid: i32 = arg.parse().map_err(|_| ProcError::InvalidPid(arg.to_string()))?;
        let fail = |reason| ProcError::Grab { pid, reason };
        if pid <= 0 {
            return Err(fail("no such process"));
        }
        if pid as u32 == std::process::id() {
            return Err(fail("attempt to grab self"));
        }
        match signal::kill(Pid::from_raw(pid), None) {
            Ok(()) | Err(nix::Error::EPERM) => {}
            Err(_) => return Err(fail("no such process")),
        }
        if proc_state(pid) == Some('Z') {
            return Err(fail("zombie process"));
        }
        self.procs.push(Process { pid: Pid::from_raw(pid), created: None, live: true });
        Ok(())
    }

    /// Registers the commands we started with the teardown helper.
    pub fn register(&self, reg: &mut dyn Registrar) -> Result<(), TeardownError> {
        for p in self.procs.iter().filter(|p| p.created.is_some() && p.live) {
            reg.register(Resource::kill_process(p.pid.as_raw()))?;
        }
        Ok(())
    }

    /// Lets every command exec, now that tracing has started; an exec that
    /// fails all the same (the file changed since it was looked up) is
    /// reported as a creation failure.
    pub fn resume(&mut self) -> Result<(), ProcError> {
        for p in &mut self.procs {
            let Some(c) = &mut p.created else { continue };
            if let Some(go) = c.go.take() {
                let _ = nix::unistd::write(&go, b"g");
            }
            let Some(status) = c.status.take() else { continue };
            let mut errno = [0u8; 4];
            let mut got = 0;
            while got < errno.len() {
                match nix::unistd::read(&status, &mut errno[got..]) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(nix::Error::EINTR) => continue,
                    Err(_) => break,
                }
            }
            if got == errno.len() {
                let reason = if i32::from_ne_bytes(errno) == libc::ENOENT { NOENT } else { NOEXEC };
                p.live = false;
                return Err(ProcError::Exec { file: c.file.clone(), reason });
            }
        }
        Ok(())
    }

    /// Notes the processes that ended since the last call, reporting each
    /// as dtrace(1)'s prochandler() does (a notice, so `quiet` hides it);
    /// true once there were processes and none is left.
    pub fn ended(&mut self, quiet: bool, err: &mut dyn Write) -> std::io::Result<bool> {
        if self.procs.is_empty() {
            return Ok(false);
        }
        for p in self.procs.iter_mut().filter(|p| p.live) {
            let pid = p.pid.as_raw();
            let message = match &mut p.created {
                Some(c) => match waitpid(p.pid, Some(WaitPidFlag::WNOHANG)) {
                    Ok(WaitStatus::Exited(_, 0)) => Some(format!("pid {pid} has exited")),
                    Ok(WaitStatus::Exited(_, code)) => Some(format!("pid {pid} exited with status {code}")),
                    Ok(WaitStatus::Signaled(_, sig, _)) => {
                        Some(format!("pid {pid} terminated by {}", signal_name(sig as i32)))
                    }
                    Ok(_) => None,
                    // Not our child any more: it is gone.
                    Err(_) => Some(format!("pid {pid} has exited")),
                }
                .inspect(|_| c.reaped = true),
                // Not our child: no status to read, as for dtrace(1).
                None => matches!(proc_state(pid), None | Some('Z' | 'X')).then(|| format!("pid {pid} has exited")),
            };
            if let Some(m) = message {
                p.live = false;
                if !quiet {
                    writeln!(err, "dtrace: {m}")?;
                }
            }
        }
        Ok(self.procs.iter().all(|p| !p.live))
    }
}

impl Drop for Targets {
    /// Commands still running die with the session, as dtrace(1) kills the
    /// processes it created when it closes; grabbed ones are left alone.
    fn drop(&mut self) {
        for p in &mut self.procs {
            let Some(c) = &mut p.created else { continue };
            if !c.reaped {
                let _ = signal::kill(p.pid, Signal::SIGKILL);
                while let Err(nix::Error::EINTR) = waitpid(p.pid, None) {}
                c.reaped = true;
            }
        }
    }
}

/// The executable execvp(3) would run for `file`, or Pcreate_error()'s
/// reason why there is none.
fn resolve(file: &str) -> Result<CString, &'static str> {
    let candidates: Vec<PathBuf> = if file.contains('/') {
        vec![PathBuf::from(file)]
    } else if file.is_empty() {
        Vec::new()
    } else {
        let path = std::env::var_os("PATH").unwrap_or_else(|| "/bin:/usr/bin".into());
        // An empty PATH entry is the current directory.
        std::env::split_paths(&path)
            .map(|d| if d.as_os_str().is_empty() { PathBuf::from(".") } else { d })
            .map(|d| d.join(file))
            .collect()
    };
    let mut unrunnable = false;
    for c in candidates {
        match std::fs::metadata(&c) {
            Ok(m) if m.is_file() && nix::unistd::access(&c, AccessFlags::X_OK).is_ok() => {
                return CString::new(c.as_os_str().as_bytes()).map_err(|_| NOENT);
            }
            Ok(_) => unrunnable = true,
            Err(_) => {}
        }
    }
    Err(if unrunnable { NOEXEC } else { NOENT })
}

/// The state letter of /proc/PID/stat (`R`, `S`, `Z`, ...), None if the
/// process is gone.
fn proc_state(pid: i32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name, which is in parentheses and may hold any byte.
    stat.get(stat.rfind(')')? + 1..)?.trim_start().chars().next()
}

/// A signal as libproc's proc_signame() names it: `SIGKILL`, `SIGRTMIN+3`.
fn signal_name(sig: i32) -> String {
    let (min, max) = (libc::SIGRTMIN(), libc::SIGRTMAX());
    match Signal::try_from(sig) {
        Ok(s) => s.as_str().to_string(),
        Err(_) if sig == min => "SIGRTMIN".to_string(),
        Err(_) if sig > min && sig <= max => format!("SIGRTMIN+{}", sig - min),
        Err(_) => format!("SIG#{sig}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_looked_up_as_execvp_does() {
        assert!(resolve("sh").is_ok());
        assert!(resolve("/bin/sh").is_ok());
        assert_eq!(resolve("/nonexistent/x"), Err(NOENT));
        assert_eq!(resolve("dtrace-rs-no-such-command"), Err(NOENT));
        assert_eq!(resolve(""), Err(NOENT));
        // A directory, or a file without the execute bit, is there but
        // cannot run.
        assert_eq!(resolve("/tmp"), Err(NOEXEC));
        assert_eq!(resolve("/etc/passwd"), Err(NOEXEC));
    }

    #[test]
    fn creation_errors_name_the_file() {
        let mut t = Targets::new();
        let e = t.create("/nonexistent/prog -x").unwrap_err();
        assert_eq!(e.to_string(), "failed to execute /nonexistent/prog: cannot find executable file");
        assert!(t.is_empty());
    }

    #[test]
    fn grab_checks_the_process() {
        let mut t = Targets::new();
        assert_eq!(t.grab("12x").unwrap_err().to_string(), "invalid pid: 12x");
        assert_eq!(t.grab("0").unwrap_err().to_string(), "failed to grab pid 0: no such process");
        let me = std::process::id().to_string();
        assert_eq!(t.grab(&me).unwrap_err().to_string(), format!("failed to grab pid {me}: attempt to grab self"));
        t.grab("1").unwrap();
        assert_eq!(t.target(), Some(1));
    }

    #[test]
    fn a_command_runs_only_when_resumed_and_its_end_is_reported() {
        let dir = std::env::temp_dir().join(format!("dtrace-rs-proc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mark = dir.join("ran");
        let script = dir.join("s.sh");
        std::fs::write(&script, format!("echo $$ > {}\nexit 3\n", mark.display())).unwrap();
        let mut t = Targets::new();
        t.create(&format!("sh {}", script.display())).unwrap();
        let pid = t.target().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(!mark.exists(), "ran before resume");
        let mut err = Vec::new();
        assert!(!t.ended(false, &mut err).unwrap());
        t.resume().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !t.ended(false, &mut err).unwrap() {
            assert!(std::time::Instant::now() < deadline, "the command did not end");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(String::from_utf8(err).unwrap(), format!("dtrace: pid {pid} exited with status 3\n"));
        assert_eq!(std::fs::read_to_string(&mark).unwrap().trim(), pid.to_string());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn signal_names() {
        assert_eq!(signal_name(9), "SIGKILL");
        assert_eq!(signal_name(libc::SIGRTMIN() + 2), "SIGRTMIN+2");
    }
}
