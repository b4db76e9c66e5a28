//! SIGINT and SIGTERM end a run as they end dtrace(1)'s: the
//! first one stops tracing (END fires, pending data and aggregations print,
//! the exit status is unchanged); a second one makes the consumer
//! impatient, so the aggregations are not printed. A signal the parent left
//! ignored (a background job's SIGINT) stays ignored, as dtrace(1) leaves it.
//!
//! `signal-hook` owns the handlers: they only write to its self-pipe, and a
//! thread of ours counts what arrives, so no code of ours runs in a signal
//! handler. SIGPIPE is left as the Rust runtime sets it (ignored): a write
//! to a closed pipe fails with EPIPE, which the session treats as the first
//! signal (see [`note_broken_pipe`]).

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Condvar, Mutex, Once};
use std::time::Duration;

/// Signals received since [`install`].
static RECEIVED: AtomicU32 = AtomicU32::new(0);
/// Wakes [`wait`] when a signal arrives.
static ARRIVED: (Mutex<()>, Condvar) = (Mutex::new(()), Condvar::new());

/// Routes SIGINT and SIGTERM to the counter, except those already ignored.
/// Later calls do nothing.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let ignored = ignored_signals();
        let wanted: Vec<i32> = [SIGINT, SIGTERM].into_iter().filter(|s| !ignored.contains(s)).collect();
        // Without handlers the run still works; only ^C handling is lost.
        let Ok(mut signals) = Signals::new(&wanted) else { return };
        std::thread::spawn(move || {
            for _ in signals.forever() {
                RECEIVED.fetch_add(1, Ordering::SeqCst);
                let _guard = ARRIVED.0.lock();
                ARRIVED.1.notify_all();
            }
        });
    });
}

/// Counts a write to a closed output pipe as a signal, as SIGPIPE is one
/// for dtrace(1): tracing stops in order.
pub fn note_broken_pipe() {
    if RECEIVED.load(Ordering::SeqCst) == 0 {
        RECEIVED.fetch_add(1, Ordering::SeqCst);
    }
}

/// How many of the signals have arrived.
pub fn received() -> u32 {
    RECEIVED.load(Ordering::SeqCst)
}

/// Sleeps for up to `limit`, returning early when a signal arrives.
pub fn wait(limit: Duration) {
    let guard = ARRIVED.0.lock().unwrap_or_else(|e| e.into_inner());
    if received() == 0 {
        let _ = ARRIVED.1.wait_timeout(guard, limit);
    }
}

/// The signals this process ignores, from `SigIgn` in /proc/self/status (a
/// hex mask, bit N-1 for signal N); none if it cannot be read.
fn ignored_signals() -> Vec<i32> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mask = status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        .unwrap_or(0);
    (1..=64).filter(|s| mask & (1u64 << (s - 1)) != 0).collect()
}

/// The session's output: the first write that finds the reader gone
/// (EPIPE) counts as a signal, and later writes are dropped, so tracing
/// stops in order (END still fires) instead of ending on an error.
pub struct PipeWatch<'a> {
    inner: &'a mut dyn Write,
    broken: bool,
}

impl<'a> PipeWatch<'a> {
    pub fn new(inner: &'a mut dyn Write) -> PipeWatch<'a> {
        PipeWatch { inner, broken: false }
    }

    fn check<T>(&mut self, r: io::Result<T>, ok: T) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.broken = true;
                note_broken_pipe();
                Ok(ok)
            }
            r => r,
        }
    }
}

impl Write for PipeWatch<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.broken {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.check(r, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.broken {
            return Ok(());
        }
        let r = self.inner.flush();
        self.check(r, ())
    }
}
