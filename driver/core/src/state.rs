//! An enabled program's run-time state, shared by every engine: the enabled
//! control blocks (ECBs) per probe, per-CPU buffers, aggregation buffers,
//! virtual machines and the global variables.
//!
//! When a probe fires, [`State::fire`] runs each of its ECBs in order: the
//! predicate, then the actions. Recorded values are assembled in a per-CPU
//! record and copied into the principal buffer only when every action
//! succeeded; aggregating actions update the CPU's aggregation buffer. A
//! fault abandons the ECB, records a fault record for the consumer and
//! fires the `ERROR` probe's ECBs with DTrace's arguments (EPID, action,
//! DIF offset, fault kind, address). Everything is allocated in
//! [`State::new`]; firing allocates nothing.

use crate::agg::{AggBuffer, AggFunc};
use crate::buffer::{CpuBuffer, Policy, Snapshot};
use crate::difo::DifType;
use crate::difo::Difo;
use crate::dof::{Action, Ecb, Program};
use crate::isa::{act, diftype, var};
use crate::record::{layout, ActionInfo, EpDesc, HEADER_SIZE};
use crate::vm::{Code, Env, Fault, Globals, Layout, LayoutError, Space, Value, Vm, VmConfig};
use alloc::vec::Vec;

/// The EPID of a fault record: `[FAULT_EPID, epid, action, pc, kind, addr]`
/// as six little-endian u32/u64 fields (see [`FaultRecord`]).
pub const FAULT_EPID: u32 = u32::MAX;
/// [`FaultRecord::pc`] of a fault raised outside DIF (an invalid
/// speculation id): DTrace's offset -1, which dtrace(1) does not print.
pub const NO_OFFSET: u32 = u32::MAX;
/// Size of a fault record.
pub const FAULT_RECORD_SIZE: usize = 32;
/// A record's header size (EPID, timestamp).
const HEADER: usize = HEADER_SIZE as usize;

/// Sizes and policies, from the program's options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    pub ncpus: usize,
    pub bufsize: usize,
    pub policy: Policy,
    pub aggsize: usize,
    pub dynvarsize: usize,
    pub strsize: usize,
    pub scratch_size: usize,
    /// The probe id of `dtrace:::ERROR`, whose ECBs run on faults.
    pub error_probe: Option<u32>,
    /// The probe ids of `dtrace:::BEGIN` and `dtrace:::END`: once `exit()`
    /// has run, only the dtrace provider's probes fire, and no further
    /// BEGIN ECB runs (DTrace's DRAINING activity).
    pub begin_probe: Option<u32>,
    pub end_probe: Option<u32>,
    /// Speculations (`nspec`) and each one's per-CPU buffer size (`specsize`).
    pub nspec: usize,
    pub specsize: usize,
    /// The most buffer memory the state may take, as DTrace keeps its
    /// buffers to a share of physical memory.
    pub memory_limit: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            ncpus: 1,
            bufsize: 4 << 20,
            policy: Policy::Switch,
            aggsize: 4 << 20,
            dynvarsize: 1 << 20,
            strsize: 256,
            scratch_size: 64 << 10,
            error_probe: None,
            begin_probe: None,
            end_probe: None,
            nspec: 1,
            specsize: 32 << 10,
            memory_limit: usize::MAX,
        }
    }
}

/// Why a program could not be enabled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupError {
    /// Variables used with conflicting types or scopes.
    Layout(LayoutError),
    /// No CPUs, or a size of zero.
    BadConfig,
    /// These buffers do not fit in the memory the state may use (or the
    /// machine has): the size to lower.
    NoSpace(BufKind),
}

/// The kinds of buffer a state allocates, each sized by its own option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BufKind {
    /// `bufsize`: each CPU's two principal buffers.
    Principal,
    /// `aggsize`: each CPU's aggregation buffer.
    Aggregation,
    /// `specsize`: each speculation's buffer on each CPU.
    Speculation,
}

/// What is left of [`Config::memory_limit`] while a state is set up.
struct Budget(usize);

impl Budget {
    fn take(&mut self, bytes: usize, kind: BufKind) -> Result<(), SetupError> {
        self.0 = self.0.checked_sub(bytes).ok_or(SetupError::NoSpace(kind))?;
        Ok(())
    }
}

/// A fault as recorded for the consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FaultRecord {
    pub epid: u32,
    /// 1-based action number (0: the predicate).
    pub action: u32,
    /// DIF byte offset.
    pub pc: u32,
    pub kind: u32,
    pub addr: u64,
}

impl FaultRecord {
    /// Decodes a fault record (which starts with [`FAULT_EPID`]).
    pub fn decode(b: &[u8]) -> Option<FaultRecord> {
        let u32_at = |o: usize| b.get(o..o + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
        let u64_at =
            |o: usize| b.get(o..o + 8).map(|s| u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]));
        (u32_at(0)? == FAULT_EPID).then_some(())?;
        Some(FaultRecord {
            epid: u32_at(4)?,
            action: u32_at(8)?,
            pc: u32_at(12)?,
            kind: u32_at(16)?,
            addr: u64_at(24)?,
        })
    }

    fn encode(&self, out: &mut [u8]) {
        let mut put = |o: usize, v: &[u8]| {
            if let Some(d) = out.get_mut(o..o + v.len()) {
                d.copy_from_slice(v);
            }
        };
        put(0, &FAULT_EPID.to_le_bytes());
        put(4, &self.epid.to_le_bytes());
        put(8, &self.action.to_le_bytes());
        put(12, &self.pc.to_le_bytes());
        put(16, &self.kind.to_le_bytes());
        put(24, &self.addr.to_le_bytes());
    }
}

/// What the engine knows about the probe firing beyond [`Env`].
pub trait ProbeEnv: Env {
    /// Nanoseconds for the record header (the `timestamp` variable's clock).
    fn timestamp(&mut self) -> u64;

    /// The probe whose ECBs run next (the ERROR probe while a fault is
    /// handled, then the firing probe again), for the probe's variables
    /// (`id`, `probename`, ...).
    fn set_probe(&mut self, _probe: u32) {}
}

/// One enabled ECB: a program ECB on one probe.
#[derive(Clone, Copy, Debug)]
struct EcbState {
    epid: u32,
    /// Index of the program ECB this was enabled from (and of its [`Plan`]).
    ecb: usize,
    probe: u32,
}

/// How a program ECB runs, decided when the program is enabled so that
/// firing looks nothing up: its decoded DIFOs, and per action what to do
/// with the value and where it goes in the record.
#[derive(Clone, Debug)]
struct Plan {
    pred: Option<Code>,
    actions: Vec<Action>,
    ep: EpDesc,
    /// The actions that run, in order; an aggregation's keys and
    /// increment are part of its step.
    steps: Vec<Step>,
    /// The ECB writes no record ([`crate::record::records_nothing`]).
    silent: bool,
}

#[derive(Clone, Debug)]
enum Step {
    /// A DIFO whose value acts (exit, speculate, ...) and may be recorded.
    Value {
        /// 1-based action number (for faults).
        action: u32,
        code: Code,
        act: Act,
        dst: Option<Dst>,
    },
    Aggregate(AggStep),
}

