//! `-c CMD` and `-p PID`: the session ends when the traced processes have,
//! reports their end as dtrace(1)'s prochandler() does, and the teardown
//! helper kills a command whose dtrace was killed.

use crate::util::dtrace;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const HEADER: &str = "CPU     ID                    FUNCTION:NAME\n";

/// A scratch directory for one test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("dtrace-rs-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes a shell script and returns the `-c` argument that runs it.
    fn script(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        format!("sh {}", path.display())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The pid in a `dtrace: pid N ...` notice line of `stderr`.
fn notice_pid(stderr: &str) -> u32 {
    let line = stderr.lines().find(|l| l.starts_with("dtrace: pid ")).unwrap_or_else(|| panic!("{stderr:?}"));
    line["dtrace: pid ".len()..].split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn command_end_ends_the_session() {
    // END fires, its record prints, then the end-of-run newline; the exit
    // status is dtrace's own.
    let run = dtrace(&["-n", "END { trace(1); }", "-c", "true"]);
    assert_eq!(run.status, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, format!("{HEADER}  0      2                             :END         1\n\n"));
    let pid = notice_pid(&run.stderr);
    assert!(pid > 0);
    assert_eq!(run.stderr, format!("dtrace: description 'END ' matched 1 probe\ndtrace: pid {pid} has exited\n"));
}

#[test]
fn command_status_and_signal_are_reported() {
    let dir = Scratch::new("cstatus");
    let run = dtrace(&["-n", "BEGIN", "-c", &dir.script("exit3.sh", "exit 3\n")]);
    assert_eq!(run.status, Some(0), "stderr: {}", run.stderr);
    let pid = notice_pid(&run.stderr);
    assert_eq!(
        run.stderr,
        format!("dtrace: description 'BEGIN' matched 1 probe\ndtrace: pid {pid} exited with status 3\n")
    );
    let run = dtrace(&["-n", "BEGIN", "-c", &dir.script("kill.sh", "kill -9 $$\n")]);
    let pid = notice_pid(&run.stderr);
    assert_eq!(
        run.stderr,
        format!("dtrace: description 'BEGIN' matched 1 probe\ndtrace: pid {pid} terminated by SIGKILL\n")
    );
    // exit() in the program still decides dtrace's status.
    let run = dtrace(&["-q", "-n", "END { exit(4); }", "-c", "true"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(4), ""));
}

#[test]
fn command_that_cannot_run() {
    // libproc's Pcreate_error() words, before anything compiles.
    let run = dtrace(&["-n", "BEGIN", "-c", "/nonexistent/cmd arg"]);
    assert_eq!(run.status, Some(1));
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "dtrace: failed to execute /nonexistent/cmd: cannot find executable file\n");
    let run = dtrace(&["-n", "BEGIN", "-c", "/etc/passwd"]);
    assert_eq!(run.status, Some(1));
    assert_eq!(run.stderr, "dtrace: failed to execute /etc/passwd: cannot execute file\n");
}

#[test]
fn quiet_hides_the_notice() {
    let run = dtrace(&["-q", "-n", "END { printf(\"end\\n\"); }", "-c", "true"]);
    assert_eq!((run.status, run.stdout.as_str(), run.stderr.as_str()), (Some(0), "end\n\n", ""));
}

#[test]
fn target_is_the_command_pid() {
    // sh runs the script in the process dtrace created, so $$ is $target.
    let dir = Scratch::new("ctarget");
    let pidfile = dir.0.join("pid");
    let cmd = dir.script("pid.sh", &format!("echo $$ > {}\n", pidfile.display()));
    let run = dtrace(&["-q", "-n", "BEGIN { printf(\"%d\\n\", $target); }", "-c", &cmd]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let written = std::fs::read_to_string(&pidfile).unwrap();
    assert_eq!(run.stdout, format!("{}\n\n", written.trim()));
    assert_ne!(written.trim(), "0");
}

#[test]
fn grabbed_process_end_ends_the_session() {
    let mut sleeper = Command::new("sleep").arg("0.5").spawn().unwrap();
    let pid = sleeper.id().to_string();
    let run = dtrace(&["-n", "END { trace($target); }", "-p", &pid]);
    let _ = sleeper.wait();
    assert_eq!(run.status, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stderr, format!("dtrace: description 'END ' matched 1 probe\ndtrace: pid {pid} has exited\n"));
    assert_eq!(run.stdout, format!("{HEADER}  0      2                             :END {pid:>9}\n\n"));
    let run = dtrace(&["-n", "BEGIN", "-p", "999999999"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), "dtrace: failed to grab pid 999999999: no such process\n"));
    let run = dtrace(&["-n", "BEGIN", "-p", "12ab"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), "dtrace: invalid pid: 12ab\n"));
}

