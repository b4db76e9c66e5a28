//! The DIF virtual machine: runs one DIF object (a predicate or an action
//! expression) with DTrace's semantics — illumos `dtrace_dif_emulate()` and
//! `dtrace_dif_subr()` — for every engine: the kernel driver in probe
//! context, and the `local` engine inside the consumer.
//!
//! # Using it
//!
//! At enabling time (allocation allowed):
//! 1. build a [`Layout`] from every DIFO of the enabling
//!    ([`Layout::add_difo`]): it gives each global, thread-local and
//!    clause-local variable its storage;
//! 2. create one [`Globals`] per consumer state (global variables and the
//!    dynamic variable store of `dynvarsize` bytes), and one [`Vm`] per CPU
//!    ([`VmConfig`]: scratch size, load alignment policy, random seed);
//! 3. decode each DIFO into a [`Code`] with that layout.
//!
//! In probe context (no allocation, no panic, bounded time):
//! 1. [`Vm::begin_firing`] when a probe fires, [`Vm::begin_clause`] before
//!    each ECB (scratch memory is per ECB, as in DTrace);
//! 2. [`Vm::run`] each [`Code`] with an [`Env`] — the engine's side: memory
//!    reads, built-in variables, `args[]`, the thread key, speculations;
//! 3. for a DIFO whose return type is by reference (strings, structs), the
//!    returned value is an address: copy the bytes out with
//!    [`Vm::read_string`] or [`Vm::read_bytes`] before the next
//!    [`Vm::begin_clause`].
//!
//! A fault (bad address, division by zero, out of scratch space, ...) ends
//! the DIFO with `Err(`[`Fault`]`)`: its DTrace fault kind ([`flt`]), the
//! offending address and the byte offset of the faulting instruction —
//! what the ERROR probe reports ("... in action #1 at DIF offset 12").
//!
//! # Address space
//!
//! DIF code sees 64-bit addresses. Memory the VM owns lives in regions at
//! fixed bases in the non-canonical hole of x86-64 and arm64 (no kernel or
//! user pointer can ever equal one): `0x5d00_RR00_0000_0000 + offset`,
//! `RR` naming the region, offsets below 2^40 (see [`addr`]):
//!
//! | region | base | what | DIF may |
//! |---|---|---|---|
//! | 1 | [`addr::SCRATCH`] | scratch: `alloca`, `allocs`, string results, copies of built-in strings, `copyin` | load, store |
//! | 2 | [`addr::STRTAB`] | the running DIFO's string table (`sets`) | load |
//! | 3 | [`addr::GLOBALS`] | by-reference global variables (strings, structs) | load, store |
//! | 4 | [`addr::LOCALS`] | by-reference clause-local variables | load, store |
//! | 5 | [`addr::DYNVARS`] | dynamic variables: thread-locals, associative arrays | load; store inside one variable's data |
//!
//! Loads (`ld*`, string reads of subroutines, `copys` sources) of these
//! addresses are served by the VM; any other address goes to
//! [`Env::read`] in kernel space (`uld*`, `copyin*`: user space). Stores
//! are only allowed into scratch and variable storage (for a dynamic
//! variable, inside its data), else the fault is BADADDR, as
//! `dtrace_canstore()` rules. Restricted loads (`rld*`) of
//! anything but VM memory fault with KPRIV.
//!
//! # Semantics worth knowing
//!
//! - 64-bit wrapping arithmetic; shifts use the low six bits of the count
//!   (x86 hardware); `sdiv`/`udiv`/`srem`/`urem` by zero fault DIVZERO.
//! - `cmp` sets the condition codes as DTrace does — N from the sign of the
//!   64-bit difference, V always clear, C from the unsigned comparison — so
//!   signed branches on operands whose difference overflows answer as
//!   DTrace answers.
//! - Strings are bounded by `strsize` (the [`Layout`]'s): reads stop after
//!   `strsize` bytes and results hold at most `strsize - 1` bytes.
//! - Storing 0 to a thread-local or associative array element deletes it;
//!   a store that finds no room counts a dynamic variable drop
//!   ([`Globals::dynvar_drops`]) and is skipped.
//! - Kernel loads are not alignment-checked, as on x86 DTrace (packed
//!   network headers are read at odd offsets); [`VmConfig::check_load_alignment`]
//!   turns on the SPARC rule (BADALIGN). Stores are always checked.
//! - Clause-local variables are zeroed at [`Vm::begin_firing`] (DTrace
//!   leaves them undefined) and kept across the clauses of one firing.
//! - `pushtr type, %rs, %rv` is DTrace's encoding (type in the r1 field,
//!   the size register in r2, the value register in rd); a string's tuple
//!   size is its length plus one, read within `strsize`. By-reference keys
//!   compare by content, wherever the bytes live.
//! - String variables hold `strsize` bytes whatever size the variable table
//!   gives (the compiler uses the default; the option rules).
//! - `strtok()` copies its string into a buffer of the machine, so its
//!   saved position survives the scratch resets between clauses.
//! - Execution is bounded: branches must go forward, and no DIFO runs more
//!   instructions than it has.

use alloc::vec;
use alloc::vec::Vec;
use core::mem;

use crate::difo::{DifVar, Difo};
use crate::dynvar::{DynVarStore, KeyPart, MAX_KEYS};
use crate::isa::{diftype, difv, var, Instr, Op, NREGS, NTREGS};
pub use crate::isa::{flt, subr};
use crate::strings;

/// The VM's own memory regions (see the module docs).
pub mod addr {
    /// Tag of every VM address (bits 48..64).
    pub const VM_BASE: u64 = 0x5d00_0000_0000_0000;
    /// Bits that must equal [`VM_BASE`].
    pub const VM_MASK: u64 = 0xffff_0000_0000_0000;
    /// Region number position (bits 40..48).
    pub const REGION_SHIFT: u32 = 40;
    /// Offset within a region.
    pub const OFFSET_MASK: u64 = (1 << REGION_SHIFT) - 1;
    /// Scratch memory.
    pub const SCRATCH: u64 = VM_BASE | 1 << REGION_SHIFT;
    /// The running DIFO's string table.
    pub const STRTAB: u64 = VM_BASE | 2 << REGION_SHIFT;
    /// By-reference global variables.
    pub const GLOBALS: u64 = VM_BASE | 3 << REGION_SHIFT;
    /// By-reference clause-local variables.
    pub const LOCALS: u64 = VM_BASE | 4 << REGION_SHIFT;
    /// Dynamic variables.
    pub const DYNVARS: u64 = VM_BASE | 5 << REGION_SHIFT;

    /// Whether `a` names VM memory (of any region, valid or not).
    pub const fn is_vm(a: u64) -> bool {
        a & VM_MASK == VM_BASE
    }
}

/// `DIF_VAR_ARG0`..`DIF_VAR_ARG9`: read as `args[0..9]`.
const VAR_ARG0: u16 = 0x106;
const VAR_ARG9: u16 = 0x10f;
/// `AF_INET` and Linux's `AF_INET6` for `inet_ntop()`.
const AF_INET: i32 = 2;
const AF_INET6: i32 = 10;

/// Why a DIFO stopped: DTrace's fault kind, the address involved (0 when
/// none) and `pc`, the byte offset of the faulting instruction in the DIF
/// (instruction index × 4, the "DIF offset" dtrace(1) prints).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    /// One of [`flt`].
    pub kind: u8,
    /// The offending address (DTrace's `illval`).
    pub addr: u64,
    /// Byte offset of the faulting instruction.
    pub pc: usize,
}

impl Fault {
    /// A fault of `kind` at `addr`; [`Vm::run`] fills in `pc`.
    pub const fn new(kind: u8, addr: u64) -> Fault {
        Fault { kind, addr, pc: 0 }
    }

    /// The faulting instruction's index.
    pub const fn instr_index(&self) -> usize {
        self.pc / 4
    }
}

fn err<T>(kind: u8, addr: u64) -> Result<T, Fault> {
    Err(Fault::new(kind, addr))
}

/// Which address space an [`Env::read`] is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    /// Kernel memory (`ld*`, string arguments, `bcopy` sources).
    Kernel,
    /// The current process's user memory (`uld*`, `copyin*`).
    User,
}

/// A built-in variable's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// An integer (`pid`, `timestamp`, `curthread`, ...).
    Int(u64),
    /// A string (`execname`, `probefunc`, ...), with or without its NUL:
    /// the VM copies it into scratch, truncated to `strsize - 1` bytes.
    Str(&'a [u8]),
}

/// What [`Env::subr`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubrResult {
    /// An integer result.
    Int(u64),
    /// A string of this many bytes was written to `out`.
    Str(usize),
    /// No result (`copyout`-like).
    Void,
    /// The engine does not provide this subroutine: the DIFO faults ILLOP.
    Unsupported,
}

/// The engine's side of execution. Every method may be called in probe
/// context: implementations must not block or allocate.
pub trait Env {
    /// Fills `buf` from memory at `addr` in `space`. A failure must be a
    /// [`Fault`] (normally BADADDR at the first bad address).
    fn read(&mut self, space: Space, addr: u64, buf: &mut [u8]) -> Result<(), Fault>;

    /// Copies the string at `addr` into `buf` up to and including its NUL,
    /// or until `buf` is full; returns the number of bytes before the NUL
    /// (`buf.len()` when there was none). The default reads byte by byte.
    fn read_str(&mut self, space: Space, addr: u64, buf: &mut [u8]) -> Result<usize, Fault> {
        for (i, b) in buf.iter_mut().enumerate() {
            let mut c = [0u8];
            self.read(space, addr.wrapping_add(i as u64), &mut c)?;
            *b = c[0];
            if c[0] == 0 {
                return Ok(i);
            }
        }
        Ok(buf.len())
    }

    /// Writes user memory (`copyout`, `copyoutstr`: destructive). The
    /// default refuses with ILLOP.
    fn write_user(&mut self, addr: u64, _data: &[u8]) -> Result<(), Fault> {
        err(flt::ILLOP, addr)
    }

    /// A built-in scalar variable (`ldgs` of ids 0x100..0x4ff other than
    /// `arg0`..`arg9`, which read [`Env::array`] of `args`).
    fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault>;

    /// An element of a built-in array (`args` 0, `regs` 1, `uregs` 2).
    fn array(&mut self, id: u8, index: u64) -> Result<u64, Fault>;

    /// The key of the current thread for thread-local variables (DTrace:
    /// the thread id with the interrupt level folded in).
    fn thread_key(&mut self) -> u64;

    /// `speculation()`: a new speculation id, 0 when none is free.
    fn speculation(&mut self) -> u64 {
        0
    }

    /// `progenyof(pid)`: whether the current process descends from `pid`.
    fn progenyof(&mut self, _pid: u64) -> bool {
        false
    }

    /// Every subroutine the VM does not implement itself (`mutex_owned`,
    /// `rw_*`, `d_path`, `getf`, `msgsize`, `ddi_pathname`, ...): `args`
    /// are the tuple-stack values, `out` a slice of scratch (up to
    /// `strsize` bytes) for a string result.
    fn subr(&mut self, _id: u16, _args: &[u64], _out: &mut [u8]) -> Result<SubrResult, Fault> {
        Ok(SubrResult::Unsupported)
    }
}

/// Storage of one variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VarInfo {
    /// An associative array rather than a scalar.
    pub array: bool,
    /// Held by reference (strings, structs): loads yield an address.
    pub byref: bool,
    /// A D string (copied up to its NUL).
    pub string: bool,
    /// Bytes of data: 8 by value, the type's size by reference.
    pub size: u32,
    /// Index into the value slots (by value) or offset of the 8-byte
    /// header in the variable bytes (by reference; data follows it).
    slot: u32,
}

const NO_VAR: u32 = u32::MAX;
/// Largest by-reference variable.
const MAX_VAR_SIZE: u32 = 1 << 24;

#[derive(Clone, Debug, Default)]
struct VarTable {
    /// Indexed by id - 0x500: index into `vars`, or NO_VAR.
    index: Vec<u32>,
    vars: Vec<VarInfo>,
    nvals: u32,
    nbytes: u32,
}

impl VarTable {
    fn get(&self, id: u16) -> Option<VarInfo> {
        let i = usize::from(id.checked_sub(var::OTHER_MIN)?);
        let k = *self.index.get(i)?;
        self.vars.get(k as usize).copied()
    }

    fn declare(&mut self, id: u16, mut info: VarInfo) -> Result<(), LayoutError> {
        let Some(i) = id.checked_sub(var::OTHER_MIN) else {
            return Ok(());
        };
        if let Some(old) = self.get(id) {
            if (old.array, old.byref, old.string, old.size) == (info.array, info.byref, info.string, info.size) {
                return Ok(());
            }
            return Err(LayoutError::Conflict(u32::from(id)));
        }
        if info.array {
            info.slot = 0;
        } else if info.byref {
            info.slot = self.nbytes;
            let total = 8 + ((info.size + 7) & !7);
            self.nbytes = self.nbytes.checked_add(total).ok_or(LayoutError::TooLarge(u32::from(id)))?;
        } else {
            info.slot = self.nvals;
            self.nvals += 1;
        }
        let i = usize::from(i);
        if self.index.len() <= i {
            self.index.resize(i + 1, NO_VAR);
        }
        self.index[i] = self.vars.len() as u32;
        self.vars.push(info);
        Ok(())
    }
}

/// Why a [`Layout`] refused a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutError {
    /// The id is above 0xffff.
    BadId(u32),
    /// The scope is not global, thread or local.
    BadScope(u32),
    /// A clause-local associative array.
    BadKind(u32),
    /// The same variable with two different types.
    Conflict(u32),
    /// A by-reference variable larger than 16 MiB (or too many of them).
    TooLarge(u32),
}

/// Where every variable of an enabling lives. Built once, before any
/// [`Globals`] or [`Vm`], from every DIFO's variable table.
#[derive(Clone, Debug)]
pub struct Layout {
    strsize: usize,
    globals: VarTable,
    tls: VarTable,
    locals: VarTable,
}

impl Layout {
    /// An empty layout for strings of `strsize` bytes (the `strsize`
    /// option, at least 2).
    pub fn new(strsize: usize) -> Layout {
        Layout {
            strsize: strsize.clamp(2, 1 << 20),
            globals: VarTable::default(),
            tls: VarTable::default(),
            locals: VarTable::default(),
        }
    }

    /// The string size.
    pub fn strsize(&self) -> usize {
        self.strsize
    }

    /// Declares every variable `difo` references.
    pub fn add_difo(&mut self, difo: &Difo) -> Result<(), LayoutError> {
        difo.vartab.iter().try_for_each(|v| self.add_var(v))
    }

    /// Declares one variable. Built-in ids (below 0x500) are ignored.
    pub fn add_var(&mut self, v: &DifVar) -> Result<(), LayoutError> {
        let id = u16::try_from(v.id).map_err(|_| LayoutError::BadId(v.id))?;
        if id < var::OTHER_MIN {
            return Ok(());
        }
        let string = v.ty.kind == diftype::STRING;
        let byref = string || v.ty.flags & diftype::F_BYREF != 0;
        // Strings are `strsize` bytes whatever the type says: the compiler
        // sizes them with the default and the engine enforces the option.
        let size = if !byref {
            8
        } else if string {
            self.strsize as u32
        } else {
            v.ty.size
        };
        if size > MAX_VAR_SIZE {
            return Err(LayoutError::TooLarge(v.id));
        }
        let array = v.kind == difv::KIND_ARRAY;
        let info = VarInfo { array, byref, string, size, slot: 0 };
        match v.scope {
            difv::SCOPE_GLOBAL => self.globals.declare(id, info),
            difv::SCOPE_THREAD => self.tls.declare(id, info),
            difv::SCOPE_LOCAL if array => Err(LayoutError::BadKind(v.id)),
            difv::SCOPE_LOCAL => self.locals.declare(id, info),
            s => Err(LayoutError::BadScope(u32::from(s))),
        }
    }

    /// The global variable `id`.
    pub fn global(&self, id: u16) -> Option<VarInfo> {
        self.globals.get(id)
    }

    /// The thread-local variable `id`.
    pub fn thread_local(&self, id: u16) -> Option<VarInfo> {
        self.tls.get(id)
    }

    /// The clause-local variable `id`.
    pub fn local(&self, id: u16) -> Option<VarInfo> {
        self.locals.get(id)
    }
}

/// State every CPU shares: global variables and dynamic variables. The
/// engine serialises access (DTrace's globals are not MP-safe either).
#[derive(Clone, Debug)]
pub struct Globals {
    table: VarTable,
    tls: VarTable,
    vals: Vec<u64>,
    bytes: Vec<u8>,
    dynvars: DynVarStore,
}

impl Globals {
    /// Storage for `layout`'s globals and `dynvar_size` bytes of dynamic
    /// variables (the `dynvarsize` option).
    pub fn new(layout: &Layout, dynvar_size: usize) -> Globals {
        Globals {
            table: layout.globals.clone(),
            tls: layout.tls.clone(),
            vals: vec![0; layout.globals.nvals as usize],
            bytes: vec![0; layout.globals.nbytes as usize],
            dynvars: DynVarStore::new(dynvar_size),
        }
    }

    /// The value of the by-value global scalar `id`.
    pub fn scalar(&self, id: u16) -> Option<u64> {
        let v = self.table.get(id)?;
        if v.byref || v.array {
            return None;
        }
        self.vals.get(v.slot as usize).copied()
    }

    /// Dynamic variable drops since the last [`Globals::take_dynvar_drops`].
    pub fn dynvar_drops(&self) -> u64 {
        self.dynvars.drops()
    }

    /// Returns the dynamic variable drop count and resets it.
    pub fn take_dynvar_drops(&mut self) -> u64 {
        self.dynvars.take_drops()
    }

    /// The dynamic variable store.
    pub fn dynvars(&self) -> &DynVarStore {
        &self.dynvars
    }
}

/// Per-CPU VM sizes and policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VmConfig {
    /// Bytes of scratch memory per ECB (string results, `alloca`, copies).
    pub scratch_size: usize,
    /// Largest by-reference tuple key (0: `max(strsize, 256) + 1`).
    pub max_key_size: usize,
    /// Fault BADALIGN on misaligned kernel and user loads (SPARC DTrace);
    /// off by default, as on x86.
    pub check_load_alignment: bool,
    /// Seed of `rand()`.
    pub seed: u64,
}