/// What an action's value does besides being recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    None,
    Exit,
    Speculate,
    Commit,
    Discard,
}

/// Where a value goes in a record or key, and how it is copied there.
#[derive(Clone, Copy, Debug)]
struct Dst {
    off: usize,
    size: usize,
    put: Put,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Put {
    /// The value's low `size` bytes (at most 8).
    Int,
    /// The string at the address the value is, NUL-padded.
    Str,
    /// The bytes at the address the value is.
    Bytes,
    /// A stack(), ustack() or jstack() key's frames: zeros, as in those
    /// actions' records, since engines give no stack walker (the local
    /// engine has no kernel or user stack to walk).
    Frames,
    /// A usym(), umod() or uaddr() key: the process id, then the address,
    /// as dtrace.c stores those records.
    PidAddr,
}

impl Dst {
    /// `rtype`'s value at offset `off`, in `size` bytes.
    fn new(rtype: DifType, off: usize, size: usize) -> Dst {
        let put = if rtype.flags & diftype::F_BYREF == 0 {
            Put::Int
        } else if rtype.kind == diftype::STRING {
            Put::Str
        } else {
            Put::Bytes
        };
        Dst { off, size, put }
    }
}

/// One part of an aggregation's key: its DIFO (none for a stack key) and
/// place in the key, and the built-in string variable the DIFO only loads
/// (`@[execname]`), which firing copies straight from the engine.
#[derive(Clone, Debug)]
struct KeyPart {
    code: Option<Code>,
    dst: Dst,
    builtin_str: Option<u16>,
}

/// An aggregating action: its keys, value and increment.
#[derive(Clone, Debug)]
struct AggStep {
    /// 1-based action number (for faults).
    action: u32,
    agg: u32,
    func: AggFunc,
    /// The key's parts, in order.
    keys: Vec<KeyPart>,
    value: Option<Code>,
    incr: Option<Code>,
}

impl Plan {
    /// The longest aggregation key this ECB builds.
    fn key_len(&self) -> usize {
        let keys = self.steps.iter().filter_map(|s| match s {
            Step::Aggregate(a) => a.keys.last().map(|k| k.dst.off + k.dst.size),
            Step::Value { .. } => None,
        });
        keys.max().unwrap_or(0)
    }

    fn new(e: &Ecb, ep: EpDesc, lay: &Layout, strsize: usize) -> Plan {
        let code = |d: &Difo| Code::new(d, lay);
        let recorded = |ai: usize| ep.recs.iter().find(|r| r.action == ai as u32);
        let mut steps = Vec::new();
        for (ai, a) in e.actions.iter().enumerate() {
            let action = ai as u32 + 1;
            if crate::record::is_aggregation(a.kind) {
                let Some(func) = AggFunc::from_action(a.kind, a.arg) else { continue };
                let mut keys = Vec::new();
                let mut klen = 0;
                for k in e.actions.get(ai.saturating_sub(a.ntuple as usize)..ai).into_iter().flatten() {
                    // A key part is as large as its action's record (a
                    // string strsize, a stack its frames, ...), packed.
                    let rtype = k.difo.as_ref().map(|d| d.rtype);
                    let info = ActionInfo { kind: k.kind, rtype, arg: k.arg, ntuple: 0 };
                    let size = crate::record::data_size(&info, strsize as u32).map_or(0, |(n, _)| n as usize);
                    let dst = match k.kind {
                        act::STACK | act::USTACK | act::JSTACK => Dst { off: klen, size, put: Put::Frames },
                        act::USYM | act::UMOD | act::UADDR => Dst { off: klen, size, put: Put::PidAddr },
                        _ => match rtype {
                            Some(t) => Dst::new(t, klen, size),
                            None => continue,
                        },
                    };
                    keys.push(KeyPart {
                        code: k.difo.as_ref().map(code),
                        dst,
                        builtin_str: k.difo.as_ref().and_then(builtin_string_load),
                    });
                    klen += size;
                }
                let incr = e.actions.get(ai + 1).filter(|n| crate::record::is_increment(a.kind, n.kind, n.arg));
                steps.push(Step::Aggregate(AggStep {
                    action,
                    agg: a.uarg as u32,
                    func,
                    keys,
                    value: a.difo.as_ref().map(code),
                    incr: incr.and_then(|n| n.difo.as_ref()).map(code),
                }));
                continue;
            }
            let Some(d) = &a.difo else { continue };
            let dst = recorded(ai).map(|r| match a.kind {
                act::USYM | act::UMOD | act::UADDR => {
                    Dst { off: r.offset as usize, size: r.size as usize, put: Put::PidAddr }
                }
                _ => Dst::new(d.rtype, r.offset as usize, r.size as usize),
            });
            // An aggregation's key or increment: not recorded, run by its
            // aggregation. A value nothing records (`x++;`) still runs.
            if dst.is_none() && d.rtype.size > 0 {
                continue;
            }
            let act = match a.kind {
                act::EXIT => Act::Exit,
                act::SPECULATE => Act::Speculate,
                act::COMMIT => Act::Commit,
                act::DISCARD => Act::Discard,
                _ => Act::None,
            };
            steps.push(Step::Value { action, code: code(d), act, dst });
        }
        let silent = crate::record::records_nothing(&e.actions, &ep);
        Plan { pred: e.pred.as_ref().map(code), actions: e.actions.clone(), ep, steps, silent }
    }
}

/// The ECBs enabled on each probe, in EPID order: `order[start..end]`,
/// the range found by probe id — in a table for the small ids engines
/// give probes, by binary search for any other.
#[derive(Debug, Default)]
struct ProbeIndex {
    /// Indices into [`State::ecbs`], grouped by probe.
    order: Vec<u32>,
    /// By probe id below [`DENSE_PROBES`]: the range in `order`.
    dense: Vec<(u32, u32)>,
    /// (probe, start, end), sorted by probe.
    sparse: Vec<(u32, u32, u32)>,
}

/// Probe ids below this are found in a table (8 bytes per id, up to the
/// largest id enabled); others by binary search.
const DENSE_PROBES: u32 = 1 << 16;

impl ProbeIndex {
    fn new(ecbs: &[EcbState]) -> ProbeIndex {
        let mut pairs: Vec<(u32, u32)> = ecbs.iter().enumerate().map(|(i, e)| (e.probe, i as u32)).collect();
        pairs.sort_unstable();
        let mut ix = ProbeIndex { order: pairs.iter().map(|p| p.1).collect(), ..ProbeIndex::default() };
        let mut start = 0;
        for group in pairs.chunk_by(|x, y| x.0 == y.0) {
            let (probe, end) = (group[0].0, start + group.len() as u32);
            if probe < DENSE_PROBES {
                let i = probe as usize;
                if ix.dense.len() <= i {
                    ix.dense.resize(i + 1, (0, 0));
                }
                ix.dense[i] = (start, end);
            } else {
                ix.sparse.push((probe, start, end));
            }
            start = end;
        }
        ix
    }

