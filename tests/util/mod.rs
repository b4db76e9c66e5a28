//! Helpers for the integration tests: running the built `dtrace` and reading
//! the directives in the header comment of a `tests/d` fixture.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A compile-only run should take well under a second; a run that reaches
/// this limit was not compiling (for instance `-e` was ignored and tracing
/// started) and is killed.
const TIMEOUT: Duration = Duration::from_secs(30);

/// What one run of `dtrace` produced. `status` is `None` if it timed out or
/// was killed by a signal.
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the `dtrace` binary built by cargo, from the package root so that
/// fixture paths given as `tests/d/...` are the paths dtrace(1) prints.
pub fn dtrace(args: &[&str]) -> Run {
    dtrace_with_env(args, &[])
}

/// [`dtrace`] with extra environment variables. `TZ` is UTC unless `env`
/// sets it, so local-time output does not depend on the machine.
pub fn dtrace_with_env(args: &[&str], env: &[(String, String)]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dtrace"))
        .args(args)
        .env("TZ", "UTC")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dtrace binary runs");
    // Drain both pipes on their own threads so a chatty child cannot block.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for dtrace") {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}

/// The first line of stderr for a script that fails to compile, up to the
/// message, when run with `-x errtags`.
///
/// The order is libdtrace's: dt_set_errmsg() (dt_subr.c) writes the tag
/// first, then the location, then the message, and dtrace(1) prefixes
/// "failed to compile script PATH: " — so a tagged error reads
/// `dtrace: failed to compile script t.d: [D_SYNTAX] line 3: syntax error near "}"`.
pub fn compile_error_prefix(path: &str, line: u32, tag: &str) -> String {
    format!("dtrace: failed to compile script {path}: [{tag}] line {line}: ")
}

/// A D fixture and the directives from its header comment:
/// `@@tag`, `@@line`, `@@message`, `@@args`, `@@flags`, `@@requires btf`,
/// and for `tests/d/run` fixtures `@@status` (the expected exit status) and
/// `@@env NAME=VALUE` (an environment variable, e.g. `TZ`).
pub struct Fixture {
    /// Relative to the package root, as passed to dtrace.
    pub path: String,
    pub tag: Option<String>,
    pub line: Option<u32>,
    /// Exact, trailing spaces included (`#pragma error` messages end in one).
    /// Each further `@@message` line continues it on a new line (printf's
    /// type errors span four, the later ones starting with a tab).
    pub message: Option<String>,
    pub args: Vec<String>,
    pub flags: Vec<String>,
    pub needs_btf: bool,
    pub status: i32,
    pub env: Vec<(String, String)>,
}

impl Fixture {
    pub fn read(path: &str) -> Fixture {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let header = text.split("*/").next().unwrap_or("");
        let mut fx = Fixture {
            path: path.to_string(),
            tag: None,
            line: None,
            message: None,
            args: Vec::new(),
            flags: Vec::new(),
            needs_btf: false,
            status: 0,
            env: Vec::new(),
        };
        for raw in header.lines() {
            let l = raw.trim_start().trim_start_matches("/*").trim_start_matches('*').trim_start();
            let Some(d) = l.strip_prefix("@@") else {
                continue;
            };
            let (key, value) = d.split_once(' ').unwrap_or((d, ""));
            let words = || value.split_whitespace().map(String::from).collect::<Vec<_>>();
            match key.trim_end() {
                "tag" => fx.tag = Some(value.trim().to_string()),
                "line" => fx.line = Some(value.trim().parse().unwrap_or_else(|_| panic!("{path}: bad @@line"))),
                "message" => {
                    let line = value.trim_end_matches('\r');
                    match &mut fx.message {
                        Some(m) => {
                            m.push('\n');
                            m.push_str(line);
                        }
                        None => fx.message = Some(line.to_string()),
                    }
                }
                "args" => fx.args = words(),
                "flags" => fx.flags = words(),
                "requires" => fx.needs_btf = value.trim() == "btf",
                "status" => fx.status = value.trim().parse().unwrap_or_else(|_| panic!("{path}: bad @@status")),
                "env" => {
                    let (k, v) = value.trim().split_once('=').unwrap_or_else(|| panic!("{path}: bad @@env"));
                    fx.env.push((k.to_string(), v.to_string()));
                }
                other => panic!("{path}: unknown directive @@{other}"),
            }
        }
        fx
    }

    /// `dtrace -e -x errtags [flags] -s FILE [args]`
    pub fn run(&self) -> Run {
        let mut argv = vec!["-e", "-x", "errtags"];
        argv.extend(self.flags.iter().map(String::as_str));
        argv.extend(["-s", self.path.as_str()]);
        argv.extend(self.args.iter().map(String::as_str));
        dtrace(&argv)
    }

    /// `dtrace [flags] -s FILE [args]`: a `tests/d/run` fixture traces.
    pub fn trace(&self) -> Run {
        let mut argv: Vec<&str> = self.flags.iter().map(String::as_str).collect();
        argv.extend(["-s", self.path.as_str()]);
        argv.extend(self.args.iter().map(String::as_str));
        dtrace_with_env(&argv, &self.env)
    }

    /// For a `tests/d/run` fixture: None if stdout, stderr and the exit
    /// status are exactly those in `FILE.out`, `FILE.err` (either missing:
    /// empty) and `@@status`, else the differences.
    pub fn check_output(&self, run: &Run) -> Option<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let expected =
            |ext: &str| std::fs::read_to_string(root.join(format!("{}.{ext}", self.path))).unwrap_or_default();
        let (out, err) = (expected("out"), expected("err"));
        let mut why = Vec::new();
        if run.status != Some(self.status) {
            why.push(format!("exit status {:?}, expected {}", run.status, self.status));
        }
        if run.stdout != out {
            why.push(format!("stdout:\n--- expected\n{out}--- got\n{}---", run.stdout));
        }
        if run.stderr != err {
            why.push(format!("stderr:\n--- expected\n{err}--- got\n{}---", run.stderr));
        }
        (!why.is_empty()).then(|| why.join("\n"))
    }

    /// None if the run is what the fixture expects, else what went wrong.
    pub fn check(&self, run: &Run) -> Option<String> {
        let got = || format!("exit {:?}, stderr {:?}", run.status, run.stderr);
        match (&self.tag, self.line) {
            (None, _) => (run.status != Some(0) || !run.stderr.is_empty())
                .then(|| format!("expected exit 0 and no stderr, got {}", got())),
            (Some(tag), Some(line)) => {
                let prefix = compile_error_prefix(&self.path, line, tag);
                let ok = run.status == Some(1)
                    && match &self.message {
                        Some(m) => run.stderr == format!("{prefix}{m}\n"),
                        None => run.stderr.starts_with(&prefix),
                    };
                (!ok).then(|| {
                    let want = self.message.as_deref().map_or(format!("{prefix}..."), |m| format!("{prefix}{m}"));
                    format!("expected exit 1 and {want:?}, got {}", got())
                })
            }
            (Some(_), None) => Some("fixture has @@tag but no @@line".into()),
        }
    }
}