impl Default for VmConfig {
    fn default() -> VmConfig {
        VmConfig { scratch_size: 64 * 1024, max_key_size: 0, check_load_alignment: false, seed: 0x5eed }
    }
}

/// One tuple-stack entry: a value, or an address and a size.
#[derive(Clone, Copy, Debug, Default)]
struct Tup {
    value: u64,
    /// 0: by value.
    size: u64,
}

/// The per-CPU machine: scratch memory, clause-local variables and the
/// buffers subroutines work in, all allocated by [`Vm::new`].
#[derive(Clone, Debug)]
pub struct Vm {
    strsize: usize,
    check_align: bool,
    locals: VarTable,
    lvals: Vec<u64>,
    lbytes: Vec<u8>,
    scratch: Vec<u8>,
    /// Allocated part of scratch.
    sptr: usize,
    /// The string `strtok()` is working through (a copy), and where.
    strtok_buf: Vec<u8>,
    strtok_len: usize,
    strtok_pos: Option<usize>,
    tmp_a: Vec<u8>,
    tmp_b: Vec<u8>,
    keybuf: Vec<u8>,
    key_slot: usize,
    rand: u64,
    steps: usize,
    /// The tuple stack of the running DIFO: entries below its top are
    /// set before they are read, so it is not cleared between runs.
    tup: [Tup; NTREGS as usize],
}

impl Vm {
    /// A machine for `layout`'s clause-locals and strings.
    pub fn new(layout: &Layout, cfg: &VmConfig) -> Vm {
        let strsize = layout.strsize;
        let key = if cfg.max_key_size == 0 { strsize.max(256) + 1 } else { cfg.max_key_size.min(1 << 24) };
        let key_slot = (key + 7) & !7;
        Vm {
            strsize,
            check_align: cfg.check_load_alignment,
            locals: layout.locals.clone(),
            lvals: vec![0; layout.locals.nvals as usize],
            lbytes: vec![0; layout.locals.nbytes as usize],
            scratch: vec![0; cfg.scratch_size.min(addr::OFFSET_MASK as usize)],
            sptr: 0,
            strtok_buf: vec![0; strsize + 1],
            strtok_len: 0,
            strtok_pos: None,
            tmp_a: vec![0; strsize + 1],
            tmp_b: vec![0; strsize + 1],
            keybuf: vec![0; key_slot * usize::from(NTREGS)],
            key_slot,
            rand: cfg.seed ^ 0x9e37_79b9_7f4a_7c15,
            steps: 0,
            tup: [Tup::default(); NTREGS as usize],
        }
    }

    /// A probe fired: clause-locals are zeroed, `strtok()` forgets its
    /// string, scratch is emptied.
    #[inline]
    pub fn begin_firing(&mut self) {
        // Most programs have no clause-locals; skip even an empty memset,
        // which costs far more than the rest of a small firing.
        if !self.lvals.is_empty() {
            self.lvals.fill(0);
        }
        if !self.lbytes.is_empty() {
            self.lbytes.fill(0);
        }
        self.strtok_pos = None;
        self.sptr = 0;
    }

    /// An ECB starts: scratch memory is emptied (addresses it handed out
    /// become invalid).
    pub fn begin_clause(&mut self) {
        self.sptr = 0;
    }

    /// The string size.
    pub fn strsize(&self) -> usize {
        self.strsize
    }

    /// Bytes of scratch in use.
    pub fn scratch_used(&self) -> usize {
        self.sptr
    }

    /// Instructions the last [`Vm::run`] executed.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// Runs `code`; its return value (an address for by-reference types).
    #[inline]
    pub fn run<E: Env + ?Sized>(&mut self, code: &Code, env: &mut E, globals: &mut Globals) -> Result<u64, Fault> {
        let mut run = Run::new(self, globals, env, &code.difo.strtab, &code.difo.inttab);
        let r = run.go(&code.ins);
        let steps = run.steps;
        self.steps = steps;
        r
    }

    /// Copies `out.len()` bytes at `addr` (VM memory of `difo`'s last run,
    /// or kernel memory through `env`) into `out`.
    pub fn read_bytes<E: Env + ?Sized>(
        &mut self,
        difo: &Difo,
        globals: &mut Globals,
        env: &mut E,
        addr: u64,
        out: &mut [u8],
    ) -> Result<(), Fault> {
        Run::new(self, globals, env, &difo.strtab, &[]).read(addr, out)
    }

    /// Copies the string at `addr` into `out` (at most `out.len()` bytes,
    /// normally `strsize`), zero-filling the rest as DTrace records
    /// strings; returns its length.
    pub fn read_string<E: Env + ?Sized>(
        &mut self,
        difo: &Difo,
        globals: &mut Globals,
        env: &mut E,
        addr: u64,
        out: &mut [u8],
    ) -> Result<usize, Fault> {
        let n = match resolve(addr) {
            Some((r, off)) => {
                let s = region(self, globals, &difo.strtab, r);
                let src = s.get(off..).filter(|_| off < s.len()).ok_or(Fault::new(flt::BADADDR, addr))?;
                let src = src.get(..src.len().min(out.len())).unwrap_or(&[]);
                let n = strings::c_len(src);
                out.get_mut(..n).ok_or(Fault::new(flt::BADADDR, addr))?.copy_from_slice(src.get(..n).unwrap_or(&[]));
                n
            }
            None => {
                // An engine may copy past the NUL; what it copied is cleared.
                let n = env.read_str(Space::Kernel, addr, out)?.min(out.len());
                if let Some(rest) = out.get_mut(n..) {
                    rest.fill(0);
                }
                n
            }
        };
        // Only the NUL: callers zero the rest when they need it (records
        // are cleared whole; a memset of strsize bytes per firing costs more
        // than the string).
        if let Some(nul) = out.get_mut(n) {
            *nul = 0;
        }
        Ok(n)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    Scratch,
    Strtab,
    Globals,
    Locals,
    Dynvars,
    Invalid,
}

impl Region {
    fn base(self) -> u64 {
        match self {
            Region::Scratch => addr::SCRATCH,
            Region::Strtab => addr::STRTAB,
            Region::Globals => addr::GLOBALS,
            Region::Locals => addr::LOCALS,
            Region::Dynvars => addr::DYNVARS,
            Region::Invalid => addr::VM_BASE,
        }
    }
}

/// The bytes of region `r` DIF may read.
fn region<'a>(vm: &'a Vm, g: &'a Globals, strtab: &'a [u8], r: Region) -> &'a [u8] {
    match r {
        Region::Scratch => vm.scratch.get(..vm.sptr).unwrap_or(&[]),
        Region::Strtab => strtab,
        Region::Globals => &g.bytes,
        Region::Locals => &vm.lbytes,
        Region::Dynvars => g.dynvars.arena(),
        Region::Invalid => &[],
    }
}

fn resolve(a: u64) -> Option<(Region, usize)> {
    if !addr::is_vm(a) {
        return None;
    }
    let off = usize::try_from(a & addr::OFFSET_MASK).unwrap_or(usize::MAX);
    let r = match (a >> addr::REGION_SHIFT) & 0xff {
        1 => Region::Scratch,
        2 => Region::Strtab,
        3 => Region::Globals,
        4 => Region::Locals,
        5 => Region::Dynvars,
        _ => Region::Invalid,
    };
    Some((r, off))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LoadKind {
    Kernel,
    User,
    Restricted,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Global,
    Thread,
}

fn var_key(scope: Scope, id: u16) -> u64 {
    (match scope {
        Scope::Global => 1u64,
        Scope::Thread => 2u64,
    }) << 32
        | u64::from(id)
}

/// One execution: the machine, the shared state, the engine and the DIFO's
/// tables, plus the registers.
struct Run<'a, E: Env + ?Sized> {
    vm: &'a mut Vm,
    g: &'a mut Globals,
    env: &'a mut E,
    strtab: &'a [u8],
    inttab: &'a [u64],
    regs: [u64; NREGS as usize],
    ttop: usize,
    n: bool,
    z: bool,
    v: bool,
    c: bool,
    steps: usize,
}

impl<'a, E: Env + ?Sized> Run<'a, E> {
    fn new(vm: &'a mut Vm, g: &'a mut Globals, env: &'a mut E, strtab: &'a [u8], inttab: &'a [u64]) -> Self {
        Run {
            vm,
            g,
            env,
            strtab,
            inttab,
            regs: [0; NREGS as usize],
            ttop: 0,
            n: false,
            z: false,
            v: false,
            c: false,
            steps: 0,
        }
    }

    fn go(&mut self, code: &[Ins]) -> Result<u64, Fault> {
        let mut pc = 0usize;
        // Branches only go forward, so no DIFO runs more instructions than
        // it has: the loop's bound.
        for _ in 0..code.len() {
            let Some(&ins) = code.get(pc) else { return Ok(0) };
            self.steps += 1;
            match self.step(ins, pc) {
                Ok(Flow::Next) => pc += 1,
                Ok(Flow::Jump(to)) => pc = to,
                Ok(Flow::Ret(v)) => return Ok(v),
                Err(f) => return Err(Fault { pc: pc * 4, ..f }),
            }
        }
        match code.get(pc) {
            // Unreachable with forward-only branches; a bound anyway.
            Some(_) => Err(Fault { kind: flt::ILLOP, addr: 0, pc: pc * 4 }),
            None => Ok(0),
        }
    }

    /// Register `i` of a decoded instruction: checked at decoding, masked
    /// here so that the access needs no bounds check.
    #[inline(always)]
    fn reg(&self, i: u8) -> u64 {
        self.regs[usize::from(i & REG_MASK)]
    }

    /// Sets register `i` of a decoded instruction; %r0 stays 0.
    #[inline(always)]
    fn set(&mut self, i: u8, v: u64) {
        self.regs[usize::from(i & REG_MASK)] = v;
        self.regs[0] = 0;
    }

    /// Runs one decoded instruction: the common ones here, the rest by
    /// [`Run::op`].
    #[inline(always)]
    fn step(&mut self, ins: Ins, pc: usize) -> Result<Flow, Fault> {
        match ins {
            // One arm per operation, so that `alu` folds to it.
            Ins::Add { r1, r2, rd } => self.set(rd, alu(Op::Add, self.reg(r1), self.reg(r2))),
            Ins::Sub { r1, r2, rd } => self.set(rd, alu(Op::Sub, self.reg(r1), self.reg(r2))),
            Ins::And { r1, r2, rd } => self.set(rd, alu(Op::And, self.reg(r1), self.reg(r2))),
            Ins::Or { r1, r2, rd } => self.set(rd, alu(Op::Or, self.reg(r1), self.reg(r2))),
            Ins::Xor { r1, r2, rd } => self.set(rd, alu(Op::Xor, self.reg(r1), self.reg(r2))),
            Ins::Sll { r1, r2, rd } => self.set(rd, alu(Op::Sll, self.reg(r1), self.reg(r2))),
            Ins::Srl { r1, r2, rd } => self.set(rd, alu(Op::Srl, self.reg(r1), self.reg(r2))),
            Ins::Sra { r1, r2, rd } => self.set(rd, alu(Op::Sra, self.reg(r1), self.reg(r2))),
            Ins::Mul { r1, r2, rd } => self.set(rd, alu(Op::Mul, self.reg(r1), self.reg(r2))),
            Ins::Mov { r1, rd } => self.set(rd, self.reg(r1)),
            Ins::Cmp { r1, r2 } => {
                let (a, b) = (self.reg(r1), self.reg(r2));
                let d = a.wrapping_sub(b) as i64;
                self.n = d < 0;
                self.z = d == 0;
                self.v = false;
                self.c = a < b;
            }
            Ins::Tst { r1 } => {
                self.z = self.reg(r1) == 0;
                self.n = false;
                self.v = false;
                self.c = false;
            }
            Ins::Branch { op, to } => return self.branch(op, to, pc),
            Ins::Ret { rd } => return Ok(Flow::Ret(self.reg(rd))),
            Ins::Nop => {}
            Ins::Const { v, rd } => self.set(rd, v),
            Ins::LoadGlobal { slot, rd } => {
                let v = self.g.vals.get(slot as usize).copied().ok_or(Fault::new(flt::ILLOP, 0))?;
                self.set(rd, v);
            }
            Ins::StoreGlobal { slot, rd } => {
                let v = self.reg(rd);
                *self.g.vals.get_mut(slot as usize).ok_or(Fault::new(flt::ILLOP, 0))? = v;
            }
            Ins::LoadLocal { slot, rd } => {
                let v = self.vm.lvals.get(slot as usize).copied().ok_or(Fault::new(flt::ILLOP, 0))?;
                self.set(rd, v);
            }
            Ins::StoreLocal { slot, rd } => {
                let v = self.reg(rd);
                *self.vm.lvals.get_mut(slot as usize).ok_or(Fault::new(flt::ILLOP, 0))? = v;
            }
            Ins::Builtin { id, rd } => {
                let v = self.builtin(id)?;
                self.set(rd, v);
            }
            Ins::Other(op, word) => return self.op(op, word, pc),
            Ins::Illop => return err(flt::ILLOP, 0),
        }
        Ok(Flow::Next)
    }

    #[inline(always)]
    fn r(&self, i: u8) -> Result<u64, Fault> {
        self.regs.get(usize::from(i)).copied().ok_or(Fault::new(flt::ILLOP, 0))
    }

    /// Writes a register; writes to %r0 are discarded.
    #[inline(always)]
    fn w(&mut self, i: u8, v: u64) -> Result<(), Fault> {
        if i == 0 {
            return Ok(());
        }
        *self.regs.get_mut(usize::from(i)).ok_or(Fault::new(flt::ILLOP, 0))? = v;
        Ok(())
    }

    /// A branch at `pc` to `to`, taken or not by the condition codes.
    #[inline(always)]
    fn branch(&self, op: Op, to: u32, pc: usize) -> Result<Flow, Fault> {
        let (n, z, v, c) = (self.n, self.z, self.v, self.c);
        let take = match op {
            Op::Ba => true,
            Op::Be => z,
            Op::Bne => !z,
            Op::Bg => !(z | (n ^ v)),
            Op::Bgu => !(c | z),
            Op::Bge => !(n ^ v),
            Op::Bgeu => !c,
            Op::Bl => n ^ v,
            Op::Blu => c,
            Op::Ble => z | (n ^ v),
            _ => c | z,
        };
        if !take {
            return Ok(Flow::Next);
        }
        let to = to as usize;
        if to <= pc {
            // Backward branches could loop: the validator rejects them,
            // and so does the machine.
            return err(flt::ILLOP, 0);
        }
        Ok(Flow::Jump(to))
    }

    /// Runs an instruction as its word says, every operand checked: the
    /// instructions [`decode`] leaves undecoded. Kept out of line, so that
    /// the dispatch loop stays small.
    #[inline(never)]
    fn op(&mut self, op: Op, ins: Instr, pc: usize) -> Result<Flow, Fault> {
        let (r1, r2, rd) = (ins.r1(), ins.r2(), ins.rd());
        match op {
            Op::Or | Op::Xor | Op::And | Op::Sll | Op::Srl | Op::Sra | Op::Sub | Op::Add | Op::Mul => {
                let v = alu(op, self.r(r1)?, self.r(r2)?);
                self.w(rd, v)?;
            }
            Op::Sdiv | Op::Udiv | Op::Srem | Op::Urem => {
                let (a, b) = (self.r(r1)?, self.r(r2)?);
                if b == 0 {
                    return err(flt::DIVZERO, 0);
                }
                let v = match op {
                    Op::Sdiv => (a as i64).wrapping_div(b as i64) as u64,
                    Op::Udiv => a / b,
                    Op::Srem => (a as i64).wrapping_rem(b as i64) as u64,
                    _ => a % b,
                };
                self.w(rd, v)?;
            }
            Op::Not => {
                let v = !self.r(r1)?;
                self.w(rd, v)?;
            }
            Op::Mov => {
                let v = self.r(r1)?;
                self.w(rd, v)?;
            }
            Op::Cmp => {
                let (a, b) = (self.r(r1)?, self.r(r2)?);
                let d = a.wrapping_sub(b) as i64;
                self.n = d < 0;
                self.z = d == 0;
                self.v = false;
                self.c = a < b;
            }
            Op::Tst => {
                self.z = self.r(r1)? == 0;
                self.n = false;
                self.v = false;
                self.c = false;
            }
            Op::Scmp => {
                let d = self.scmp(self.r(r1)?, self.r(r2)?)?;
                self.n = d < 0;
                self.z = d == 0;
                self.v = false;
                self.c = false;
            }
            Op::Ba
            | Op::Be
            | Op::Bne
            | Op::Bg
            | Op::Bgu
            | Op::Bge
            | Op::Bgeu
            | Op::Bl
            | Op::Blu
            | Op::Ble
            | Op::Bleu => return self.branch(op, ins.label(), pc),
            Op::Ldsb | Op::Ldsh | Op::Ldsw | Op::Ldub | Op::Lduh | Op::Lduw | Op::Ldx => {
                let v = self.load_op(op, LoadKind::Kernel, self.r(r1)?)?;
                self.w(rd, v)?;
            }
            Op::Uldsb | Op::Uldsh | Op::Uldsw | Op::Uldub | Op::Ulduh | Op::Ulduw | Op::Uldx => {
                let v = self.load_op(op, LoadKind::User, self.r(r1)?)?;
                self.w(rd, v)?;
            }
            Op::Rldsb | Op::Rldsh | Op::Rldsw | Op::Rldub | Op::Rlduh | Op::Rlduw | Op::Rldx => {
                let v = self.load_op(op, LoadKind::Restricted, self.r(r1)?)?;
                self.w(rd, v)?;
            }
            Op::Ret => return Ok(Flow::Ret(self.r(rd)?)),
            Op::Nop => {}
            Op::Setx => {
                let v = *self.inttab.get(usize::from(ins.index())).ok_or(Fault::new(flt::ILLOP, 0))?;
                self.w(rd, v)?;
            }
            Op::Sets => {
                let i = usize::from(ins.index());
                if i >= self.strtab.len() {
                    return err(flt::ILLOP, 0);
                }
                self.w(rd, addr::STRTAB + i as u64)?;
            }
            Op::Ldga => {
                let v = self.env.array(r1, self.r(r2)?)?;
                self.w(rd, v)?;
            }
            Op::Ldgs => {
                let id = ins.index();
                let v = if id < var::OTHER_MIN { self.builtin(id)? } else { self.load_static(true, id)? };
                self.w(rd, v)?;
            }
            Op::Stgs => self.store_static(true, ins.index(), rd)?,
            Op::Ldls => {
                let id = ins.index();
                let v = if id < var::OTHER_MIN { 0 } else { self.load_static(false, id)? };
                self.w(rd, v)?;
            }
            Op::Stls => self.store_static(false, ins.index(), rd)?,
            Op::Ldts => self.dynvar(Scope::Thread, ins.index(), rd, false, false)?,
            Op::Stts => self.dynvar(Scope::Thread, ins.index(), rd, false, true)?,
            Op::Ldgaa => self.dynvar(Scope::Global, ins.index(), rd, true, false)?,
            Op::Stgaa => self.dynvar(Scope::Global, ins.index(), rd, true, true)?,
            Op::Ldtaa => self.dynvar(Scope::Thread, ins.index(), rd, true, false)?,
            Op::Sttaa => self.dynvar(Scope::Thread, ins.index(), rd, true, true)?,
            Op::Ldta | Op::Xlate | Op::Xlarg => return err(flt::ILLOP, 0),
            Op::Call => self.call(ins.index(), rd)?,
            Op::Pushtr | Op::Pushtv => {
                if self.ttop >= usize::from(NTREGS) {
                    return err(flt::TUPOFLOW, 0);
                }
                let value = self.r(rd)?;
                let size = if op == Op::Pushtv {
                    0
                } else if r1 == diftype::STRING {
                    // A string's size is its length with the NUL. DTrace
                    // reads within the pushed size; ours is the compiler's
                    // default, so read within `strsize`, like every string.
                    self.r(r2)?;
                    self.string_len(value, self.vm.strsize)? as u64 + 1
                } else {
                    self.r(r2)?
                };
                if let Some(t) = self.vm.tup.get_mut(self.ttop) {
                    *t = Tup { value, size };
                }
                self.ttop += 1;
            }
            Op::Popts => self.ttop = self.ttop.saturating_sub(1),
            Op::Flushts => self.ttop = 0,
            Op::Allocs => {
                let size = self.r(r1)?;
                let off = self.alloc(size, 8)?;
                self.w(rd, addr::SCRATCH + off as u64)?;
            }
            Op::Copys => {
                let (src, len, dst) = (self.r(r1)?, self.r(r2)?, self.r(rd)?);
                let len = usize::try_from(len).map_err(|_| Fault::new(flt::BADADDR, dst))?;
                let (region, off) = self.writable(dst, len)?;
                self.copy_in(region, off, src, len)?;
            }
            Op::Stb | Op::Sth | Op::Stw | Op::Stx => {
                let size = match op {
                    Op::Stb => 1,
                    Op::Sth => 2,
                    Op::Stw => 4,
                    _ => 8,
                };
                self.store(self.r(rd)?, size, self.r(r1)?)?;
            }
        }
        Ok(Flow::Next)
    }

