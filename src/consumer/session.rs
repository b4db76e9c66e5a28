//! A tracing session on the local engine: checked programs are compiled to
//! DIF, packed as DOF, read back as an engine reads it, enabled; BEGIN
//! fires, timers run, records are drained and printed as dtrace(1) prints
//! them until `exit()`; then END fires, the buffers drain a last time and
//! the aggregations print.

use crate::consumer::aggprint::{self, AggOpts, Aggregation};
use crate::consumer::aggstore::{AggStore, KeyType};
use crate::consumer::drain::{Drainer, Filled};
use crate::consumer::drops::DropKind;
use crate::consumer::engines::Enabled;
use crate::consumer::format::{self, FormatCtx};
use crate::consumer::interrupt;
use crate::consumer::json;
use crate::consumer::local::LocalEngine;
use crate::consumer::local::LocalError;
use crate::consumer::print::{self, PrintType};
use crate::consumer::probes::{Probe, ProbeCatalog};
use crate::consumer::proc::Targets;
use crate::consumer::teardown::{Teardown, TeardownError};
use crate::consumer::tz::LocalZone;
use crate::consumer::value::Value;
use crate::dif::codegen::{self, Compiled};
use crate::parser::sema::Checked;
use dtrace_core::agg::{AggBuffer, AggFunc};
use dtrace_core::buffer::Policy;
use dtrace_core::dof::{self, Action, Ecb, Program};
use dtrace_core::isa::{act, diftype, flt};
use dtrace_core::state::BufKind;
use dtrace_core::state::{Config, FaultRecord, State, FAULT_EPID};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One program of the session and how dtrace(1) names it in notices.
pub struct Input<'a> {
    pub checked: &'a Checked,
    /// `script 'F'` or `description 'TEXT'`.
    pub notice: String,
}

/// Session settings from the command line and the programs' options.
#[derive(Clone, Debug)]
pub struct Settings {
    pub quiet: bool,
    pub strsize: usize,
    pub bufsize: usize,
    pub switchrate: Duration,
    pub agg: AggOpts,
    /// Speculations and the size of each one's per-CPU buffer.
    pub nspec: usize,
    pub specsize: usize,
    /// Room for dynamic variables and for each CPU's aggregations.
    pub dynvarsize: usize,
    pub aggsize: usize,
    /// `-w`: destructive actions allowed.
    pub destructive: bool,
    /// `-x droptags`: drop messages start with their DTRACEDROP_ tag.
    pub droptags: bool,
    /// `-x bufpolicy`: what a full principal buffer does.
    pub policy: Policy,
    /// `-x bufresize=manual`: a buffer the engine cannot back fails the
    /// run instead of being lowered.
    pub bufresize_manual: bool,
    /// How often aggregations are snapshot (what printa() sees) and the
    /// engine's failure counts are checked.
    pub aggrate: Duration,
    pub statusrate: Duration,
    /// `-F`: indent function entry and return, one FUNCTION column.
    pub flowindent: bool,
    /// `-x json`: records and aggregations as JSON lines (`json.rs`).
    pub json: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            quiet: false,
            strsize: 256,
            bufsize: 4 << 20,
            switchrate: Duration::from_secs(1),
            agg: AggOpts::default(),
            nspec: 1,
            specsize: 32 << 10,
            dynvarsize: 1 << 20,
            aggsize: 4 << 20,
            destructive: false,
            droptags: false,
            policy: Policy::Switch,
            bufresize_manual: false,
            aggrate: Duration::from_secs(1),
            statusrate: Duration::from_secs(1),
            flowindent: false,
            json: false,
        }
    }
}