    #[inline]
    fn get(&self, probe: u32) -> &[u32] {
        let (start, end) = match self.dense.get(probe as usize) {
            Some(&r) => r,
            None => match self.sparse.binary_search_by_key(&probe, |s| s.0) {
                Ok(i) => self.sparse.get(i).map_or((0, 0), |s| (s.1, s.2)),
                Err(_) => (0, 0),
            },
        };
        self.order.get(start as usize..end as usize).unwrap_or(&[])
    }
}

/// One CPU's share.
#[derive(Debug)]
struct Cpu {
    buf: CpuBuffer,
    aggs: AggBuffer,
    vm: Vm,
    /// The record being assembled.
    rec: Vec<u8>,
    /// An aggregation key being assembled.
    key: Vec<u8>,
}

/// An enabled program.
#[derive(Debug)]
pub struct State {
    cfg: Config,
    ecbs: Vec<EcbState>,
    /// By program ECB.
    plans: Vec<Plan>,
    by_probe: ProbeIndex,
    cpus: Vec<Cpu>,
    globals: Globals,
    /// The program asked to stop with this status (`exit()`).
    exit: Option<i32>,
    /// Faults whose record did not fit in the buffer.
    error_drops: u64,
    /// Faults in the ERROR probe's own ECBs.
    dbl_errors: u64,
    /// The speculations.
    specs: Specs,
}

/// Drop and failure counts the consumer reports as dtrace(1)'s status
/// notices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpecCounts {
    /// Records that did not fit in a speculative buffer.
    pub drops: u64,
    /// `speculation()` calls that found no free speculation.
    pub unavail: u64,
}

/// The speculative buffers: per speculation, whether it is in use and
/// one buffer per CPU (records laid out as in the principal buffer).
#[derive(Debug)]
struct Specs {
    active: Vec<bool>,
    /// `[spec][cpu]`: the bytes and how many are used.
    bufs: Vec<Vec<(Vec<u8>, usize)>>,
    counts: SpecCounts,
}

impl Specs {
    fn new(nspec: usize, ncpus: usize, size: usize) -> Option<Specs> {
        let mut bufs = crate::mem::with_room(nspec)?;
        for _ in 0..nspec {
            let mut per_cpu = crate::mem::with_room(ncpus)?;
            for _ in 0..ncpus {
                per_cpu.push((crate::mem::zeroed(size)?, 0));
            }
            bufs.push(per_cpu);
        }
        Some(Specs { active: crate::mem::filled(nspec, false)?, bufs, counts: SpecCounts::default() })
    }

    /// `speculation()`: the first free speculation's id, else 0.
    fn alloc(&mut self) -> u64 {
        match self.active.iter().position(|a| !a) {
            Some(i) => {
                self.active[i] = true;
                i as u64 + 1
            }
            None => {
                self.counts.unavail = self.counts.unavail.saturating_add(1);
                0
            }
        }
    }

    /// Checks a speculation id: `Ok(None)` for 0 or an inactive one,
    /// an illegal-operation fault past `nspec`.
    fn index(&self, id: u64) -> Result<Option<usize>, Fault> {
        if id == 0 {
            return Ok(None);
        }
        let i = (id - 1) as usize;
        match self.active.get(i) {
            // Not in DIF: DTrace reports no DIF offset for it.
            None => Err(Fault { pc: NO_OFFSET as usize, ..Fault::new(crate::isa::flt::ILLOP, 0) }),
            Some(true) => Ok(Some(i)),
            Some(false) => Ok(None),
        }
    }

    /// Appends a record to speculation `i`'s buffer for `cpu`.
    fn record(&mut self, i: usize, cpu: usize, rec: &[u8]) {
        let Some((buf, used)) = self.bufs.get_mut(i).and_then(|b| b.get_mut(cpu)) else { return };
        let size = (rec.len() + 7) & !7;
        match buf.get_mut(*used..*used + size) {
            Some(dst) => {
                dst.fill(0);
                dst[..rec.len()].copy_from_slice(rec);
                *used += size;
            }
            None => self.counts.drops = self.counts.drops.saturating_add(1),
        }
    }
}

impl State {
    /// Enables `program`: `probes(i)` gives the probe ids ECB `i` matched.
    pub fn new(program: &Program, probes: &dyn Fn(usize) -> Vec<u32>, cfg: Config) -> Result<State, SetupError> {
        if cfg.ncpus == 0 || cfg.bufsize == 0 || cfg.strsize == 0 {
            return Err(SetupError::BadConfig);
        }
        let mut lay = Layout::new(cfg.strsize);
        for e in &program.ecbs {
            for d in e.pred.iter().chain(e.actions.iter().filter_map(|a| a.difo.as_ref())) {
                lay.add_difo(d).map_err(SetupError::Layout)?;
            }
        }
        let mut ecbs = Vec::new();
        let mut plans = Vec::new();
        let mut max_rec = FAULT_RECORD_SIZE;
        for (i, e) in program.ecbs.iter().enumerate() {
            let infos: Vec<ActionInfo> = e
                .actions
                .iter()
                .map(|a| ActionInfo {
                    kind: a.kind,
                    rtype: a.difo.as_ref().map(|d| d.rtype),
                    arg: a.arg,
                    ntuple: a.ntuple,
                })
                .collect();
            let ep = layout(&infos, cfg.strsize as u32);
            max_rec = max_rec.max(ep.size as usize);
            plans.push(Plan::new(e, ep, &lay, cfg.strsize));
            for probe in probes(i) {
                ecbs.push(EcbState { epid: ecbs.len() as u32 + 1, ecb: i, probe });
            }
        }
        let by_probe = ProbeIndex::new(&ecbs);
        let globals = Globals::new(&lay, cfg.dynvarsize);
        // Each kind of buffer is checked against what is left of the
        // limit, then allocated, in the order DTrace allocates them.
        let mut budget = Budget(cfg.memory_limit);
        let n = cfg.ncpus;
        // A record larger than every buffer is never assembled.
        let rec_size = max_rec.min(cfg.bufsize.max(cfg.specsize).max(HEADER));
        let principal = cfg.bufsize.saturating_mul(2).saturating_add(rec_size).saturating_mul(n);
        budget.take(principal, BufKind::Principal)?;
        let max_entries = (cfg.aggsize / 64).max(16);
        budget.take(AggBuffer::footprint(cfg.aggsize, max_entries).saturating_mul(n), BufKind::Aggregation)?;
        budget.take(cfg.specsize.saturating_mul(n).saturating_mul(cfg.nspec), BufKind::Speculation)?;
        let vmcfg = VmConfig { scratch_size: cfg.scratch_size, ..VmConfig::default() };
        // Room for the longest key any ECB builds (a deep stack() is
        // larger than a few strings).
        // A key longer than the aggregation buffer's key space could never
        // be stored: such updates are drops, and need no room here.
        let max_key = plans.iter().map(Plan::key_len).max().unwrap_or(0).clamp(8, (cfg.aggsize / 2).max(8));
        budget.take(max_key.saturating_mul(n), BufKind::Aggregation)?;
        let mut cpus = crate::mem::with_room(n).ok_or(SetupError::NoSpace(BufKind::Principal))?;
        for _ in 0..n {
            let no_space = SetupError::NoSpace;
            cpus.push(Cpu {
                buf: CpuBuffer::new(cfg.bufsize, cfg.policy).ok_or(no_space(BufKind::Principal))?,
                aggs: AggBuffer::new(cfg.aggsize, max_entries).ok_or(no_space(BufKind::Aggregation))?,
                vm: Vm::new(&lay, &vmcfg),
                rec: crate::mem::zeroed(rec_size).ok_or(no_space(BufKind::Principal))?,
                key: crate::mem::zeroed(max_key).ok_or(no_space(BufKind::Aggregation))?,
            });
        }
        let specs = Specs::new(cfg.nspec, n, cfg.specsize).ok_or(SetupError::NoSpace(BufKind::Speculation))?;
        if cfg.policy == Policy::Fill {
            // END's records must fit once the buffer has filled.
            let end_bytes: usize = ecbs
                .iter()
                .filter(|e| Some(e.probe) == cfg.end_probe)
                .filter_map(|e| plans.get(e.ecb))
                .filter(|p| !p.silent)
                .map(|p| (p.ep.size as usize + 7) & !7)
                .sum();
            cpus.iter_mut().for_each(|c: &mut Cpu| c.buf.keep_for_end(end_bytes));
        }
        Ok(State { cfg, ecbs, plans, by_probe, cpus, globals, exit: None, error_drops: 0, dbl_errors: 0, specs })
    }