    // ---- memory -------------------------------------------------------

    fn slice(&self, r: Region) -> &[u8] {
        region(self.vm, self.g, self.strtab, r)
    }

    /// A region the VM writes (DIF stores reach only the first three:
    /// see [`Run::writable`]).
    fn slice_mut(&mut self, r: Region) -> &mut [u8] {
        match r {
            Region::Scratch => {
                let sptr = self.vm.sptr;
                self.vm.scratch.get_mut(..sptr).unwrap_or(&mut [])
            }
            Region::Globals => &mut self.g.bytes,
            Region::Locals => &mut self.vm.lbytes,
            Region::Dynvars => self.g.dynvars.arena_mut(),
            Region::Strtab | Region::Invalid => &mut [],
        }
    }

    /// Reads VM memory or kernel memory.
    fn read(&mut self, a: u64, out: &mut [u8]) -> Result<(), Fault> {
        match resolve(a) {
            Some((r, off)) => {
                let s = self.slice(r);
                let src = off.checked_add(out.len()).and_then(|e| s.get(off..e)).ok_or(Fault::new(flt::BADADDR, a))?;
                out.copy_from_slice(src);
                Ok(())
            }
            None if out.is_empty() => Ok(()),
            None => self.env.read(Space::Kernel, a, out),
        }
    }

    /// Reads the string at `a` into `out` (at most `out.len() - 1` bytes,
    /// then a NUL); its length.
    fn read_str(&mut self, a: u64, out: &mut [u8]) -> Result<usize, Fault> {
        let Some(limit) = out.len().checked_sub(1) else {
            return Ok(0);
        };
        let n = match resolve(a) {
            Some((r, off)) => {
                let s = self.slice(r);
                let src = s.get(off..).filter(|_| off < s.len()).ok_or(Fault::new(flt::BADADDR, a))?;
                let src = src.get(..src.len().min(limit)).unwrap_or(&[]);
                let n = strings::c_len(src);
                if let (Some(d), Some(s)) = (out.get_mut(..n), src.get(..n)) {
                    d.copy_from_slice(s);
                }
                n
            }
            None => {
                let buf = out.get_mut(..limit).unwrap_or(&mut []);
                self.env.read_str(Space::Kernel, a, buf)?.min(limit)
            }
        };
        if let Some(z) = out.get_mut(n) {
            *z = 0;
        }
        Ok(n)
    }

    /// Length of the string at `a`, read at most `lim` bytes far.
    fn string_len(&mut self, a: u64, lim: usize) -> Result<usize, Fault> {
        let mut buf = mem::take(&mut self.vm.tmp_a);
        let cap = buf.len().min(lim.saturating_add(1));
        let r = self.read_str(a, buf.get_mut(..cap).unwrap_or(&mut []));
        self.vm.tmp_a = buf;
        r
    }

