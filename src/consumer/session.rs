//! A tracing session on the local engine: checked programs are compiled to
//! DIF, packed as DOF, read back as an engine reads it, enabled; BEGIN
//! fires, timers run, records are drained and printed as dtrace(1) prints
//! them until `exit()`; then END fires, the buffers drain a last time and
//! the aggregations print.

use crate::consumer::aggprint::{self, AggOpts, Aggregation};
use crate::consumer::aggstore::AggStore;
use crate::consumer::format::{self, FormatCtx};
use crate::consumer::local::LocalEngine;
use crate::consumer::probes::ProbeCatalog;
use crate::consumer::value::Value;
use crate::dif::codegen::{self, Compiled};
use crate::parser::pdesc;
use crate::parser::sema::Checked;
use dtrace_core::agg::{AggBuffer, AggFunc};
use dtrace_core::dof::{self, Action, Ecb, ProbeDesc, Program};
use dtrace_core::isa::{act, diftype, flt};
use dtrace_core::state::{Config, FaultRecord, State, FAULT_EPID};
use std::collections::{HashMap, HashSet};
use std::io::Write;
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
}

/// Per program ECB: what the consumer needs to decode its records.
struct EcbMeta {
    /// Signedness of each action's value (from the D types).
    signed: Vec<bool>,
}

/// Compiles `inputs` into one DOF program (formats renumbered across
/// programs), with the decoding metadata of each ECB and each input's
/// number of matched probes.
fn build(inputs: &[Input]) -> Result<(Program, Vec<EcbMeta>, Vec<usize>), SessionError> {
    let mut program = Program::default();
    let mut meta = Vec::new();
    let mut matched = Vec::new();
    for input in inputs {
        let compiled: Compiled = codegen::generate(input.checked).map_err(SessionError::Compile)?;
        let base = program.formats.len() as u64;
        program.formats.extend(compiled.formats.iter().cloned());
        matched.push(input.checked.clauses.iter().flat_map(|c| c.specs.iter()).map(|(_, p)| p.len()).sum());
        for clause in &compiled.clauses {
            let actions = crate::dif::dof::actions(&clause.actions, base);
            let signed = clause.actions.iter().map(|a| a.signed).collect::<Vec<_>>();
            for spec in &clause.probes {
                let probe = match spec.parse::<u32>() {
                    Ok(id) => ProbeDesc { id, ..ProbeDesc::default() },
                    Err(_) => {
                        let d = pdesc::parse(spec).unwrap_or_default();
                        ProbeDesc { id: 0, provider: d.provider, module: d.module, function: d.function, name: d.name }
                    }
                };
                let uarg = if clause.continues { codegen::ECB_CONTINUES } else { 0 };
                program.ecbs.push(Ecb { probe, pred: clause.pred.clone(), actions: actions.clone(), uarg });
                meta.push(EcbMeta { signed: signed.clone() });
            }
        }
    }
    Ok((program, meta, matched))
}

