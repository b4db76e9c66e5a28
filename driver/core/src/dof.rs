//! DOF, the DTrace Object Format: the in-memory [`Program`] every engine
//! receives, and the parser that turns DOF version 2 bytes (LP64,
//! little-endian) into one after checking every byte of them.
//!
//! # The program model
//!
//! A [`Program`] is a list of enabling control block descriptions
//! ([`Ecb`]: a probe description, an optional predicate, actions), the
//! runtime options, and the table of printf-like format strings. It is the
//! contract between the code generator (`src/dif`), the DOF writer and every
//! engine. An [`Action`] follows `dtrace_actdesc_t`: `kind` is a
//! [`crate::isa::act`] constant; `difo` computes the action's value; for the
//! printf-like kinds (printf, printa, system, freopen) `arg` is the 1-based
//! index of the format in [`Program::formats`] (0: printa without a
//! format); for aggregating kinds `arg` packs the parameters as DTrace does
//! (lquantize's base, levels and step, ...), and `ntuple` counts the key
//! actions (`DIFEXPR`, or a stack or symbol action: [`act::is_key_part`])
//! that immediately precede the aggregating action.
//! `uarg` is the consumer's and engines carry it untouched; the consumer
//! gives aggregating actions and the actions on an aggregation (printa,
//! clear, trunc, ...) the aggregation's id there, and a `printa()`
//! statement's actions also a statement number ([`printa_uarg`]), so that
//! `printa(@a, @b)` is told from `printa(@a); printa(@b);`.
//!
//! # The file format
//!
//! A 64-byte header (`dof_hdr_t`), an array of 32-byte section headers
//! (`dof_sec_t`), then section data. The sections an enabling uses:
//!
//! | type | content | align | entsize |
//! |---|---|---|---|
//! | ECBDESC | `dof_ecbdesc_t`: probe desc, predicate DIFO, actions (section indices), uarg | 8 | 0 |
//! | PROBEDESC | `dof_probedesc_t`: string table, provider/module/function/name offsets, id | 4 | 0 |
//! | ACTDESC | array of `dof_actdesc_t`: DIFO, string table, kind, ntuple, arg, uarg | 8 | 32 |
//! | DIFOHDR | `dof_difohdr_t`: return type, then the indices of the DIFO's tables | 4 | 0 |
//! | DIF | instructions | 4 | 4 |
//! | INTTAB | `u64` integer table | 8 | 8 |
//! | STRTAB | NUL-terminated strings | 1 | 0 |
//! | VARTAB | array of `dtrace_difv_t` | 4 | 20 |
//! | OPTDESC | array of `dof_optdesc_t`: option id, string table (none), value | 8 | 16 |
//!
//! Printf-like actions name a string table and the byte offset of their
//! format in it, as in DTrace. All of them share one string table holding
//! every format of the program in order, so the parser reads
//! [`Program::formats`] back from that table; a format no action uses is
//! not carried.
//!
//! # Validation
//!
//! [`parse`] rejects (with a [`DofError`], never a panic) anything out of
//! place: header identification, flags and sizes; section types, flags,
//! alignment, entry sizes, bounds and overlaps; every section link and its
//! type; string offsets and termination; action kinds, formats and tuples;
//! options; DIFO sizes; then every DIFO through [`crate::validate`].
//! What it allocates is bounded by the input: DIFO and action data shared
//! between several ECBs is materialized at most twice the input's size in
//! total, names are bounded by DTrace's name lengths.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::difo::{DifType, DifVar, Difo};
use crate::isa::{act, subr, Instr, Op, DIF_MAX_INSTRS, DIF_VERSION, NREGS, NTREGS};
use crate::validate::{validate, DifError};

/// The magic bytes that open every DOF file.
pub const DOF_MAGIC: [u8; 4] = [0x7f, b'D', b'O', b'F'];
/// Data model byte of 64-bit (LP64) DOF, the only one accepted.
pub const DOF_MODEL_LP64: u8 = 2;
/// Encoding byte of little-endian DOF, the only one accepted.
pub const DOF_ENCODE_LSB: u8 = 1;
/// DOF format version written and accepted.
pub const DOF_VERSION: u8 = 2;
/// Section header flag: the section is loaded into the engine.
pub const DOF_SECF_LOAD: u32 = 1;
/// The null section index ("no section").
pub const DOF_SECIDX_NONE: u32 = u32::MAX;

/// Size of the file header (`dof_hdr_t`).
pub const HDR_SIZE: u64 = 64;
/// Size of one section header (`dof_sec_t`).
pub const SEC_SIZE: u64 = 32;
/// Size of `dof_ecbdesc_t`.
pub const ECBDESC_SIZE: u64 = 24;
/// Size of `dof_probedesc_t`.
pub const PROBEDESC_SIZE: u64 = 24;
/// Size of `dof_actdesc_t`.
pub const ACTDESC_SIZE: u64 = 32;
/// Size of the fixed part of `dof_difohdr_t` (its return type).
pub const DIFOHDR_RTYPE_SIZE: u64 = 8;
/// Size of `dof_optdesc_t`.
pub const OPTDESC_SIZE: u64 = 16;
/// Size of `dtrace_difv_t`.
pub const DIFV_SIZE: u64 = 20;

/// Longest provider name, including its NUL (DTRACE_PROVNAMELEN).
pub const PROVNAMELEN: usize = 64;
/// Longest module name, including its NUL (DTRACE_MODNAMELEN).
pub const MODNAMELEN: usize = 64;
/// Longest function name, including its NUL (DTRACE_FUNCNAMELEN).
pub const FUNCNAMELEN: usize = 128;
/// Longest probe name, including its NUL (DTRACE_NAMELEN).
pub const NAMELEN: usize = 64;