    fn load_op(&mut self, op: Op, kind: LoadKind, a: u64) -> Result<u64, Fault> {
        let (size, signed) = match op {
            Op::Ldsb | Op::Uldsb | Op::Rldsb => (1, true),
            Op::Ldsh | Op::Uldsh | Op::Rldsh => (2, true),
            Op::Ldsw | Op::Uldsw | Op::Rldsw => (4, true),
            Op::Ldub | Op::Uldub | Op::Rldub => (1, false),
            Op::Lduh | Op::Ulduh | Op::Rlduh => (2, false),
            Op::Lduw | Op::Ulduw | Op::Rlduw => (4, false),
            _ => (8, false),
        };
        let mut buf = [0u8; 8];
        let b = buf.get_mut(..size).unwrap_or(&mut []);
        let vm_addr = addr::is_vm(a);
        match kind {
            LoadKind::Restricted if !vm_addr => return err(flt::KPRIV, a),
            LoadKind::Kernel | LoadKind::Restricted if vm_addr => self.read(a, b)?,
            _ => {
                if self.vm.check_align && a & (size as u64 - 1) != 0 {
                    return err(flt::BADALIGN, a);
                }
                let space = if kind == LoadKind::User { Space::User } else { Space::Kernel };
                self.env.read(space, a, b)?;
            }
        }
        Ok(match (size, signed) {
            (1, true) => buf[0] as i8 as i64 as u64,
            (1, false) => u64::from(buf[0]),
            (2, true) => i16::from_ne_bytes([buf[0], buf[1]]) as i64 as u64,
            (2, false) => u64::from(u16::from_ne_bytes([buf[0], buf[1]])),
            (4, true) => i32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]]) as i64 as u64,
            (4, false) => u64::from(u32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]])),
            _ => u64::from_ne_bytes(buf),
        })
    }

    /// Where DIF may store `len` bytes at `a`: scratch (allocated part),
    /// by-reference variable storage, and the data of a live dynamic
    /// variable (as `dtrace_canstore()` allows); else BADADDR.
    fn writable(&mut self, a: u64, len: usize) -> Result<(Region, usize), Fault> {
        match resolve(a) {
            Some((r @ (Region::Scratch | Region::Globals | Region::Locals), off))
                if off.checked_add(len).is_some_and(|e| e <= self.slice(r).len()) =>
            {
                Ok((r, off))
            }
            Some((Region::Dynvars, off)) if self.g.dynvars.in_data(off, len) => Ok((Region::Dynvars, off)),
            _ => err(flt::BADADDR, a),
        }
    }

    fn store(&mut self, a: u64, size: usize, v: u64) -> Result<(), Fault> {
        let (r, off) = self.writable(a, size)?;
        if a & (size as u64 - 1) != 0 {
            return err(flt::BADALIGN, a);
        }
        let mut bytes = [0u8; 8];
        match size {
            1 => bytes[0] = v as u8,
            2 => bytes[..2].copy_from_slice(&(v as u16).to_ne_bytes()),
            4 => bytes[..4].copy_from_slice(&(v as u32).to_ne_bytes()),
            _ => bytes = v.to_ne_bytes(),
        }
        let dst = self.slice_mut(r).get_mut(off..off + size).ok_or(Fault::new(flt::BADADDR, a))?;
        dst.copy_from_slice(bytes.get(..size).unwrap_or(&[]));
        Ok(())
    }

    /// Copies `len` bytes from `src` (VM or kernel memory) to `off` in
    /// region `dr` (memmove semantics within one region).
    fn copy_in(&mut self, dr: Region, off: usize, src: u64, len: usize) -> Result<(), Fault> {
        if len == 0 {
            return Ok(());
        }
        let dst_addr = dr.base().wrapping_add(off as u64);
        let dend = off
            .checked_add(len)
            .filter(|&e| e <= self.slice_mut(dr).len())
            .ok_or(Fault::new(flt::BADADDR, dst_addr))?;
        if let Some((sr, soff)) = resolve(src) {
            if sr == dr {
                let s = self.slice_mut(dr);
                let send = soff.checked_add(len).filter(|&e| e <= s.len()).ok_or(Fault::new(flt::BADADDR, src))?;
                s.copy_within(soff..send, off);
                return Ok(());
            }
        }
        let mut chunk = [0u8; 256];
        let mut at = off;
        while at < dend {
            let n = (dend - at).min(chunk.len());
            let c = chunk.get_mut(..n).unwrap_or(&mut []);
            self.read(src.wrapping_add((at - off) as u64), c)?;
            self.slice_mut(dr).get_mut(at..at + n).ok_or(Fault::new(flt::BADADDR, dst_addr))?.copy_from_slice(c);
            at += n;
        }
        Ok(())
    }

    /// Copies the string at `src` into `size` bytes at `off` in `dr`:
    /// at most `size - 1` bytes and a NUL.
    fn copy_str_in(&mut self, dr: Region, off: usize, src: u64, size: usize) -> Result<(), Fault> {
        if size == 0 {
            return Ok(());
        }
        let mut buf = mem::take(&mut self.vm.tmp_a);
        let cap = size.min(buf.len());
        let r = self.read_str(src, buf.get_mut(..cap).unwrap_or(&mut [])).and_then(|n| {
            let dst_addr = dr.base().wrapping_add(off as u64);
            let d =
                self.slice_mut(dr).get_mut(off..off.saturating_add(n + 1)).ok_or(Fault::new(flt::BADADDR, dst_addr))?;
            d.copy_from_slice(buf.get(..n + 1).unwrap_or(&[]));
            Ok(())
        });
        self.vm.tmp_a = buf;
        r
    }

    /// Copies a by-reference value into variable storage.
    fn copy_var(&mut self, info: VarInfo, dr: Region, off: usize, src: u64) -> Result<(), Fault> {
        if info.string {
            self.copy_str_in(dr, off, src, info.size as usize)
        } else {
            self.copy_in(dr, off, src, info.size as usize)
        }
    }

    fn avail(&self) -> usize {
        self.vm.scratch.len().saturating_sub(self.vm.sptr)
    }

    /// Allocates `size` zeroed bytes of scratch aligned to `align`.
    fn alloc(&mut self, size: u64, align: usize) -> Result<usize, Fault> {
        let start = self.vm.sptr;
        let ptr = start.checked_add(align - 1).map(|p| p & !(align - 1)).ok_or(Fault::new(flt::NOSCRATCH, 0))?;
        let size = usize::try_from(size).map_err(|_| Fault::new(flt::NOSCRATCH, 0))?;
        let end = ptr.checked_add(size).filter(|&e| e <= self.vm.scratch.len()).ok_or(Fault::new(flt::NOSCRATCH, 0))?;
        if let Some(s) = self.vm.scratch.get_mut(start..end) {
            s.fill(0);
        }
        self.vm.sptr = end;
        Ok(ptr)
    }

    /// Writes a string result into scratch: needs `size` bytes free (as
    /// DTrace reserves), keeps only what `f` wrote; the string's address.
    fn emit(&mut self, size: usize, f: impl FnOnce(&mut [u8]) -> usize) -> Result<u64, Fault> {
        let start = self.vm.sptr;
        let end = start
            .checked_add(size.max(1))
            .filter(|&e| e <= self.vm.scratch.len())
            .ok_or(Fault::new(flt::NOSCRATCH, 0))?;
        let out = self.vm.scratch.get_mut(start..end).unwrap_or(&mut []);
        let n = f(out).min(out.len().saturating_sub(1));
        if let Some(z) = out.get_mut(n) {
            *z = 0;
        }
        self.vm.sptr = start + n + 1;
        Ok(addr::SCRATCH + start as u64)
    }

    // ---- variables ----------------------------------------------------

    fn builtin(&mut self, id: u16) -> Result<u64, Fault> {
        if (VAR_ARG0..=VAR_ARG9).contains(&id) {
            return self.env.array(var::ARGS as u8, u64::from(id - VAR_ARG0));
        }
        let strsize = self.vm.strsize;
        match self.env.variable(id)? {
            Value::Int(v) => Ok(v),
            Value::Str(s) => {
                let s = s.get(..strings::c_len(s)).unwrap_or(&[]);
                let start = self.vm.sptr;
                let len = s.len().min(strsize - 1);
                let end = start
                    .checked_add(len + 1)
                    .filter(|&e| e <= self.vm.scratch.len())
                    .ok_or(Fault::new(flt::NOSCRATCH, 0))?;
                let out = self.vm.scratch.get_mut(start..end).unwrap_or(&mut []);
                strings::put(s, out);
                self.vm.sptr = end;
                Ok(addr::SCRATCH + start as u64)
            }
        }
    }

    #[inline(always)]
    fn static_info(&self, global: bool, id: u16) -> Result<VarInfo, Fault> {
        let t = if global { &self.g.table } else { &self.vm.locals };
        match t.get(id) {
            Some(v) if !v.array => Ok(v),
            _ => err(flt::ILLOP, 0),
        }
    }

    #[inline(always)]
    fn load_static(&mut self, global: bool, id: u16) -> Result<u64, Fault> {
        let info = self.static_info(global, id)?;
        let slot = info.slot as usize;
        if info.byref {
            let (bytes, base) = if global { (&self.g.bytes, addr::GLOBALS) } else { (&self.vm.lbytes, addr::LOCALS) };
            // A first byte of 0xff marks a NULL reference.
            return Ok(match bytes.get(slot) {
                Some(&0xff) | None => 0,
                Some(_) => base + slot as u64 + 8,
            });
        }
        let vals = if global { &self.g.vals } else { &self.vm.lvals };
        vals.get(slot).copied().ok_or(Fault::new(flt::ILLOP, 0))
    }

    #[inline(always)]
    fn store_static(&mut self, global: bool, id: u16, rd: u8) -> Result<(), Fault> {
        if id < var::OTHER_MIN {
            return err(flt::ILLOP, 0);
        }
        let info = self.static_info(global, id)?;
        let v = self.r(rd)?;
        let slot = info.slot as usize;
        if info.byref {
            let region = if global { Region::Globals } else { Region::Locals };
            let flag = self.slice_mut(region).get_mut(slot).ok_or(Fault::new(flt::ILLOP, 0))?;
            if v == 0 {
                *flag = 0xff;
                return Ok(());
            }
            *flag = 0;
            return self.copy_var(info, region, slot + 8, v);
        }
        let vals = if global { &mut self.g.vals } else { &mut self.vm.lvals };
        *vals.get_mut(slot).ok_or(Fault::new(flt::ILLOP, 0))? = v;
        Ok(())
    }

    /// ldts/stts (`tuple` false) and ldgaa/stgaa/ldtaa/sttaa.
    fn dynvar(&mut self, scope: Scope, id: u16, rd: u8, tuple: bool, store: bool) -> Result<(), Fault> {
        let info = match scope {
            Scope::Global => self.g.table.get(id),
            Scope::Thread => self.g.tls.get(id),
        }
        .ok_or(Fault::new(flt::ILLOP, 0))?;
        let mut kb = mem::take(&mut self.vm.keybuf);
        let r = self.dynvar_keyed(&mut kb, info, scope, id, rd, tuple, store);
        self.vm.keybuf = kb;
        r
    }

    #[allow(clippy::too_many_arguments)]
    fn dynvar_keyed(
        &mut self,
        kb: &mut [u8],
        info: VarInfo,
        scope: Scope,
        id: u16,
        rd: u8,
        tuple: bool,
        store: bool,
    ) -> Result<(), Fault> {
        let slot = self.vm.key_slot;
        let nt = if tuple { self.ttop.min(usize::from(NTREGS)) } else { 0 };
        // Copy by-reference keys out of memory first.
        for i in 0..nt {
            let t = self.vm.tup.get(i).copied().unwrap_or_default();
            if t.size == 0 {
                continue;
            }
            let size =
                usize::try_from(t.size).ok().filter(|&s| s <= slot).ok_or(Fault::new(flt::NOSCRATCH, t.value))?;
            let at = i * slot;
            let dst = kb.get_mut(at..at + size).ok_or(Fault::new(flt::NOSCRATCH, t.value))?;
            self.read(t.value, dst)?;
        }
        let mut keys = [KeyPart::Val(0); MAX_KEYS];
        let mut k = 0;
        for i in 0..nt {
            let t = self.vm.tup.get(i).copied().unwrap_or_default();
            keys[k] = if t.size == 0 {
                KeyPart::Val(t.value)
            } else {
                let at = i * slot;
                KeyPart::Ref(kb.get(at..at + t.size as usize).unwrap_or(&[]))
            };
            k += 1;
        }
        keys[k] = KeyPart::Val(var_key(scope, id));
        k += 1;
        if scope == Scope::Thread {
            keys[k] = KeyPart::Val(self.env.thread_key());
            k += 1;
        }
        let keys = &keys[..k];
        if !store {
            let v = match self.g.dynvars.lookup(keys) {
                None => 0,
                Some((off, _)) if info.byref => addr::DYNVARS + off as u64,
                Some((off, _)) => {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(self.g.dynvars.arena().get(off..off + 8).unwrap_or(&[0; 8]));
                    u64::from_ne_bytes(b)
                }
            };
            return self.w(rd, v);
        }
        let v = self.r(rd)?;
        if v == 0 {
            self.g.dynvars.remove(keys);
            return Ok(());
        }
        let dsize = if info.byref { (info.size as usize).max(8) } else { 8 };
        let Some((off, _)) = self.g.dynvars.insert(keys, dsize) else {
            // No room: a drop was counted; the store does not happen.
            return Ok(());
        };
        if info.byref {
            self.copy_var(info, Region::Dynvars, off, v)
        } else {
            if let Some(d) = self.g.dynvars.arena_mut().get_mut(off..off + 8) {
                d.copy_from_slice(&v.to_ne_bytes());
            }
            Ok(())
        }
    }

    // ---- strings and subroutines ---------------------------------------

    /// Runs `f` with the two string buffers (taken out of the VM so it
    /// can read memory into them).
    fn with_tmp<R>(&mut self, f: impl FnOnce(&mut Self, &mut [u8], &mut [u8]) -> R) -> R {
        let mut a = mem::take(&mut self.vm.tmp_a);
        let mut b = mem::take(&mut self.vm.tmp_b);
        let r = f(self, &mut a, &mut b);
        self.vm.tmp_a = a;
        self.vm.tmp_b = b;
        r
    }

    fn scmp(&mut self, s1: u64, s2: u64) -> Result<i32, Fault> {
        if s1 == s2 {
            return Ok(0);
        }
        let limit = self.vm.strsize;
        self.with_tmp(|m, a, b| {
            // NULL compares as the empty string.
            let n1 = if s1 == 0 { 0 } else { m.read_str(s1, a)? };
            let n2 = if s2 == 0 { 0 } else { m.read_str(s2, b)? };
            Ok(strings::compare(a.get(..n1).unwrap_or(&[]), b.get(..n2).unwrap_or(&[]), limit))
        })
    }

    fn arg(&self, i: usize) -> u64 {
        if i < self.ttop {
            self.vm.tup.get(i).map_or(0, |t| t.value)
        } else {
            0
        }
    }

    fn call(&mut self, id: u16, rd: u8) -> Result<(), Fault> {
        let nargs = self.ttop;
        let size = self.vm.strsize;
        let (a0, a1, a2) = (self.arg(0), self.arg(1), self.arg(2));
        let v = match id {
            subr::RAND => {
                let s = self.vm.rand.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                self.vm.rand = s;
                // DTrace's rand(): (t * 2416 + 374441) % 1771875.
                (s >> 33).wrapping_mul(2416).wrapping_add(374_441) % 1_771_875
            }
            subr::SPECULATION => self.env.speculation(),
            subr::PROGENYOF => u64::from(self.env.progenyof(a0)),
            subr::ALLOCA => addr::SCRATCH + self.alloc(a0, 8)? as u64,
            subr::COPYIN => {
                let off = self.alloc(a1, 8)?;
                let len = usize::try_from(a1).unwrap_or(0);
                let dst = self.vm.scratch.get_mut(off..off + len).unwrap_or(&mut []);
                if !dst.is_empty() {
                    self.env.read(Space::User, a0, dst)?;
                }
                addr::SCRATCH + off as u64
            }
            subr::COPYINTO => {
                let len = usize::try_from(a1).map_err(|_| Fault::new(flt::BADADDR, a2))?;
                match resolve(a2) {
                    Some((Region::Scratch, off)) if off.checked_add(len).is_some_and(|e| e <= self.vm.sptr) => {
                        let dst = self.vm.scratch.get_mut(off..off + len).unwrap_or(&mut []);
                        if !dst.is_empty() {
                            self.env.read(Space::User, a0, dst)?;
                        }
                    }
                    _ => return err(flt::BADADDR, a2),
                }
                return Ok(());
            }
            subr::COPYINSTR => {
                let mut n = size;
                if nargs > 1 && a1 < n as u64 {
                    n = a1 as usize + 1;
                }
                let start = self.vm.sptr;
                let end = start
                    .checked_add(n)
                    .filter(|&e| e <= self.vm.scratch.len())
                    .ok_or(Fault::new(flt::NOSCRATCH, 0))?;
                let dst = self.vm.scratch.get_mut(start..end).unwrap_or(&mut []);
                let limit = dst.len().saturating_sub(1);
                let len = self.env.read_str(Space::User, a0, dst.get_mut(..limit).unwrap_or(&mut []))?.min(limit);
                if let Some(z) = dst.get_mut(len) {
                    *z = 0;
                }
                self.vm.sptr = start + len + 1;
                addr::SCRATCH + start as u64
            }
            subr::BCOPY => {
                let len = usize::try_from(a2).map_err(|_| Fault::new(flt::BADADDR, a1))?;
                match resolve(a1) {
                    Some((Region::Scratch, off)) if off.checked_add(len).is_some_and(|e| e <= self.vm.sptr) => {
                        self.copy_in(Region::Scratch, off, a0, len)?;
                    }
                    _ => return err(flt::BADADDR, a1),
                }
                return Ok(());
            }
            subr::COPYOUT => {
                // The source is a buffer of ours (scratch, a variable): no
                // larger than scratch, which also bounds the loop.
                let len = usize::try_from(a2)
                    .ok()
                    .filter(|&n| n <= self.vm.scratch.len().max(self.vm.strsize))
                    .ok_or(Fault::new(flt::BADADDR, a0))?;
                let mut chunk = [0u8; 256];
                let mut done = 0usize;
                while done < len {
                    let n = (len - done).min(chunk.len());
                    let c = chunk.get_mut(..n).unwrap_or(&mut []);
                    self.read(a0.wrapping_add(done as u64), c)?;
                    self.env.write_user(a1.wrapping_add(done as u64), c)?;
                    done += n;
                }
                return Ok(());
            }
            subr::COPYOUTSTR => {
                self.with_tmp(|m, a, _| {
                    let n = m.read_str(a0, a)?;
                    let total = (n + 1).min(usize::try_from(a2).unwrap_or(usize::MAX));
                    m.env.write_user(a1, a.get(..total).unwrap_or(&[]))
                })?;
                return Ok(());
            }
            subr::STRLEN => self.string_len(a0, size)? as u64,
            subr::STRJOIN => self.with_tmp(|m, a, b| {
                let n1 = m.read_str(a0, a)?;
                let n2 = m.read_str(a1, b)?;
                if n1 + n2 >= size {
                    return err(flt::NOSCRATCH, 0);
                }
                m.emit(size, |out| {
                    let s1 = a.get(..n1).unwrap_or(&[]);
                    let s2 = b.get(..n2).unwrap_or(&[]);
                    if let Some(o) = out.get_mut(..n1) {
                        o.copy_from_slice(s1);
                    }
                    if let Some(o) = out.get_mut(n1..n1 + n2) {
                        o.copy_from_slice(s2);
                    }
                    n1 + n2
                })
            })?,
            subr::STRTOLL => {
                let base = if nargs > 1 { a1 as i32 } else { 10 };
                if !(2..=36).contains(&base) {
                    return err(flt::ILLOP, 0);
                }
                self.with_tmp(|m, a, _| {
                    let n = m.read_str(a0, a)?;
                    Ok(strings::strtoll(a.get(..n).unwrap_or(&[]), base as u32) as u64)
                })?
            }
            subr::LLTOSTR => {
                let base = if nargs > 1 { a1 as i32 } else { 10 };
                if !(2..=36).contains(&base) {
                    return err(flt::ILLOP, 0);
                }
                self.emit(65, |out| strings::lltostr(a0 as i64, base as u32, out))?
            }
            subr::BASENAME | subr::DIRNAME | subr::CLEANPATH | subr::TOUPPER | subr::TOLOWER => {
                self.with_tmp(|m, a, _| {
                    let n = m.read_str(a0, a)?;
                    let s = a.get(..n).unwrap_or(&[]);
                    m.emit(size, |out| match id {
                        subr::BASENAME => strings::basename(s, out),
                        subr::DIRNAME => strings::dirname(s, out),
                        subr::CLEANPATH => strings::cleanpath(s, out),
                        subr::TOUPPER => strings::change_case(s, out, true),
                        _ => strings::change_case(s, out, false),
                    })
                })?
            }
            subr::SUBSTR => self.with_tmp(|m, a, _| {
                let n = m.read_str(a0, a)?;
                let len = if nargs > 2 { Some(a2 as i64) } else { None };
                let (start, count) = strings::substr(n, a1 as i64, len, size);
                let s = a.get(start..start + count).unwrap_or(&[]);
                m.emit(size, |out| strings::put(s, out))
            })?,
            subr::STRCHR | subr::STRRCHR => self.with_tmp(|m, a, _| {
                let n = m.read_str(a0, a)?;
                let found = strings::strchr(a.get(..n).unwrap_or(&[]), n < size, a1 as u8, id == subr::STRRCHR);
                Ok(found.map_or(0, |p| a0.wrapping_add(p as u64)))
            })?,
            subr::STRSTR | subr::INDEX | subr::RINDEX => self.with_tmp(|m, a, b| {
                let n = m.read_str(a0, a)?;
                let k = m.read_str(a1, b)?;
                let (s, sub) = (a.get(..n).unwrap_or(&[]), b.get(..k).unwrap_or(&[]));
                let pos = if nargs == 3 { Some(a2 as i64) } else { None };
                Ok(match id {
                    subr::STRSTR => strings::strstr(s, sub).map_or(0, |p| a0.wrapping_add(p as u64)),
                    subr::INDEX => strings::index(s, sub, pos) as u64,
                    _ => strings::rindex(s, sub, pos) as u64,
                })
            })?,
            subr::STRTOK => self.strtok(a0, a1)?,
            subr::JSON => self.with_tmp(|m, a, b| {
                let jl = m.read_str(a0, a)?;
                let el = m.read_str(a1, b)?;
                // DTrace reserves room for the result and the selector list.
                if m.avail() < jl + 1 + el + 1 {
                    return err(flt::NOSCRATCH, 0);
                }
                let (ll, nelems) = strings::json_selector(b, el);
                let start = m.vm.sptr;
                let out = m.vm.scratch.get_mut(start..start + jl + 1).unwrap_or(&mut []);
                match strings::json(a.get(..jl).unwrap_or(&[]), b.get(..ll).unwrap_or(&[]), nelems, out) {
                    None => Ok(0),
                    Some(_) => {
                        m.vm.sptr = start + jl + 1;
                        Ok(addr::SCRATCH + start as u64)
                    }
                }
            })?,
            subr::HTONS | subr::NTOHS => u64::from((a0 as u16).swap_bytes()),
            subr::HTONL | subr::NTOHL => u64::from((a0 as u32).swap_bytes()),
            subr::HTONLL | subr::NTOHLL => a0.swap_bytes(),
            subr::GETMAJOR => (a0 >> 20) & 0xfff,
            subr::GETMINOR => a0 & 0xf_ffff,
            subr::INET_NTOA | subr::INET_NTOA6 | subr::INET_NTOP => {
                let (af, p) = match id {
                    subr::INET_NTOP => (a0 as i32, a1),
                    subr::INET_NTOA => (AF_INET, a0),
                    _ => (AF_INET6, a0),
                };
                match af {
                    AF_INET => {
                        let mut b = [0u8; 4];
                        self.read(p, &mut b)?;
                        self.emit(strings::INET_ADDRSTRLEN, |out| strings::inet_ntoa(b, out))?
                    }
                    AF_INET6 => {
                        let mut b = [0u8; 16];
                        self.read(p, &mut b)?;
                        let v4_only = id == subr::INET_NTOA6;
                        self.emit(strings::INET6_ADDRSTRLEN, |out| strings::inet_ntop6(b, out, v4_only))?
                    }
                    _ => return err(flt::ILLOP, 0),
                }
            }
            _ => {
                let mut args = [0u64; NTREGS as usize];
                for (i, a) in args.iter_mut().enumerate().take(nargs) {
                    *a = self.arg(i);
                }
                let start = self.vm.sptr;
                let end = start.saturating_add(size).min(self.vm.scratch.len()).max(start);
                let out = self.vm.scratch.get_mut(start..end).unwrap_or(&mut []);
                match self.env.subr(id, args.get(..nargs).unwrap_or(&[]), out)? {
                    SubrResult::Int(v) => v,
                    SubrResult::Str(n) => {
                        let z = out.get_mut(n).ok_or(Fault::new(flt::NOSCRATCH, 0))?;
                        *z = 0;
                        self.vm.sptr = start + n + 1;
                        addr::SCRATCH + start as u64
                    }
                    SubrResult::Void => return Ok(()),
                    SubrResult::Unsupported => return err(flt::ILLOP, 0),
                }
            }
        };
        self.w(rd, v)
    }

    /// `strtok(s, delims)`: a non-NULL `s` is copied into the VM's strtok
    /// buffer (so the saved position survives scratch resets between the
    /// clauses of one firing); NULL continues from the saved position.
    fn strtok(&mut self, s: u64, delims: u64) -> Result<u64, Fault> {
        let size = self.vm.strsize;
        self.with_tmp(|m, a, b| {
            let dn = m.read_str(delims, b)?;
            if m.avail() < size {
                return err(flt::NOSCRATCH, 0);
            }
            if s != 0 {
                let mut buf = mem::take(&mut m.vm.strtok_buf);
                let r = m.read_str(s, &mut buf);
                m.vm.strtok_buf = buf;
                m.vm.strtok_len = r?;
                m.vm.strtok_pos = Some(0);
            }
            let Some(pos) = m.vm.strtok_pos else {
                // DTrace dereferences its NULL saved pointer.
                return err(flt::BADADDR, 0);
            };
            let map = strings::TokMap::new(b.get(..dn).unwrap_or(&[]));
            let input = m.vm.strtok_buf.get(..m.vm.strtok_len).unwrap_or(&[]);
            let Some((start, end)) = strings::strtok(input, pos, &map) else {
                m.vm.strtok_pos = None;
                return Ok(0);
            };
            let tok = input.get(start..end).unwrap_or(&[]);
            let n = strings::put(tok, a);
            m.vm.strtok_pos = Some(end);
            m.emit(size, |out| strings::put(a.get(..n).unwrap_or(&[]), out))
        })
    }
}

enum Flow {
    Next,
    Jump(usize),
    Ret(u64),
}

/// The two-operand operations that cannot fault.
#[inline(always)]
fn alu(op: Op, a: u64, b: u64) -> u64 {
    match op {
        Op::Or => a | b,
        Op::Xor => a ^ b,
        Op::And => a & b,
        Op::Sll => a.wrapping_shl(b as u32),
        Op::Srl => a.wrapping_shr(b as u32),
        Op::Sra => (a as i64).wrapping_shr(b as u32) as u64,
        Op::Sub => a.wrapping_sub(b),
        Op::Add => a.wrapping_add(b),
        _ => a.wrapping_mul(b),
    }
}

/// Masks a register number into the register file (see [`Run::reg`]).
const REG_MASK: u8 = NREGS - 1;
const _: () = assert!(NREGS.is_power_of_two());

/// A DIFO decoded for the machine, once, when the program is enabled:
/// operands checked and by-value global and clause-local scalars resolved
/// to their storage, so that running it neither decodes words nor looks
/// variables up. Decoding never fails: an instruction that would fault
/// still faults when it runs, as it would undecoded.
#[derive(Clone, Debug)]
pub struct Code {
    difo: Difo,
    ins: Vec<Ins>,
}

impl Code {
    /// Decodes `difo`, whose variables `layout` holds (the layout of the
    /// [`Vm`] and [`Globals`] that will run it).
    pub fn new(difo: &Difo, layout: &Layout) -> Code {
        let ins = difo.code.iter().map(|&w| decode(Instr(w), difo, layout)).collect();
        Code { difo: difo.clone(), ins }
    }

    /// The DIFO this was decoded from.
    pub fn difo(&self) -> &Difo {
        &self.difo
    }
}