/// Why a session could not run.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Code generation failed (a construct not yet supported).
    #[error("{}", .0.message)]
    Compile(crate::parser::CompileError),
    #[error("{0}")]
    Engine(#[from] crate::consumer::local::LocalError),
    #[error("failed to load program: {0}")]
    Dof(String),
    #[error("failed to write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("{0}")]
    Teardown(#[from] TeardownError),
    /// A `-c` command could not exec after all.
    #[error("{0}")]
    Proc(#[from] crate::consumer::proc::ProcError),
}

/// Per program ECB: what the consumer needs to decode its records.
struct EcbMeta {
    /// Signedness of each action's value (from the D types).
    signed: Vec<bool>,
    /// Each `print()` action's D type, which prints its value.
    print: Vec<Option<Arc<PrintType>>>,
}

/// Aggregation names (with their `@`) by id.
type AggNames = HashMap<u32, String>;

/// Compiles `inputs` into one DOF program (formats renumbered across
/// programs), with the decoding metadata of each ECB, each input's
/// number of matched probes and the aggregations' names.
fn build(inputs: &[Input]) -> Result<(Program, Vec<EcbMeta>, Vec<usize>, AggNames), SessionError> {
    let mut program = Program::default();
    let mut meta = Vec::new();
    let mut matched = Vec::new();
    let mut agg_names = AggNames::new();
    for input in inputs {
        let compiled: Compiled = codegen::generate(input.checked).map_err(SessionError::Compile)?;
        agg_names.extend(compiled.aggregations.iter().map(|(id, n)| (*id, format!("@{n}"))));
        let base = program.formats.len() as u64;
        program.formats.extend(compiled.formats.iter().cloned());
        // dtrace(1) counts probes per ECB description, so a clause if/else
        // splits counts once per ECB it became (and its ERROR clause once).
        let probes_of = |c: &codegen::ClauseCode| match c.origin {
            Some(i) => input.checked.clauses.get(i).map_or(0, |c| c.specs.iter().map(|(_, p)| p.len()).sum()),
            None => 1,
        };
        matched.push(compiled.clauses.iter().map(probes_of).sum());
        for clause in &compiled.clauses {
            let actions = crate::dif::dof::actions(&clause.actions, base);
            let signed = clause.actions.iter().map(|a| a.signed).collect::<Vec<_>>();
            let print = clause.actions.iter().map(|a| a.print.clone()).collect::<Vec<_>>();
            for spec in &clause.probes {
                let probe = crate::dif::dof::probe_desc(spec);
                program.ecbs.push(Ecb { probe, pred: clause.pred.clone(), actions: actions.clone(), uarg: 0 });
                meta.push(EcbMeta { signed: signed.clone(), print: print.clone() });
            }
        }
    }
    Ok((program, meta, matched, agg_names))
}

/// Enables a program on an engine.
pub type EnableFn<'a> = dyn Fn(&Program, &dyn ProbeCatalog, Config) -> Result<Box<dyn Enabled>, SessionError> + 'a;

/// Runs a session on the local engine; returns the exit status dtrace(1)
/// would exit with.
pub fn run(
    inputs: &[Input],
    catalog: &dyn ProbeCatalog,
    settings: &Settings,
    targets: &mut Targets,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, SessionError> {
    let local = |p: &Program, c: &dyn ProbeCatalog, cfg| -> Result<Box<dyn Enabled>, SessionError> {
        Ok(Box::new(LocalEngine::enable(p, c, cfg)?))
    };
    run_on(&local, inputs, catalog, settings, targets, out, err)
}

/// [`run`] on the engine `enable` gives.
pub fn run_on(
    enable: &EnableFn,
    inputs: &[Input],
    catalog: &dyn ProbeCatalog,
    settings: &Settings,
    targets: &mut Targets,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, SessionError> {
    let (program, meta, matched, agg_names) = build(inputs)?;
    // `#pragma D option` settings apply as the same options given with -x
    // (dtrace(1) reads `quiet` back from the options once compiled).
    let settings = &with_pragmas(settings, inputs);
    // Hand the program over as DOF, as to a kernel engine.
    let bytes = crate::dif::dof::write(&program);
    let limits = dof::Limits { strsize: settings.strsize as u32, ..dof::Limits::default() };
    let program = dof::parse(&bytes, &limits).map_err(|e| SessionError::Dof(e.message()))?;
    let ncpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cfg = Config {
        ncpus,
        bufsize: settings.bufsize,
        strsize: settings.strsize,
        nspec: settings.nspec,
        specsize: settings.specsize,
        dynvarsize: settings.dynvarsize,
        aggsize: settings.aggsize,
        policy: settings.policy,
        memory_limit: crate::consumer::local::memory_limit(),
        ..Config::default()
    };
    let (engine, cfg) = enable_resizing(enable, &program, catalog, cfg, settings.bufresize_manual);
    let notices = |err: &mut dyn Write| -> std::io::Result<()> {
        for (input, n) in inputs.iter().zip(&matched) {
            if !settings.quiet {
                writeln!(err, "dtrace: {} matched {} probe{}", input.notice, n, if *n == 1 { "" } else { "s" })?;
            }
        }
        Ok(())
    };
    let mut engine = match engine {
        Ok(engine) => engine,
        // As dtrace_go() fails after the enablings matched.
        Err(SessionError::Engine(e @ LocalError::NoSpace(_))) => {
            notices(err)?;
            writeln!(err, "dtrace: {e}")?;
            return Ok(1);
        }
        Err(e) => return Err(e),
    };
    let engine = &mut *engine;
    // Before the notices, so that whoever waits for them to signal the run
    // finds the signals handled.
    interrupt::install();
    notices(err)?;
    // As dtrace_go() refuses (EDT_DESTRUCTIVE) after the enablings matched.
    if program.is_destructive() && !settings.destructive {
        writeln!(err, "dtrace: could not enable tracing: Destructive actions not allowed")?;
        return Ok(1);
    }
    // As dtrace_state_go() refuses (ENOSPC, EDT_BUFTOOSMALL) a buffer that
    // could not hold even one 8-byte word the enabling needs.
    let kinds = || program.ecbs.iter().flat_map(|e| e.actions.iter().map(|a| a.kind));
    let word = std::mem::size_of::<u64>();
    let too_small = (!program.ecbs.is_empty() && settings.bufsize < word)
        || (settings.aggsize < word && kinds().any(dtrace_core::record::is_aggregation))
        || (settings.specsize < word && kinds().any(|k| k == act::SPECULATE));
    if too_small {
        writeln!(err, "dtrace: could not enable tracing: Enabling exceeds size of buffer")?;
        return Ok(1);
    }
    if let Some(name) = LocalEngine::unsupported_action(&program) {
        writeln!(err, "dtrace: could not enable tracing: {name}() is not supported by the local engine")?;
        return Ok(1);
    }
    // As dtrace(1)'s go() reports the sizes the engine lowered.
    let lowered = [
        ("buffer size", settings.bufsize, cfg.bufsize),
        ("aggregation size", settings.aggsize, cfg.aggsize),
        ("speculation size", settings.specsize, cfg.specsize),
    ];
    for (what, asked, got) in lowered {
        if got.saturating_add(std::mem::size_of::<u64>()) <= asked {
            writeln!(err, "dtrace: {what} lowered to {}", size_words(got))?;
        }
    }
    let mut printer = Printer {
        program: &program,
        meta: &meta,
        settings: settings.clone(),
        printed_aggs: HashSet::new(),
        normals: HashMap::new(),
        store: AggStore::default(),
        status: Status::default(),
        zone: LocalZone::from_env(),
        effects: Vec::new(),
        redirect: None,
        agg_drops: Vec::new(),
        heading: false,
        flow: Flow::default(),
        clock: WorkClock::default(),
        pieces: HashMap::new(),
        agg_names,
    };
    let out = &mut interrupt::PipeWatch::new(out);
    // The helper undoes what the session created if we die.
    let mut teardown = Teardown::new();
    engine.register_teardown(&mut teardown)?;
    targets.register(&mut teardown)?;
    let helper = teardown.start()?;
    engine.go();
    targets.resume()?;
    // Ring and fill buffers are read once, when tracing stops.
    let drainer = (settings.policy == Policy::Switch)
        .then(|| Drainer::start(engine.source(), settings.switchrate, 2 * ncpus + 2));
    let mut last_status = Instant::now();
    loop {
        if interrupt::received() > 0 {
            // dtrace(1) prints a newline when interrupted, even with -q,
            // before it stops tracing and consumes what is left (JSON
            // output is only JSON lines).
            if !printer.settings.json {
                writeln!(out)?;
            }
            break;
        }
        let ended = targets.ended(printer.settings.quiet, err)?;
        if ended || engine.state().exit_status().is_some() || engine.state().buffer_full() {
            break;
        }
        let mut batch = Vec::new();
        match &drainer {
            Some(d) => {
                if let Ok(f) = d.recv(Duration::from_millis(5)) {
                    batch.push(f);
                    batch.extend(d.try_recv_all());
                }
            }
            None => interrupt::wait(Duration::from_millis(5)),
        }
        if batch.is_empty() && last_status.elapsed() < printer.settings.switchrate {
            continue;
        }
        last_status = Instant::now();
        printer.print_batch(engine, &batch, out, err)?;
        // As dtrace(1) flushes its output after each dtrace_work().
        printer.sink(out).flush()?;
        out.flush()?;
        if let Some(d) = &drainer {
            batch.into_iter().for_each(|f| d.give_back(f.data));
        }
    }
    // What was switched before tracing stopped, then what is left in the
    // buffers, prints before END's records.
    printer.clock.stopped = true;
    let mut batch = drainer.map(Drainer::finish).unwrap_or_default();
    if settings.policy != Policy::Ring {
        batch.extend(take_all(engine, settings.policy));
    }
    printer.print_batch(engine, &batch, out, err)?;
    engine.stop();
    printer.print_batch(engine, &take_all(engine, settings.policy), out, err)?;
    // A second signal makes dtrace(1) impatient: the end-of-run newline,
    // but no aggregations.
    if interrupt::received() < 2 {
        printer.print_aggregations(engine, out)?;
    } else if !printer.settings.json {
        writeln!(out)?;
    }
    printer.sink(out).flush()?;
    out.flush()?;
    let status = engine.state().exit_status().unwrap_or(0);
    // Commands still running die with the session, then the helper may go.
    std::mem::take(targets);
    helper.done();
    Ok(status)
}

/// Enables `program`, halving a buffer size the engine cannot back and
/// trying again, as DTrace does with `bufresize=auto` (down to one 8-byte
/// word); with `bufresize=manual` the first failure stands. Returns the
/// sizes it ended with.
fn enable_resizing(
    enable: &EnableFn,
    program: &Program,
    catalog: &dyn ProbeCatalog,
    mut cfg: Config,
    manual: bool,
) -> (Result<Box<dyn Enabled>, SessionError>, Config) {
    loop {
        let r = enable(program, catalog, cfg);
        let Err(SessionError::Engine(LocalError::NoSpace(kind))) = &r else { return (r, cfg) };
        let size = match kind {
            BufKind::Principal => &mut cfg.bufsize,
            BufKind::Aggregation => &mut cfg.aggsize,
            BufKind::Speculation => &mut cfg.specsize,
        };
        if manual || *size / 2 < std::mem::size_of::<u64>() {
            return (r, cfg);
        }
        *size /= 2;
    }
}

/// A size as dtrace(1) reports a lowered one: in the largest unit that
/// divides it (`512m`), else in bytes.
fn size_words(n: usize) -> String {
    let (mut unit, mut shift) = (0, 10);
    while shift < 70 && (1u128 << shift) <= n as u128 {
        unit += 1;
        shift += 10;
    }
    let whole = shift - 10;
    if n & ((1usize << whole) - 1) == 0 {
        format!("{}{}", n >> whole, " kmgtpe".as_bytes()[unit] as char)
    } else {
        format!("{n} bytes")
    }
}

/// `settings` with the programs' `#pragma D option` settings applied.
fn with_pragmas(settings: &Settings, inputs: &[Input]) -> Settings {
    let mut s = settings.clone();
    for o in inputs.iter().flat_map(|i| i.checked.options.iter()) {
        s.apply(&o.name, o.value.as_deref());
    }
    s
}

impl Settings {
    /// Applies one option as `-x NAME[=VALUE]` or `#pragma D option` gives
    /// it. Options the consumer does not use, and values the options table
    /// refuses (already reported by the compiler), change nothing.
    pub fn apply(&mut self, name: &str, value: Option<&str>) {
        use crate::dif::options::{self, OptionValue};
        let Some(def) = options::lookup(name) else { return };
        let Ok(v) = options::parse_value(def, value) else { return };
        let int = match v {
            OptionValue::Int(n) => Some(n),
            _ => None,
        };
        let choice = match v {
            OptionValue::Choice { code, .. } => code,
            _ => -1,
        };
        let positive = int.filter(|n| *n > 0).map(|n| n as usize);
        let count = int.filter(|n| *n >= 0).map(|n| n as usize);
        let agg = &mut self.agg;
        match name {
            "quiet" => self.quiet = v.is_set(),
            "flowindent" => self.flowindent = v.is_set(),
            "destructive" => self.destructive = v.is_set(),
            "droptags" => self.droptags = v.is_set(),
            "json" => self.json = v.is_set(),
            "strsize" => self.strsize = positive.unwrap_or(self.strsize),
            "bufsize" => self.bufsize = positive.unwrap_or(self.bufsize),
            "nspec" => self.nspec = count.unwrap_or(self.nspec),
            "specsize" => self.specsize = count.unwrap_or(self.specsize),
            "dynvarsize" => self.dynvarsize = positive.unwrap_or(self.dynvarsize),
            "aggsize" => self.aggsize = positive.unwrap_or(self.aggsize),
            "bufresize" => self.bufresize_manual = choice == dtrace_core::isa::opt::DTRACEOPT_BUFRESIZE_MANUAL,
            "bufpolicy" => {
                if let Some(p) = Policy::from_option(choice as u64) {
                    self.policy = p;
                }
            }
            "switchrate" | "aggrate" | "statusrate" => {
                if let Some(ns) = int.filter(|n| *n > 0) {
                    let rate = Duration::from_nanos(ns as u64);
                    match name {
                        "switchrate" => self.switchrate = rate,
                        "aggrate" => self.aggrate = rate,
                        _ => self.statusrate = rate,
                    }
                }
            }
            "aggsortkey" => agg.sortkey = v.is_set(),
            "aggsortrev" => agg.sortrev = v.is_set(),
            "aggsortpos" => agg.sortpos = count.map(|n| n as u64),
            "aggsortkeypos" => agg.sortkeypos = count.map(|n| n as u64),
            "agghist" => agg.agghist = v.is_set(),
            "aggzoom" => agg.aggzoom = v.is_set(),
            "aggpack" => agg.aggpack = v.is_set(),
            _ => {}
        }
    }
}

struct Printer<'a> {
    program: &'a Program,
    meta: &'a [EcbMeta],
    /// The session's settings; setopt() changes the dynamic ones.
    settings: Settings,
    printed_aggs: HashSet<u32>,
    /// `normalize()` factors by aggregation id.
    normals: HashMap<u32, u64>,
    /// The aggregations as accumulated from the engine's snapshots.
    store: AggStore,
    /// The counts last reported by [`Printer::status`].
    status: Status,
    /// Where `%Y`, `%T` and walltimestamp print their local time.
    zone: LocalZone,
    /// system() and freopen() of the record being printed, each with the
    /// length of the text before it, done once that text is out.
    effects: Vec<(usize, Effect)>,
    /// The file freopen() sends output to instead of `out`.
    redirect: Option<std::fs::File>,
    /// Each CPU's aggregation drops reported so far.
    agg_drops: Vec<u64>,
    /// Whether the column heading is out: dtrace(1) prints it before the
    /// first record it consumes, so a run without records has none.
    heading: bool,
    /// `-F`: the indentation of entry and return probes.
    flow: Flow,
    /// When the status and the aggregations were last taken.
    clock: WorkClock,
    /// printf() formats parsed once, by format number (`None`: the format
    /// does not parse, and printing it reports why).
    pieces: HashMap<u64, Option<Vec<format::Piece>>>,
    /// Aggregation names by id, for JSON output.
    agg_names: AggNames,
}

/// libdtrace's rate limits on status checks and aggregation snapshots:
/// each happens when its interval has passed since the last one, except
/// once tracing has stopped, when both always happen.
#[derive(Default)]
struct WorkClock {
    last_status: Option<Instant>,
    last_agg: Option<Instant>,
    stopped: bool,
}

impl WorkClock {
    fn due(last: &mut Option<Instant>, rate: Duration, stopped: bool) -> bool {
        let now = Instant::now();
        match *last {
            Some(t) if !stopped && now.duration_since(t) < rate => false,
            _ => {
                *last = Some(now);
                true
            }
        }
    }

    fn status_due(&mut self, rate: Duration) -> bool {
        WorkClock::due(&mut self.last_status, rate, self.stopped)
    }

    fn agg_due(&mut self, rate: Duration) -> bool {
        WorkClock::due(&mut self.last_agg, rate, self.stopped)
    }
}

/// Flow indentation state (`-F`), as libdtrace's dt_flowindent() keeps it.
#[derive(Default)]
struct Flow {
    indent: usize,
    /// The EPID of the last record.
    last: u32,
}

impl Flow {
    /// The FUNCTION column of a record of EPID `epid` at `probe`: the
    /// indentation, the arrow (or `| `), and the function (with the probe
    /// name unless it is an entry or a return). `last_probe` is the probe
    /// of the previous record's EPID.
    fn column(&mut self, epid: u32, probe: &Probe, last_probe: Option<u32>) -> String {
        let is = |what: &str| probe.name.strip_suffix(what).is_some_and(|head| head.is_empty() || head.ends_with('-'));
        let syscall = probe.provider == "syscall";
        let mut arrow = if is("entry") {
            Some((true, if syscall { "-> " } else { " -> " }))
        } else if is("return") {
            Some((false, if syscall { "<- " } else { " <- " }))
        } else {
            None
        };
        // The same probe seen through another ECB does not indent again.
        if matches!(arrow, Some((true, _))) && self.last != 0 && self.last != epid && last_probe == Some(probe.id) {
            arrow = None;
        }
        if matches!(arrow, Some((false, _))) {
            self.indent = self.indent.saturating_sub(2);
        }
        let pad = " ".repeat(self.indent);
        let text = match arrow {
            Some((_, a)) => format!("{pad}{a}{}", probe.function),
            None => format!("{pad}| {}:{}", probe.function, probe.name),
        };
        if matches!(arrow, Some((true, _))) {
            self.indent += 2;
        }
        self.last = epid;
        text
    }
}

/// What a record asks the consumer to do besides printing.
enum Effect {
    /// Run this command with the shell, as system(3) does.
    System(Vec<u8>),
    /// Send later output to this file (appending), or back to the
    /// original output when `path` is empty.
    Freopen { path: Vec<u8>, epid: u32 },
    /// setopt() refused its option: dt_setopt()'s message for the record.
    SetoptFailed { message: String, epid: u32 },
}

/// The engine's failure counts dtrace(1) reports as they grow, by
/// [`DropKind::STATUS`] kind.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Status([u64; DropKind::STATUS.len()]);

impl Printer<'_> {
    /// Reports what grew since the last report, as libdtrace's
    /// dt_handle_status() words it (before the records are consumed).
    fn status(&mut self, engine: &dyn Enabled, err: &mut dyn Write) -> std::io::Result<()> {
        let mut st = engine.state();
        let (spec, dbl, dynamic) = (st.spec_counts(), st.double_errors(), st.take_dynvar_drops());
        drop(st);
        let mut now = self.status;
        for (count, kind) in now.0.iter_mut().zip(DropKind::STATUS) {
            *count = match kind {
                DropKind::Dynamic => count.saturating_add(dynamic),
                DropKind::Spec => spec.drops,
                DropKind::SpecUnavail => spec.unavail,
                DropKind::DoubleError => dbl,
                _ => *count,
            };
        }
        for ((new, old), kind) in now.0.iter().zip(self.status.0).zip(DropKind::STATUS) {
            if *new > old {
                writeln!(err, "{}", kind.message(new - old, None, self.settings.droptags))?;
            }
        }
        self.status = now;
        Ok(())
    }

    /// Takes every CPU's aggregation data into the store and empties the
    /// engine's buffers (an aggregation snapshot); returns the CPUs whose
    /// aggregation drops grew, and by how much.
    fn snap(&mut self, st: &mut State) -> Vec<(usize, u64)> {
        snap_into(&mut self.store, st);
        let ncpus = st.ncpus();
        self.agg_drops.resize(ncpus, 0);
        let mut grew = Vec::new();
        for (cpu, seen) in self.agg_drops.iter_mut().enumerate() {
            let now = st.aggregations(cpu).map_or(*seen, |b| b.drops());
            if now > *seen {
                grew.push((cpu, now - *seen));
            }
            *seen = now;
        }
        grew
    }

    /// Prints the records of `batch` (buffers as switched, in order). The
    /// aggregations are snapshot before the records are consumed, as
    /// dtrace(1) does, so a record acting on an aggregation sees at least
    /// what its own firing aggregated.
    fn print_batch(
        &mut self,
        engine: &dyn Enabled,
        batch: &[Filled],
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> std::io::Result<()> {
        // As dtrace_work(): the status and an aggregation snapshot, each
        // at most once per its rate while tracing runs, and always once
        // it has stopped.
        if self.clock.status_due(self.settings.statusrate) {
            self.status(engine, err)?;
        }
        if self.clock.agg_due(self.settings.aggrate) {
            for (cpu, n) in self.snap(&mut engine.state()) {
                writeln!(err, "{}", DropKind::Aggregation.message(n, Some(cpu), self.settings.droptags))?;
            }
        }
        for Filled { cpu, data, drops } in batch {
            let (cpu, drops) = (*cpu, *drops);
            let st = engine.state();
            let mut text = Vec::new();
            let mut at = 0;
            while at + 4 <= data.len() {
                let epid = u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
                if epid == 0 {
                    // Filler (a ring buffer's wrap point), as for libdtrace.
                    at += 4;
                    continue;
                }
                if epid == FAULT_EPID {
                    if let Some(f) = FaultRecord::decode(&data[at..]) {
                        let _ = self.fault(engine, &st, f, err);
                    }
                    at += dtrace_core::state::FAULT_RECORD_SIZE;
                    continue;
                }
                let Some(ep) = st.epdesc(epid) else { break };
                let size = (ep.size as usize + 7) & !7;
                let rec = data.get(at..at + ep.size as usize).unwrap_or(&[]);
                self.record(engine, &st, cpu, epid, ep, rec, &mut text);
                if !self.effects.is_empty() {
                    let done = self.apply_effects(engine, &st, &text, out, err)?;
                    text.drain(..done);
                }
                at += size;
            }
            drop(st);
            self.sink(out).write_all(&text)?;
            if drops > 0 {
                writeln!(err, "{}", DropKind::Principal.message(drops, Some(cpu), self.settings.droptags))?;
            }
        }
        Ok(())
    }

    /// Where output goes: the freopen() file, else `out`.
    fn sink<'s>(&'s mut self, out: &'s mut dyn Write) -> &'s mut dyn Write {
        match &mut self.redirect {
            Some(f) => f,
            None => out,
        }
    }

    /// Writes `text` up to each pending effect and carries the effect out;
    /// returns how much of `text` was written.
    fn apply_effects(
        &mut self,
        engine: &dyn Enabled,
        st: &State,
        text: &[u8],
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> std::io::Result<usize> {
        let mut written = 0;
        for (at, effect) in std::mem::take(&mut self.effects) {
            self.sink(out).write_all(text.get(written..at).unwrap_or(&[]))?;
            written = at.max(written);
            match effect {
                Effect::System(cmd) => {
                    // The command writes to our stdout: what came before it first.
                    self.sink(out).flush()?;
                    let cmd = String::from_utf8_lossy(&cmd).into_owned();
                    let _ = std::process::Command::new("/bin/sh").arg("-c").arg(cmd).status();
                }
                Effect::SetoptFailed { message, epid } => {
                    // dt_setopt()'s message ends in a newline and the
                    // library adds one: dtrace(1) prints a blank line.
                    writeln!(err, "dtrace: {}: {message}\n", self.probe_error_prefix(engine, st, epid))?;
                }
                Effect::Freopen { path, epid } => {
                    self.sink(out).flush()?;
                    if path.is_empty() {
                        self.redirect = None;
                        continue;
                    }
                    let name = String::from_utf8_lossy(&path).into_owned();
                    match std::fs::OpenOptions::new().append(true).create(true).open(&name) {
                        Ok(f) => self.redirect = Some(f),
                        Err(e) => {
                            let why = format!("couldn't freopen() \"{name}\": {}", strerror(&e));
                            writeln!(err, "dtrace: {}: {why}", self.probe_error_prefix(engine, st, epid))?;
                        }
                    }
                }
            }
        }
        Ok(written)
    }

    /// `error on enabled probe ID N (ID M: prov:mod:func:name)`, how
    /// dtrace(1) starts a message about one enabled probe's record.
    fn probe_error_prefix(&self, engine: &dyn Enabled, st: &State, epid: u32) -> String {
        let probe = st.probe_of(epid).and_then(|p| engine.probe(p));
        let name = probe.map_or(String::new(), |p| format!("{}:{}:{}:{}", p.provider, p.module, p.function, p.name));
        format!("error on enabled probe ID {} (ID {}: {})", epid, probe.map_or(0, |p| p.id), name)
    }

    fn fault(&self, engine: &dyn Enabled, st: &State, f: FaultRecord, err: &mut dyn Write) -> std::io::Result<()> {
        let kind = u8::try_from(f.kind).unwrap_or(flt::UNKNOWN);
        let what = match flt::shows_address(kind) {
            true => format!("{} (0x{:x})", flt::describe(kind), f.addr),
            false => flt::describe(kind).to_string(),
        };
        let place = if f.action == 0 { "predicate".to_string() } else { format!("action #{}", f.action) };
        let offset =
            if f.pc == dtrace_core::state::NO_OFFSET { String::new() } else { format!(" at DIF offset {}", f.pc) };
        writeln!(err, "dtrace: {}: {what} in {place}{offset}", self.probe_error_prefix(engine, st, f.epid))
    }

    /// Prints one record.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        engine: &dyn Enabled,
        st: &State,
        cpu: usize,
        epid: u32,
        ep: &dtrace_core::record::EpDesc,
        rec: &[u8],
        text: &mut Vec<u8>,
    ) {
        // setopt("quiet") changes this while the record prints, as it
        // changes dtrace(1)'s g_quiet.
        let mut quiet = self.settings.quiet;
        let ctx = FormatCtx { tz: &self.zone, ..FormatCtx::default() };
        let ecb = st.ecb_of(epid).unwrap_or(0);
        // The program outlives `self`'s borrows: its actions and formats
        // are read in place, not copied per record.
        let program = self.program;
        let actions = program.ecbs.get(ecb).map_or(&[][..], |e| e.actions.as_slice());
        let signed = self.meta.get(ecb).map(|m| m.signed.as_slice()).unwrap_or(&[]);
        let print_type = |i: usize| self.meta.get(ecb).and_then(|m| m.print.get(i)?.as_deref());
        // -x json: the record's data items, and the aggregations printa()
        // prints, written after the record's line.
        let json = self.settings.json;
        let mut items = Vec::new();
        let mut printed = Vec::new();
        let is_string = |a: &Action| a.difo.as_ref().is_some_and(|d| d.rtype.kind == diftype::STRING);
        let probe = st.probe_of(epid).and_then(|p| engine.probe(p));
        let flowindent = self.settings.flowindent && !json;
        if !self.heading && !json {
            self.heading = true;
            if flowindent {
                let _ = writeln!(text, "{:>3} {:<41}", "CPU", "FUNCTION");
            } else if !quiet {
                let _ = writeln!(text, "{:>3} {:>6} {:>32}", "CPU", "ID", "FUNCTION:NAME");
            }
        }
        if flowindent {
            let last_probe = st.probe_of(self.flow.last);
            let column = probe.map_or(String::new(), |p| self.flow.column(epid, p, last_probe));
            let _ = write!(text, "{cpu:>3} {column:<41} ");
        } else if !quiet && !json {
            let name = probe.map_or(String::new(), |p| format!("{}:{}", p.function, p.name));
            let _ = write!(text, "{:>3} {:>6} {:>32} ", cpu, probe.map_or(0, |p| p.id), name);
        }
        let value_of = |i: usize| -> Option<Value> {
            let r = ep.recs.iter().find(|r| r.action == i as u32)?;
            let bytes = rec.get(r.offset as usize..(r.offset + r.size) as usize)?;
            let a = actions.get(i)?;
            let byref = a.difo.as_ref().is_some_and(|d| d.rtype.flags & diftype::F_BYREF != 0);
            Some(Value::from_record(a.kind, a.arg, byref, signed.get(i).copied().unwrap_or(true), bytes))
        };
        // tracemem()'s dynamic size, recorded just before its bytes.
        let mut tracemem_size = None;
        let mut i = 0;
        while i < actions.len() {
            let a = &actions[i];
            match a.kind {
                act::PRINTF | act::SYSTEM | act::FREOPEN => {
                    // Consecutive actions of one printf share its format.
                    let mut args = Vec::new();
                    let mut j = i;
                    while j < actions.len() && actions[j].kind == a.kind && actions[j].arg == a.arg {
                        if actions[j].difo.is_some() {
                            args.extend(value_of(j));
                        }
                        j += 1;
                    }
                    let fmt = program.formats.get(a.arg.saturating_sub(1) as usize).map_or(&[][..], Vec::as_slice);
                    if a.kind == act::PRINTF && !json {
                        // Straight into the text, with the format parsed once.
                        let pieces = self.pieces.entry(a.arg).or_insert_with(|| format::parse(fmt).ok());
                        let mark = text.len();
                        let done = match pieces {
                            Some(p) => format::format_pieces(text, p, &args, &ctx),
                            None => format::format_to(text, fmt, &args, &ctx),
                        };
                        // A format that fails prints nothing, as below.
                        if done.is_err() {
                            text.truncate(mark);
                        }
                        i = j;
                        continue;
                    }
                    if let Ok(s) = format::format(fmt, &args, &ctx) {
                        match a.kind {
                            act::PRINTF => items.push(json::printf(&s)),
                            act::SYSTEM => self.effects.push((text.len(), Effect::System(s))),
                            _ => self.effects.push((text.len(), Effect::Freopen { path: s, epid })),
                        }
                    }
                    i = j;
                    continue;
                }
                act::PRINTA => {
                    // printa(fmt, @a, @b, ...) is one action per aggregation,
                    // all marked with the statement's number (without one,
                    // sharing the statement's own format).
                    let stmt = dof::printa_statement(a.uarg);
                    let same = |n: &Action| {
                        n.kind == act::PRINTA
                            && if stmt != 0 {
                                dof::printa_statement(n.uarg) == stmt
                            } else {
                                a.arg != 0 && n.arg == a.arg
                            }
                    };
                    let mut j = i + 1;
                    while actions.get(j).is_some_and(same) {
                        j += 1;
                    }
                    let fmt = match a.arg {
                        0 => None,
                        n => self.program.formats.get(n as usize - 1).cloned(),
                    };
                    let aggs: Vec<Aggregation> =
                        actions[i..j].iter().map(|p| self.aggregation(p.uarg as u32)).collect();
                    // libdtrace marks an aggregation printed as printa()
                    // prints an entry of it: one printed while empty is
                    // still printed at exit if it gains entries later.
                    for agg in aggs.iter().filter(|a| !a.entries.is_empty()) {
                        self.printed_aggs.insert(agg.id);
                    }
                    if json {
                        items.push(json::printa(&aggs.iter().map(|a| self.agg_name(a.id)).collect::<Vec<_>>()));
                        printed.extend(aggs);
                        i = j;
                        continue;
                    }
                    let refs: Vec<&Aggregation> = aggs.iter().collect();
                    let _ = aggprint::printa(text, &refs, fmt.as_deref(), &self.settings.agg, &ctx);
                    i = j;
                    continue;
                }
                act::LIBACT if a.arg == crate::parser::builtins::DT_ACT_CLEAR as u64 => {
                    self.store.clear(a.uarg as u32);
                }
                act::LIBACT if a.arg == crate::parser::builtins::DT_ACT_TRUNC as u64 => {
                    // The aggregation's id, then how many entries to keep
                    // (a count carries no aggregation id in its uarg).
                    let trunc = crate::parser::builtins::DT_ACT_TRUNC as u64;
                    let has_count =
                        actions.get(i + 1).is_some_and(|n| n.kind == act::LIBACT && n.arg == trunc && n.uarg == 0);
                    let n = if has_count { value_of(i + 1).and_then(|v| v.sext()).unwrap_or(0) } else { 0 };
                    let id = a.uarg as u32;
                    let types = self.key_types(id);
                    self.store.trunc(id, n, &self.settings.agg, &types, self.settings.strsize);
                    i += if has_count { 2 } else { 1 };
                    continue;
                }
                act::LIBACT if a.arg == crate::parser::builtins::DT_ACT_SETOPT as u64 => {
                    // The name, then the value: a string record, or a
                    // number for setopt(name) alone, which means "1".
                    let text_of = |v: Option<Value>| match v {
                        Some(Value::Bytes(b)) => {
                            Some(String::from_utf8_lossy(crate::consumer::value::cstr(&b)).into_owned())
                        }
                        _ => None,
                    };
                    let name = text_of(value_of(i)).unwrap_or_default();
                    let value = text_of(value_of(i + 1)).unwrap_or_else(|| "1".to_string());
                    use crate::dif::options::{self, SetContext};
                    match options::set(&name, Some(&value), SetContext::Tracing) {
                        Ok(_) => {
                            self.settings.apply(&name, Some(&value));
                            quiet = self.settings.quiet;
                        }
                        Err(e) => {
                            let message = options::setopt_error(&name, &value, e);
                            self.effects.push((text.len(), Effect::SetoptFailed { message, epid }));
                        }
                    }
                    i += 2;
                    continue;
                }
                act::LIBACT if a.arg == crate::parser::builtins::DT_ACT_NORMALIZE as u64 => {
                    // The aggregation's id, then the factor as the next action.
                    if let Some(n) = value_of(i + 1).and_then(|v| v.zext()) {
                        self.normals.insert(a.uarg as u32, n);
                    }
                    i += 2;
                    continue;
                }
                act::LIBACT if a.arg == crate::parser::builtins::DT_ACT_DENORMALIZE as u64 => {
                    self.normals.remove(&(a.uarg as u32));
                }
                // print(): by its type, as dt_consume.c hands the record to
                // dtrace_print() (JSON keeps the value).
                act::DIFEXPR if !json && print_type(i).is_some() => {
                    let r = ep.recs.iter().find(|r| r.action == i as u32);
                    let bytes = r.and_then(|r| rec.get(r.offset as usize..(r.offset + r.size) as usize));
                    if let (Some(t), Some(b)) = (print_type(i), bytes) {
                        print::print(text, t, b);
                    }
                }
                act::DIFEXPR
                | act::STACK
                | act::USTACK
                | act::JSTACK
                | act::SYM
                | act::MOD
                | act::USYM
                | act::UMOD
                | act::UADDR => match value_of(i) {
                    Some(v) if json => items.push(json::value(&v, is_string(a), &ctx)),
                    Some(v) => format::print_record(text, &v, quiet, &ctx),
                    None => {}
                },
                act::TRACEMEM_DYNSIZE => tracemem_size = value_of(i).and_then(|v| v.zext()),
                act::TRACEMEM => {
                    if let Some(Value::Bytes(b)) = value_of(i) {
                        // A dynamic size prints fewer bytes, never more.
                        let n = tracemem_size.take().map_or(b.len(), |n| b.len().min(n as usize));
                        match json {
                            true => items.push(json::bytes(&b[..n])),
                            false => format::print_tracemem(text, &b[..n], quiet, &ctx),
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if json {
            // As -q prints nothing for a record without data.
            if !(quiet && items.is_empty()) {
                // The header's timestamp: high word, then low word.
                let word = |at: usize| rec.get(at..at + 4).map_or(0, |w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
                let timestamp = u64::from(word(4)) << 32 | u64::from(word(8));
                let probe = st.probe_of(epid).and_then(|p| engine.probe(p));
                json::record(text, &json::RecordHead { cpu, epid, probe, timestamp }, items);
            }
            for agg in &printed {
                self.json_aggregation(text, agg, &ctx);
            }
        } else if !quiet {
            text.push(b'\n');
        }
    }

    /// Aggregation `id`'s name with its `@`.
    fn agg_name(&self, id: u32) -> String {
        self.agg_names.get(&id).cloned().unwrap_or_else(|| format!("@{id}"))
    }

    /// Appends `agg`'s entries as JSON lines to `text`.
    fn json_aggregation(&self, text: &mut Vec<u8>, agg: &Aggregation, ctx: &FormatCtx) {
        let strings: Vec<bool> =
            self.key_types(agg.id).iter().map(|k| k.kind == act::DIFEXPR && k.rtype.kind == diftype::STRING).collect();
        json::aggregation(text, agg, &self.agg_name(agg.id), &strings, &self.settings.agg, ctx);
    }

    /// Aggregation `id` as accumulated, with its keys decoded.
    fn aggregation(&self, id: u32) -> Aggregation {
        let mut agg = self.store.aggregation(id, &self.key_types(id), self.settings.strsize);
        agg.normal = self.normals.get(&id).copied().unwrap_or(1).max(1);
        agg
    }

    /// How aggregation `id`'s keys are recorded, from its first use.
    fn key_types(&self, id: u32) -> Vec<KeyType> {
        for (e, m) in self.program.ecbs.iter().zip(self.meta) {
            for (i, a) in e.actions.iter().enumerate() {
                if dtrace_core::record::is_aggregation(a.kind) && a.uarg == u64::from(id) {
                    let from = i.saturating_sub(a.ntuple as usize);
                    return (from..i)
                        .map(|k| {
                            let a = &e.actions[k];
                            let rtype = a.difo.as_ref().map(|d| d.rtype).unwrap_or_default();
                            let signed = m.signed.get(k).copied().unwrap_or(true);
                            KeyType { kind: a.kind, arg: a.arg, rtype, signed }
                        })
                        .collect();
                }
            }
        }
        Vec::new()
    }

    /// Prints the end-of-run newline, then every aggregation not yet
    /// printed by `printa()`.
    fn print_aggregations(&mut self, engine: &dyn Enabled, out: &mut dyn Write) -> std::io::Result<()> {
        self.snap(&mut engine.state());
        let mut ids: Vec<u32> = Vec::new();
        for e in &self.program.ecbs {
            for a in &e.actions {
                if dtrace_core::record::is_aggregation(a.kind) && !ids.contains(&(a.uarg as u32)) {
                    ids.push(a.uarg as u32);
                }
            }
        }
        let aggs: Vec<Aggregation> = ids
            .into_iter()
            .filter(|id| !self.printed_aggs.contains(id))
            .map(|id| self.aggregation(id))
            .filter(|a| !a.entries.is_empty())
            .collect();
        let refs: Vec<&Aggregation> = aggs.iter().collect();
        let ctx = FormatCtx { tz: &self.zone, ..FormatCtx::default() };
        if self.settings.json {
            let mut text = Vec::new();
            for agg in aggprint::exit_order(&refs, &self.settings.agg) {
                self.json_aggregation(&mut text, agg, &ctx);
            }
            return self.sink(out).write_all(&text);
        }
        // dtrace(1) ends every traced run with a newline, aggregations or not.
        let mut text = vec![b'\n'];
        let _ = aggprint::print_all(&mut text, &refs, &self.settings.agg, &ctx);
        self.sink(out).write_all(&text)
    }
}

/// An I/O error as strerror(3) words it, without Rust's " (os error N)".
fn strerror(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Every CPU's records now: a switch of each buffer, or a ring buffer's
/// contents.
fn take_all(engine: &dyn Enabled, policy: Policy) -> Vec<Filled> {
    let mut st = engine.state();
    (0..st.ncpus())
        .filter_map(|cpu| {
            let snap = match policy {
                Policy::Ring => st.ring_contents(cpu)?,
                Policy::Switch | Policy::Fill => st.switch(cpu)?,
            };
            Some(Filled { cpu, data: snap.parts.concat(), drops: snap.drops })
        })
        .collect()
}

/// Adds every CPU's aggregation buffer of `st` to `store` and empties the
/// buffers (the engine side of an aggregation snapshot).
fn snap_into(store: &mut AggStore, st: &mut State) {
    for cpu in 0..st.ncpus() {
        if let Some(buf) = st.aggregations(cpu) {
            absorb_buffer(store, buf, None);
        }
        st.reset_aggregations(cpu);
    }
}

/// Adds one engine buffer's entries (only aggregation `only`'s, if given)
/// to `store`, sizing each aggregation's index once for what it brings.
fn absorb_buffer(store: &mut AggStore, buf: &AggBuffer, only: Option<u32>) {
    let wanted = |agg: u32| only.is_none_or(|id| id == agg);
    let mut counts: Vec<(u32, AggFunc, usize)> = Vec::new();
    let mut last = 0;
    for e in buf.entries().filter(|e| wanted(e.agg)) {
        // Entries of one aggregation mostly come in runs: try the last one
        // found first.
        if counts.get(last).is_none_or(|c| c.0 != e.agg) {
            match counts.iter().position(|c| c.0 == e.agg) {
                Some(i) => last = i,
                None => {
                    last = counts.len();
                    counts.push((e.agg, e.func, 0));
                }
            }
        }
        if let Some(c) = counts.get_mut(last) {
            c.2 += 1;
        }
    }
    for (id, func, n) in counts {
        store.reserve(id, func, n);
    }
    for e in buf.entries().filter(|e| wanted(e.agg)) {
        store.absorb(e.agg, e.func, e.key, e.data);
    }
}

/// Aggregation `id` of `st` as the consumer prints it: every CPU's entries
/// merged by key, keys decoded by `key_types` (each key's type and
/// signedness). The engine's buffers are left as they are.
pub fn snapshot(st: &State, id: u32, key_types: &[KeyType], strsize: usize) -> Aggregation {
    let mut store = AggStore::default();
    for cpu in 0..st.ncpus() {
        if let Some(buf) = st.aggregations(cpu) {
            absorb_buffer(&mut store, buf, Some(id));
        }
    }
    store.aggregation(id, key_types, strsize)
}
