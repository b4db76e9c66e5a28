//! The local engine: `driver/core` run inside the consumer process, for the
//! probes that need no kernel — `dtrace:::BEGIN`, `END` and `ERROR`, and
//! the `profile` provider's `profile-N` (every CPU) and `tick-N` (one CPU)
//! — with no privileges.
//!
//! The enabled program's [`State`] sits behind a mutex; BEGIN and END fire
//! on the calling thread, each profile probe gets a timer thread. CPUs are
//! simulated: `cpu` is the index of the simulated CPU a timer fires on.

use crate::consumer::drain::Source;
use crate::consumer::engines::{self, Enabled, Engine, Host};
use crate::consumer::probes::{profile_spec, Probe, ProbeCatalog, ProfileKind};
use crate::consumer::teardown::{Registrar, TeardownError};
use crate::parser::builtins::{self, BuiltinKind};
use crate::parser::pdesc::ProbeDesc;
use dtrace_core::dof::Program;
use dtrace_core::isa::act;
use dtrace_core::state::{BufKind, Config, ProbeEnv, SetupError, State};
use dtrace_core::vm::{Env, Fault, Space, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Probe ids of the dtrace provider (fixed by the catalog).
pub const BEGIN: u32 = 1;
pub const END: u32 = 2;
pub const ERROR: u32 = 3;

/// Why a program cannot run on the local engine.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LocalError {
    /// A description names a provider the local engine does not serve:
    /// the whole message, from [`engines::cannot_enable`] (which says
    /// which engine would serve it and why that one is not usable here).
    #[error("{0}")]
    Provider(String),
    /// The program could not be set up (variables, sizes).
    #[error("could not enable the program: {0}")]
    Setup(String),
    /// These buffers do not fit: DTrace's ENOMEM from dtrace_go().
    #[error("could not enable tracing: Not enough space")]
    NoSpace(BufKind),
}

/// The most buffer memory a local session takes: a quarter of the
/// machine's memory (unlimited if /proc/meminfo cannot say), so that a
/// large `bufsize` is lowered rather than allowed to starve the machine.
pub fn memory_limit() -> usize {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok());
    kib.map_or(usize::MAX, |k| k.saturating_mul(1024) / 4)
}

/// The local engine with an enabled program.
pub struct LocalEngine {
    state: Arc<Mutex<State>>,
    probes: Arc<HashMap<u32, Probe>>,
    /// (probe, interval, fires on every CPU)
    timers: Vec<(u32, Duration, bool)>,
    threads: Vec<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    ncpus: usize,
    started: Instant,
}

