//! The consumer at run time: signals, a reader that goes away, a reader
//! that falls behind, buffer policies.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dtrace"))
        .args(args)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dtrace")
}

fn signal(child: &Child, sig: &str) {
    let sent = Command::new("kill").args([sig, &child.id().to_string()]).status().expect("run kill");
    assert!(sent.success());
}

/// Waits for `child`, killing it after `limit`, while reading what it
/// prints; its status, stdout and stderr, and how long it took.
fn finish(mut child: Child, limit: Duration) -> (Option<i32>, String, String, Duration) {
    let start = Instant::now();
    let read_all = |s: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut s) = s {
                let _ = s.read_to_string(&mut text);
            }
            text
        })
    };
    let out = read_all(child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let err = read_all(child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for dtrace") {
            break s.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    (status, out.join().unwrap_or_default(), err.join().unwrap_or_default(), took)
}

/// Reads `child`'s stdout until `line` has been printed, so that tracing
/// has started (signal handlers are in place).
fn wait_for_line(child: &mut Child, line: &str) -> String {
    let mut reader = BufReader::new(child.stdout.take().expect("stdout piped"));
    let mut seen = String::new();
    let mut buf = String::new();
    while reader.read_line(&mut buf).expect("read dtrace output") > 0 {
        seen.push_str(&buf);
        if buf == line {
            break;
        }
        buf.clear();
    }
    // The rest is read by `finish`.
    child.stdout = None;
    let mut rest = reader.into_inner();
    let handle = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = rest.read_to_string(&mut s);
        s
    });
    TAILS.with(|t| t.borrow_mut().push(handle));
    seen
}

thread_local! {
    static TAILS: std::cell::RefCell<Vec<std::thread::JoinHandle<String>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn tail() -> String {
    TAILS.with(|t| t.borrow_mut().pop()).map(|h| h.join().unwrap_or_default()).unwrap_or_default()
}

/// Runs dtrace with `args`, sends `sig` after 1.5 s (well after tracing
/// has started), and waits: status, stdout, stderr.
pub fn signal_after(args: &[&str], sig: &str) -> (Option<i32>, String, String) {
    let child = spawn(args);
    std::thread::sleep(Duration::from_millis(1500));
    signal(&child, sig);
    let (status, out, err, _) = finish(child, Duration::from_secs(10));
    (status, out, err)
}

#[test]
fn sigint_at_any_moment_prints_end_and_aggregations_once() {
    // A cheap pseudo-random sequence of delays across the first 300 ms.
    let mut seed = Instant::now().elapsed().subsec_nanos() as u64 | 1;
    for _ in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(seed % 300);
        let mut child = spawn(&[
            "-q",
            "-x",
            "switchrate=10ms",
            "-n",
            "BEGIN { printf(\"go\\n\"); } tick-1ms { @ticks = count(); @n[\"k\"] = sum(2); } END { printf(\"end\\n\"); }",
        ]);
        let head = wait_for_line(&mut child, "go\n");
        std::thread::sleep(delay);
        signal(&child, "-INT");
        let (status, _, err, _) = finish(child, Duration::from_secs(10));
        let out = head + &tail();
        assert_eq!(status, Some(0), "after {delay:?}: stderr {err}");
        assert_eq!(err, "");
        // go, the interrupt's newline, END's output, the end-of-run
        // newline, then each aggregation once.
        assert!(out.starts_with("go\n\nend\n\n"), "after {delay:?}: {out:?}");
        assert_eq!(out.matches("end\n").count(), 1, "{out:?}");
        let aggs: Vec<&str> = out["go\n\nend\n\n".len()..].lines().collect();
        assert_eq!(aggs.len(), 2, "{out:?}");
        assert!(aggs[0].trim().parse::<u64>().is_ok(), "{out:?}");
        assert!(aggs[1].starts_with("  k "), "{out:?}");
    }
}