    /// The record layout of EPID `epid`.
    pub fn epdesc(&self, epid: u32) -> Option<&EpDesc> {
        self.plan_of(epid).map(|p| &p.ep)
    }

    fn plan_of(&self, epid: u32) -> Option<&Plan> {
        self.plans.get(self.ecbs.get(epid.checked_sub(1)? as usize)?.ecb)
    }

    /// The probe EPID `epid` is enabled on.
    pub fn probe_of(&self, epid: u32) -> Option<u32> {
        self.ecbs.get(epid.checked_sub(1)? as usize).map(|e| e.probe)
    }

    /// The program ECB EPID `epid` was enabled from.
    pub fn ecb_of(&self, epid: u32) -> Option<usize> {
        self.ecbs.get(epid.checked_sub(1)? as usize).map(|e| e.ecb)
    }

    /// The action list of EPID `epid`.
    pub fn actions(&self, epid: u32) -> Option<&[Action]> {
        self.plan_of(epid).map(|p| p.actions.as_slice())
    }

    /// The exit status `exit()` asked for, once it ran.
    pub fn exit_status(&self) -> Option<i32> {
        self.exit
    }

    /// How many CPUs the program was enabled on.
    pub fn ncpus(&self) -> usize {
        self.cpus.len()
    }

    /// Whether a fill-policy buffer has filled, which ends tracing.
    pub fn buffer_full(&self) -> bool {
        self.cpus.iter().any(|c| c.buf.is_full())
    }

    /// How full CPU `cpu`'s active buffer is: bytes used and its size.
    pub fn buffer_fill(&self, cpu: usize) -> (usize, usize) {
        self.cpus.get(cpu).map_or((0, 0), |c| c.buf.fill())
    }

    /// Swaps CPU `cpu`'s buffers and returns the filled one.
    pub fn switch(&mut self, cpu: usize) -> Option<Snapshot<'_>> {
        Some(self.cpus.get_mut(cpu)?.buf.switch())
    }

    /// The records of a ring buffer.
    pub fn ring_contents(&mut self, cpu: usize) -> Option<Snapshot<'_>> {
        Some(self.cpus.get_mut(cpu)?.buf.ring_contents())
    }

    /// CPU `cpu`'s aggregation buffer.
    pub fn aggregations(&self, cpu: usize) -> Option<&AggBuffer> {
        self.cpus.get(cpu).map(|c| &c.aggs)
    }

    /// Empties CPU `cpu`'s aggregation buffer once the consumer has read
    /// it (an aggregation snapshot: the consumer accumulates).
    pub fn reset_aggregations(&mut self, cpu: usize) {
        if let Some(c) = self.cpus.get_mut(cpu) {
            c.aggs.reset();
        }
    }

    /// Dynamic variable drops since the last call.
    pub fn take_dynvar_drops(&mut self) -> u64 {
        self.globals.take_dynvar_drops()
    }

    /// Fault records that did not fit.
    pub fn error_drops(&self) -> u64 {
        self.error_drops
    }

    /// Speculative drops and failed `speculation()` calls so far.
    pub fn spec_counts(&self) -> SpecCounts {
        self.specs.counts
    }

    /// Faults in ERROR ECBs while handling a fault ("double errors").
    pub fn double_errors(&self) -> u64 {
        self.dbl_errors
    }

    /// Runs the ECBs enabled on `probe` on CPU `cpu`.
    pub fn fire<E: ProbeEnv>(&mut self, probe: u32, cpu: usize, env: &mut E) {
        // Borrow the parts separately: ECBs are read-only while firing.
        let State { ecbs, plans, cpus, globals, exit, cfg, error_drops, dbl_errors, by_probe, specs } = self;
        let list = by_probe.get(probe);
        let Some(c) = cpus.get_mut(cpu) else { return };
        if list.is_empty() {
            return;
        }
        let dtrace_probe = [cfg.begin_probe, cfg.end_probe, cfg.error_probe].contains(&Some(probe));
        if exit.is_some() && !dtrace_probe {
            return;
        }
        if cfg.end_probe == Some(probe) {
            c.buf.release_end_reserve();
        }
        c.vm.begin_firing();
        let ecbs = &ecbs[..];
        let plans = &plans[..];
        for &i in list {
            let Some(e) = ecbs.get(i as usize) else { continue };
            let Some(plan) = plans.get(e.ecb) else { continue };
            // Once exit() ran, DTrace stops running ECBs except those of
            // END and ERROR: later BEGIN clauses and other probes' are skipped.
            if exit.is_some() && (!dtrace_probe || cfg.begin_probe == Some(probe)) {
                break;
            }
            let Err(f) = run_ecb(e, plan, ecbs, plans, cpu, cpus, specs, globals, env, exit) else { continue };
            if let Some(c) = cpus.get_mut(cpu) {
                write_fault(c, f, error_drops, &|epid| record_size(ecbs, plans, epid));
            }
            // ERROR ECBs run once per fault, not for their own faults.
            let Some(err_probe) = cfg.error_probe.filter(|&p| p != probe) else { continue };
            let elist = by_probe.get(err_probe);
            if elist.is_empty() {
                continue;
            }
            env.set_probe(err_probe);
            let mut eenv = ErrorEnv { inner: &mut *env, fault: f };
            for &j in elist {
                let Some(ee) = ecbs.get(j as usize) else { continue };
                let Some(eplan) = plans.get(ee.ecb) else { continue };
                // A fault in an ERROR ECB is DTrace's "double error":
                // counted, neither reported nor fired again.
                if run_ecb(ee, eplan, ecbs, plans, cpu, cpus, specs, globals, &mut eenv, exit).is_err() {
                    *dbl_errors = dbl_errors.saturating_add(1);
                }
            }
            env.set_probe(probe);
        }
    }
}