impl LocalEngine {
    /// The first action of `program` the local engine cannot carry out:
    /// those that act on the traced process or the kernel. (copyout() and
    /// copyoutstr() fault here, as on an address no process maps.)
    pub fn unsupported_action(program: &Program) -> Option<&'static str> {
        program.ecbs.iter().flat_map(|e| &e.actions).find_map(|a| match a.kind {
            act::STOP => Some("stop"),
            act::RAISE => Some("raise"),
            act::CHILL => Some("chill"),
            act::BREAKPOINT => Some("breakpoint"),
            act::PANIC => Some("panic"),
            _ => None,
        })
    }

    /// Enables `program`, matching each ECB's probe description in `catalog`.
    pub fn enable(program: &Program, catalog: &dyn ProbeCatalog, mut cfg: Config) -> Result<LocalEngine, LocalError> {
        let mut matched: Vec<Vec<u32>> = Vec::new();
        let mut probes = HashMap::new();
        for e in &program.ecbs {
            let list = if e.probe.id != 0 {
                catalog.by_id(e.probe.id).into_iter().collect()
            } else {
                let desc = ProbeDesc {
                    provider: e.probe.provider.clone(),
                    module: e.probe.module.clone(),
                    function: e.probe.function.clone(),
                    name: e.probe.name.clone(),
                };
                catalog.matching(&desc)
            };
            for p in &list {
                if !Engine::Local.serves(&p.provider) {
                    let probe = format!("{}:{}:{}:{}", p.provider, p.module, p.function, p.name);
                    let why = engines::cannot_enable(Engine::Local, &probe, &p.provider, &Host::probe());
                    return Err(LocalError::Provider(why));
                }
                probes.insert(p.id, p.clone());
            }
            matched.push(list.iter().map(|p| p.id).collect());
        }
        let mut timers = Vec::new();
        for p in probes.values() {
            if let Some(spec) = profile_spec(&p.name) {
                timers.push((p.id, Duration::from_nanos(spec.interval_ns), spec.kind == ProfileKind::Profile));
            }
        }
        timers.sort_by_key(|t| t.0);
        cfg.error_probe = Some(ERROR);
        cfg.begin_probe = Some(BEGIN);
        cfg.end_probe = Some(END);
        let ncpus = cfg.ncpus;
        let state =
            State::new(program, &|i| matched.get(i).cloned().unwrap_or_default(), cfg).map_err(|e| match e {
                SetupError::NoSpace(kind) => LocalError::NoSpace(kind),
                e => LocalError::Setup(format!("{e:?}")),
            })?;
        Ok(LocalEngine {
            state: Arc::new(Mutex::new(state)),
            probes: Arc::new(probes),
            timers,
            threads: Vec::new(),
            stop: Arc::new(AtomicBool::new(false)),
            ncpus,
            started: Instant::now(),
        })
    }

    /// How many probes the program enabled.
    pub fn matched(&self) -> usize {
        self.probes.len()
    }

    /// A handle that fires this engine's probes from any thread, as a
    /// probe source of its own would (tests and benchmarks drive it).
    pub fn firer(&self) -> Firer {
        Firer { state: Arc::clone(&self.state), probes: Arc::clone(&self.probes), started: self.started }
    }

    fn fire(&self, probe: u32, cpu: usize) {
        self.firer().fire(probe, cpu);
    }
}

impl Enabled for LocalEngine {
    /// The probe with id `id`.
    fn probe(&self, id: u32) -> Option<&Probe> {
        self.probes.get(&id)
    }

    /// The enabled state (buffers, aggregations, record layouts).
    fn state(&self) -> MutexGuard<'_, State> {
        // A timer thread that panicked cannot leave the state half-updated
        // in a way that matters more than losing the session's output.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The principal buffers, for the snapshot thread.
    fn source(&self) -> Arc<dyn Source> {
        Arc::new(Buffers(Arc::clone(&self.state)))
    }

    /// Starts tracing: fires BEGIN, then starts the profile timers.
    fn go(&mut self) {
        self.fire(BEGIN, 0);
        for &(probe, interval, every_cpu) in &self.timers {
            let cpus = if every_cpu { self.ncpus } else { 1 };
            for cpu in 0..cpus {
                let firer = self.firer();
                let stop = Arc::clone(&self.stop);
                self.threads.push(std::thread::spawn(move || {
                    let mut next = Instant::now() + interval;
                    while !stop.load(Ordering::Relaxed) {
                        let now = Instant::now();
                        if now < next {
                            // Sleep in short steps so stopping is prompt.
                            std::thread::sleep((next - now).min(Duration::from_millis(50)));
                            continue;
                        }
                        next += interval;
                        firer.fire(probe, cpu);
                    }
                }));
            }
        }
    }

    /// Stops the timers and fires END.
    fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        self.fire(END, 0);
    }

    fn register_teardown(&self, _: &mut dyn Registrar) -> Result<(), TeardownError> {
        // Timers and buffers live in this process and die with it.
        Ok(())
    }
}