/// A decoded instruction. Register operands are below [`NREGS`] and table
/// operands valid; anything else stays [`Ins::Other`], run from its word.
#[derive(Clone, Copy, Debug)]
enum Ins {
    Add {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Sub {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    And {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Or {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Xor {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Sll {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Srl {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Sra {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Mul {
        r1: u8,
        r2: u8,
        rd: u8,
    },
    Mov {
        r1: u8,
        rd: u8,
    },
    Cmp {
        r1: u8,
        r2: u8,
    },
    Tst {
        r1: u8,
    },
    /// A branch opcode and its target.
    Branch {
        op: Op,
        to: u32,
    },
    Ret {
        rd: u8,
    },
    Nop,
    /// `setx`, `sets`, and `ldls` of a built-in (always 0).
    Const {
        v: u64,
        rd: u8,
    },
    /// `ldgs`/`stgs`, `ldls`/`stls` of by-value scalars: their slot.
    LoadGlobal {
        slot: u32,
        rd: u8,
    },
    StoreGlobal {
        slot: u32,
        rd: u8,
    },
    LoadLocal {
        slot: u32,
        rd: u8,
    },
    StoreLocal {
        slot: u32,
        rd: u8,
    },
    /// `ldgs` of a built-in variable.
    Builtin {
        id: u16,
        rd: u8,
    },
    Other(Op, Instr),
    /// An opcode DIF does not have.
    Illop,
}

fn decode(ins: Instr, difo: &Difo, layout: &Layout) -> Ins {
    let Some(op) = ins.op() else { return Ins::Illop };
    let (r1, r2, rd) = (ins.r1(), ins.r2(), ins.rd());
    let regs = |rs: &[u8]| rs.iter().all(|&r| r < NREGS);
    let index = usize::from(ins.index());
    // A by-value scalar's slot.
    let scalar = |t: &VarTable| t.get(ins.index()).filter(|v| !v.array && !v.byref).map(|v| v.slot);
    let alu = regs(&[r1, r2, rd]);
    match op {
        Op::Add if alu => Ins::Add { r1, r2, rd },
        Op::Sub if alu => Ins::Sub { r1, r2, rd },
        Op::And if alu => Ins::And { r1, r2, rd },
        Op::Or if alu => Ins::Or { r1, r2, rd },
        Op::Xor if alu => Ins::Xor { r1, r2, rd },
        Op::Sll if alu => Ins::Sll { r1, r2, rd },
        Op::Srl if alu => Ins::Srl { r1, r2, rd },
        Op::Sra if alu => Ins::Sra { r1, r2, rd },
        Op::Mul if alu => Ins::Mul { r1, r2, rd },
        Op::Mov if regs(&[r1, rd]) => Ins::Mov { r1, rd },
        Op::Cmp if regs(&[r1, r2]) => Ins::Cmp { r1, r2 },
        Op::Tst if regs(&[r1]) => Ins::Tst { r1 },
        Op::Ba | Op::Be | Op::Bne | Op::Bg | Op::Bgu | Op::Bge | Op::Bgeu | Op::Bl | Op::Blu | Op::Ble | Op::Bleu => {
            Ins::Branch { op, to: ins.label() }
        }
        Op::Ret if regs(&[rd]) => Ins::Ret { rd },
        Op::Nop => Ins::Nop,
        _ if !regs(&[rd]) => Ins::Other(op, ins),
        Op::Setx => difo.inttab.get(index).map_or(Ins::Other(op, ins), |&v| Ins::Const { v, rd }),
        Op::Sets if index < difo.strtab.len() => Ins::Const { v: addr::STRTAB + index as u64, rd },
        Op::Ldgs if ins.index() < var::OTHER_MIN => Ins::Builtin { id: ins.index(), rd },
        Op::Ldls if ins.index() < var::OTHER_MIN => Ins::Const { v: 0, rd },
        Op::Ldgs | Op::Stgs | Op::Ldls | Op::Stls => {
            let global = matches!(op, Op::Ldgs | Op::Stgs);
            let slot = if ins.index() < var::OTHER_MIN {
                None
            } else {
                scalar(if global { &layout.globals } else { &layout.locals })
            };
            match (op, slot) {
                (Op::Ldgs, Some(slot)) => Ins::LoadGlobal { slot, rd },
                (Op::Stgs, Some(slot)) => Ins::StoreGlobal { slot, rd },
                (Op::Ldls, Some(slot)) => Ins::LoadLocal { slot, rd },
                (Op::Stls, Some(slot)) => Ins::StoreLocal { slot, rd },
                _ => Ins::Other(op, ins),
            }
        }
        _ => Ins::Other(op, ins),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::difo::DifType;
    use alloc::string::String;
    use alloc::vec::Vec;

    impl Code {
        /// `difo` with no instruction decoded: every one runs from its word.
        fn undecoded(difo: &Difo) -> Code {
            let ins =
                difo.code.iter().map(|&w| Instr(w).op().map_or(Ins::Illop, |op| Ins::Other(op, Instr(w)))).collect();
            Code { difo: difo.clone(), ins }
        }
    }

    // ---- a fake engine ----------------------------------------------------

    struct Fake {
        kmem: Vec<(u64, Vec<u8>)>,
        umem: Vec<(u64, Vec<u8>)>,
        execname: Vec<u8>,
        args: [u64; 10],
        tid: u64,
        written: Vec<(u64, Vec<u8>)>,
    }

    impl Fake {
        fn new() -> Fake {
            Fake {
                kmem: Vec::new(),
                umem: Vec::new(),
                execname: b"ksh".to_vec(),
                args: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
                tid: 1,
                written: Vec::new(),
            }
        }
    }

    fn find(mem: &[(u64, Vec<u8>)], a: u64, len: usize) -> Option<&[u8]> {
        mem.iter().find_map(|(base, bytes)| {
            let off = usize::try_from(a.checked_sub(*base)?).ok()?;
            bytes.get(off..off.checked_add(len)?)
        })
    }

    impl Env for Fake {
        fn read(&mut self, space: Space, a: u64, buf: &mut [u8]) -> Result<(), Fault> {
            let mem = if space == Space::Kernel { &self.kmem } else { &self.umem };
            let src = find(mem, a, buf.len()).ok_or(Fault::new(flt::BADADDR, a))?;
            buf.copy_from_slice(src);
            Ok(())
        }
        fn write_user(&mut self, a: u64, data: &[u8]) -> Result<(), Fault> {
            self.written.push((a, data.to_vec()));
            Ok(())
        }
        fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault> {
            match id {
                0x118 => Ok(Value::Str(&self.execname)),
                0x116 => Ok(Value::Int(1234)),
                0x101 => Ok(Value::Int(1_000_000)),
                _ => err(flt::ILLOP, 0),
            }
        }
        fn array(&mut self, id: u8, index: u64) -> Result<u64, Fault> {
            match (id, self.args.get(index as usize)) {
                (0, Some(&v)) => Ok(v),
                _ => err(flt::ILLOP, index),
            }
        }
        fn thread_key(&mut self) -> u64 {
            self.tid
        }
        fn speculation(&mut self) -> u64 {
            3
        }
        fn progenyof(&mut self, pid: u64) -> bool {
            pid == 1
        }
        fn subr(&mut self, id: u16, args: &[u64], out: &mut [u8]) -> Result<SubrResult, Fault> {
            match id {
                49 => Ok(SubrResult::Str(strings::put(b"/tmp/file", out))),
                1 => Ok(SubrResult::Int(args.first().copied().unwrap_or(0) + 1)),
                _ => Ok(SubrResult::Unsupported),
            }
        }
    }

    // ---- a tiny assembler ---------------------------------------------------

    #[derive(Default, Clone)]
    struct Asm {
        code: Vec<u32>,
        ints: Vec<u64>,
        strtab: Vec<u8>,
        vars: Vec<DifVar>,
    }

    impl Asm {
        fn new() -> Asm {
            Asm::default()
        }
        fn i(&mut self, ins: Instr) -> &mut Self {
            self.code.push(ins.0);
            self
        }
        fn int(&mut self, rd: u8, v: u64) -> &mut Self {
            let k = self.ints.len() as u16;
            self.ints.push(v);
            self.i(Instr::table(Op::Setx, k, rd))
        }
        fn sint(&mut self, rd: u8, v: i64) -> &mut Self {
            self.int(rd, v as u64)
        }
        fn str(&mut self, rd: u8, s: &str) -> &mut Self {
            let off = self.strtab.len() as u16;
            self.strtab.extend_from_slice(s.as_bytes());
            self.strtab.push(0);
            self.i(Instr::table(Op::Sets, off, rd))
        }
        fn alu(&mut self, op: Op, r1: u8, r2: u8, rd: u8) -> &mut Self {
            self.i(Instr::alu(op, r1, r2, rd))
        }
        fn tbl(&mut self, op: Op, idx: u16, rd: u8) -> &mut Self {
            self.i(Instr::table(op, idx, rd))
        }
        fn br(&mut self, op: Op, label: u32) -> &mut Self {
            self.i(Instr::branch(op, label))
        }
        fn ret(&mut self, rd: u8) -> &mut Self {
            self.alu(Op::Ret, 0, 0, rd)
        }
        fn pushv(&mut self, rd: u8) -> &mut Self {
            self.alu(Op::Pushtv, 0, 0, rd)
        }
        fn pushs(&mut self, rd: u8) -> &mut Self {
            self.alu(Op::Pushtr, diftype::STRING, 0, rd)
        }
        fn var(&mut self, id: u32, scope: u8, kind: u8, string: bool) -> &mut Self {
            let ty = if string {
                DifType { kind: diftype::STRING, ckind: 0, flags: diftype::F_BYREF, size: 0 }
            } else {
                DifType { kind: diftype::CTF, ckind: 0, flags: 0, size: 8 }
            };
            self.vars.push(DifVar { name: 0, id, kind, scope, flags: 0, ty });
            self
        }
        fn difo(&self) -> Difo {
            Difo {
                code: self.code.clone(),
                inttab: self.ints.clone(),
                strtab: self.strtab.clone(),
                vartab: self.vars.clone(),
                rtype: DifType::default(),
            }
        }
    }

    struct Machine {
        vm: Vm,
        g: Globals,
        env: Fake,
        layout: Layout,
    }

    impl Machine {
        fn new(difos: &[&Difo], strsize: usize, dynvar_size: usize) -> Machine {
            Machine::with_config(difos, strsize, dynvar_size, &VmConfig::default())
        }
        fn with_config(difos: &[&Difo], strsize: usize, dynvar_size: usize, cfg: &VmConfig) -> Machine {
            let mut l = Layout::new(strsize);
            for d in difos {
                l.add_difo(d).unwrap();
            }
            Machine { vm: Vm::new(&l, cfg), g: Globals::new(&l, dynvar_size), env: Fake::new(), layout: l }
        }
        fn exec(&mut self, d: &Difo) -> Result<u64, Fault> {
            self.vm.run(&Code::new(d, &self.layout), &mut self.env, &mut self.g)
        }
        fn string(&mut self, d: &Difo, a: u64) -> String {
            let mut out = vec![0xaau8; self.vm.strsize()];
            let n = self.vm.read_string(d, &mut self.g, &mut self.env, a, &mut out).unwrap();
            assert!(out.get(n).is_none_or(|&b| b == 0), "NUL-terminated");
            String::from_utf8(out[..n].to_vec()).unwrap()
        }
        fn exec_str(&mut self, d: &Difo) -> Result<String, Fault> {
            let a = self.exec(d)?;
            Ok(self.string(d, a))
        }
    }

    fn run(a: &Asm) -> Result<u64, Fault> {
        let d = a.difo();
        Machine::new(&[&d], 256, 1 << 16).exec(&d)
    }

    fn run_str(a: &Asm) -> Result<String, Fault> {
        let d = a.difo();
        Machine::new(&[&d], 256, 1 << 16).exec_str(&d)
    }

    #[derive(Clone, Copy)]
    enum Arg<'a> {
        S(&'a str),
        I(i64),
        Null,
    }

    /// `subr(args...)`, returning %r7.
    fn call_asm(sub: u16, args: &[Arg]) -> Asm {
        let mut a = Asm::new();
        a.alu(Op::Flushts, 0, 0, 0);
        for arg in args {
            match *arg {
                Arg::S(s) => a.str(1, s).pushs(1),
                Arg::I(v) => a.sint(1, v).pushv(1),
                Arg::Null => a.pushv(0),
            };
        }
        a.tbl(Op::Call, sub, 7).ret(7);
        a
    }

    fn call_int(sub: u16, args: &[Arg]) -> Result<u64, Fault> {
        run(&call_asm(sub, args))
    }

    fn call_str_sized(strsize: usize, sub: u16, args: &[Arg]) -> Result<String, Fault> {
        let d = call_asm(sub, args).difo();
        let mut m = Machine::new(&[&d], strsize, 1 << 16);
        let a = m.exec(&d)?;
        assert!(addr::is_vm(a) || a == 0, "string results live in VM memory");
        Ok(m.string(&d, a))
    }

    fn call_str(sub: u16, args: &[Arg]) -> Result<String, Fault> {
        call_str_sized(256, sub, args)
    }

    use Arg::{Null, I, S};

    // ---- arithmetic -------------------------------------------------------

    fn alu2(op: Op, x: u64, y: u64) -> Result<u64, Fault> {
        run(Asm::new().int(1, x).int(2, y).alu(op, 1, 2, 3).ret(3))
    }

    #[test]
    fn alu_ops() {
        let m = |x: i64| x as u64;
        assert_eq!(alu2(Op::Add, 2, 3), Ok(5));
        assert_eq!(alu2(Op::Add, u64::MAX, 2), Ok(1));
        assert_eq!(alu2(Op::Sub, 2, 3), Ok(m(-1)));
        assert_eq!(alu2(Op::Mul, 1 << 63, 2), Ok(0));
        assert_eq!(alu2(Op::Mul, m(-3), 7), Ok(m(-21)));
        assert_eq!(alu2(Op::Or, 0b1100, 0b1010), Ok(0b1110));
        assert_eq!(alu2(Op::Xor, 0b1100, 0b1010), Ok(0b0110));
        assert_eq!(alu2(Op::And, 0b1100, 0b1010), Ok(0b1000));
        assert_eq!(alu2(Op::Sdiv, m(-7), 2), Ok(m(-3)));
        assert_eq!(alu2(Op::Udiv, m(-7), 2), Ok(0x7fff_ffff_ffff_fffc));
        assert_eq!(alu2(Op::Srem, m(-7), 2), Ok(m(-1)));
        assert_eq!(alu2(Op::Urem, m(-7), 2), Ok(1));
        assert_eq!(alu2(Op::Sdiv, m(i64::MIN), m(-1)), Ok(m(i64::MIN)));
        assert_eq!(alu2(Op::Srem, m(i64::MIN), m(-1)), Ok(0));
        assert_eq!(alu2(Op::Sll, 1, 4), Ok(16));
        assert_eq!(alu2(Op::Sll, 1, 64), Ok(1), "shift counts are taken mod 64");
        assert_eq!(alu2(Op::Srl, m(-16), 2), Ok(0x3fff_ffff_ffff_fffc));
        assert_eq!(alu2(Op::Sra, m(-16), 2), Ok(m(-4)));
        assert_eq!(alu2(Op::Sra, 16, 2), Ok(4));
        assert_eq!(run(Asm::new().int(1, 5).alu(Op::Not, 1, 0, 2).ret(2)), Ok(!5));
        assert_eq!(run(Asm::new().int(1, 5).alu(Op::Mov, 1, 0, 2).ret(2)), Ok(5));
        assert_eq!(run(Asm::new().alu(Op::Nop, 0, 0, 0).int(1, 9).ret(1)), Ok(9));
        // %r0 reads 0 and ignores writes.
        assert_eq!(run(Asm::new().int(0, 5).ret(0)), Ok(0));
        // Falling off the end returns 0.
        assert_eq!(run(Asm::new().int(1, 5)), Ok(0));
    }

    #[test]
    fn division_by_zero_faults_at_its_offset() {
        for op in [Op::Sdiv, Op::Udiv, Op::Srem, Op::Urem] {
            let r = run(Asm::new().int(1, 7).alu(Op::Nop, 0, 0, 0).alu(op, 1, 0, 2).ret(2));
            assert_eq!(r, Err(Fault { kind: flt::DIVZERO, addr: 0, pc: 8 }), "{op:?}");
            assert_eq!(r.unwrap_err().instr_index(), 2);
        }
    }

    // ---- branches ---------------------------------------------------------

    fn branch(op: Op, x: i64, y: i64) -> bool {
        let mut a = Asm::new();
        a.sint(1, x).sint(2, y).alu(Op::Cmp, 1, 2, 0).br(op, 6).int(3, 0).ret(3).int(3, 1).ret(3);
        run(&a).unwrap() == 1
    }

    #[test]
    fn every_branch_condition() {
        let pairs = [(1, 2), (2, 1), (2, 2), (-1, 1), (1, -1), (-5, -3), (0, 0), (i64::MAX, 0)];
        for (x, y) in pairs {
            let (ux, uy) = (x as u64, y as u64);
            assert!(branch(Op::Ba, x, y));
            assert_eq!(branch(Op::Be, x, y), x == y, "be {x} {y}");
            assert_eq!(branch(Op::Bne, x, y), x != y, "bne {x} {y}");
            assert_eq!(branch(Op::Bg, x, y), x > y, "bg {x} {y}");
            assert_eq!(branch(Op::Bge, x, y), x >= y, "bge {x} {y}");
            assert_eq!(branch(Op::Bl, x, y), x < y, "bl {x} {y}");
            assert_eq!(branch(Op::Ble, x, y), x <= y, "ble {x} {y}");
            assert_eq!(branch(Op::Bgu, x, y), ux > uy, "bgu {x} {y}");
            assert_eq!(branch(Op::Bgeu, x, y), ux >= uy, "bgeu {x} {y}");
            assert_eq!(branch(Op::Blu, x, y), ux < uy, "blu {x} {y}");
            assert_eq!(branch(Op::Bleu, x, y), ux <= uy, "bleu {x} {y}");
        }
        // DTrace's signed branches look at the sign of the wrapped
        // difference (V is never set): i64::MIN - 1 is positive.
        assert!(branch(Op::Bg, i64::MIN, 1));
        // tst: only Z.
        let tst = |v: u64, op: Op| {
            let mut a = Asm::new();
            a.int(1, v).alu(Op::Tst, 1, 0, 0).br(op, 5).int(3, 0).ret(3).int(3, 1).ret(3);
            run(&a).unwrap() == 1
        };
        assert!(tst(0, Op::Be));
        assert!(!tst(5, Op::Be));
        assert!(tst(5, Op::Bne));
        assert!(!tst(u64::MAX, Op::Bl), "tst clears N");
    }

    #[test]
    fn backward_branches_and_bad_code_fault() {
        let r = run(Asm::new().int(1, 1).br(Op::Ba, 0));
        assert_eq!(r, Err(Fault { kind: flt::ILLOP, addr: 0, pc: 4 }));
        let r = run(Asm::new().br(Op::Ba, 0));
        assert_eq!(r.unwrap_err().kind, flt::ILLOP);
        // A branch past the end ends the program.
        assert_eq!(run(Asm::new().br(Op::Ba, 100).int(1, 1).ret(1)), Ok(0));
        // Unknown opcodes, registers, table indexes.
        assert_eq!(run(Asm::new().i(Instr(0))).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().i(Instr(0xff00_0000))).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().alu(Op::Add, 8, 1, 2)).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().alu(Op::Add, 1, 1, 9)).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().tbl(Op::Setx, 3, 1)).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().tbl(Op::Sets, 0, 1)).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().tbl(Op::Xlate, 0, 1)).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().tbl(Op::Ldta, 0x500, 1)).unwrap_err().kind, flt::ILLOP);
        // Undeclared variables.
        assert_eq!(run(Asm::new().tbl(Op::Ldgs, 0x500, 1)).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().tbl(Op::Stgs, 0x100, 1)).unwrap_err().kind, flt::ILLOP);
        assert_eq!(run(Asm::new().tbl(Op::Ldts, 0x500, 1)).unwrap_err().kind, flt::ILLOP);
    }

    // ---- memory -----------------------------------------------------------

    #[test]
    fn loads_through_the_engine() {
        let mut a = Asm::new();
        a.int(1, 0x1000).alu(Op::Ldsb, 1, 0, 2).ret(2);
        let d = a.difo();
        let mut m = Machine::new(&[&d], 256, 1 << 16);
        let bytes: Vec<u8> = vec![0xf0, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00, 0x01, 0x02];
        m.env.kmem.push((0x1000, bytes.clone()));
        m.env.umem.push((0x2000, vec![0x7f, 0xff, 0xee, 0xdd, 0, 0, 0, 0x80]));
        let load = |m: &mut Machine, op: Op, at: u64| {
            let mut a = Asm::new();
            a.int(1, at).alu(op, 1, 0, 2).ret(2);
            m.exec(&a.difo())
        };
        assert_eq!(load(&mut m, Op::Ldsb, 0x1000), Ok(0xffff_ffff_ffff_fff0));
        assert_eq!(load(&mut m, Op::Ldub, 0x1000), Ok(0xf0));
        assert_eq!(load(&mut m, Op::Ldsh, 0x1000), Ok(0xffff_ffff_ffff_fff0));
        assert_eq!(load(&mut m, Op::Lduh, 0x1000), Ok(0xfff0));
        assert_eq!(load(&mut m, Op::Ldsw, 0x1000), Ok(0xffff_ffff_ffff_fff0));
        assert_eq!(load(&mut m, Op::Lduw, 0x1000), Ok(0xffff_fff0));
        assert_eq!(load(&mut m, Op::Ldx, 0x1000), Ok(0x0000_0080_ffff_fff0));
        assert_eq!(load(&mut m, Op::Ldub, 0x1009), Ok(2));
        // Misaligned kernel loads are fine on x86...
        assert_eq!(load(&mut m, Op::Lduh, 0x1001), Ok(0xffff));
        // ...a bad address is not.
        assert_eq!(load(&mut m, Op::Ldx, 0x1004), Err(Fault { kind: flt::BADADDR, addr: 0x1004, pc: 4 }));
        assert_eq!(load(&mut m, Op::Ldub, 0), Err(Fault { kind: flt::BADADDR, addr: 0, pc: 4 }));
        assert_eq!(load(&mut m, Op::Ldub, 0x2000).unwrap_err().addr, 0x2000, "kernel loads do not see user memory");
        // User loads.
        assert_eq!(load(&mut m, Op::Uldsb, 0x2001), Ok(u64::MAX));
        assert_eq!(load(&mut m, Op::Uldub, 0x2000), Ok(0x7f));
        assert_eq!(load(&mut m, Op::Ulduh, 0x2002), Ok(0xddee));
        assert_eq!(load(&mut m, Op::Uldsw, 0x2004), Ok(0xffff_ffff_8000_0000));
        assert_eq!(load(&mut m, Op::Ulduw, 0x2004), Ok(0x8000_0000));
        assert_eq!(load(&mut m, Op::Uldsh, 0x2006), Ok(0xffff_ffff_ffff_8000));
        assert_eq!(load(&mut m, Op::Uldx, 0x2000), Ok(0x8000_0000_ddee_ff7f));
        assert_eq!(load(&mut m, Op::Uldx, 0x1000).unwrap_err().kind, flt::BADADDR);
        // Restricted loads of anything but VM memory.
        assert_eq!(load(&mut m, Op::Rldub, 0x1000), Err(Fault { kind: flt::KPRIV, addr: 0x1000, pc: 4 }));
        for op in [Op::Rldsb, Op::Rldsh, Op::Rldsw, Op::Rlduh, Op::Rlduw, Op::Rldx] {
            assert_eq!(load(&mut m, op, 0x1000).unwrap_err().kind, flt::KPRIV);
        }

        // The SPARC rule when asked for.
        let cfg = VmConfig { check_load_alignment: true, ..VmConfig::default() };
        let mut m2 = Machine::with_config(&[&d], 256, 1 << 16, &cfg);
        m2.env.kmem.push((0x1000, bytes));
        m2.env.umem.push((0x2000, vec![0; 8]));
        assert_eq!(load(&mut m2, Op::Lduh, 0x1001), Err(Fault { kind: flt::BADALIGN, addr: 0x1001, pc: 4 }));
        assert_eq!(load(&mut m2, Op::Ulduw, 0x2002).unwrap_err().kind, flt::BADALIGN);
        assert_eq!(load(&mut m2, Op::Lduw, 0x1004), Ok(0x80));
    }

    #[test]
    fn scratch_stores_and_loads() {
        // p = alloca(16); *(uint64_t *)p = 0x1122334455667788; p[8] = 0xab;
        // return *(uint32_t *)(p + 4) + *(uint8_t *)(p + 8)
        let mut a = Asm::new();
        a.int(1, 16)
            .alu(Op::Allocs, 1, 0, 2)
            .int(3, 0x1122_3344_5566_7788)
            .alu(Op::Stx, 3, 0, 2)
            .int(4, 8)
            .alu(Op::Add, 2, 4, 5)
            .int(3, 0xab)
            .alu(Op::Stb, 3, 0, 5)
            .int(4, 4)
            .alu(Op::Add, 2, 4, 6)
            .alu(Op::Lduw, 6, 0, 6)
            .alu(Op::Ldub, 5, 0, 5)
            .alu(Op::Add, 5, 6, 6)
            .ret(6);
        assert_eq!(run(&a), Ok(0x1122_3344 + 0xab));
        // Restricted loads of scratch are allowed.
        let mut b = Asm::new();
        b.int(1, 8).alu(Op::Allocs, 1, 0, 2).int(3, 77).alu(Op::Stw, 3, 0, 2).alu(Op::Rlduw, 2, 0, 4).ret(4);
        assert_eq!(run(&b), Ok(77));
        // allocs zeroes and aligns to 8.
        let mut c = Asm::new();
        c.int(1, 3)
            .alu(Op::Allocs, 1, 0, 2)
            .alu(Op::Allocs, 1, 0, 3)
            .alu(Op::Sub, 3, 2, 4)
            .alu(Op::Ldub, 3, 0, 5)
            .alu(Op::Add, 4, 5, 4)
            .ret(4);
        assert_eq!(run(&c), Ok(8));
    }

    #[test]
    fn stores_outside_scratch_are_refused() {
        let st = |setup: &dyn Fn(&mut Asm), op: Op| {
            let mut a = Asm::new();
            setup(&mut a);
            a.int(3, 1).alu(op, 3, 0, 2).int(4, 0).ret(4);
            run(&a)
        };
        // Kernel addresses.
        let r = st(
            &|a| {
                a.int(2, 0x1000);
            },
            Op::Stb,
        );
        assert_eq!(r, Err(Fault { kind: flt::BADADDR, addr: 0x1000, pc: 8 }));
        // The string table is read-only.
        let r = st(
            &|a| {
                a.str(2, "abc");
            },
            Op::Stb,
        );
        assert_eq!(r.unwrap_err().kind, flt::BADADDR);
        // Past the allocated part of scratch.
        let r = st(
            &|a| {
                a.int(1, 8).alu(Op::Allocs, 1, 0, 2).int(5, 8).alu(Op::Add, 2, 5, 2);
            },
            Op::Stb,
        );
        assert_eq!(r.unwrap_err().kind, flt::BADADDR);
        let r = st(
            &|a| {
                a.int(1, 8).alu(Op::Allocs, 1, 0, 2).int(5, 4).alu(Op::Add, 2, 5, 2);
            },
            Op::Stx,
        );
        assert_eq!(r.unwrap_err().kind, flt::BADADDR);
        // Misaligned stores.
        for (op, off) in [(Op::Sth, 1), (Op::Stw, 2), (Op::Stx, 4)] {
            let r = st(
                &|a| {
                    a.int(1, 16).alu(Op::Allocs, 1, 0, 2).int(5, off).alu(Op::Add, 2, 5, 2);
                },
                op,
            );
            assert_eq!(r.unwrap_err().kind, flt::BADALIGN, "{op:?}");
        }
        // Dynamic variable memory outside a live variable's data.
        assert_eq!(
            st(
                &|a| {
                    a.int(2, addr::DYNVARS);
                },
                Op::Stb
            )
            .unwrap_err()
            .kind,
            flt::BADADDR
        );
        // Out of scratch.
        let r = run(Asm::new().int(1, 1 << 40).alu(Op::Allocs, 1, 0, 2).ret(2));
        assert_eq!(r.unwrap_err().kind, flt::NOSCRATCH);
        let r = run(Asm::new().int(1, u64::MAX).alu(Op::Allocs, 1, 0, 2).ret(2));
        assert_eq!(r.unwrap_err().kind, flt::NOSCRATCH);
    }

    #[test]
    fn copys_copies_into_scratch() {
        // p = allocs(6); copys("hello", 6, p); return p
        let mut a = Asm::new();
        a.int(1, 6).alu(Op::Allocs, 1, 0, 2).str(3, "hello").alu(Op::Copys, 3, 1, 2).ret(2);
        assert_eq!(run_str(&a).unwrap(), "hello");
        // From kernel memory, and a bad source.
        let mut b = Asm::new();
        b.int(1, 3).alu(Op::Allocs, 1, 0, 2).int(3, 0x1000).alu(Op::Copys, 3, 1, 2).ret(2);
        let d = b.difo();
        let mut m = Machine::new(&[&d], 256, 1 << 16);
        m.env.kmem.push((0x1000, b"xyz".to_vec()));
        assert_eq!(m.exec_str(&d).unwrap(), "xyz");
        m.env.kmem.clear();
        assert_eq!(m.exec(&d).unwrap_err(), Fault { kind: flt::BADADDR, addr: 0x1000, pc: 12 });
        // Into a non-writable place.
        let mut c = Asm::new();
        c.int(1, 3).str(2, "abc").alu(Op::Copys, 2, 1, 2).ret(2);
        assert_eq!(run(&c).unwrap_err().kind, flt::BADADDR);
    }

    #[test]
    fn strings_from_the_string_table() {
        assert_eq!(run_str(Asm::new().str(1, "hello").ret(1)).unwrap(), "hello");
        assert_eq!(run_str(Asm::new().str(1, "a").str(2, "").ret(2)).unwrap(), "");
        let a = run(Asm::new().str(1, "x").str(2, "yz").ret(2)).unwrap();
        assert_eq!(a, addr::STRTAB + 2);
        // Bytes of the table by ldub.
        assert_eq!(
            run(Asm::new().str(1, "AB").int(2, 1).alu(Op::Add, 1, 2, 1).alu(Op::Ldub, 1, 0, 3).ret(3)),
            Ok(u64::from(b'B'))
        );
    }

    #[test]
    fn read_bytes_of_results() {
        let mut a = Asm::new();
        a.int(1, 8).alu(Op::Allocs, 1, 0, 2).int(3, 0x0102_0304_0506_0708).alu(Op::Stx, 3, 0, 2).ret(2);
        let d = a.difo();
        let mut m = Machine::new(&[&d], 256, 1 << 16);
        let p = m.exec(&d).unwrap();
        let mut out = [0u8; 8];
        m.vm.read_bytes(&d, &mut m.g, &mut m.env, p, &mut out).unwrap();
        assert_eq!(u64::from_ne_bytes(out), 0x0102_0304_0506_0708);
        let mut big = [0u8; 9];
        assert_eq!(m.vm.read_bytes(&d, &mut m.g, &mut m.env, p, &mut big).unwrap_err().kind, flt::BADADDR);
        // After begin_clause the scratch addresses are gone.
        m.vm.begin_clause();
        assert_eq!(m.vm.read_bytes(&d, &mut m.g, &mut m.env, p, &mut out).unwrap_err().kind, flt::BADADDR);
        // Kernel memory through the engine, and strings from there.
        m.env.kmem.push((0x5000, b"kernel string\0junk".to_vec()));
        let mut s = [0xffu8; 20];
        let n = m.vm.read_string(&d, &mut m.g, &mut m.env, 0x5000, &mut s).unwrap();
        assert_eq!(&s[..n], b"kernel string");
        assert!(s[n..].iter().all(|&b| b == 0));
        assert_eq!(m.vm.read_string(&d, &mut m.g, &mut m.env, 0, &mut s).unwrap_err().kind, flt::BADADDR);
    }

    // ---- variables --------------------------------------------------------

    #[test]
    fn global_scalars() {
        // x = 5 (0x500); y = "hi" (0x501, string); return x + 1
        let mut w = Asm::new();
        w.var(0x500, difv::SCOPE_GLOBAL, difv::KIND_SCALAR, false)
            .var(0x501, difv::SCOPE_GLOBAL, difv::KIND_SCALAR, true)
            .int(1, 5)
            .tbl(Op::Stgs, 0x500, 1)
            .str(2, "hi")
            .tbl(Op::Stgs, 0x501, 2)
            .tbl(Op::Ldgs, 0x500, 3)
            .int(4, 1)
            .alu(Op::Add, 3, 4, 3)
            .ret(3);
        let mut r = Asm::new();
        r.var(0x501, difv::SCOPE_GLOBAL, difv::KIND_SCALAR, true).tbl(Op::Ldgs, 0x501, 1).ret(1);
        let (wd, rd) = (w.difo(), r.difo());
        let mut m = Machine::new(&[&wd, &rd], 256, 1 << 16);
        // A string global never assigned reads as "".
        assert_eq!(m.exec_str(&rd).unwrap(), "");
        assert_eq!(m.exec(&wd), Ok(6));
        assert_eq!(m.g.scalar(0x500), Some(5));
        m.vm.begin_firing();
        let p = m.exec(&rd).unwrap();
        assert_eq!(p & !addr::OFFSET_MASK, addr::GLOBALS);
        assert_eq!(m.string(&rd, p), "hi");
        // Assigning NULL makes the reference NULL.
        let mut n = Asm::new();
        n.var(0x501, difv::SCOPE_GLOBAL, difv::KIND_SCALAR, true)
            .tbl(Op::Stgs, 0x501, 0)
            .tbl(Op::Ldgs, 0x501, 1)
            .ret(1);
        let nd = n.difo();
        assert_eq!(m.exec(&nd), Ok(0));
    }

    #[test]
    fn string_variables_are_truncated_to_strsize() {
        let mut w = Asm::new();
        w.var(0x501, difv::SCOPE_GLOBAL, difv::KIND_SCALAR, true)
            .str(2, "abcdefghijkl")
            .tbl(Op::Stgs, 0x501, 2)
            .tbl(Op::Ldgs, 0x501, 1)
            .ret(1);
        let d = w.difo();
        let mut m = Machine::new(&[&d], 8, 1 << 16);
        assert_eq!(m.exec_str(&d).unwrap(), "abcdefg");
    }

    #[test]
    fn clause_locals() {
        // this->x = this->x + 1; this->s = "str"; return this->x
        let mut a = Asm::new();
        a.var(0x500, difv::SCOPE_LOCAL, difv::KIND_SCALAR, false)
            .var(0x501, difv::SCOPE_LOCAL, difv::KIND_SCALAR, true)
            .tbl(Op::Ldls, 0x500, 1)
            .int(2, 1)
            .alu(Op::Add, 1, 2, 1)
            .tbl(Op::Stls, 0x500, 1)
            .str(3, "str")
            .tbl(Op::Stls, 0x501, 3)
            .ret(1);
        let mut s = Asm::new();
        s.var(0x501, difv::SCOPE_LOCAL, difv::KIND_SCALAR, true).tbl(Op::Ldls, 0x501, 1).ret(1);
        let (d, sd) = (a.difo(), s.difo());
        let mut m = Machine::new(&[&d, &sd], 256, 1 << 16);
        m.vm.begin_firing();
        assert_eq!(m.exec(&d), Ok(1));
        m.vm.begin_clause();
        assert_eq!(m.exec(&d), Ok(2), "kept across the clauses of a firing");
        let p = m.exec(&sd).unwrap();
        assert_eq!(p & !addr::OFFSET_MASK, addr::LOCALS);
        assert_eq!(m.string(&sd, p), "str");
        m.vm.begin_firing();
        assert_eq!(m.exec(&d), Ok(1), "reset for a new firing");
        // Built-in ids read as 0 (DTrace: "no meaning").
        assert_eq!(run(Asm::new().tbl(Op::Ldls, 0x100, 1).ret(1)), Ok(0));
    }

    #[test]
    fn thread_locals() {
        // self->x = arg; return self->x
        let mut w = Asm::new();
        w.var(0x500, difv::SCOPE_THREAD, difv::KIND_SCALAR, false)
            .ldga_arg0(1)
            .tbl(Op::Stts, 0x500, 1)
            .tbl(Op::Ldts, 0x500, 2)
            .ret(2);
        let mut r = Asm::new();
        r.var(0x500, difv::SCOPE_THREAD, difv::KIND_SCALAR, false).tbl(Op::Ldts, 0x500, 2).ret(2);
        let (wd, rd) = (w.difo(), r.difo());
        let mut m = Machine::new(&[&wd, &rd], 256, 1 << 16);
        m.env.args[0] = 42;
        assert_eq!(m.exec(&wd), Ok(42));
        assert_eq!(m.exec(&rd), Ok(42));
        m.env.tid = 2;
        assert_eq!(m.exec(&rd), Ok(0), "another thread");
        m.env.args[0] = 7;
        assert_eq!(m.exec(&wd), Ok(7));
        m.env.tid = 1;
        assert_eq!(m.exec(&rd), Ok(42));
        assert_eq!(m.g.dynvars().len(), 2);
        // Storing 0 deletes the variable.
        m.env.args[0] = 0;
        assert_eq!(m.exec(&wd), Ok(0));
        assert_eq!(m.g.dynvars().len(), 1);
        // String thread-locals.
        let mut s = Asm::new();
        s.var(0x501, difv::SCOPE_THREAD, difv::KIND_SCALAR, true)
            .str(1, "thread")
            .tbl(Op::Stts, 0x501, 1)
            .tbl(Op::Ldts, 0x501, 2)
            .ret(2);
        let sd = s.difo();
        let mut m = Machine::new(&[&sd], 256, 1 << 16);
        let p = m.exec(&sd).unwrap();
        assert_eq!(p & !addr::OFFSET_MASK, addr::DYNVARS);
        assert_eq!(m.string(&sd, p), "thread");
    }

    impl Asm {
        fn ldga_arg0(&mut self, rd: u8) -> &mut Self {
            self.i(Instr::ldga(0, 0, rd))
        }
    }

    #[test]
    fn associative_arrays_with_tuples() {
        // a[k, s] = v (0x500 global array; k int, s string), and a reader.
        let store = |k: i64, s: &str, v: i64| {
            let mut a = Asm::new();
            a.var(0x500, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, false)
                .alu(Op::Flushts, 0, 0, 0)
                .sint(1, k)
                .pushv(1)
                .str(2, s)
                .pushs(2)
                .sint(3, v)
                .tbl(Op::Stgaa, 0x500, 3)
                .ret(3);
            a.difo()
        };
        let load = |k: i64, s: &str| {
            let mut a = Asm::new();
            a.var(0x500, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, false)
                .alu(Op::Flushts, 0, 0, 0)
                .sint(1, k)
                .pushv(1)
                .str(2, s)
                .pushs(2)
                .tbl(Op::Ldgaa, 0x500, 3)
                .ret(3);
            a.difo()
        };
        let l = load(0, "");
        let mut m = Machine::new(&[&l], 256, 1 << 16);
        assert_eq!(m.exec(&store(1, "abc", 100)), Ok(100));
        assert_eq!(m.exec(&store(1, "abd", 200)), Ok(200));
        assert_eq!(m.exec(&store(2, "abc", 300)), Ok(300));
        assert_eq!(m.exec(&load(1, "abc")), Ok(100));
        assert_eq!(m.exec(&load(1, "abd")), Ok(200));
        assert_eq!(m.exec(&load(2, "abc")), Ok(300));
        assert_eq!(m.exec(&load(2, "abd")), Ok(0));
        assert_eq!(m.exec(&load(1, "ab")), Ok(0));
        assert_eq!(m.g.dynvars().len(), 3);
        // Overwrite, then delete by storing 0.
        assert_eq!(m.exec(&store(1, "abc", 101)), Ok(101));
        assert_eq!(m.exec(&load(1, "abc")), Ok(101));
        assert_eq!(m.exec(&store(1, "abc", 0)), Ok(0));
        assert_eq!(m.exec(&load(1, "abc")), Ok(0));
        assert_eq!(m.g.dynvars().len(), 2);
        // A string key from kernel memory equals the same string from the
        // string table: keys compare by content.
        let mut k = Asm::new();
        k.var(0x500, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, false)
            .alu(Op::Flushts, 0, 0, 0)
            .int(1, 2)
            .pushv(1)
            .int(2, 0x3000)
            .pushs(2)
            .tbl(Op::Ldgaa, 0x500, 3)
            .ret(3);
        m.env.kmem.push((0x3000, b"abc\0zzz".to_vec()));
        assert_eq!(m.exec(&k.difo()), Ok(300));
        // A global array and a thread-local array with the same id and
        // keys are different variables.
        let mut t = Asm::new();
        t.var(0x500, difv::SCOPE_THREAD, difv::KIND_ARRAY, false)
            .alu(Op::Flushts, 0, 0, 0)
            .int(1, 2)
            .pushv(1)
            .str(2, "abc")
            .pushs(2)
            .tbl(Op::Ldtaa, 0x500, 3)
            .int(4, 9)
            .tbl(Op::Sttaa, 0x500, 4)
            .tbl(Op::Ldtaa, 0x500, 5)
            .alu(Op::Add, 3, 5, 3)
            .ret(3);
        let td = t.difo();
        let mut m2 = Machine::new(&[&l, &td], 256, 1 << 16);
        assert_eq!(m2.exec(&store(2, "abc", 300)), Ok(300));
        assert_eq!(m2.exec(&td), Ok(9));
        m2.env.tid = 99;
        assert_eq!(m2.exec(&td), Ok(9), "another thread starts from 0");
        assert_eq!(m2.exec(&load(2, "abc")), Ok(300));
    }

    #[test]
    fn string_valued_arrays() {
        // names[pid] = execname; return names[pid]
        let mut a = Asm::new();
        a.var(0x500, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, true)
            .alu(Op::Flushts, 0, 0, 0)
            .tbl(Op::Ldgs, 0x116, 1)
            .pushv(1)
            .tbl(Op::Ldgs, 0x118, 2)
            .tbl(Op::Stgaa, 0x500, 2)
            .tbl(Op::Ldgaa, 0x500, 3)
            .ret(3);
        let d = a.difo();
        let mut m = Machine::new(&[&d], 256, 1 << 16);
        m.env.execname = b"bash".to_vec();
        assert_eq!(m.exec_str(&d).unwrap(), "bash");
    }

    #[test]
    fn dynamic_variable_exhaustion_counts_drops() {
        // a[arg0] = 1 for many arg0 in a tiny store.
        let mut a = Asm::new();
        a.var(0x500, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, false)
            .alu(Op::Flushts, 0, 0, 0)
            .ldga_arg0(1)
            .pushv(1)
            .int(2, 1)
            .tbl(Op::Stgaa, 0x500, 2)
            .tbl(Op::Ldgaa, 0x500, 3)
            .ret(3);
        let d = a.difo();
        let mut m = Machine::new(&[&d], 256, 2048);
        let mut stored = 0;
        for i in 0..200 {
            m.env.args[0] = i;
            if m.exec(&d) == Ok(1) {
                stored += 1;
            }
        }
        assert!(stored > 0 && stored < 200, "{stored}");
        assert_eq!(m.g.dynvar_drops(), 200 - stored);
        assert_eq!(m.g.take_dynvar_drops(), 200 - stored);
        assert_eq!(m.g.dynvar_drops(), 0);
    }

    #[test]
    fn builtins_and_args() {
        assert_eq!(run(Asm::new().tbl(Op::Ldgs, 0x116, 1).ret(1)), Ok(1234));
        assert_eq!(run_str(Asm::new().tbl(Op::Ldgs, 0x118, 1).ret(1)).unwrap(), "ksh");
        assert_eq!(run(Asm::new().tbl(Op::Ldgs, 0x106, 1).ret(1)), Ok(10), "arg0");
        assert_eq!(run(Asm::new().tbl(Op::Ldgs, 0x10f, 1).ret(1)), Ok(19), "arg9");
        assert_eq!(run(Asm::new().int(2, 3).i(Instr::ldga(0, 2, 1)).ret(1)), Ok(13), "args[3]");
        assert_eq!(
            run(Asm::new().int(2, 30).i(Instr::ldga(0, 2, 1)).ret(1)).unwrap_err(),
            Fault { kind: flt::ILLOP, addr: 30, pc: 4 }
        );
        assert_eq!(run(Asm::new().tbl(Op::Ldgs, 0x11f, 1).ret(1)).unwrap_err().kind, flt::ILLOP);
        // Built-in strings are truncated to strsize.
        let d = Asm::new().tbl(Op::Ldgs, 0x118, 1).ret(1).difo();
        let mut m = Machine::new(&[&d], 4, 1 << 16);
        m.env.execname = b"longname".to_vec();
        assert_eq!(m.exec_str(&d).unwrap(), "lon");
    }

    #[test]
    fn tuple_stack() {
        let mut a = Asm::new();
        a.int(1, 1);
        for _ in 0..8 {
            a.pushv(1);
        }
        a.pushv(1);
        assert_eq!(run(&a).unwrap_err(), Fault { kind: flt::TUPOFLOW, addr: 0, pc: 36 });
        let mut b = Asm::new();
        b.int(1, 1);
        for _ in 0..8 {
            b.pushv(1);
        }
        b.alu(Op::Popts, 0, 0, 0).pushv(1).alu(Op::Flushts, 0, 0, 0).alu(Op::Popts, 0, 0, 0).pushv(1).ret(1);
        assert_eq!(run(&b), Ok(1));
        // Too large a by-reference key.
        let mut c = Asm::new();
        c.var(0x500, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, false)
            .int(1, 1 << 20)
            .alu(Op::Allocs, 1, 0, 2)
            .alu(Op::Pushtr, 0, 1, 2)
            .tbl(Op::Ldgaa, 0x500, 3)
            .ret(3);
        assert_eq!(run(&c).unwrap_err().kind, flt::NOSCRATCH);
    }

    #[test]
    fn scmp_compares_strings() {
        let cmp = |x: Option<&str>, y: Option<&str>, op: Op| {
            let mut a = Asm::new();
            match x {
                Some(s) => a.str(1, s),
                None => a.int(1, 0),
            };
            match y {
                Some(s) => a.str(2, s),
                None => a.int(2, 0),
            };
            let target = a.code.len() as u32 + 4;
            a.alu(Op::Scmp, 1, 2, 0).br(op, target).int(3, 0).ret(3).int(3, 1).ret(3);
            run(&a).unwrap() == 1
        };
        assert!(cmp(Some("abc"), Some("abc"), Op::Be));
        assert!(cmp(Some("abc"), Some("abd"), Op::Bl));
        assert!(cmp(Some("b"), Some("abc"), Op::Bg));
        assert!(cmp(Some(""), None, Op::Be), "NULL is the empty string");
        assert!(cmp(None, Some("a"), Op::Bl));
        assert!(!cmp(Some("a"), Some("ab"), Op::Be));
        // Builtin string against a literal: execname == "ksh".
        let mut a = Asm::new();
        a.tbl(Op::Ldgs, 0x118, 1).str(2, "ksh").alu(Op::Scmp, 1, 2, 0).br(Op::Be, 6).int(3, 0).ret(3).int(3, 1).ret(3);
        assert_eq!(run(&a), Ok(1));
        // Strings compare within strsize only.
        let mut b = Asm::new();
        b.str(1, "abcdefX").str(2, "abcdefY").alu(Op::Scmp, 1, 2, 0).br(Op::Be, 6).int(3, 0).ret(3).int(3, 1).ret(3);
        let d = b.difo();
        assert_eq!(Machine::new(&[&d], 6, 1024).exec(&d), Ok(1));
        assert_eq!(Machine::new(&[&d], 256, 1024).exec(&d), Ok(0));
        // A bad string address faults.
        let mut c = Asm::new();
        c.int(1, 0x9999).str(2, "x").alu(Op::Scmp, 1, 2, 0).ret(0);
        assert_eq!(run(&c).unwrap_err(), Fault { kind: flt::BADADDR, addr: 0x9999, pc: 8 });
    }

    // ---- subroutines ------------------------------------------------------

    #[test]
    fn strlen_strjoin() {
        assert_eq!(call_int(subr::STRLEN, &[S("hello")]), Ok(5));
        assert_eq!(call_int(subr::STRLEN, &[S("")]), Ok(0));
        assert_eq!(call_int(subr::STRLEN, &[Null]).unwrap_err().kind, flt::BADADDR);
        assert_eq!(call_str(subr::STRJOIN, &[S("foo"), S("bar")]).unwrap(), "foobar");
        assert_eq!(call_str(subr::STRJOIN, &[S(""), S("")]).unwrap(), "");
        // strsize bounds: the joined string must fit with its NUL.
        assert_eq!(call_str_sized(8, subr::STRJOIN, &[S("abc"), S("defg")]).unwrap(), "abcdefg");
        assert_eq!(call_str_sized(8, subr::STRJOIN, &[S("abcd"), S("efgh")]).unwrap_err().kind, flt::NOSCRATCH);
        let long = "x".repeat(300);
        assert_eq!(call_int(subr::STRLEN, &[S(&long)]), Ok(256), "strlen is bounded by strsize");
    }

    #[test]
    fn substr_all_forms() {
        assert_eq!(call_str(subr::SUBSTR, &[S("coconut"), I(3), I(2)]).unwrap(), "on");
        assert_eq!(call_str(subr::SUBSTR, &[S("coconut"), I(3)]).unwrap(), "onut");
        assert_eq!(call_str(subr::SUBSTR, &[S("coconut"), I(-3)]).unwrap(), "nut");
        assert_eq!(call_str(subr::SUBSTR, &[S("coconut"), I(-3), I(1)]).unwrap(), "n");
        assert_eq!(call_str(subr::SUBSTR, &[S("coconut"), I(1), I(-2)]).unwrap(), "ocon");
        assert_eq!(call_str(subr::SUBSTR, &[S("coconut"), I(10)]).unwrap(), "");
        assert_eq!(call_str(subr::SUBSTR, &[S("coconut"), I(-10), I(5)]).unwrap(), "co");
        assert_eq!(call_str_sized(4, subr::SUBSTR, &[S("coconut"), I(1)]).unwrap(), "oco");
    }

    #[test]
    fn index_rindex() {
        let i = |f: u16, args: &[Arg]| call_int(f, args).unwrap() as i64;
        assert_eq!(i(subr::INDEX, &[S("hello"), S("l")]), 2);
        assert_eq!(i(subr::RINDEX, &[S("hello"), S("l")]), 3);
        assert_eq!(i(subr::INDEX, &[S("hello"), S("l"), I(3)]), 3);
        assert_eq!(i(subr::RINDEX, &[S("hello"), S("l"), I(2)]), 2);
        assert_eq!(i(subr::INDEX, &[S("hello"), S("z")]), -1);
        assert_eq!(i(subr::INDEX, &[S(""), S("")]), 0);
        assert_eq!(i(subr::RINDEX, &[S("hello"), S("")]), 5);
    }

    #[test]
    fn strchr_strrchr_strstr_return_pointers_into_the_string() {
        assert_eq!(call_str(subr::STRCHR, &[S("hello"), I(b'l' as i64)]).unwrap(), "llo");
        assert_eq!(call_str(subr::STRRCHR, &[S("hello"), I(b'l' as i64)]).unwrap(), "lo");
        assert_eq!(call_int(subr::STRCHR, &[S("hello"), I(b'z' as i64)]), Ok(0));
        assert_eq!(call_str(subr::STRSTR, &[S("hello world"), S("o w")]).unwrap(), "o world");
        assert_eq!(call_int(subr::STRSTR, &[S("hello"), S("xyz")]), Ok(0));
        // Into the string table itself: sets offset 0, +2.
        assert_eq!(call_int(subr::STRCHR, &[S("hello"), I(b'l' as i64)]), Ok(addr::STRTAB + 2));
        // From kernel memory.
        let d = call_asm(subr::STRCHR, &[I(0x4000), I(b'/' as i64)]).difo();
        let mut m = Machine::new(&[&d], 256, 1024);
        m.env.kmem.push((0x4000, b"usr/lib\0".to_vec()));
        assert_eq!(m.exec(&d), Ok(0x4003));
        assert_eq!(m.exec_str(&d).unwrap(), "/lib");
    }

    #[test]
    fn strtok_keeps_its_place_across_clauses() {
        let first = call_asm(subr::STRTOK, &[S(",a,b,,c"), S(",")]).difo();
        let next = call_asm(subr::STRTOK, &[Null, S(",")]).difo();
        let mut m = Machine::new(&[&first, &next], 256, 1024);
        m.vm.begin_firing();
        assert_eq!(m.exec_str(&first).unwrap(), "a");
        m.vm.begin_clause();
        assert_eq!(m.exec_str(&next).unwrap(), "b");
        m.vm.begin_clause();
        assert_eq!(m.exec_str(&next).unwrap(), "c");
        assert_eq!(m.exec(&next), Ok(0));
        // The saved pointer is now NULL, as in DTrace: a bad address.
        assert_eq!(m.exec(&next).unwrap_err().kind, flt::BADADDR);
        // Different delimiters per call.
        assert_eq!(m.exec_str(&call_asm(subr::STRTOK, &[S("a=b;c"), S("=")]).difo()).unwrap(), "a");
        assert_eq!(m.exec_str(&call_asm(subr::STRTOK, &[Null, S(";")]).difo()).unwrap(), "=b");
        // A new firing forgets the string.
        m.vm.begin_firing();
        assert_eq!(m.exec(&next).unwrap_err().kind, flt::BADADDR);
        assert_eq!(m.exec(&call_asm(subr::STRTOK, &[S(",,,"), S(",")]).difo()), Ok(0));
    }

    #[test]
    fn json_subroutine() {
        let doc = r#"{"user": {"name": "ann", "ids": [3, 4]}}"#;
        assert_eq!(call_str(subr::JSON, &[S(doc), S("user.name")]).unwrap(), "ann");
        assert_eq!(call_str(subr::JSON, &[S(doc), S("user.ids[1]")]).unwrap(), "4");
        assert_eq!(call_int(subr::JSON, &[S(doc), S("user.age")]), Ok(0));
        assert_eq!(call_int(subr::JSON, &[S("not json"), S("a")]), Ok(0));
    }

    #[test]
    fn path_subroutines() {
        assert_eq!(call_str(subr::BASENAME, &[S("/usr/lib/libc.so")]).unwrap(), "libc.so");
        assert_eq!(call_str(subr::DIRNAME, &[S("/usr/lib/libc.so")]).unwrap(), "/usr/lib");
        assert_eq!(call_str(subr::DIRNAME, &[S("/")]).unwrap(), "/");
        assert_eq!(call_str(subr::BASENAME, &[S("")]).unwrap(), ".");
        assert_eq!(call_str(subr::CLEANPATH, &[S("/foo/../bar/./baz//x")]).unwrap(), "/bar/baz/x");
        assert_eq!(call_str(subr::CLEANPATH, &[S("a/../b")]).unwrap(), "/b");
    }

    #[test]
    fn lltostr_strtoll_case() {
        assert_eq!(call_str(subr::LLTOSTR, &[I(-123)]).unwrap(), "-123");
        assert_eq!(call_str(subr::LLTOSTR, &[I(255), I(16)]).unwrap(), "0xff");
        assert_eq!(call_str(subr::LLTOSTR, &[I(8), I(8)]).unwrap(), "010");
        assert_eq!(call_str(subr::LLTOSTR, &[I(5), I(2)]).unwrap(), "101");
        assert_eq!(call_int(subr::LLTOSTR, &[I(5), I(1)]).unwrap_err().kind, flt::ILLOP);
        assert_eq!(call_int(subr::LLTOSTR, &[I(5), I(37)]).unwrap_err().kind, flt::ILLOP);
        assert_eq!(call_int(subr::STRTOLL, &[S("-42")]), Ok(-42i64 as u64));
        assert_eq!(call_int(subr::STRTOLL, &[S("0x1f"), I(16)]), Ok(31));
        assert_eq!(call_int(subr::STRTOLL, &[S("777"), I(8)]), Ok(511));
        assert_eq!(call_int(subr::STRTOLL, &[S("1"), I(0)]).unwrap_err().kind, flt::ILLOP);
        assert_eq!(call_str(subr::TOUPPER, &[S("Hello 1")]).unwrap(), "HELLO 1");
        assert_eq!(call_str(subr::TOLOWER, &[S("Hello 1")]).unwrap(), "hello 1");
        assert_eq!(call_str_sized(4, subr::TOUPPER, &[S("abcdef")]).unwrap(), "ABC");
    }

    #[test]
    fn byte_order() {
        assert_eq!(call_int(subr::HTONS, &[I(0x1234)]), Ok(0x3412));
        assert_eq!(call_int(subr::NTOHS, &[I(0xab_1234)]), Ok(0x3412));
        assert_eq!(call_int(subr::HTONL, &[I(0x1234_5678)]), Ok(0x7856_3412));
        assert_eq!(call_int(subr::NTOHL, &[I(0x1234_5678)]), Ok(0x7856_3412));
        assert_eq!(call_int(subr::HTONLL, &[I(0x0102_0304_0506_0708)]), Ok(0x0807_0605_0403_0201));
        assert_eq!(call_int(subr::NTOHLL, &[I(0x0102_0304_0506_0708)]), Ok(0x0807_0605_0403_0201));
        assert_eq!(call_int(subr::GETMAJOR, &[I(0x0080_0001)]), Ok(8));
        assert_eq!(call_int(subr::GETMINOR, &[I(0x0080_0001)]), Ok(1));
    }

    #[test]
    fn inet_subroutines() {
        let run_inet = |sub: u16, args: &[Arg], mem: &[u8]| {
            let d = call_asm(sub, args).difo();
            let mut m = Machine::new(&[&d], 256, 1024);
            m.env.kmem.push((0x6000, mem.to_vec()));
            m.exec_str(&d)
        };
        assert_eq!(run_inet(subr::INET_NTOA, &[I(0x6000)], &[127, 0, 0, 1]).unwrap(), "127.0.0.1");
        assert_eq!(run_inet(subr::INET_NTOP, &[I(2), I(0x6000)], &[10, 1, 2, 3]).unwrap(), "10.1.2.3");
        let mut v6 = [0u8; 16];
        v6[0] = 0xfe;
        v6[1] = 0x80;
        v6[15] = 1;
        assert_eq!(run_inet(subr::INET_NTOP, &[I(10), I(0x6000)], &v6).unwrap(), "fe80::1");
        assert_eq!(run_inet(subr::INET_NTOA6, &[I(0x6000)], &v6).unwrap(), "fe80::1");
        let mut mapped = [0u8; 16];
        mapped[10] = 0xff;
        mapped[11] = 0xff;
        mapped[12..].copy_from_slice(&[1, 2, 3, 4]);
        assert_eq!(run_inet(subr::INET_NTOA6, &[I(0x6000)], &mapped).unwrap(), "1.2.3.4");
        assert_eq!(run_inet(subr::INET_NTOP, &[I(10), I(0x6000)], &mapped).unwrap(), "::ffff:1.2.3.4");
        assert_eq!(run_inet(subr::INET_NTOP, &[I(26), I(0x6000)], &mapped).unwrap_err().kind, flt::ILLOP);
        assert_eq!(
            run_inet(subr::INET_NTOA, &[I(0x7000)], &mapped).unwrap_err(),
            Fault { kind: flt::BADADDR, addr: 0x7000, pc: 12 }
        );
        // From a string in VM memory (e.g. an alloca'd copy).
        assert_eq!(call_str(subr::INET_NTOA, &[S("\u{1}\u{2}\u{3}\u{4}")]).unwrap(), "1.2.3.4");
    }

    #[test]
    fn rand_is_dtraces_range_and_varies() {
        let mut a = Asm::new();
        a.tbl(Op::Call, subr::RAND, 1).ret(1);
        let d = a.difo();
        let mut m = Machine::new(&[&d], 256, 1024);
        let vals: Vec<u64> = (0..100).map(|_| m.exec(&d).unwrap()).collect();
        assert!(vals.iter().all(|&v| v < 1_771_875));
        assert!(vals.windows(2).any(|w| w[0] != w[1]));
    }

    #[test]
    fn alloca_bcopy_copyin() {
        // p = alloca(6); bcopy("hello", p, 6); return p
        let mut a = Asm::new();
        a.alu(Op::Flushts, 0, 0, 0)
            .int(1, 6)
            .pushv(1)
            .tbl(Op::Call, subr::ALLOCA, 2)
            .alu(Op::Flushts, 0, 0, 0)
            .str(3, "hello")
            .pushs(3)
            .pushv(2)
            .pushv(1)
            .tbl(Op::Call, subr::BCOPY, 0)
            .ret(2);
        assert_eq!(run_str(&a).unwrap(), "hello");
        // bcopy into anything but allocated scratch is refused.
        let b = call_asm(subr::BCOPY, &[S("hello"), I(0x1000), I(6)]);
        assert_eq!(run(&b).unwrap_err().kind, flt::BADADDR);
        // copyin / copyinstr / copyinto from user memory.
        let d = call_asm(subr::COPYINSTR, &[I(0x8000)]).difo();
        let mut m = Machine::new(&[&d], 256, 1024);
        m.env.umem.push((0x8000, b"user data\0".to_vec()));
        assert_eq!(m.exec_str(&d).unwrap(), "user data");
        let d2 = call_asm(subr::COPYINSTR, &[I(0x8000), I(4)]).difo();
        assert_eq!(m.exec_str(&d2).unwrap(), "user");
        let d3 = call_asm(subr::COPYIN, &[I(0x8005), I(4)]).difo();
        let p = m.exec(&d3).unwrap();
        let mut out = [0u8; 4];
        m.vm.read_bytes(&d3, &mut m.g, &mut m.env, p, &mut out).unwrap();
        assert_eq!(&out, b"data");
        let d4 = call_asm(subr::COPYIN, &[I(0x9000), I(4)]).difo();
        assert_eq!(m.exec(&d4).unwrap_err().addr, 0x9000);
        // copyinto(uaddr, size, alloca(size))
        let mut c = Asm::new();
        c.alu(Op::Flushts, 0, 0, 0)
            .int(1, 4)
            .pushv(1)
            .tbl(Op::Call, subr::ALLOCA, 2)
            .alu(Op::Flushts, 0, 0, 0)
            .int(3, 0x8000)
            .pushv(3)
            .pushv(1)
            .pushv(2)
            .tbl(Op::Call, subr::COPYINTO, 0)
            .ret(2);
        let cd = c.difo();
        let p = m.exec(&cd).unwrap();
        m.vm.read_bytes(&cd, &mut m.g, &mut m.env, p, &mut out).unwrap();
        assert_eq!(&out, b"user");
        // copyout / copyoutstr reach the engine.
        let o = call_asm(subr::COPYOUTSTR, &[S("out"), I(0x8800), I(10)]).difo();
        m.exec(&o).unwrap();
        assert_eq!(m.env.written.last().unwrap(), &(0x8800, b"out\0".to_vec()));
        let o = call_asm(subr::COPYOUT, &[S("abcdef"), I(0x8900), I(3)]).difo();
        m.exec(&o).unwrap();
        assert_eq!(m.env.written.last().unwrap(), &(0x8900, b"abc".to_vec()));
    }

    #[test]
    fn engine_subroutines() {
        assert_eq!(call_int(subr::SPECULATION, &[]), Ok(3));
        assert_eq!(call_int(subr::PROGENYOF, &[I(1)]), Ok(1));
        assert_eq!(call_int(subr::PROGENYOF, &[I(2)]), Ok(0));
        assert_eq!(call_str(49, &[I(0x1234)]).unwrap(), "/tmp/file");
        assert_eq!(call_int(1, &[I(41)]), Ok(42));
        assert_eq!(call_int(46, &[I(0)]).unwrap_err().kind, flt::ILLOP);
        assert_eq!(call_int(999, &[]).unwrap_err().kind, flt::ILLOP);
    }

    #[test]
    fn scratch_exhaustion() {
        let d = call_asm(subr::TOUPPER, &[S("abc")]).difo();
        let cfg = VmConfig { scratch_size: 600, ..VmConfig::default() };
        let mut m = Machine::with_config(&[&d], 256, 1024, &cfg);
        m.vm.begin_clause();
        // Each call needs strsize bytes free but keeps only 4.
        for _ in 0..86 {
            assert_eq!(m.exec_str(&d).unwrap(), "ABC");
        }
        assert!(m.vm.scratch_used() >= 344);
        let mut fails = 0;
        for _ in 0..200 {
            if m.exec(&d).is_err() {
                fails += 1;
            }
        }
        assert!(fails > 0);
        assert_eq!(m.exec(&d).unwrap_err(), Fault { kind: flt::NOSCRATCH, addr: 0, pc: 12 });
        m.vm.begin_clause();
        assert_eq!(m.exec_str(&d).unwrap(), "ABC");
    }

    #[test]
    fn layout_errors() {
        let mut l = Layout::new(256);
        let v = |id: u32, scope: u8, kind: u8, size: u32| DifVar {
            name: 0,
            id,
            kind,
            scope,
            flags: 0,
            ty: DifType { kind: diftype::CTF, ckind: 0, flags: diftype::F_BYREF, size },
        };
        assert_eq!(l.add_var(&v(0x10000, 0, 1, 8)), Err(LayoutError::BadId(0x10000)));
        assert_eq!(l.add_var(&v(0x500, 7, 1, 8)), Err(LayoutError::BadScope(7)));
        assert_eq!(l.add_var(&v(0x500, difv::SCOPE_LOCAL, difv::KIND_ARRAY, 8)), Err(LayoutError::BadKind(0x500)));
        assert_eq!(l.add_var(&v(0x500, 0, 1, 1 << 30)), Err(LayoutError::TooLarge(0x500)));
        assert_eq!(l.add_var(&v(0x500, 0, 1, 16)), Ok(()));
        assert_eq!(l.add_var(&v(0x500, 0, 1, 16)), Ok(()));
        assert_eq!(l.add_var(&v(0x500, 0, 1, 24)), Err(LayoutError::Conflict(0x500)));
        assert_eq!(l.add_var(&v(0x100, 0, 1, 24)), Ok(()), "built-ins are not stored");
        assert_eq!(l.global(0x500).map(|v| (v.byref, v.size)), Some((true, 16)));
        assert_eq!(l.thread_local(0x500), None);
        assert_eq!(l.local(0x500), None);
    }

    #[test]
    fn struct_globals_by_reference() {
        // A 16-byte struct global: g = *(struct *)alloca'd; return &g
        let mut a = Asm::new();
        a.vars.push(DifVar {
            name: 0,
            id: 0x502,
            kind: difv::KIND_SCALAR,
            scope: difv::SCOPE_GLOBAL,
            flags: 0,
            ty: DifType { kind: diftype::CTF, ckind: 0, flags: diftype::F_BYREF, size: 16 },
        });
        a.int(1, 16)
            .alu(Op::Allocs, 1, 0, 2)
            .int(3, 0xdead_beef)
            .alu(Op::Stx, 3, 0, 2)
            .tbl(Op::Stgs, 0x502, 2)
            .tbl(Op::Ldgs, 0x502, 4)
            .alu(Op::Ldx, 4, 0, 5)
            // stores into the variable itself are allowed
            .int(6, 8)
            .alu(Op::Add, 4, 6, 6)
            .alu(Op::Stx, 3, 0, 6)
            .alu(Op::Ldx, 6, 0, 6)
            .alu(Op::Add, 5, 6, 5)
            .ret(5);
        assert_eq!(run(&a), Ok(2 * 0xdead_beef));
    }

    #[test]
    fn stores_into_dynamic_variable_data() {
        // self->st (16-byte struct) = *alloca'd; self->st.b = 7; return
        // self->st.a + self->st.b; then a store just past the data.
        let build = |past: bool| {
            let mut a = Asm::new();
            a.vars.push(DifVar {
                name: 0,
                id: 0x500,
                kind: difv::KIND_SCALAR,
                scope: difv::SCOPE_THREAD,
                flags: 0,
                ty: DifType { kind: diftype::CTF, ckind: 0, flags: diftype::F_BYREF, size: 16 },
            });
            a.int(1, 16)
                .alu(Op::Allocs, 1, 0, 2)
                .int(3, 5)
                .alu(Op::Stx, 3, 0, 2)
                .tbl(Op::Stts, 0x500, 2)
                .tbl(Op::Ldts, 0x500, 4)
                .int(5, if past { 16 } else { 8 })
                .alu(Op::Add, 4, 5, 5)
                .int(6, 7)
                .alu(Op::Stx, 6, 0, 5)
                .alu(Op::Ldx, 5, 0, 5)
                .alu(Op::Ldx, 4, 0, 4)
                .alu(Op::Add, 4, 5, 4)
                .ret(4);
            a
        };
        assert_eq!(run(&build(false)), Ok(12));
        assert_eq!(run(&build(true)).unwrap_err().kind, flt::BADADDR);
    }

    // ---- robustness -------------------------------------------------------

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
    }