/// The size of the record EPID `epid` writes: what a ring buffer skips to
/// drop a whole record.
fn record_size(ecbs: &[EcbState], plans: &[Plan], epid: u32) -> Option<usize> {
    if epid == FAULT_EPID {
        return Some(FAULT_RECORD_SIZE);
    }
    let e = ecbs.get(epid.checked_sub(1)? as usize)?;
    plans.get(e.ecb).map(|p| p.ep.size as usize)
}

/// Records a fault for the consumer.
fn write_fault(c: &mut Cpu, f: FaultRecord, drops: &mut u64, sizes: &dyn Fn(u32) -> Option<usize>) {
    match c.buf.reserve(FAULT_RECORD_SIZE, sizes) {
        Some(slot) => f.encode(slot),
        None => *drops = drops.saturating_add(1),
    }
}

/// Runs one ECB: predicate, actions, then the record into the principal
/// buffer — or, after `speculate()`, into a speculative buffer; `commit()`
/// and `discard()` take effect after the ECB's own record, as in DTrace.
#[allow(clippy::too_many_arguments)]
fn run_ecb<E: ProbeEnv>(
    e: &EcbState,
    plan: &Plan,
    ecbs: &[EcbState],
    plans: &[Plan],
    cpu: usize,
    cpus: &mut [Cpu],
    specs: &mut Specs,
    globals: &mut Globals,
    env: &mut E,
    exit: &mut Option<i32>,
) -> Result<(), FaultRecord> {
    let mut env = SpecEnv { inner: env, specs, epid: e.epid };
    let env = &mut env;
    let Some(c) = cpus.get_mut(cpu) else { return Ok(()) };
    let fault = |action: u32, f: Fault| FaultRecord {
        epid: e.epid,
        action,
        pc: f.pc as u32,
        kind: u32::from(f.kind),
        addr: f.addr,
    };
    let size = plan.ep.size as usize;
    if size > c.rec.len() && !plan.silent {
        // No buffer can hold this record: as when DTrace cannot reserve
        // the ECB's space, the ECB does not run and a drop is counted.
        let _ = c.buf.reserve(size, &|epid| record_size(ecbs, plans, epid));
        return Ok(());
    }
    c.vm.begin_clause();
    if let Some(p) = &plan.pred {
        if c.vm.run(p, env, globals).map_err(|f| fault(0, f))? == 0 {
            return Ok(());
        }
    }
    // Clear the data part (padding and values an action leaves unwritten),
    // if there is one; the header is written with the record.
    if size > HEADER && !plan.silent {
        if let Some(data) = c.rec.get_mut(HEADER..size) {
            data.fill(0);
        }
    }
    let ts = if plan.silent { 0 } else { env.timestamp() };
    let mut exit_now = None;
    // Where the record goes: None the principal buffer, Some(None) nowhere
    // (speculation 0 or inactive), Some(Some(i)) speculation i.
    let mut target: Option<Option<usize>> = None;
    // commit() / discard() of these speculations, in order, after the
    // record: speculation << 1 | 1 for commit.
    let mut ends = [0u32; 8];
    let mut nends = 0;
    for step in &plan.steps {
        let (an, code, act, dst) = match step {
            Step::Aggregate(a) => {
                aggregate(a, c, globals, env).map_err(|(action, f)| fault(action, f))?;
                continue;
            }
            Step::Value { action, code, act, dst } => (*action, code, *act, dst),
        };
        let v = c.vm.run(code, env, globals).map_err(|f| fault(an, f))?;
        match act {
            Act::None => {}
            Act::Exit => exit_now = Some(v as i32),
            Act::Speculate => target = Some(env.specs.index(v).map_err(|f| fault(an, f))?),
            Act::Commit | Act::Discard => {
                let i = env.specs.index(v).map_err(|f| fault(an, f))?;
                if let (Some(i), Some(slot)) = (i, ends.get_mut(nends)) {
                    *slot = (i as u32) << 1 | u32::from(act == Act::Commit);
                    nends += 1;
                }
            }
        }
        let Some(dst) = dst else { continue };
        // A value past the record (it cannot be) is left out.
        let Some(out) = c.rec.get_mut(dst.off..dst.off + dst.size) else { continue };
        put_value(&mut c.vm, code, globals, env, v, dst.put, out).map_err(|f| fault(an, f))?;
    }
    if let Some(s) = exit_now {
        *exit = Some(s);
    }
    let specs = &mut *env.specs;
    let Cpu { buf, rec, .. } = c;
    let header = || {
        let mut h = [0u8; HEADER];
        h[..4].copy_from_slice(&e.epid.to_le_bytes());
        h[4..8].copy_from_slice(&((ts >> 32) as u32).to_le_bytes());
        h[8..].copy_from_slice(&(ts as u32).to_le_bytes());
        h
    };
    match target {
        _ if plan.silent => {}
        None => {
            // The slot is `size` rounded up, and `size` at least the header.
            if let Some(slot) = buf.reserve(size, &|epid| record_size(ecbs, plans, epid)) {
                if let Some(d) = slot.get_mut(..HEADER) {
                    d.copy_from_slice(&header());
                }
                if let (true, Some(d), Some(s)) = (size > HEADER, slot.get_mut(HEADER..size), rec.get(HEADER..size)) {
                    d.copy_from_slice(s);
                }
            }
        }
        Some(Some(i)) => {
            if let Some(h) = rec.get_mut(..HEADER) {
                h.copy_from_slice(&header());
            }
            specs.record(i, cpu, rec.get(..size).unwrap_or(&[]));
        }
        Some(None) => {}
    }
    for &end in ends.get(..nends).unwrap_or(&[]) {
        let i = (end >> 1) as usize;
        if end & 1 == 1 {
            commit(specs, i, ecbs, plans, cpus);
        }
        if let Some(b) = specs.bufs.get_mut(i) {
            b.iter_mut().for_each(|(_, used)| *used = 0);
        }
        if let Some(a) = specs.active.get_mut(i) {
            *a = false;
        }
    }
    Ok(())
}

/// Copies a value into `out`: its low bytes, or the string or bytes at
/// the address it is. Returns how many leading bytes of `out` it may have
/// made non-zero (the rest is zeros).
#[inline]
fn put_value<E: Env>(
    vm: &mut Vm,
    code: &Code,
    globals: &mut Globals,
    env: &mut E,
    v: u64,
    put: Put,
    out: &mut [u8],
) -> Result<usize, Fault> {
    Ok(match put {
        Put::Int => {
            out.iter_mut().zip(v.to_le_bytes()).for_each(|(d, s)| *d = s);
            out.len()
        }
        Put::Str => vm.read_string(code.difo(), globals, env, v, out)?,
        Put::Bytes => {
            vm.read_bytes(code.difo(), globals, env, v, out)?;
            out.len()
        }
        Put::Frames => {
            out.fill(0);
            out.len()
        }
        Put::PidAddr => {
            let pid = match env.variable(var::PID)? {
                Value::Int(p) => p,
                Value::Str(_) => 0,
            };
            out.fill(0);
            let words = pid.to_le_bytes().into_iter().chain(v.to_le_bytes());
            out.iter_mut().zip(words).for_each(|(d, s)| *d = s);
            out.len()
        }
    })
}