#[test]
fn a_second_sigint_skips_the_aggregations_and_exits() {
    // END runs a command that sleeps, so the second signal arrives while
    // the run is ending.
    let mut child = spawn(&[
        "-q",
        "-w",
        "-x",
        "switchrate=10ms",
        "-n",
        "BEGIN { printf(\"go\\n\"); } tick-1ms { @ticks = count(); } END { system(\"sleep 0.6\"); printf(\"end\\n\"); }",
    ]);
    let head = wait_for_line(&mut child, "go\n");
    signal(&child, "-INT");
    std::thread::sleep(Duration::from_millis(300));
    signal(&child, "-INT");
    let (status, _, err, took) = finish(child, Duration::from_secs(10));
    let out = head + &tail();
    assert_eq!(status, Some(0), "stderr {err}");
    assert_eq!(out, "go\n\nend\n\n");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn a_reader_that_goes_away_stops_tracing_in_order() {
    // As SIGPIPE does for dtrace(1): END still fires (its system() runs)
    // and dtrace exits 0.
    let marker = std::env::temp_dir().join(format!("dtrace-epipe-{}", std::process::id()));
    let _ = std::fs::remove_file(&marker);
    let end = format!("END {{ system(\"touch {}\"); }}", marker.display());
    let script = format!("tick-1ms {{ printf(\"%d\\n\", i++); }} {end}");
    let mut child = spawn(&["-q", "-w", "-x", "switchrate=10ms", "-n", &script]);
    let mut reader = BufReader::new(child.stdout.take().expect("stdout piped"));
    let mut line = String::new();
    reader.read_line(&mut line).expect("a first line");
    assert_eq!(line, "0\n");
    drop(reader);
    let (status, _, err, _) = finish(child, Duration::from_secs(10));
    assert_eq!(status, Some(0), "stderr {err}");
    assert!(marker.exists(), "END ran its system()");
    let _ = std::fs::remove_file(&marker);
}

#[test]
fn a_throttled_reader_costs_drops_and_every_record_is_accounted_for() {
    // The test does not read for a while: the pipe fills, the printer
    // blocks, the buffers it holds run out, and the engine drops records.
    // Every firing is either printed or counted in a drop report.
    let pad = "x".repeat(100);
    let script = format!(
        "tick-1ms {{ printf(\"%d {pad}\\n\", i++); }} tick-2500ms {{ exit(0); }} END {{ printf(\"fired %d\\n\", i); }}"
    );
    let child = spawn(&["-q", "-x", "switchrate=20ms", "-x", "bufsize=2k", "-n", &script]);
    std::thread::sleep(Duration::from_millis(1500));
    let (status, out, err, _) = finish(child, Duration::from_secs(20));
    assert_eq!(status, Some(0), "stderr {err}");
    let printed = out.lines().filter(|l| l.ends_with(&pad)).count() as u64;
    let fired: u64 = out
        .lines()
        .find_map(|l| l.strip_prefix("fired "))
        .and_then(|n| n.parse().ok())
        .expect("END reports the firings");
    let mut drops = 0;
    for l in err.lines() {
        let n = l.strip_prefix("dtrace: ").and_then(|r| r.strip_suffix(" drops on CPU 0"));
        drops += n.and_then(|n| n.parse::<u64>().ok()).unwrap_or_else(|| panic!("unexpected stderr line {l:?}"));
    }
    assert!(drops > 0, "the reader was slow enough to cost drops: {err}");
    assert_eq!(printed + drops, fired, "printed {printed} + drops {drops} == fired {fired}");
}

#[test]
fn ring_buffers_keep_the_newest_records() {
    // printf's records take 24 bytes (a 12-byte header and the value, in
    // 8-byte units) and exit()'s 16: a 100-byte ring ends with the last
    // three printf records and exit()'s, printed once at the end.
    let child = spawn(&[
        "-q",
        "-x",
        "bufpolicy=ring",
        "-x",
        "bufsize=100",
        "-n",
        "tick-1ms /i < 20/ { printf(\"%d\\n\", i++); } tick-1ms /i == 20/ { exit(0); }",
    ]);
    let (status, out, err, _) = finish(child, Duration::from_secs(10));
    assert_eq!(status, Some(0), "stderr {err}");
    assert_eq!(out, "17\n18\n19\n\n");
}

#[test]
fn flowindent_heads_one_function_column_even_when_quiet() {
    // dtrace(1)'s chew(): with -F every record starts with the CPU and a
    // 41-column FUNCTION field ("| " and function:name for probes that
    // are neither entry nor return), -q or not; the heading comes with
    // the first record.
    let child = spawn(&["-q", "-F", "-n", "BEGIN { printf(\"x\"); exit(0); }"]);
    let (status, out, err, _) = finish(child, Duration::from_secs(10));
    assert_eq!(status, Some(0), "stderr {err}");
    assert_eq!(out, format!("CPU {:<41}\n  0 {:<41} x\n", "FUNCTION", "| :BEGIN"));
}

#[test]
fn a_run_without_records_prints_no_heading() {
    // The heading is printed by the first record consumed; aggregations
    // alone never consume one.
    let mut child = spawn(&["-x", "switchrate=10ms", "-n", "tick-1ms { @n = count(); }"]);
    // The notice comes once the signals are handled.
    let notice = "dtrace: description 'tick-1ms ' matched 1 probe\n";
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr piped")).read_line(&mut line).expect("the notice");
    assert_eq!(line, notice);
    std::thread::sleep(Duration::from_millis(100));
    signal(&child, "-INT");
    let (status, out, err, _) = finish(child, Duration::from_secs(10));
    assert_eq!(status, Some(0), "stderr {err}");
    assert_eq!(err, "");
    assert!(out.starts_with("\n\n"), "no heading: {out:?}");
    assert!(out[2..].trim().parse::<u64>().is_ok(), "{out:?}");
}

#[test]
fn buffers_the_machine_cannot_back_are_lowered_or_refused() {
    // bufresize=auto (the default) halves the size until it fits and says
    // so, as dtrace(1)'s go() does; manual refuses as dtrace_go() does.
    let child = spawn(&["-x", "bufsize=100t", "-n", "BEGIN { exit(0); }"]);
    let (status, _, err, _) = finish(child, Duration::from_secs(60));
    assert_eq!(status, Some(0), "stderr {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "dtrace: description 'BEGIN ' matched 1 probe");
    assert!(lines[1].starts_with("dtrace: buffer size lowered to "), "{err}");
    assert_eq!(lines.len(), 2, "{err}");
    let child = spawn(&["-x", "bufsize=100t", "-x", "bufresize=manual", "-n", "BEGIN { exit(0); }"]);
    let (status, out, err, _) = finish(child, Duration::from_secs(60));
    assert_eq!(status, Some(1));
    assert_eq!(out, "");
    assert_eq!(
        err,
        "dtrace: description 'BEGIN ' matched 1 probe\ndtrace: could not enable tracing: Not enough space\n"
    );
}

#[test]
fn a_fill_buffer_stops_tracing_and_keeps_room_for_end() {
    // printf's records take 24 bytes and END's 16: a 100-byte fill buffer
    // keeps 16 for END, holds three records in the other 84, and the
    // fourth fills it, which ends the run; END's record still fits.
    let child = spawn(&[
        "-q",
        "-x",
        "bufpolicy=fill",
        "-x",
        "bufsize=100",
        "-n",
        "tick-1ms { printf(\"%d\\n\", i++); } END { printf(\"end\\n\"); }",
    ]);
    let (status, out, err, _) = finish(child, Duration::from_secs(10));
    assert_eq!(status, Some(0), "stderr {err}");
    assert_eq!(out, "0\n1\n2\nend\n\n");
    assert!(!err.is_empty(), "the record that filled the buffer is a drop");
    for l in err.lines() {
        let n = l.strip_prefix("dtrace: ").and_then(|r| r.strip_suffix(" on CPU 0"));
        let n = n.and_then(|r| r.strip_suffix(" drops").or_else(|| r.strip_suffix(" drop")));
        assert!(n.is_some_and(|n| n.parse::<u64>().is_ok()), "unexpected stderr line {l:?}");
    }
}