/// Runs a session; returns the exit status dtrace(1) would exit with.
pub fn run(
    inputs: &[Input],
    catalog: &dyn ProbeCatalog,
    settings: &Settings,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, SessionError> {
    let (program, meta, matched) = build(inputs)?;
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
        ..Config::default()
    };
    let mut engine = LocalEngine::enable(&program, catalog, cfg)?;
    for (input, n) in inputs.iter().zip(&matched) {
        if !settings.quiet {
            writeln!(err, "dtrace: {} matched {} probe{}", input.notice, n, if *n == 1 { "" } else { "s" })?;
        }
    }
    let mut printer = Printer {
        program: &program,
        meta: &meta,
        settings,
        printed_aggs: HashSet::new(),
        normals: HashMap::new(),
        store: AggStore::default(),
        status: Status::default(),
    };
    if !settings.quiet {
        writeln!(out, "{:>3} {:>6} {:>32}", "CPU", "ID", "FUNCTION:NAME")?;
    }
    engine.go();
    let mut last_switch = Instant::now();
    loop {
        let exited = engine.state().exit_status().is_some();
        if exited || last_switch.elapsed() >= settings.switchrate {
            printer.drain(&engine, out, err)?;
            last_switch = Instant::now();
        }
        if exited {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    engine.stop();
    printer.drain(&engine, out, err)?;
    printer.print_aggregations(&engine, out)?;
    out.flush()?;
    let status = engine.state().exit_status().unwrap_or(0);
    Ok(status)
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
        let positive = int.filter(|n| *n > 0).map(|n| n as usize);
        let count = int.filter(|n| *n >= 0).map(|n| n as usize);
        let agg = &mut self.agg;
        match name {
            "quiet" => self.quiet = v.is_set(),
            "strsize" => self.strsize = positive.unwrap_or(self.strsize),
            "bufsize" => self.bufsize = positive.unwrap_or(self.bufsize),
            "nspec" => self.nspec = count.unwrap_or(self.nspec),
            "specsize" => self.specsize = count.unwrap_or(self.specsize),
            "switchrate" => {
                if let Some(ns) = int.filter(|n| *n > 0) {
                    self.switchrate = Duration::from_nanos(ns as u64);
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
    settings: &'a Settings,
    printed_aggs: HashSet<u32>,
    /// `normalize()` factors by aggregation id.
    normals: HashMap<u32, u64>,
    /// The aggregations as accumulated from the engine's snapshots.
    store: AggStore,
    /// The counts last reported by [`Printer::status`].
    status: Status,
}

/// The engine's failure counts dtrace(1) reports as they grow.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Status {
    spec_drops: u64,
    spec_unavail: u64,
    dbl_errors: u64,
}

impl Printer<'_> {
    /// Reports what grew since the last report, as libdtrace's
    /// dt_handle_status() words it (before the records are consumed).
    fn status(&mut self, engine: &LocalEngine, err: &mut dyn Write) -> std::io::Result<()> {
        let (spec, dbl) = {
            let st = engine.state();
            (st.spec_counts(), st.double_errors())
        };
        let now = Status { spec_drops: spec.drops, spec_unavail: spec.unavail, dbl_errors: dbl };
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        let mut note = |new: u64, old: u64, what: &str, tail: &str| {
            if new > old {
                writeln!(err, "dtrace: {} {what}{}{tail}", new - old, plural(new - old))
            } else {
                Ok(())
            }
        };
        note(now.spec_drops, self.status.spec_drops, "speculative drop", "")?;
        note(now.spec_unavail, self.status.spec_unavail, "failed speculation", " (no speculative buffer available)")?;
        note(now.dbl_errors, self.status.dbl_errors, "error", " in ERROR probe enabling")?;
        self.status = now;
        Ok(())
    }

    /// Takes every CPU's aggregation data into the store and empties the
    /// engine's buffers (an aggregation snapshot).
    fn snap(&mut self, st: &mut State) {
        snap_into(&mut self.store, st);
    }

    /// Switches every CPU's buffer and prints the records. The aggregations
    /// are snapshot before the records are consumed, as dtrace(1) does, so
    /// a record acting on an aggregation sees at least what its own firing
    /// aggregated.
    fn drain(&mut self, engine: &LocalEngine, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<()> {
        self.status(engine, err)?;
        let ncpus = engine.state().ncpus();
        // Take the records first and the aggregations after, so every
        // firing whose records are consumed has its aggregating done.
        let mut taken = Vec::with_capacity(ncpus);
        for cpu in 0..ncpus {
            if let Some(snap) = engine.state().switch(cpu) {
                taken.push((cpu, snap.parts.concat(), snap.drops));
            }
        }
        self.snap(&mut engine.state());
        for (cpu, data, drops) in taken {
            let mut st = engine.state();
            let mut text = Vec::new();
            let mut at = 0;
            while at + 4 <= data.len() {
                let epid = u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
                if epid == 0 {
                    break;
                }
                if epid == FAULT_EPID {
                    if let Some(f) = FaultRecord::decode(&data[at..]) {
                        let _ = self.fault(engine, &st, f, err);
                    }
                    at += dtrace_core::state::FAULT_RECORD_SIZE;
                    continue;
                }
                let Some(ep) = st.epdesc(epid).cloned() else { break };
                let size = (ep.size as usize + 7) & !7;
                let rec = data.get(at..at + ep.size as usize).unwrap_or(&[]);
                self.record(engine, &mut st, cpu, epid, &ep, rec, &mut text);
                at += size;
            }
            drop(st);
            out.write_all(&text)?;
            if drops > 0 {
                writeln!(err, "dtrace: {drops} drop{} on CPU {cpu}", if drops == 1 { "" } else { "s" })?;
            }
        }
        Ok(())
    }

    fn fault(&self, engine: &LocalEngine, st: &State, f: FaultRecord, err: &mut dyn Write) -> std::io::Result<()> {
        let probe = st.probe_of(f.epid).and_then(|p| engine.probe(p));
        let name = probe.map_or(String::new(), |p| format!("{}:{}:{}:{}", p.provider, p.module, p.function, p.name));
        let what = match f.kind as u8 {
            flt::BADADDR => format!("invalid address (0x{:x})", f.addr),
            flt::BADALIGN => format!("invalid alignment (0x{:x})", f.addr),
            flt::ILLOP => "illegal operation".to_string(),
            flt::DIVZERO => "divide-by-zero".to_string(),
            flt::NOSCRATCH => "out of scratch space".to_string(),
            flt::KPRIV => format!("invalid kernel access (0x{:x})", f.addr),
            flt::UPRIV => format!("invalid user access (0x{:x})", f.addr),
            flt::TUPOFLOW => "tuple stack overflow".to_string(),
            flt::BADSTACK => "bad stack".to_string(),
            _ => "unknown fault".to_string(),
        };
        let place = if f.action == 0 { "predicate".to_string() } else { format!("action #{}", f.action) };
        let offset =
            if f.pc == dtrace_core::state::NO_OFFSET { String::new() } else { format!(" at DIF offset {}", f.pc) };
        writeln!(
            err,
            "dtrace: error on enabled probe ID {} (ID {}: {}): {} in {}{}",
            f.epid,
            probe.map_or(0, |p| p.id),
            name,
            what,
            place,
            offset
        )
    }

    /// Prints one record.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        engine: &LocalEngine,
        st: &mut State,
        cpu: usize,
        epid: u32,
        ep: &dtrace_core::record::EpDesc,
        rec: &[u8],
        text: &mut Vec<u8>,
    ) {
        let quiet = self.settings.quiet;
        let ctx = FormatCtx::default();
        let ecb = st.ecb_of(epid).unwrap_or(0);
        let actions = st.actions(epid).map(<[Action]>::to_vec).unwrap_or_default();
        let signed = self.meta.get(ecb).map(|m| m.signed.as_slice()).unwrap_or(&[]);
        if !quiet {
            let probe = st.probe_of(epid).and_then(|p| engine.probe(p));
            let name = probe.map_or(String::new(), |p| format!("{}:{}", p.function, p.name));
            let _ = write!(text, "{:>3} {:>6} {:>32} ", cpu, probe.map_or(0, |p| p.id), name);
        }
        let value_of = |i: usize| -> Option<Value> {
            let r = ep.recs.iter().find(|r| r.action == i as u32)?;
            let bytes = rec.get(r.offset as usize..(r.offset + r.size) as usize)?;
            let a = actions.get(i)?;
            Some(match a.kind {
                act::STACK => Value::Stack(words(bytes)),
                act::SYM => Value::Sym(words(bytes).first().copied().unwrap_or(0)),
                act::MOD => Value::Mod(words(bytes).first().copied().unwrap_or(0)),
                _ => {
                    let rtype = a.difo.as_ref().map(|d| d.rtype).unwrap_or_default();
                    if rtype.flags & diftype::F_BYREF != 0 {
                        Value::Bytes(bytes.to_vec())
                    } else {
                        let mut b = [0u8; 8];
                        b[..bytes.len().min(8)].copy_from_slice(&bytes[..bytes.len().min(8)]);
                        Value::Int {
                            value: u64::from_le_bytes(b),
                            size: bytes.len() as u8,
                            signed: signed.get(i).copied().unwrap_or(true),
                        }
                    }
                }
            })
        };
        let mut i = 0;
        while i < actions.len() {
            let a = &actions[i];
            match a.kind {
                act::PRINTF | act::SYSTEM => {
                    // Consecutive actions of one printf share its format.
                    let mut args = Vec::new();
                    let mut j = i;
                    while j < actions.len() && actions[j].kind == a.kind && actions[j].arg == a.arg {
                        if actions[j].difo.is_some() {
                            args.extend(value_of(j));
                        }
                        j += 1;
                    }
                    let fmt = self.program.formats.get(a.arg.saturating_sub(1) as usize).cloned().unwrap_or_default();
                    if a.kind == act::PRINTF {
                        if let Ok(s) = format::format(&fmt, &args, &ctx) {
                            text.extend_from_slice(&s);
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
                act::DIFEXPR | act::STACK | act::SYM | act::MOD => {
                    if let Some(v) = value_of(i) {
                        format::print_record(text, &v, quiet, &ctx);
                    }
                }
                act::TRACEMEM => {
                    if let Some(Value::Bytes(b)) = value_of(i) {
                        format::print_tracemem(text, &b, quiet, &ctx);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if !quiet {
            text.push(b'\n');
        }
    }

    /// Aggregation `id` as accumulated, with its keys decoded.
    fn aggregation(&self, id: u32) -> Aggregation {
        let mut agg = self.store.aggregation(id, &self.key_types(id), self.settings.strsize);
        agg.normal = self.normals.get(&id).copied().unwrap_or(1).max(1);
        agg
    }

    /// The (rtype, signed) of aggregation `id`'s keys, from its first use.
    fn key_types(&self, id: u32) -> Vec<(dtrace_core::difo::DifType, bool)> {
        for (e, m) in self.program.ecbs.iter().zip(self.meta) {
            for (i, a) in e.actions.iter().enumerate() {
                if dtrace_core::record::is_aggregation(a.kind) && a.uarg == u64::from(id) {
                    let from = i.saturating_sub(a.ntuple as usize);
                    return (from..i)
                        .map(|k| {
                            let t = e.actions[k].difo.as_ref().map(|d| d.rtype).unwrap_or_default();
                            (t, m.signed.get(k).copied().unwrap_or(true))
                        })
                        .collect();
                }
            }
        }
        Vec::new()
    }

    /// Prints the end-of-run newline, then every aggregation not yet
    /// printed by `printa()`.
    fn print_aggregations(&mut self, engine: &LocalEngine, out: &mut dyn Write) -> std::io::Result<()> {
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
        // dtrace(1) ends every traced run with a newline, aggregations or not.
        let mut text = vec![b'\n'];
        let refs: Vec<&Aggregation> = aggs.iter().collect();
        let _ = aggprint::print_all(&mut text, &refs, &self.settings.agg, &FormatCtx::default());
        out.write_all(&text)
    }
}

fn words(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8).map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])).collect()
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
pub fn snapshot(st: &State, id: u32, key_types: &[(dtrace_core::difo::DifType, bool)], strsize: usize) -> Aggregation {
    let mut store = AggStore::default();
    for cpu in 0..st.ncpus() {
        if let Some(buf) = st.aggregations(cpu) {
            absorb_buffer(&mut store, buf, Some(id));
        }
    }
    store.aggregation(id, key_types, strsize)
}