/// Copies speculation `i`'s records into each CPU's principal buffer.
fn commit(specs: &mut Specs, i: usize, ecbs: &[EcbState], plans: &[Plan], cpus: &mut [Cpu]) {
    let Some(bufs) = specs.bufs.get(i) else { return };
    for (c, (data, used)) in cpus.iter_mut().zip(bufs) {
        let mut at = 0;
        while at + 4 <= *used {
            let epid = u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
            let Some(e) = epid.checked_sub(1).and_then(|i| ecbs.get(i as usize)) else { break };
            let Some(plan) = plans.get(e.ecb) else { break };
            let size = plan.ep.size as usize;
            if let Some(slot) = c.buf.reserve(size, &|epid| record_size(ecbs, plans, epid)) {
                let n = slot.len().min(size);
                slot[..n].copy_from_slice(&data[at..at + n]);
            }
            at += (size + 7) & !7;
        }
    }
}

/// The environment of an ECB: the probe's, with `speculation()` served by
/// the state's speculations.
struct SpecEnv<'a, E> {
    inner: &'a mut E,
    specs: &'a mut Specs,
    /// The running ECB's id, what `epid` reads.
    epid: u32,
}

impl<E: ProbeEnv> Env for SpecEnv<'_, E> {
    fn read(&mut self, space: Space, addr: u64, buf: &mut [u8]) -> Result<(), Fault> {
        self.inner.read(space, addr, buf)
    }
    fn read_str(&mut self, space: Space, addr: u64, buf: &mut [u8]) -> Result<usize, Fault> {
        self.inner.read_str(space, addr, buf)
    }
    fn write_user(&mut self, addr: u64, data: &[u8]) -> Result<(), Fault> {
        self.inner.write_user(addr, data)
    }
    fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault> {
        if id == var::EPID {
            return Ok(Value::Int(u64::from(self.epid)));
        }
        self.inner.variable(id)
    }
    fn array(&mut self, id: u8, index: u64) -> Result<u64, Fault> {
        self.inner.array(id, index)
    }
    fn thread_key(&mut self) -> u64 {
        self.inner.thread_key()
    }
    fn speculation(&mut self) -> u64 {
        self.specs.alloc()
    }
    fn progenyof(&mut self, pid: u64) -> bool {
        self.inner.progenyof(pid)
    }
    fn subr(&mut self, id: u16, args: &[u64], out: &mut [u8]) -> Result<crate::vm::SubrResult, Fault> {
        self.inner.subr(id, args, out)
    }
}

impl<E: ProbeEnv> ProbeEnv for SpecEnv<'_, E> {
    fn timestamp(&mut self) -> u64 {
        self.inner.timestamp()
    }
    fn set_probe(&mut self, probe: u32) {
        self.inner.set_probe(probe)
    }
}

/// The built-in variable a DIFO of exactly `ldgs %rN, VAR; ret %rN` loads,
/// when VAR is a string built-in (`execname`, `probefunc`, ...).
fn builtin_string_load(d: &Difo) -> Option<u16> {
    use crate::isa::{Instr, Op};
    let [load, ret] = d.code.as_slice() else { return None };
    let (load, ret) = (Instr(*load), Instr(*ret));
    let id = load.index();
    let builtin = (var::SCALAR_MIN..var::OTHER_MIN).contains(&id);
    (load.op() == Some(Op::Ldgs)
        && ret.op() == Some(Op::Ret)
        && ret.rd() == load.rd()
        && builtin
        && d.rtype.kind == diftype::STRING)
        .then_some(id)
}

/// Copies built-in string variable `id` into `out` as a string key part,
/// as loading it and reading the string back would, in whole words
/// ([`crate::strings::put_words`]); `None` if the engine gives a number
/// instead.
fn put_builtin_str<E: Env>(env: &mut E, id: u16, out: &mut [u8]) -> Result<Option<(usize, usize)>, Fault> {
    let Value::Str(s) = env.variable(id)? else { return Ok(None) };
    let s = s.get(..crate::strings::c_len(s)).unwrap_or(&[]);
    Ok(Some(crate::strings::put_words(s, out)))
}

/// Runs an aggregating action: its keys, value and increment. A fault
/// names the action that caused it: DTrace counts each key, the
/// value's aggregation and the increment as actions of their own.
fn aggregate<E: ProbeEnv>(a: &AggStep, c: &mut Cpu, globals: &mut Globals, env: &mut E) -> Result<(), (u32, Fault)> {
    let (mut klen, mut used) = (0, 0);
    let first_key = a.action.saturating_sub(a.keys.len() as u32);
    for (i, KeyPart { code, dst, builtin_str }) in a.keys.iter().enumerate() {
        let at = |f| (first_key + i as u32, f);
        klen = dst.off + dst.size;
        let Some(out) = c.key.get_mut(dst.off..klen) else {
            // As when DTrace cannot reserve the aggregation's space.
            c.aggs.count_drop();
            return Ok(());
        };
        let direct = match *builtin_str {
            Some(id) => put_builtin_str(env, id, out).map_err(at)?,
            None => None,
        };
        let (n, written) = match direct {
            Some(n) => n,
            None => {
                let n = match code {
                    Some(code) => {
                        let v = c.vm.run(code, env, globals).map_err(at)?;
                        let out = c.key.get_mut(dst.off..klen).unwrap_or(&mut []);
                        put_value(&mut c.vm, code, globals, env, v, dst.put, out).map_err(at)?
                    }
                    // A stack key has no value to compute.
                    None => {
                        let out = c.key.get_mut(dst.off..klen).unwrap_or(&mut []);
                        out.fill(0);
                        out.len()
                    }
                };
                (n, n)
            }
        };
        // Equal keys must be equal bytes: a string's unused room is zeroed,
        // except after the last key part, where the bytes past `used` do
        // not count (`update_bounded`) beyond the rest of their word.
        let last = i + 1 == a.keys.len();
        let zero_to = if last { (dst.off + n + 7) & !7 } else { klen };
        if let Some(rest) = c.key.get_mut(dst.off + written..zero_to.min(klen)) {
            rest.iter_mut().for_each(|b| *b = 0);
        }
        used = dst.off + n;
    }
    let value = match &a.value {
        Some(code) => c.vm.run(code, env, globals).map_err(|f| (a.action, f))? as i64,
        None => 0,
    };
    let incr = match &a.incr {
        Some(code) => c.vm.run(code, env, globals).map_err(|f| (a.action + 1, f))?,
        None => 1,
    };
    let key = c.key.get(..klen).unwrap_or(&[]);
    // A full aggregation buffer is counted there, not a fault.
    let _ = c.aggs.update_bounded(a.agg, a.func, key, used, value, incr);
    Ok(())
}

/// The environment of an ERROR probe firing: `arg1`..`arg5` describe the
/// fault (EPID, action, DIF offset, kind, address).
struct ErrorEnv<'a, E> {
    inner: &'a mut E,
    fault: FaultRecord,
}

impl<E: ProbeEnv> ErrorEnv<'_, E> {
    fn arg(&self, i: u64) -> u64 {
        match i {
            1 => u64::from(self.fault.epid),
            2 => u64::from(self.fault.action),
            3 if self.fault.pc == NO_OFFSET => u64::MAX,
            3 => u64::from(self.fault.pc),
            4 => u64::from(self.fault.kind),
            5 => self.fault.addr,
            _ => 0,
        }
    }
}