    #[test]
    fn random_programs_never_panic_and_stay_bounded() {
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        let interesting = [
            0u64,
            1,
            2,
            8,
            0x1000,
            0x2000,
            u64::MAX,
            addr::SCRATCH,
            addr::STRTAB,
            addr::GLOBALS,
            addr::DYNVARS,
            addr::LOCALS,
            addr::VM_BASE | 9 << 40,
        ];
        for iter in 0..30_000 {
            let len = 1 + rng.below(24) as usize;
            let mut code = Vec::with_capacity(len);
            for _ in 0..len {
                let op = rng.below(84) as u32;
                let word = match Op::from_u8(op as u8) {
                    Some(o) if (Op::Ba as u8..=Op::Bleu as u8).contains(&(o as u8)) => {
                        (op << 24) | rng.below(len as u64 + 3) as u32
                    }
                    Some(
                        Op::Ldgs
                        | Op::Stgs
                        | Op::Ldts
                        | Op::Stts
                        | Op::Ldls
                        | Op::Stls
                        | Op::Ldgaa
                        | Op::Stgaa
                        | Op::Ldtaa
                        | Op::Sttaa,
                    ) => {
                        let id = [0x100u32, 0x106, 0x116, 0x118, 0x500, 0x501, 0x502, 0x600][rng.below(8) as usize];
                        (op << 24) | id << 8 | rng.below(9) as u32
                    }
                    Some(Op::Call) => (op << 24) | (rng.below(52) as u32) << 8 | rng.below(9) as u32,
                    _ => {
                        let regs = |rng: &mut Rng| {
                            if rng.below(10) == 0 {
                                rng.below(256) as u32
                            } else {
                                rng.below(8) as u32
                            }
                        };
                        (op << 24) | regs(&mut rng) << 16 | regs(&mut rng) << 8 | regs(&mut rng)
                    }
                };
                code.push(if rng.below(50) == 0 { rng.next() as u32 } else { word });
            }
            let inttab: Vec<u64> = (0..rng.below(4))
                .map(|_| {
                    if rng.below(2) == 0 {
                        interesting[rng.below(interesting.len() as u64) as usize].wrapping_add(rng.below(64))
                    } else {
                        rng.next()
                    }
                })
                .collect();
            let strtab: Vec<u8> =
                (0..rng.below(24)).map(|_| if rng.below(4) == 0 { 0 } else { b'a' + rng.below(26) as u8 }).collect();
            let mut vartab = Vec::new();
            for id in [0x500u32, 0x501, 0x502] {
                if rng.below(2) == 0 {
                    vartab.push(DifVar {
                        name: 0,
                        id,
                        kind: rng.below(2) as u8,
                        scope: rng.below(3) as u8,
                        flags: 0,
                        ty: DifType {
                            kind: rng.below(2) as u8,
                            ckind: 0,
                            flags: rng.below(2) as u8,
                            size: rng.below(40) as u32,
                        },
                    });
                }
            }
            let d = Difo { code, inttab, strtab, vartab, rtype: DifType::default() };
            let mut l = Layout::new(16 + rng.below(64) as usize);
            let _ = l.add_difo(&d);
            let cfg = VmConfig {
                scratch_size: rng.below(2048) as usize,
                check_load_alignment: iter % 2 == 0,
                ..VmConfig::default()
            };
            let dynvar_size = rng.below(4096) as usize;
            let machine = || {
                let mut m = Machine {
                    vm: Vm::new(&l, &cfg),
                    g: Globals::new(&l, dynvar_size),
                    env: Fake::new(),
                    layout: l.clone(),
                };
                m.env.kmem.push((0x1000, (0..64).map(|i| i as u8).collect()));
                m.env.umem.push((0x2000, (0..64).map(|i| (i * 7) as u8).collect()));
                m
            };
            let (mut m, mut u) = (machine(), machine());
            let code = Code::new(&d, &l);
            let undecoded = Code::undecoded(&d);
            for _ in 0..2 {
                let r = m.vm.run(&code, &mut m.env, &mut m.g);
                assert!(m.vm.steps() <= d.code.len(), "bounded: {} > {}", m.vm.steps(), d.code.len());
                // Decoding changes nothing but speed.
                assert_eq!(r, u.vm.run(&undecoded, &mut u.env, &mut u.g), "{d:?}");
                assert_eq!((&m.g.vals, &m.vm.lvals, m.vm.steps()), (&u.g.vals, &u.vm.lvals, u.vm.steps()));
                if let Ok(v) = r {
                    let mut out = [0u8; 32];
                    let _ = m.vm.read_string(&d, &mut m.g, &mut m.env, v, &mut out);
                    let _ = m.vm.read_bytes(&d, &mut m.g, &mut m.env, v, &mut out);
                }
                if let Err(f) = r {
                    assert!(f.pc < d.code.len() * 4);
                    assert!(f.kind <= flt::BADSTACK);
                }
            }
        }
    }
}