/// Whether process `pid` still runs: a zombie is dead, waiting for a
/// parent (in a container, PID 1 may never reap it).
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            let state = stat.rfind(')').and_then(|i| stat[i + 1..].trim_start().chars().next());
            !matches!(state, Some('Z' | 'X'))
        }
        Err(_) => false,
    }
}

/// The children of `parent` as (pid, comm).
fn children(parent: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(status) = std::fs::read_to_string(e.path().join("status")) else { continue };
        let ppid = status.lines().find_map(|l| l.strip_prefix("PPid:")).map(|v| v.trim().parse::<u32>().ok());
        if ppid == Some(Some(parent)) {
            let comm = std::fs::read_to_string(e.path().join("comm")).unwrap_or_default();
            out.push((pid, comm.trim().to_string()));
        }
    }
    out
}

fn spawn_dtrace(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dtrace"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn dtrace")
}

/// Waits until `dtrace` has a child named `comm` and returns its pid.
fn child_named(dtrace: &Child, comm: &str) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some((pid, _)) = children(dtrace.id()).into_iter().find(|(_, c)| c == comm) {
            return pid;
        }
        assert!(Instant::now() < deadline, "no {comm} child of dtrace");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn kill_9_leaves_neither_command_nor_helper() {
    let mut dtrace = spawn_dtrace(&["-n", "tick-1s {}", "-c", "sleep 1000"]);
    // The command has exec'd once tracing started; the helper names itself.
    let sleep = child_named(&dtrace, "sleep");
    let helper = child_named(&dtrace, "dtrace-teardown");
    assert!(alive(sleep) && alive(helper));
    dtrace.kill().unwrap();
    dtrace.wait().unwrap();
    std::thread::sleep(Duration::from_secs(1));
    assert!(!alive(sleep), "the -c command {sleep} outlived dtrace");
    assert!(!alive(helper), "the teardown helper {helper} outlived dtrace");
}

#[test]
fn grabbed_process_is_never_killed() {
    let mut sleeper = Command::new("sleep").arg("1000").spawn().unwrap();
    let pid = sleeper.id();
    let mut dtrace = spawn_dtrace(&["-n", "tick-1s {}", "-p", &pid.to_string()]);
    let helper = child_named(&dtrace, "dtrace-teardown");
    dtrace.kill().unwrap();
    dtrace.wait().unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    while alive(helper) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!alive(helper));
    assert_eq!(sleeper.try_wait().unwrap(), None, "the grabbed process was killed");
    sleeper.kill().unwrap();
    sleeper.wait().unwrap();
}

#[test]
fn orderly_end_kills_the_command_it_started() {
    // SIGTERM stops dtrace as exit() would; the command still running dies
    // with it, as dtrace(1) kills the processes it created when it closes.
    let mut dtrace = spawn_dtrace(&["-n", "tick-1s {}", "-c", "sleep 1000"]);
    let sleep = child_named(&dtrace, "sleep");
    let helper = child_named(&dtrace, "dtrace-teardown");
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(dtrace.id() as i32), nix::sys::signal::SIGTERM).unwrap();
    let status = dtrace.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    // dtrace reaped both before exiting.
    assert!(!alive(sleep) && !alive(helper));
}

#[test]
fn a_second_interrupt_still_tears_down() {
    // The second ^C makes dtrace impatient (no aggregations), but the
    // command it started and the helper still go with it.
    let mut dtrace =
        spawn_dtrace(&["-w", "-n", "tick-1ms { @n = count(); } END { system(\"sleep 0.5\"); }", "-c", "sleep 1000"]);
    let sleep = child_named(&dtrace, "sleep");
    let helper = child_named(&dtrace, "dtrace-teardown");
    let pid = nix::unistd::Pid::from_raw(dtrace.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::SIGINT).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    nix::sys::signal::kill(pid, nix::sys::signal::SIGINT).unwrap();
    let status = dtrace.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(!alive(sleep) && !alive(helper));
}