/// Section types (`DOF_SECT_*`).
pub mod sect {
    pub const NONE: u32 = 0;
    pub const COMMENTS: u32 = 1;
    pub const SOURCE: u32 = 2;
    pub const ECBDESC: u32 = 3;
    pub const PROBEDESC: u32 = 4;
    pub const ACTDESC: u32 = 5;
    pub const DIFOHDR: u32 = 6;
    pub const DIF: u32 = 7;
    pub const STRTAB: u32 = 8;
    pub const VARTAB: u32 = 9;
    pub const RELTAB: u32 = 10;
    pub const TYPTAB: u32 = 11;
    pub const URELHDR: u32 = 12;
    pub const KRELHDR: u32 = 13;
    pub const OPTDESC: u32 = 14;
    pub const PROVIDER: u32 = 15;
    pub const PROBES: u32 = 16;
    pub const PRARGS: u32 = 17;
    pub const PROFFS: u32 = 18;
    pub const INTTAB: u32 = 19;
    pub const UTSNAME: u32 = 20;
    pub const XLTAB: u32 = 21;
    pub const XLMEMBERS: u32 = 22;
    pub const XLIMPORT: u32 = 23;
    pub const XLEXPORT: u32 = 24;
    pub const PREXPORT: u32 = 25;
    pub const PRENOFFS: u32 = 26;
}

/// Alignment and entry size every section of `kind` must have, for the
/// kinds an enabling may contain; `None` for the others.
pub const fn layout(kind: u32) -> Option<(u32, u32)> {
    match kind {
        sect::ECBDESC | sect::ACTDESC | sect::OPTDESC | sect::INTTAB => Some((8, entsize_of(kind))),
        sect::PROBEDESC | sect::DIFOHDR | sect::DIF | sect::VARTAB => Some((4, entsize_of(kind))),
        sect::STRTAB => Some((1, 0)),
        _ => None,
    }
}

const fn entsize_of(kind: u32) -> u32 {
    match kind {
        sect::ACTDESC => ACTDESC_SIZE as u32,
        sect::OPTDESC => OPTDESC_SIZE as u32,
        sect::INTTAB => 8,
        sect::DIF => 4,
        sect::VARTAB => DIFV_SIZE as u32,
        _ => 0,
    }
}

pub use crate::isa::act::{is_aggregation, is_printf_like};

/// Whether `kind` is an action kind engines know.
pub const fn is_known_action(kind: u16) -> bool {
    matches!(
        kind,
        act::NONE
            | act::DIFEXPR
            | act::EXIT
            | act::PRINTF
            | act::PRINTA
            | act::LIBACT
            | act::TRACEMEM
            | act::TRACEMEM_DYNSIZE
            | act::USTACK
            | act::JSTACK
            | act::USYM
            | act::UMOD
            | act::UADDR
            | act::STOP
            | act::RAISE
            | act::SYSTEM
            | act::FREOPEN
            | act::STACK
            | act::SYM
            | act::MOD
            | act::BREAKPOINT
            | act::PANIC
            | act::CHILL
            | act::SPECULATE
            | act::COMMIT
            | act::DISCARD
    ) || is_aggregation(kind)
}

/// Limits on what [`parse`] and [`validate`] accept, with DTrace's
/// defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest DOF, in bytes (8 MiB).
    pub max_dof_size: u64,
    /// Largest DIFO: code and tables together, in bytes (256 KiB).
    pub max_difo_size: u64,
    /// Most instructions in one DIFO.
    pub max_dif_instrs: usize,
    /// Most actions in one action section (16 Ki).
    pub max_actions: u32,
    /// Largest by-reference global variable, in bytes (16 KiB).
    pub max_global_size: u32,
    /// Default string size (`strsize`, 256): what engines use for strings
    /// whose type says size 0.
    pub strsize: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_dof_size: 8 << 20,
            max_difo_size: 256 << 10,
            max_dif_instrs: DIF_MAX_INSTRS,
            max_actions: 16 << 10,
            max_global_size: 16 << 10,
            strsize: 256,
        }
    }
}

/// What an ECB fires on: a probe description whose empty fields match
/// anything (as `dtrace_probedesc_t`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProbeDesc {
    /// Probe id, or 0 to match by name.
    pub id: u32,
    pub provider: String,
    pub module: String,
    pub function: String,
    pub name: String,
}

/// One action of an ECB (a `dtrace_actdesc_t`; see the module doc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Action {
    /// A [`crate::isa::act`] constant.
    pub kind: u16,
    /// The expression whose value the action records or uses.
    pub difo: Option<Difo>,
    /// Aggregations: how many key actions precede this one. 0 otherwise.
    pub ntuple: u32,
    /// Kind-specific argument; for printf-like actions the 1-based index
    /// of the format in [`Program::formats`].
    pub arg: u64,
    /// Consumer-defined argument, carried untouched.
    pub uarg: u64,
}

/// The `uarg` of a `printa()` action: the aggregation id in the low 32
/// bits, and in the high 32 bits a number shared by the actions of one
/// `printa()` statement and different from the next statement's. (libdtrace
/// groups the records of one statement by their equal uarg in the same
/// way: dt_consume.c scans a printa's records until the uarg changes.)
pub fn printa_uarg(statement: u32, agg: u32) -> u64 {
    u64::from(statement) << 32 | u64::from(agg)
}

/// The statement number of a `printa()` action's `uarg` ([`printa_uarg`]).
pub fn printa_statement(uarg: u64) -> u32 {
    (uarg >> 32) as u32
}