impl<E: ProbeEnv> Env for ErrorEnv<'_, E> {
    fn read(&mut self, space: Space, addr: u64, buf: &mut [u8]) -> Result<(), Fault> {
        self.inner.read(space, addr, buf)
    }
    fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault> {
        // arg0..arg9 are 0x106..0x10f.
        let arg0 = var::SCALAR_MIN + 6;
        if (arg0..arg0 + 10).contains(&id) {
            return Ok(Value::Int(self.arg(u64::from(id - arg0))));
        }
        self.inner.variable(id)
    }
    fn array(&mut self, id: u8, index: u64) -> Result<u64, Fault> {
        if u16::from(id) == var::ARGS {
            return Ok(self.arg(index));
        }
        self.inner.array(id, index)
    }
    fn thread_key(&mut self) -> u64 {
        self.inner.thread_key()
    }
    fn read_str(&mut self, space: Space, addr: u64, buf: &mut [u8]) -> Result<usize, Fault> {
        self.inner.read_str(space, addr, buf)
    }
    fn write_user(&mut self, addr: u64, data: &[u8]) -> Result<(), Fault> {
        self.inner.write_user(addr, data)
    }
    fn speculation(&mut self) -> u64 {
        self.inner.speculation()
    }
    fn progenyof(&mut self, pid: u64) -> bool {
        self.inner.progenyof(pid)
    }
    fn subr(&mut self, id: u16, args: &[u64], out: &mut [u8]) -> Result<crate::vm::SubrResult, Fault> {
        self.inner.subr(id, args, out)
    }
}