/// Every `*.d` file in `tests/d/<kind>`, sorted, as package-relative paths.
pub fn fixtures(kind: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/d").join(kind);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".d"))
        .map(|n| format!("tests/d/{kind}/{n}"))
        .collect();
    files.sort();
    files
}

/// Runs every fixture of one kind ("pass", "fail" or "run"), a few at a time, and
/// panics once with every mismatch so one run shows the whole picture.
pub fn run_corpus(kind: &str, minimum: usize) {
    let files = fixtures(kind);
    let have_btf = Path::new("/sys/kernel/btf/vmlinux").exists();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
    let chunk = files.len().div_ceil(threads).max(1);
    // (path, None = passed, Some(None) = skipped, Some(Some(why)) = failed)
    let outcomes: Vec<(String, Option<Option<String>>)> = std::thread::scope(|s| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|path| {
                            let fx = Fixture::read(path);
                            if kind == "fail" && fx.tag.is_none() {
                                return (path.clone(), Some(Some("fail fixture without @@tag".into())));
                            }
                            if kind == "pass" && fx.tag.is_some() {
                                return (path.clone(), Some(Some("pass fixture with @@tag".into())));
                            }
                            if fx.needs_btf && !have_btf {
                                return (path.clone(), Some(None));
                            }
                            let outcome = match kind {
                                "run" => fx.check_output(&fx.trace()),
                                _ => fx.check(&fx.run()),
                            };
                            (path.clone(), outcome.map(Some))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });

    let mut failures = Vec::new();
    let (mut passed, mut skipped) = (0, 0);
    for (path, outcome) in outcomes {
        match outcome {
            None => passed += 1,
            Some(None) => {
                skipped += 1;
                eprintln!("skipped (no BTF): {path}");
            }
            Some(Some(why)) => failures.push(format!("{path}: {why}")),
        }
    }
    eprintln!("corpus: {passed} passed, {} failed, {skipped} skipped ({kind})", failures.len());
    assert!(files.len() >= minimum, "tests/d/{kind} has {} fixtures, expected at least {minimum}", files.len());
    assert!(
        failures.is_empty(),
        "{} of {} {kind} fixtures failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