/// An enabling control block description: what to do when a probe fires.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ecb {
    pub probe: ProbeDesc,
    /// Actions run only when this returns non-zero.
    pub pred: Option<Difo>,
    pub actions: Vec<Action>,
    /// Consumer-defined argument, carried untouched.
    pub uarg: u64,
}

/// A whole D program, as engines receive it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    pub ecbs: Vec<Ecb>,
    /// Runtime options: (`DTRACEOPT_*` id, value). Engines check ids and
    /// values; the parser only rejects what DOF forbids (string options,
    /// unset values).
    pub options: Vec<(u32, u64)>,
    /// Format strings of printf-like actions (without NUL), referred to by
    /// 1-based index.
    pub formats: Vec<Vec<u8>>,
}

impl Program {
    /// Whether any ECB takes a destructive action or calls a destructive
    /// subroutine (`copyout`, `copyoutstr`): enabling it needs `-w`.
    pub fn is_destructive(&self) -> bool {
        let calls_destructive = |d: &Difo| {
            d.code.iter().any(|&w| {
                let i = Instr(w);
                i.op() == Some(Op::Call) && matches!(i.index(), subr::COPYOUT | subr::COPYOUTSTR)
            })
        };
        self.ecbs.iter().any(|e| {
            e.pred.as_ref().is_some_and(calls_destructive)
                || e.actions
                    .iter()
                    .any(|a| act::is_destructive(a.kind) || a.difo.as_ref().is_some_and(calls_destructive))
        })
    }
}

/// Why DOF was rejected. `section` is a section index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DofError {
    /// The input, or the load size its header declares, exceeds
    /// [`Limits::max_dof_size`].
    TooLarge { size: u64, max: u64 },
    /// The input is shorter than a header, or than the header's load size.
    Truncated { need: u64, have: u64 },
    /// The first four bytes are not `\x7fDOF`.
    BadMagic,
    /// Data model other than LP64.
    BadModel(u8),
    /// Encoding other than little-endian.
    BadEncoding(u8),
    /// DOF version other than 2.
    BadVersion(u8),
    /// DIF version other than 2.
    BadDifVersion(u8),
    /// More integer or tuple registers than DIF has.
    BadRegisters { integer: u8, tuple: u8 },
    /// A reserved header byte or field is not zero.
    BadIdentPad,
    /// Header flags set (none are defined).
    BadFlags(u32),
    /// Header size other than [`HDR_SIZE`].
    BadHeaderSize(u32),
    /// Section header size other than [`SEC_SIZE`].
    BadSectionHeaderSize(u32),
    /// Load size smaller than the header or larger than the file size.
    BadLoadSize { loadsz: u64, filesz: u64 },
    /// The section headers are misaligned, overlap the file header or
    /// extend past the load size.
    BadSectionTable,
    /// A section type DOF does not define.
    UnknownSection { section: u32, kind: u32 },
    /// A section type DOF defines but enablings may not contain
    /// (relocations, providers, translators, ...).
    UnsupportedSection { section: u32, kind: u32 },
    /// A loadable section without the load flag, or flag bits other than load.
    BadSectionFlags { section: u32, flags: u32 },
    /// Alignment that is not a power of two or not the one the type needs.
    BadAlignment { section: u32, align: u32 },
    /// Section offset not a multiple of its alignment.
    Misaligned { section: u32 },
    /// Section data extends past the load size.
    SectionOutOfBounds { section: u32 },
    /// Two sections' data overlap: `section` is the higher index, `other`
    /// the lower, or [`DOF_SECIDX_NONE`] when the section overlaps the file
    /// or section headers.
    Overlap { section: u32, other: u32 },
    /// Entry size other than the one the type needs.
    BadEntrySize { section: u32, entsize: u32 },
    /// Section size wrong for its type (too small, or not a whole number
    /// of entries).
    BadSectionSize { section: u32, size: u64 },
    /// A non-empty string table whose last byte is not NUL.
    UnterminatedStrtab { section: u32 },
    /// A section refers to a section index that does not exist, is the null
    /// index where one is required, or names a section that is not loaded.
    BadLink { section: u32, link: u32 },
    /// A section refers to a section of the wrong type.
    WrongLinkType { section: u32, link: u32, expected: u32, found: u32 },
    /// A string offset outside string table `section`.
    BadStringOffset { section: u32, offset: u64 },
    /// A probe description string that is not UTF-8.
    NotUtf8 { section: u32 },
    /// A probe description string longer than DTrace allows.
    NameTooLong { section: u32, len: usize, max: usize },
    /// A DIFO header links two tables of the same type.
    DuplicateDifoTable { section: u32, kind: u32 },
    /// A DIFO header links a section that is not a DIFO table.
    BadDifoTable { section: u32, link: u32 },
    /// A DIFO header links no DIF section.
    MissingDif { section: u32 },
    /// A DIFO's sections together exceed [`Limits::max_difo_size`].
    DifoTooLarge { section: u32, size: u64, max: u64 },
    /// The DIFO of DIFO header `section` fails validation.
    InvalidDifo { section: u32, error: DifError },
    /// Action `index` of `section` has a kind engines do not know.
    UnknownAction { section: u32, index: u32, kind: u32 },
    /// An action section holds more than [`Limits::max_actions`] actions.
    TooManyActions { section: u32, count: u64, max: u32 },
    /// Action `index` of `section`: a printf-like action without a format,
    /// an empty format, a format outside the format table or in another
    /// string table than the other formats, or a string table on an action
    /// that takes none.
    BadFormat { section: u32, index: u32 },
    /// Action `index` of `section`: an aggregation whose `ntuple` exceeds
    /// the key actions before it, or `ntuple` on an action that is not an
    /// aggregation.
    BadTuple { section: u32, index: u32 },
    /// Option `index` of `section` is a string option or has the unset value.
    BadOption { section: u32, index: u32 },
    /// A reserved (padding) field of a structure in `section` is not zero.
    Reserved { section: u32 },
    /// Sections shared between ECBs would make parsing materialize far more
    /// than the input holds.
    ExcessiveReuse,
}