impl<E: ProbeEnv> ProbeEnv for ErrorEnv<'_, E> {
    fn timestamp(&mut self) -> u64 {
        self.inner.timestamp()
    }
    fn set_probe(&mut self, probe: u32) {
        self.inner.set_probe(probe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::difo::DifType;
    use crate::dof::{Ecb, ProbeDesc};
    use crate::isa::{Instr, Op};
    use crate::record::HEADER_SIZE;
    use alloc::vec;

    struct TestEnv {
        ts: u64,
    }

    impl Env for TestEnv {
        fn read(&mut self, _: Space, addr: u64, _: &mut [u8]) -> Result<(), Fault> {
            Err(Fault::new(crate::isa::flt::BADADDR, addr))
        }
        fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault> {
            Ok(match id {
                0x118 => Value::Str(b"dtrace"),
                _ => Value::Int(u64::from(id)),
            })
        }
        fn array(&mut self, _: u8, index: u64) -> Result<u64, Fault> {
            Ok(index * 10)
        }
        fn thread_key(&mut self) -> u64 {
            1
        }
    }

    impl ProbeEnv for TestEnv {
        fn timestamp(&mut self) -> u64 {
            self.ts += 1;
            self.ts
        }
    }

    fn int(size: u32) -> DifType {
        DifType { kind: crate::isa::diftype::CTF, ckind: 0, flags: 0, size }
    }

    /// `setx inttab[0], %r1; ret %r1`
    fn konst(v: u64, size: u32) -> Difo {
        Difo {
            code: vec![Instr::table(Op::Setx, 0, 1).0, Instr::alu(Op::Ret, 0, 0, 1).0],
            inttab: vec![v],
            rtype: int(size),
            ..Default::default()
        }
    }

    fn action(kind: u16, difo: Option<Difo>) -> Action {
        Action { kind, difo, ntuple: 0, arg: 0, uarg: 0 }
    }

    fn ecb(pred: Option<Difo>, actions: Vec<Action>) -> Ecb {
        Ecb { probe: ProbeDesc::default(), pred, actions, uarg: 0 }
    }

    fn state(program: &Program) -> State {
        let cfg = Config { bufsize: 4096, aggsize: 4096, error_probe: Some(3), ..Config::default() };
        State::new(program, &|i| vec![if i == 2 { 3 } else { 1 }], cfg).expect("enables")
    }

    fn u32_at(b: &[u8], o: usize) -> u32 {
        u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]])
    }

    #[test]
    fn buffers_past_the_memory_limit_are_refused_by_kind() {
        let program = Program::default();
        let with = |cfg: Config| State::new(&program, &|_| Vec::new(), cfg).err();
        let small = Config { bufsize: 4096, aggsize: 4096, specsize: 4096, ..Config::default() };
        assert_eq!(with(Config { memory_limit: 1 << 20, ..small }), None);
        let principal = Config { bufsize: 1 << 20, memory_limit: 1 << 20, ..small };
        assert_eq!(with(principal), Some(SetupError::NoSpace(BufKind::Principal)));
        let aggs = Config { aggsize: 1 << 20, memory_limit: 1 << 20, ..small };
        assert_eq!(with(aggs), Some(SetupError::NoSpace(BufKind::Aggregation)));
        let specs = Config { nspec: 512, memory_limit: 1 << 20, ..small };
        assert_eq!(with(specs), Some(SetupError::NoSpace(BufKind::Speculation)));
        // More than any machine has: the allocation itself fails, cleanly.
        assert_eq!(with(Config { bufsize: usize::MAX / 4, ..small }), Some(SetupError::NoSpace(BufKind::Principal)));
    }

    #[test]
    fn speculations_commit_after_the_committing_record() {
        // ECB 1 traces speculation(); ECB 2 speculates on 1 and traces 7;
        // ECB 3 traces 5; ECB 4 commits 1, which lands after ECB 3's record.
        let spec = Difo {
            code: vec![Instr::table(Op::Call, crate::isa::subr::SPECULATION, 1).0, Instr::alu(Op::Ret, 0, 0, 1).0],
            rtype: int(8),
            ..Default::default()
        };
        let prog = Program {
            ecbs: vec![
                ecb(None, vec![action(act::DIFEXPR, Some(spec))]),
                ecb(None, vec![action(act::SPECULATE, Some(konst(1, 8))), action(act::DIFEXPR, Some(konst(7, 8)))]),
                ecb(None, vec![action(act::DIFEXPR, Some(konst(5, 8)))]),
                ecb(None, vec![action(act::COMMIT, Some(konst(1, 8)))]),
            ],
            ..Default::default()
        };
        let cfg = Config { bufsize: 4096, aggsize: 4096, ..Config::default() };
        let mut st = State::new(&prog, &|_| vec![1], cfg).expect("enables");
        st.fire(1, 0, &mut TestEnv { ts: 0 });
        let sizes: Vec<usize> = (1..=4).map(|e| (st.epdesc(e).expect("epid").size as usize + 7) & !7).collect();
        let snap = st.switch(0).expect("cpu");
        let all = snap.parts[0];
        let mut epids = Vec::new();
        let mut at = 0;
        while at + 4 <= all.len() && u32_at(all, at) != 0 {
            let epid = u32_at(all, at);
            epids.push(epid);
            at += sizes[epid as usize - 1];
        }
        // ECB 4 stores no data, so it writes no record (DTrace's size 0).
        assert_eq!(epids, vec![1, 3, 2]);
        // A second speculation() finds speculation 1 free again.
        st.fire(1, 0, &mut TestEnv { ts: 0 });
        assert_eq!(st.spec_counts(), SpecCounts::default());
    }

    #[test]
    fn exit_stops_later_begin_ecbs_and_other_probes() {
        let prog = Program {
            ecbs: vec![
                ecb(None, vec![action(act::EXIT, Some(konst(2, 4)))]),
                ecb(None, vec![action(act::DIFEXPR, Some(konst(9, 8)))]),
                ecb(None, vec![action(act::DIFEXPR, Some(konst(9, 8)))]),
            ],
            ..Default::default()
        };
        let cfg = Config { begin_probe: Some(1), end_probe: Some(2), ..Config::default() };
        let mut st = State::new(&prog, &|i| vec![if i == 2 { 7 } else { 1 }], cfg).expect("enables");
        st.fire(1, 0, &mut TestEnv { ts: 0 });
        st.fire(7, 0, &mut TestEnv { ts: 0 });
        assert_eq!(st.exit_status(), Some(2));
        let snap = st.switch(0).expect("cpu");
        let all = snap.parts[0];
        assert_eq!(u32_at(all, 0), 1);
        let size = (st_size(&prog) + 7) & !7;
        assert!(all.len() == size || u32_at(all, size) == 0, "only the exiting ECB recorded");
    }

    fn st_size(prog: &Program) -> usize {
        let st = State::new(prog, &|_| vec![1], Config::default()).expect("enables");
        st.epdesc(1).expect("epid").size as usize
    }

    #[test]
    fn records_values_and_exit() {
        let prog = Program {
            ecbs: vec![ecb(None, vec![action(act::DIFEXPR, Some(konst(42, 4))), action(act::EXIT, Some(konst(3, 4)))])],
            ..Default::default()
        };
        let mut st = state(&prog);
        st.fire(1, 0, &mut TestEnv { ts: 0 });
        assert_eq!(st.exit_status(), Some(3));
        let ep = st.epdesc(1).expect("epdesc").clone();
        let snap = st.switch(0).expect("cpu");
        let rec = snap.parts[0];
        assert_eq!(u32_at(rec, 0), 1);
        assert_eq!(u32_at(rec, ep.recs[0].offset as usize), 42);
        assert_eq!(u32_at(rec, ep.recs[1].offset as usize), 3);
    }

    #[test]
    fn false_predicates_record_nothing() {
        let prog = Program {
            ecbs: vec![ecb(Some(konst(0, 8)), vec![action(act::DIFEXPR, Some(konst(1, 8)))])],
            ..Default::default()
        };
        let mut st = state(&prog);
        st.fire(1, 0, &mut TestEnv { ts: 0 });
        assert!(st.switch(0).expect("cpu").parts[0].is_empty());
    }

    #[test]
    fn aggregations_update_by_key() {
        let mut count = action(act::AGG_COUNT, None);
        count.ntuple = 1;
        count.uarg = 7;
        let mut key = action(act::DIFEXPR, Some(konst(5, 8)));
        key.uarg = 7;
        let prog = Program { ecbs: vec![ecb(None, vec![key, count])], ..Default::default() };
        let mut st = state(&prog);
        for _ in 0..3 {
            st.fire(1, 0, &mut TestEnv { ts: 0 });
        }
        let entries: Vec<_> = st.aggregations(0).expect("cpu").entries().collect();
        assert_eq!(entries.len(), 1);
        assert_eq!((entries[0].agg, entries[0].key, entries[0].data), (7, &5u64.to_le_bytes()[..], &[3u64][..]));
        // Keys are not part of the principal record: just the header.
        assert_eq!(st.epdesc(1).map(|e| e.size), Some(HEADER_SIZE));
    }

    #[test]
    fn stack_and_symbol_keys() {
        // @[stack(3), usym(0x1234), sym(0x99)] = count(): the stack part is
        // its 3 frames, zeros (no stack walker); usym the pid, then the
        // address; sym the address.
        let mut count = action(act::AGG_COUNT, None);
        count.ntuple = 3;
        let stack = Action { kind: act::STACK, difo: None, ntuple: 0, arg: 3, uarg: 0 };
        let usym = action(act::USYM, Some(konst(0x1234, 8)));
        let sym = action(act::SYM, Some(konst(0x99, 8)));
        let prog = Program { ecbs: vec![ecb(None, vec![stack, usym, sym, count])], ..Default::default() };
        let mut st = state(&prog);
        for _ in 0..2 {
            st.fire(1, 0, &mut TestEnv { ts: 0 });
        }
        let entries: Vec<_> = st.aggregations(0).expect("cpu").entries().collect();
        assert_eq!(entries.len(), 1);
        let mut want = vec![0u8; 24];
        want.extend_from_slice(&u64::from(var::PID).to_le_bytes());
        want.extend_from_slice(&0x1234u64.to_le_bytes());
        want.extend_from_slice(&0x99u64.to_le_bytes());
        assert_eq!((entries[0].key, entries[0].data), (&want[..], &[2u64][..]));
        // None of the keys is part of the principal record.
        assert_eq!(st.epdesc(1).map(|e| e.size), Some(HEADER_SIZE));
    }

    #[test]
    fn faults_record_and_fire_error() {
        // 1 / 0 faults at DIF offset 8 (the third instruction).
        let div0 = Difo {
            code: vec![
                Instr::table(Op::Setx, 0, 1).0,
                Instr::alu(Op::Mov, 0, 0, 2).0,
                Instr::alu(Op::Sdiv, 1, 2, 3).0,
                Instr::alu(Op::Ret, 0, 0, 3).0,
            ],
            inttab: vec![1],
            rtype: int(8),
            ..Default::default()
        };
        // ERROR's ECB traces arg4 (the fault kind).
        let arg4 = Difo {
            code: vec![Instr::table(Op::Ldgs, 0x10a, 1).0, Instr::alu(Op::Ret, 0, 0, 1).0],
            vartab: vec![crate::difo::DifVar { name: 0, id: 0x10a, kind: 1, scope: 0, flags: 1, ty: int(8) }],
            strtab: b"arg4\0".to_vec(),
            rtype: int(8),
            ..Default::default()
        };
        let prog = Program {
            ecbs: vec![
                ecb(None, vec![action(act::DIFEXPR, Some(div0))]),
                ecb(None, vec![action(act::DIFEXPR, Some(konst(9, 8)))]),
                ecb(None, vec![action(act::DIFEXPR, Some(arg4))]),
            ],
            ..Default::default()
        };
        let mut st = state(&prog);
        st.fire(1, 0, &mut TestEnv { ts: 0 });
        let snap = st.switch(0).expect("cpu");
        let all = snap.parts[0];
        let f = FaultRecord::decode(all).expect("fault record first");
        assert_eq!(f, FaultRecord { epid: 1, action: 1, pc: 8, kind: u32::from(crate::isa::flt::DIVZERO), addr: 0 });
        // Then ERROR's record (EPID 3, value = fault kind), then ECB 2's.
        let second = &all[FAULT_RECORD_SIZE..];
        assert_eq!(u32_at(second, 0), 3);
        assert_eq!(u32_at(second, 16), u32::from(crate::isa::flt::DIVZERO));
    }
}
