//! Consumer throughput: a probe that fires as fast as one thread can fire
//! it, each firing writing one `printf` record, drained by the session's
//! snapshot thread and printed by its printer with default options.
//! Prints records/s drained and the drops, then the same with a printer
//! throttled by a slow output, where drops must account for every record
//! that did not print. Target: at least 2,000,000 records/s, no drops.
//!
//! The probe source is a test engine around the local engine: the local
//! engine's own profile timers stop at 5000 Hz per CPU (illumos's limit),
//! far below what the consumer must keep up with.

use dtrace::consumer::drain::Source;
use dtrace::consumer::engines::Enabled;
use dtrace::consumer::local::LocalEngine;
use dtrace::consumer::probes::{KnownProviders, Probe, ProbeCatalog};
use dtrace::consumer::proc::Targets;
use dtrace::consumer::session::{self, Input, SessionError, Settings};
use dtrace::consumer::teardown::{Registrar, TeardownError};
use dtrace::parser::{compile, CompileOptions, Origin};
use dtrace_core::dof::Program;
use dtrace_core::state::{Config, State};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Firings per run.
const FIRINGS: u64 = 4_000_000;

/// The local engine plus a thread firing the `tick-1000s` probe (which
/// its timer never reaches) `FIRINGS` times, then `tick-999s`, whose
/// clause calls exit().
struct Firehose {
    inner: LocalEngine,
    ids: (u32, u32),
    stop: Arc<AtomicBool>,
    fired: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Enabled for Firehose {
    fn probe(&self, id: u32) -> Option<&Probe> {
        self.inner.probe(id)
    }
    fn state(&self) -> MutexGuard<'_, State> {
        self.inner.state()
    }
    fn source(&self) -> Arc<dyn Source> {
        self.inner.source()
    }
    fn go(&mut self) {
        self.inner.go();
        let (firer, (hose, last)) = (self.inner.firer(), self.ids);
        let (stop, fired) = (Arc::clone(&self.stop), Arc::clone(&self.fired));
        self.thread = Some(std::thread::spawn(move || {
            for _ in 0..FIRINGS {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                firer.fire(hose, 0);
                fired.fetch_add(1, Ordering::Relaxed);
            }
            firer.fire(last, 0);
        }));
    }
    fn register_teardown(&self, reg: &mut dyn Registrar) -> Result<(), TeardownError> {
        self.inner.register_teardown(reg)
    }
    fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.inner.stop();
    }
}

/// Output that counts lines, sleeping `delay` per write when throttled.
struct Sink {
    lines: u64,
    delay: Duration,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.lines += buf.iter().filter(|&&b| b == b'\n').count() as u64;
        if !self.delay.is_zero() {
            std::thread::sleep(self.delay);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run(delay: Duration, bufsize: Option<&str>) -> (u64, u64, u64, Duration) {
    let script = "tick-1000s { printf(\"%d\\n\", i++); } tick-999s { exit(0); }";
    let catalog = KnownProviders::new();
    let origin = Origin::ProbeSpec(script.into());
    let checked = compile(script, &origin, &CompileOptions::default(), &catalog).expect("bench script compiles");
    let id = |name: &str| catalog.all().into_iter().find(|p| p.name == name).map_or(0, |p| p.id);
    let ids = (id("tick-1000s"), id("tick-999s"));
    let fired = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&fired);
    let enable = move |p: &Program, c: &dyn ProbeCatalog, cfg: Config| -> Result<Box<dyn Enabled>, SessionError> {
        let inner = LocalEngine::enable(p, c, cfg)?;
        let stop = Arc::new(AtomicBool::new(false));
        Ok(Box::new(Firehose { inner, ids, stop, fired: Arc::clone(&counter), thread: None }))
    };
    let mut settings = Settings::default();
    settings.apply("quiet", None);
    if let Some(size) = bufsize {
        settings.apply("bufsize", Some(size));
    }
    let inputs = [Input { checked: &checked, notice: String::new() }];
    let mut out = Sink { lines: 0, delay };
    let mut err = Vec::new();
    let start = Instant::now();
    let mut targets = Targets::default();
    session::run_on(&enable, &inputs, &catalog, &settings, &mut targets, &mut out, &mut err)
        .expect("bench session runs");
    let took = start.elapsed();
    let drops = String::from_utf8_lossy(&err)
        .lines()
        .filter_map(|l| l.strip_prefix("dtrace: ")?.split(' ').next()?.parse::<u64>().ok())
        .sum();
    // The end-of-run newline is not a record.
    (fired.load(Ordering::Relaxed), out.lines.saturating_sub(1), drops, took)
}

fn main() {
    // `cargo bench` passes --bench; nothing else is understood.
    let (fired, printed, drops, took) = run(Duration::ZERO, None);
    println!(
        "drain/default: {fired} firings, {printed} records printed, {drops} drops in {:.3} s: {:.0} records/s",
        took.as_secs_f64(),
        printed as f64 / took.as_secs_f64()
    );
    let (fired, printed, drops, took) = run(Duration::from_millis(2), Some("64k"));
    println!(
        "drain/throttled (2 ms per write, 64k buffers): {fired} firings, {printed} printed, {drops} drops \
         in {:.3} s; printed + drops {} fired",
        took.as_secs_f64(),
        if printed + drops == fired { "==" } else { "!=" }
    );
}