impl DofError {
    /// The text shown to users, in the words of DTrace's DOF loader where
    /// it has them.
    pub fn message(&self) -> String {
        alloc::format!("{self}")
    }
}

impl fmt::Display for DofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DofError::*;
        match *self {
            TooLarge { size, max } => write!(f, "DOF of {size} bytes exceeds maximum size {max}"),
            Truncated { need, have } => write!(f, "truncated DOF: {have} bytes, need {need}"),
            BadMagic => write!(f, "DOF magic string mismatch"),
            BadModel(m) => write!(f, "DOF has invalid data model {m}"),
            BadEncoding(e) => write!(f, "DOF encoding mismatch ({e})"),
            BadVersion(v) => write!(f, "DOF version mismatch ({v})"),
            BadDifVersion(v) => write!(f, "DOF uses unsupported instruction set ({v})"),
            BadRegisters { integer, tuple } => {
                write!(f, "DOF uses too many registers ({integer} integer, {tuple} tuple)")
            }
            BadIdentPad => write!(f, "DOF has invalid ident byte set"),
            BadFlags(fl) => write!(f, "DOF has invalid flag bits set ({fl:#x})"),
            BadHeaderSize(s) => write!(f, "bad DOF header size {s}"),
            BadSectionHeaderSize(s) => write!(f, "bad section header size {s}"),
            BadLoadSize { loadsz, filesz } => write!(f, "invalid load size {loadsz} (file size {filesz})"),
            BadSectionTable => write!(f, "truncated or misaligned section headers"),
            UnknownSection { section, kind } => write!(f, "section {section}: unknown section type {kind}"),
            UnsupportedSection { section, kind } => {
                write!(f, "section {section}: section type {kind} is not allowed in an enabling")
            }
            BadSectionFlags { section, flags } => write!(f, "section {section}: bad section flags {flags:#x}"),
            BadAlignment { section, align } => write!(f, "section {section}: bad section alignment {align}"),
            Misaligned { section } => write!(f, "section {section}: misaligned section"),
            SectionOutOfBounds { section } => write!(f, "section {section}: corrupt section header"),
            Overlap { section, other } if other == DOF_SECIDX_NONE => {
                write!(f, "section {section}: overlaps the DOF headers")
            }
            Overlap { section, other } => write!(f, "section {section}: overlaps section {other}"),
            BadEntrySize { section, entsize } => write!(f, "section {section}: bad entry size {entsize}"),
            BadSectionSize { section, size } => write!(f, "section {section}: bad section size {size}"),
            UnterminatedStrtab { section } => write!(f, "section {section}: non-terminating string table"),
            BadLink { section, link } => write!(f, "section {section}: referenced section index {link} is invalid"),
            WrongLinkType { section, link, expected, found } => write!(
                f,
                "section {section}: referenced section {link} is the wrong type ({found}, expected {expected})"
            ),
            BadStringOffset { section, offset } => {
                write!(f, "section {section}: string offset {offset} outside the string table")
            }
            NotUtf8 { section } => write!(f, "section {section}: probe description is not UTF-8"),
            NameTooLong { section, len, max } => {
                write!(f, "section {section}: probe description string of {len} bytes exceeds {max}")
            }
            DuplicateDifoTable { section, kind } => write!(f, "section {section}: multiple DIFO tables of type {kind}"),
            BadDifoTable { section, link } => {
                write!(f, "section {section}: unrecognized DIFO subsection {link}")
            }
            MissingDif { section } => write!(f, "section {section}: missing DIF text"),
            DifoTooLarge { section, size, max } => {
                write!(f, "section {section}: DIFO of {size} bytes exceeds maximum size {max}")
            }
            InvalidDifo { section, error } => write!(f, "section {section}: invalid DIF object: {error}"),
            UnknownAction { section, index, kind } => {
                write!(f, "section {section}: action {index} has unknown kind {kind:#x}")
            }
            TooManyActions { section, count, max } => {
                write!(f, "section {section}: {count} actions exceed the limit of {max}")
            }
            BadFormat { section, index } => write!(f, "section {section}: action {index} has a bogus format string"),
            BadTuple { section, index } => write!(f, "section {section}: action {index} has a bad tuple count"),
            BadOption { section, index } => write!(f, "section {section}: option {index} is a string or unset"),
            Reserved { section } => write!(f, "section {section}: non-zero reserved field"),
            ExcessiveReuse => write!(f, "shared sections expand beyond the DOF size"),
        }
    }
}

/// One section header, as read.
#[derive(Clone, Copy, Debug)]
struct Sec {
    kind: u32,
    align: u32,
    flags: u32,
    entsize: u32,
    offset: u64,
    size: u64,
}

impl Sec {
    fn loaded(&self) -> bool {
        self.flags & DOF_SECF_LOAD != 0
    }
}