impl Drop for LocalEngine {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// Fires an engine's probes (see [`LocalEngine::firer`]).
#[derive(Clone)]
pub struct Firer {
    state: Arc<Mutex<State>>,
    probes: Arc<HashMap<u32, Probe>>,
    started: Instant,
}

impl Firer {
    /// Fires probe `probe` on simulated CPU `cpu`.
    pub fn fire(&self, probe: u32, cpu: usize) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut env = LocalEnv::new(&self.probes, probe, cpu, self.started);
        st.fire(probe, cpu, &mut env);
    }
}

/// The enabled state's principal buffers, as the snapshot thread switches
/// them.
struct Buffers(Arc<Mutex<State>>);

impl Buffers {
    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Source for Buffers {
    fn ncpus(&self) -> usize {
        self.state().ncpus()
    }

    fn fill(&self, cpu: usize) -> (usize, usize) {
        self.state().buffer_fill(cpu)
    }

    fn switch_into(&self, cpu: usize, into: &mut Vec<u8>) -> u64 {
        let mut st = self.state();
        let Some(snap) = st.switch(cpu) else { return 0 };
        snap.parts.iter().for_each(|p| into.extend_from_slice(p));
        snap.drops
    }
}

/// What a probe firing in the consumer process sees.
struct LocalEnv<'a> {
    probes: &'a HashMap<u32, Probe>,
    probe: Option<&'a Probe>,
    cpu: usize,
    started: Instant,
}

impl<'a> LocalEnv<'a> {
    fn new(probes: &'a HashMap<u32, Probe>, probe: u32, cpu: usize, started: Instant) -> Self {
        LocalEnv { probes, probe: probes.get(&probe), cpu, started }
    }
}

/// The calling thread's kernel id (what `tid` is), read once per thread
/// from /proc since std has no gettid(); the process id if /proc is absent.
fn current_tid() -> u64 {
    thread_local! {
        static TID: u64 = std::fs::read_link("/proc/thread-self")
            .ok()
            .and_then(|p| p.file_name()?.to_str()?.parse().ok())
            .unwrap_or_else(|| u64::from(std::process::id()));
    }
    TID.with(|t| *t)
}

/// Nanoseconds since the Unix epoch.
fn wall_ns() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
}

impl Env for LocalEnv<'_> {
    fn read(&mut self, _space: Space, addr: u64, _buf: &mut [u8]) -> Result<(), Fault> {
        // The local engine has no kernel or user memory to read.
        Err(Fault::new(dtrace_core::isa::flt::BADADDR, addr))
    }

    fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault> {
        let name = builtins::by_id(BuiltinKind::Scalar, id).map_or("", |b| b.name);
        let field = |f: fn(&Probe) -> &str| Value::Str(self.probe.map_or("", f).as_bytes());
        let uptime = self.started.elapsed().as_nanos() as u64 + 1;
        Ok(match name {
            "timestamp" | "vtimestamp" => Value::Int(uptime),
            "walltimestamp" => Value::Int(wall_ns()),
            "id" => Value::Int(self.probe.map_or(0, |p| u64::from(p.id))),
            "probeprov" => field(|p| &p.provider),
            "probemod" => field(|p| &p.module),
            "probefunc" => field(|p| &p.function),
            "probename" => field(|p| &p.name),
            "pid" => Value::Int(u64::from(std::process::id())),
            "tid" => Value::Int(current_tid()),
            "execname" => Value::Str(b"dtrace"),
            "cpu" => Value::Int(self.cpu as u64),
            _ => Value::Int(0),
        })
    }

    fn array(&mut self, _id: u8, _index: u64) -> Result<u64, Fault> {
        Ok(0)
    }

    fn thread_key(&mut self) -> u64 {
        self.cpu as u64 + 1
    }
}

impl ProbeEnv for LocalEnv<'_> {
    fn timestamp(&mut self) -> u64 {
        self.started.elapsed().as_nanos() as u64 + 1
    }

    fn set_probe(&mut self, probe: u32) {
        self.probe = self.probes.get(&probe);
    }
}