fn u16_at(b: &[u8], off: u64) -> Option<u16> {
    let off = usize::try_from(off).ok()?;
    Some(u16::from_le_bytes(b.get(off..off.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], off: u64) -> Option<u32> {
    let off = usize::try_from(off).ok()?;
    Some(u32::from_le_bytes(b.get(off..off.checked_add(4)?)?.try_into().ok()?))
}

fn u64_at(b: &[u8], off: u64) -> Option<u64> {
    let off = usize::try_from(off).ok()?;
    Some(u64::from_le_bytes(b.get(off..off.checked_add(8)?)?.try_into().ok()?))
}

/// Reads a DIF type at `off` of `b`: (type, pad byte).
fn diftype_at(b: &[u8], off: u64) -> Option<(DifType, u8)> {
    let o = usize::try_from(off).ok()?;
    let t = b.get(o..o.checked_add(4)?)?;
    let ty = DifType { kind: t[0], ckind: t[1], flags: t[2], size: u32_at(b, off + 4)? };
    Some((ty, t[3]))
}

/// Parses and validates DOF (see the module doc for what is checked).
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Program, DofError> {
    let have = bytes.len() as u64;
    if have > limits.max_dof_size {
        return Err(DofError::TooLarge { size: have, max: limits.max_dof_size });
    }
    if have < HDR_SIZE {
        return Err(DofError::Truncated { need: HDR_SIZE, have });
    }
    let dof = header(bytes, limits)?;
    let mut p = Parser { dof, secs: Vec::new(), limits, budget: 2 * dof.len() as u64, table: None };
    p.sections()?;
    let mut program = Program::default();
    for section in 0..p.secs.len() as u32 {
        match p.sec(section)?.kind {
            sect::ECBDESC => program.ecbs.push(p.ecb(section)?),
            sect::OPTDESC => p.options(section, &mut program.options)?,
            _ => {}
        }
    }
    if let Some(t) = p.table.take() {
        program.formats = t.formats;
    }
    Ok(program)
}

/// Checks the file header; returns the loadable part of `bytes`.
fn header<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a [u8], DofError> {
    let ident = bytes.get(..16).ok_or(DofError::Truncated { need: HDR_SIZE, have: bytes.len() as u64 })?;
    if ident[..4] != DOF_MAGIC {
        return Err(DofError::BadMagic);
    }
    if ident[4] != DOF_MODEL_LP64 {
        return Err(DofError::BadModel(ident[4]));
    }
    if ident[5] != DOF_ENCODE_LSB {
        return Err(DofError::BadEncoding(ident[5]));
    }
    if ident[6] != DOF_VERSION {
        return Err(DofError::BadVersion(ident[6]));
    }
    if ident[7] != DIF_VERSION {
        return Err(DofError::BadDifVersion(ident[7]));
    }
    if ident[8] > NREGS || ident[9] > NTREGS {
        return Err(DofError::BadRegisters { integer: ident[8], tuple: ident[9] });
    }
    if ident[10..].iter().any(|&b| b != 0) {
        return Err(DofError::BadIdentPad);
    }
    let field32 = |off| u32_at(bytes, off).unwrap_or(0);
    let field64 = |off| u64_at(bytes, off).unwrap_or(0);
    let flags = field32(16);
    if flags != 0 {
        return Err(DofError::BadFlags(flags));
    }
    let hdrsize = field32(20);
    if u64::from(hdrsize) != HDR_SIZE {
        return Err(DofError::BadHeaderSize(hdrsize));
    }
    let secsize = field32(24);
    if u64::from(secsize) != SEC_SIZE {
        return Err(DofError::BadSectionHeaderSize(secsize));
    }
    let secnum = u64::from(field32(28));
    let secoff = field64(32);
    let loadsz = field64(40);
    let filesz = field64(48);
    if field64(56) != 0 {
        return Err(DofError::BadIdentPad);
    }
    if loadsz < HDR_SIZE || loadsz > filesz {
        return Err(DofError::BadLoadSize { loadsz, filesz });
    }
    if loadsz > limits.max_dof_size {
        return Err(DofError::TooLarge { size: loadsz, max: limits.max_dof_size });
    }
    let dof = usize::try_from(loadsz)
        .ok()
        .and_then(|n| bytes.get(..n))
        .ok_or(DofError::Truncated { need: loadsz, have: bytes.len() as u64 })?;
    // secnum < 2^32 and SEC_SIZE is 32: no overflow in u64.
    let end = secoff.checked_add(secnum * SEC_SIZE);
    if secoff % 8 != 0 || secoff < HDR_SIZE || end.is_none_or(|e| e > loadsz) {
        return Err(DofError::BadSectionTable);
    }
    Ok(dof)
}

/// The format table: the string table all printf-like actions share.
struct FormatTable {
    section: u32,
    /// Byte offset where each format starts.
    starts: Vec<u64>,
    formats: Vec<Vec<u8>>,
}

struct Parser<'a> {
    /// The loadable part of the DOF.
    dof: &'a [u8],
    secs: Vec<Sec>,
    limits: &'a Limits,
    /// Bytes of DIFO and action data still allowed to be materialized.
    budget: u64,
    table: Option<FormatTable>,
}

impl Parser<'_> {
    /// Reads and checks every section header.
    fn sections(&mut self) -> Result<(), DofError> {
        let secnum = u32_at(self.dof, 28).unwrap_or(0);
        let secoff = u64_at(self.dof, 32).unwrap_or(0);
        let loadsz = self.dof.len() as u64;
        self.secs = Vec::with_capacity(secnum as usize);
        // (start, end, section) of every loaded, non-empty section, for the
        // overlap check; the headers themselves count as taken.
        let mut spans: Vec<(u64, u64, u32)> = Vec::with_capacity(secnum as usize + 2);
        spans.push((0, HDR_SIZE, DOF_SECIDX_NONE));
        spans.push((secoff, secoff + u64::from(secnum) * SEC_SIZE, DOF_SECIDX_NONE));
        for section in 0..secnum {
            let at = secoff + u64::from(section) * SEC_SIZE;
            let field32 = |off| u32_at(self.dof, at + off).ok_or(DofError::BadSectionTable);
            let field64 = |off| u64_at(self.dof, at + off).ok_or(DofError::BadSectionTable);
            let s = Sec {
                kind: field32(0)?,
                align: field32(4)?,
                flags: field32(8)?,
                entsize: field32(12)?,
                offset: field64(16)?,
                size: field64(24)?,
            };
            check_section(section, &s, loadsz, self.limits)?;
            if s.loaded() && s.size > 0 {
                spans.push((s.offset, s.offset + s.size, section));
            }
            if s.kind == sect::STRTAB && s.size > 0 {
                let last = self.dof.get((s.offset + s.size - 1) as usize);
                if last != Some(&0) {
                    return Err(DofError::UnterminatedStrtab { section });
                }
            }
            self.secs.push(s);
        }
        spans.sort_unstable();
        let mut prev: Option<(u64, u32)> = None;
        for &(start, end, section) in &spans {
            if start == end {
                continue;
            }
            if let Some((prev_end, prev_section)) = prev {
                if start < prev_end {
                    // Name the later section first; the headers (NONE) last.
                    let (section, other) = if section == DOF_SECIDX_NONE || prev_section == DOF_SECIDX_NONE {
                        (section.min(prev_section), DOF_SECIDX_NONE)
                    } else {
                        (section.max(prev_section), section.min(prev_section))
                    };
                    return Err(DofError::Overlap { section, other });
                }
            }
            if prev.is_none_or(|(e, _)| end > e) {
                prev = Some((end, section));
            }
        }
        Ok(())
    }

    /// The section `link` refers to from `section`, which must be loaded
    /// and of type `kind`.
    fn link(&self, section: u32, link: u32, kind: u32) -> Result<Sec, DofError> {
        let s = match self.secs.get(link as usize) {
            Some(s) if s.loaded() => *s,
            _ => return Err(DofError::BadLink { section, link }),
        };
        if s.kind != kind {
            return Err(DofError::WrongLinkType { section, link, expected: kind, found: s.kind });
        }
        Ok(s)
    }

    /// Section `section`, which the caller knows exists.
    fn sec(&self, section: u32) -> Result<Sec, DofError> {
        self.secs.get(section as usize).copied().ok_or(DofError::BadLink { section, link: section })
    }

    /// The data of a checked section.
    fn data(&self, s: &Sec) -> &[u8] {
        // Bounds were checked when the section headers were read.
        self.dof.get(s.offset as usize..(s.offset + s.size) as usize).unwrap_or(&[])
    }

    /// Takes `n` bytes from the materialization budget.
    fn charge(&mut self, n: u64) -> Result<(), DofError> {
        self.budget = self.budget.checked_sub(n).ok_or(DofError::ExcessiveReuse)?;
        Ok(())
    }

    fn ecb(&mut self, section: u32) -> Result<Ecb, DofError> {
        self.charge(ECBDESC_SIZE)?;
        let s = self.sec(section)?;
        let d = self.data(&s);
        let field = |off| u32_at(d, off).ok_or(DofError::BadSectionSize { section, size: s.size });
        let (probes, pred, actions, pad) = (field(0)?, field(4)?, field(8)?, field(12)?);
        let uarg = u64_at(d, 16).ok_or(DofError::BadSectionSize { section, size: s.size })?;
        if pad != 0 {
            return Err(DofError::Reserved { section });
        }
        self.link(section, probes, sect::PROBEDESC)?;
        let probe = self.probe(probes)?;
        let pred = if pred == DOF_SECIDX_NONE {
            None
        } else {
            self.link(section, pred, sect::DIFOHDR)?;
            Some(self.difo(pred)?)
        };
        let actions = if actions == DOF_SECIDX_NONE {
            Vec::new()
        } else {
            self.link(section, actions, sect::ACTDESC)?;
            self.actions(actions)?
        };
        Ok(Ecb { probe, pred, actions, uarg })
    }

    fn probe(&mut self, section: u32) -> Result<ProbeDesc, DofError> {
        self.charge(PROBEDESC_SIZE)?;
        let s = self.sec(section)?;
        let d = self.data(&s);
        let field = |off| u32_at(d, off).ok_or(DofError::BadSectionSize { section, size: s.size });
        let strtab_idx = field(0)?;
        let offsets = [field(4)?, field(8)?, field(12)?, field(16)?];
        let id = field(20)?;
        let strtab = self.link(section, strtab_idx, sect::STRTAB)?;
        let table = self.data(&strtab);
        let max = [PROVNAMELEN, MODNAMELEN, FUNCNAMELEN, NAMELEN];
        let get = |i: usize| name(table, strtab_idx, section, offsets[i], max[i] - 1);
        Ok(ProbeDesc { id, provider: get(0)?, module: get(1)?, function: get(2)?, name: get(3)? })
    }

    fn actions(&mut self, section: u32) -> Result<Vec<Action>, DofError> {
        let s = self.sec(section)?;
        let count = s.size / ACTDESC_SIZE;
        if count > u64::from(self.limits.max_actions) {
            return Err(DofError::TooManyActions { section, count, max: self.limits.max_actions });
        }
        self.charge(s.size)?;
        let mut out: Vec<Action> = Vec::with_capacity(count as usize);
        for index in 0..count as u32 {
            let at = u64::from(index) * ACTDESC_SIZE;
            let d = self.data(&s);
            let short = DofError::BadSectionSize { section, size: s.size };
            let field32 = |off| u32_at(d, at + off).ok_or(short);
            let field64 = |off| u64_at(d, at + off).ok_or(short);
            let (difo, strtab, kind, ntuple) = (field32(0)?, field32(4)?, field32(8)?, field32(12)?);
            let (arg, uarg) = (field64(16)?, field64(24)?);
            let kind = match u16::try_from(kind) {
                Ok(k) if is_known_action(k) => k,
                _ => return Err(DofError::UnknownAction { section, index, kind }),
            };
            let bad_format = DofError::BadFormat { section, index };
            let arg = if !is_printf_like(kind) {
                if strtab != DOF_SECIDX_NONE {
                    return Err(bad_format);
                }
                arg
            } else if strtab == DOF_SECIDX_NONE {
                // Only printa may go without a format (it then prints the
                // aggregation in the default layout).
                if kind != act::PRINTA || arg != 0 {
                    return Err(bad_format);
                }
                0
            } else {
                self.link(section, strtab, sect::STRTAB)?;
                self.format(strtab, arg, bad_format)?
            };
            let tuple_ok = if is_aggregation(kind) {
                let n = ntuple as usize;
                n <= out.len() && out[out.len() - n..].iter().all(|a| act::is_key_part(a.kind))
            } else {
                ntuple == 0
            };
            if !tuple_ok {
                return Err(DofError::BadTuple { section, index });
            }
            let difo = if difo == DOF_SECIDX_NONE {
                None
            } else {
                self.link(section, difo, sect::DIFOHDR)?;
                Some(self.difo(difo)?)
            };
            out.push(Action { kind, difo, ntuple, arg, uarg });
        }
        Ok(out)
    }

    /// The 1-based index of the format at byte `offset` of string table
    /// `strtab`, which becomes (or must be) the format table; `bad` when
    /// the offset does not start a format of that table.
    fn format(&mut self, strtab: u32, offset: u64, bad: DofError) -> Result<u64, DofError> {
        if self.table.is_none() {
            let s = self.sec(strtab)?;
            self.charge(s.size)?;
            let d = self.data(&s);
            let mut starts = Vec::new();
            let mut formats = Vec::new();
            let mut start = 0usize;
            for (i, &b) in d.iter().enumerate() {
                if b == 0 {
                    starts.push(start as u64);
                    formats.push(d.get(start..i).unwrap_or(&[]).to_vec());
                    start = i + 1;
                }
            }
            self.table = Some(FormatTable { section: strtab, starts, formats });
        }
        let t = self.table.as_ref().ok_or(bad)?;
        if t.section != strtab {
            return Err(bad);
        }
        let i = t.starts.binary_search(&offset).map_err(|_| bad)?;
        // An empty format is valid: `freopen("")` restores the output.
        if t.formats.get(i).is_none() {
            return Err(bad);
        }
        Ok(i as u64 + 1)
    }

    /// Reads and validates the DIFO whose header is `section`.
    fn difo(&mut self, section: u32) -> Result<Difo, DofError> {
        let s = self.sec(section)?;
        let d = self.data(&s);
        let short = DofError::BadSectionSize { section, size: s.size };
        let (rtype, pad) = diftype_at(d, 0).ok_or(short)?;
        if pad != 0 {
            return Err(DofError::Reserved { section });
        }
        // One slot per table kind: DIF, INTTAB, STRTAB, VARTAB; each holds
        // the linked section's index and header.
        let mut tables: [Option<(u32, Sec)>; 4] = [None; 4];
        let mut total = 0u64;
        let nlinks = (s.size - DIFOHDR_RTYPE_SIZE) / 4;
        for l in 0..nlinks {
            let link = u32_at(d, DIFOHDR_RTYPE_SIZE + 4 * l).ok_or(short)?;
            let sub = match self.secs.get(link as usize) {
                Some(sub) if sub.loaded() => *sub,
                _ => return Err(DofError::BadLink { section, link }),
            };
            let slot = match sub.kind {
                sect::DIF => 0,
                sect::INTTAB => 1,
                sect::STRTAB => 2,
                sect::VARTAB => 3,
                _ => return Err(DofError::BadDifoTable { section, link }),
            };
            if tables[slot].is_some() {
                return Err(DofError::DuplicateDifoTable { section, kind: sub.kind });
            }
            tables[slot] = Some((link, sub));
            total += sub.size;
            if total > self.limits.max_difo_size {
                return Err(DofError::DifoTooLarge { section, size: total, max: self.limits.max_difo_size });
            }
        }
        let [dif, ints, strs, vars] = tables;
        let Some((_, dif)) = dif else {
            return Err(DofError::MissingDif { section });
        };
        self.charge(total)?;
        let table = |t: Option<(u32, Sec)>| t.map_or(&[][..], |(_, t)| self.data(&t));
        let code = self.data(&dif).chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let inttab = table(ints)
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        let strtab = table(strs).to_vec();
        let mut vartab = Vec::new();
        if let Some((vsection, _)) = vars {
            let vd = table(vars);
            vartab.reserve_exact(vd.len() / DIFV_SIZE as usize);
            for e in vd.chunks_exact(DIFV_SIZE as usize) {
                let (ty, pad) = diftype_at(e, 12).ok_or(short)?;
                if pad != 0 {
                    return Err(DofError::Reserved { section: vsection });
                }
                vartab.push(DifVar {
                    name: u32_at(e, 0).ok_or(short)?,
                    id: u32_at(e, 4).ok_or(short)?,
                    kind: e[8],
                    scope: e[9],
                    flags: u16_at(e, 10).ok_or(short)?,
                    ty,
                });
            }
        }
        let difo = Difo { code, inttab, strtab, vartab, rtype };
        validate(&difo, self.limits).map_err(|error| DofError::InvalidDifo { section, error })?;
        Ok(difo)
    }

    fn options(&mut self, section: u32, out: &mut Vec<(u32, u64)>) -> Result<(), DofError> {
        let s = self.sec(section)?;
        let d = self.data(&s);
        let n = s.size / OPTDESC_SIZE;
        for index in 0..n as u32 {
            let at = u64::from(index) * OPTDESC_SIZE;
            let bad = DofError::BadSectionSize { section, size: s.size };
            let option = u32_at(d, at).ok_or(bad)?;
            let strtab = u32_at(d, at + 4).ok_or(bad)?;
            let value = u64_at(d, at + 8).ok_or(bad)?;
            if strtab != DOF_SECIDX_NONE || value == crate::isa::opt::DTRACEOPT_UNSET as u64 {
                return Err(DofError::BadOption { section, index });
            }
            out.push((option, value));
        }
        Ok(())
    }
}

/// The string at `offset` of string table `strtab` (data `table`), for
/// probe description `section`, at most `max` bytes.
fn name(table: &[u8], strtab: u32, section: u32, offset: u32, max: usize) -> Result<String, DofError> {
    let bad = DofError::BadStringOffset { section: strtab, offset: u64::from(offset) };
    let rest = table.get(offset as usize..).filter(|r| !r.is_empty()).ok_or(bad)?;
    // The table ends with NUL, so the string is always terminated.
    let len = rest.iter().position(|&b| b == 0).ok_or(bad)?;
    if len > max {
        return Err(DofError::NameTooLong { section, len, max });
    }
    let s = core::str::from_utf8(&rest[..len]).map_err(|_| DofError::NotUtf8 { section })?;
    Ok(String::from(s))
}

/// Checks one section header against the load size and its type's rules.
fn check_section(section: u32, s: &Sec, loadsz: u64, limits: &Limits) -> Result<(), DofError> {
    if s.flags & !DOF_SECF_LOAD != 0 {
        return Err(DofError::BadSectionFlags { section, flags: s.flags });
    }
    let kind = s.kind;
    match kind {
        // Not loadable: carried along (comments, source, uname) and ignored.
        sect::NONE | sect::COMMENTS | sect::SOURCE | sect::UTSNAME => {}
        sect::ECBDESC
        | sect::PROBEDESC
        | sect::ACTDESC
        | sect::DIFOHDR
        | sect::DIF
        | sect::STRTAB
        | sect::VARTAB
        | sect::INTTAB
        | sect::OPTDESC => {
            if !s.loaded() {
                return Err(DofError::BadSectionFlags { section, flags: s.flags });
            }
        }
        k if k <= sect::PRENOFFS => return Err(DofError::UnsupportedSection { section, kind }),
        _ => return Err(DofError::UnknownSection { section, kind }),
    }
    if !s.loaded() {
        return Ok(());
    }
    if !s.align.is_power_of_two() {
        return Err(DofError::BadAlignment { section, align: s.align });
    }
    if let Some((align, entsize)) = layout(kind) {
        if s.align != align {
            return Err(DofError::BadAlignment { section, align: s.align });
        }
        if s.entsize != entsize {
            return Err(DofError::BadEntrySize { section, entsize: s.entsize });
        }
    }
    if !s.offset.is_multiple_of(u64::from(s.align)) {
        return Err(DofError::Misaligned { section });
    }
    if s.offset.checked_add(s.size).is_none_or(|end| end > loadsz) {
        return Err(DofError::SectionOutOfBounds { section });
    }
    let size_ok = match kind {
        sect::ECBDESC => s.size == ECBDESC_SIZE,
        sect::PROBEDESC => s.size == PROBEDESC_SIZE,
        sect::DIFOHDR => s.size >= DIFOHDR_RTYPE_SIZE + 4 && s.size.is_multiple_of(4),
        sect::ACTDESC | sect::OPTDESC | sect::DIF | sect::VARTAB | sect::INTTAB => {
            let e = u64::from(layout(kind).map_or(1, |(_, e)| e));
            s.size.is_multiple_of(e) && (kind != sect::ACTDESC || s.size > 0)
        }
        _ => true,
    };
    if !size_ok {
        return Err(DofError::BadSectionSize { section, size: s.size });
    }
    if kind == sect::ACTDESC && s.size / ACTDESC_SIZE > u64::from(limits.max_actions) {
        return Err(DofError::TooManyActions { section, count: s.size / ACTDESC_SIZE, max: limits.max_actions });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_dtraces() {
        let l = Limits::default();
        assert_eq!(l.max_dof_size, 8 * 1024 * 1024);
        assert_eq!(l.max_difo_size, 256 * 1024);
        assert_eq!(l.max_actions, 16 * 1024);
        assert_eq!(l.strsize, 256);
    }

    #[test]
    fn action_classes() {
        assert!(is_printf_like(act::FREOPEN) && !is_printf_like(act::DIFEXPR));
        assert!(is_aggregation(act::AGG_LLQUANTIZE) && !is_aggregation(0x70a) && !is_aggregation(act::DISCARD));
        assert!(is_known_action(act::CHILL) && !is_known_action(0x504) && !is_known_action(8));
    }

    #[test]
    fn short_and_foreign_input() {
        let l = Limits::default();
        assert_eq!(parse(&[], &l), Err(DofError::Truncated { need: 64, have: 0 }));
        assert_eq!(parse(&[0u8; 64], &l), Err(DofError::BadMagic));
        let mut h = [0u8; 64];
        h[..4].copy_from_slice(&DOF_MAGIC);
        h[4] = 1;
        assert_eq!(parse(&h, &l), Err(DofError::BadModel(1)));
    }
}
