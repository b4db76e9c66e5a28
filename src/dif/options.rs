//! The D options: one table for `-x name[=value]`, `#pragma D option
//! name[=value]`, the `setopt()` action and the flags that are shorthands
//! for options (`-b`, `-q`, `-F`, `-w`, ...).
//!
//! The set, the value syntax and the numbering are illumos libdtrace's
//! (`dt_options.c`, `DTRACEOPT_*` in `<sys/dtrace.h>`), with a few dtrace-rs
//! extensions marked [`OptionDef::extension`]. Options come in three kinds:
//! compile-time options change how the compiler and consumer behave and
//! never reach the engine; runtime options are sent to the engine in the
//! DOF option section under their `DTRACEOPT_*` id and are fixed once
//! tracing starts; dynamic runtime options may also change while tracing
//! (through `setopt()`).
//!
//! The user-visible error messages are built here so that the CLI, the
//! compiler and the consumer word them identically to dtrace(1).

use std::fmt;

pub use dtrace_core::isa::opt::*;

const NANOSEC: u64 = 1_000_000_000;

/// When an option takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// Read by the compiler or the consumer; never sent to the engine.
    CompileTime,
    /// Sent to the engine before tracing starts; cannot change afterwards.
    Runtime,
    /// May change while tracing, e.g. with `setopt()`.
    DynRuntime,
}

/// The syntax of an option's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// Takes no value; giving one is an error (`-x errtags`).
    Flag,
    /// Takes no value; one given is ignored (`droptags`, `lazyload`).
    FlagIgnoringValue,
    /// On/off (DTrace's runtime-option syntax): no value or a number sets
    /// it, `yes`/`no`, `on`/`off`, `true`/`false`, `enable(d)`/
    /// `disable(d)`, `set`/`unset` (any case) set or clear it, an empty
    /// value clears it.
    Toggle,
    /// A count, in the same syntax as [`ValueType::Toggle`] (a bare option
    /// stores 0, as DTrace does).
    Count,
    /// A size in bytes, with an optional `k`, `m`, `g` or `t` suffix (any
    /// case, powers of 1024).
    Size,
    /// A time in nanoseconds, with an optional `ns`/`nsec`, `us`/`usec`,
    /// `ms`/`msec`, `s`/`sec`, `m`/`min`, `h`/`hour`, `d`/`day` suffix, or a
    /// frequency with `hz` (converted to its period). No suffix means
    /// nanoseconds.
    Time,
    /// A decimal integer greater than zero (C `atoi` syntax).
    Positive,
    /// A decimal integer, zero or more (C `atoi` syntax).
    NonNegative,
    /// One of fixed words; the word's index is its code.
    Enum { words: &'static [&'static str], ignore_case: bool },
    /// Any string, required.
    Str,
    /// An environment variable name (a string without `=`).
    EnvName,
    /// A stability triple `name[/data[/class]]`, e.g. `Evolving/Evolving/ISA`.
    Attributes,
    /// A D version `major[.minor[.micro]]` that this compiler defines.
    Version,
}

/// One D option.
#[derive(Clone, Copy, Debug)]
pub struct OptionDef {
    pub name: &'static str,
    pub kind: OptionKind,
    /// The `DTRACEOPT_*` id the DOF option section carries, for runtime
    /// options the engine understands.
    pub dof_id: Option<u16>,
    pub ty: ValueType,
    /// The value in effect when the option is not given, in the option's
    /// own syntax (dtrace(1) sets `bufsize`, `aggsize` and `temporal`
    /// itself; the others are the engine's or libdtrace's defaults).
    /// `None`: unset.
    pub default: Option<&'static str>,
    /// Whether `#pragma D option` may set it (DTrace refuses options that
    /// only make sense before a program is read: preprocessor and linker
    /// settings, `-c` environment).
    pub pragma: bool,
    /// A dtrace-rs addition that no other DTrace has.
    pub extension: bool,
    pub doc: &'static str,
}

/// A parsed option value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    /// A flag that was given.
    Set,
    /// Explicitly cleared (`no`, `off`, an empty value, ...).
    Unset,
    /// A number: a count, a size in bytes, a time in nanoseconds, or an
    /// encoded version (`major << 24 | minor << 12 | micro`).
    Int(i64),
    /// A word of an enumerated option and its code.
    Choice { word: &'static str, code: i64 },
    /// A string.
    Str(String),
}

impl OptionValue {
    /// The value to send in the DOF option section: numbers as they are,
    /// an enumerated option's code, `Unset` as [`DTRACEOPT_UNSET`], a flag
    /// as 0 (any value other than `DTRACEOPT_UNSET` means "set"). `None`
    /// for strings, which the engine never receives.
    pub fn dof_value(&self) -> Option<i64> {
        match self {
            OptionValue::Set => Some(0),
            OptionValue::Unset => Some(DTRACEOPT_UNSET),
            OptionValue::Int(n) => Some(*n),
            OptionValue::Choice { code, .. } => Some(*code),
            OptionValue::Str(_) => None,
        }
    }

    /// Whether the option is on: anything but `Unset`.
    pub fn is_set(&self) -> bool {
        *self != OptionValue::Unset
    }
}

/// Why an option could not be set. `Display` gives libdtrace's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionError {
    /// No option has this name (EDT_BADOPTNAME).
    BadName,
    /// The value does not fit the option's syntax (EDT_BADOPTVAL).
    BadValue,
    /// The option cannot be set from `#pragma D option` (EDT_BADOPTCTX).
    BadContext,
    /// A runtime option changed while tracing (EDT_ACTIVE).
    Active,
    /// A malformed `version` value (EDT_VERSINVAL).
    VersionInvalid,
    /// A `version` this compiler does not define (EDT_VERSUNDEF).
    VersionUndefined,
    /// `strsize` above 4 GiB (EOVERFLOW).
    Overflow,
}

impl OptionError {
    /// libdtrace's message for this error (`dtrace_errmsg()`).
    pub fn message(self) -> &'static str {
        match self {
            OptionError::BadName => "Invalid option name",
            OptionError::BadValue => "Invalid value for specified option",
            OptionError::BadContext => "Option cannot be used from within a D program",
            OptionError::Active => "Operation illegal when tracing is active",
            OptionError::VersionInvalid => "Version is not properly formatted or is too large",
            OptionError::VersionUndefined => "Requested version is not supported by compiler",
            OptionError::Overflow => "Value too large for defined data type",
        }
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for OptionError {}

/// Where an option is being set from; some options are refused in some
/// places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetContext {
    /// `-x` and the flags that stand for options, before tracing.
    CommandLine,
    /// `#pragma D option` while compiling.
    Pragma,
    /// The `setopt()` action, while tracing.
    Tracing,
}

// Enumerated values; the index of a word is its code.
const BUFPOLICY: &[&str] = &["ring", "fill", "switch"];
const BUFRESIZE: &[&str] = &["auto", "manual"];
const ENCODING: &[&str] = &["ascii", "utf8"];
const ENGINE: &[&str] = &["dev", "bpf", "local"];
const EVALTIME: &[&str] = &["exec", "preinit", "postinit", "main"];
const LATE: &[&str] = &["dynamic", "static"];
const LINKMODE: &[&str] = &["kernel", "primary", "dynamic", "static"];
const LINKTYPE: &[&str] = &["elf", "dof"];
const STDC: &[&str] = &["a", "c", "s", "t"];

const fn words(words: &'static [&'static str]) -> ValueType {
    ValueType::Enum { words, ignore_case: false }
}

// Constructors keep the table one entry per option.
const fn ct(name: &'static str, ty: ValueType, default: Option<&'static str>, doc: &'static str) -> OptionDef {
    OptionDef { name, kind: OptionKind::CompileTime, dof_id: None, ty, default, pragma: true, extension: false, doc }
}
/// A compile-time option `#pragma D option` may not set.
const fn ct_cli(name: &'static str, ty: ValueType, default: Option<&'static str>, doc: &'static str) -> OptionDef {
    OptionDef { pragma: false, ..ct(name, ty, default, doc) }
}
const fn rt(name: &'static str, id: u16, ty: ValueType, default: Option<&'static str>, doc: &'static str) -> OptionDef {
    OptionDef { kind: OptionKind::Runtime, dof_id: Some(id), ..ct(name, ty, default, doc) }
}
const fn drt(
    name: &'static str,
    id: u16,
    ty: ValueType,
    default: Option<&'static str>,
    doc: &'static str,
) -> OptionDef {
    OptionDef { kind: OptionKind::DynRuntime, dof_id: Some(id), ..ct(name, ty, default, doc) }
}
const fn ext(def: OptionDef) -> OptionDef {
    OptionDef { extension: true, ..def }
}

/// Every option, sorted by name (byte order) for [`lookup`]; a test keeps
/// it sorted and free of duplicates.
// One line per option reads as a table; rustfmt would spread each over six.
#[rustfmt::skip]
pub static OPTIONS: &[OptionDef] = &[
    drt("agghist", DTRACEOPT_AGGHIST, ValueType::Toggle, None, "print every aggregation as a histogram"),
    drt("aggpack", DTRACEOPT_AGGPACK, ValueType::Toggle, None, "print histograms packed on one line"),
    ct("aggpercpu", ValueType::Flag, None, "keep aggregations per CPU"),
    drt("aggrate", DTRACEOPT_AGGRATE, ValueType::Time, Some("1hz"), "aggregation snapshot rate"),
    rt("aggsize", DTRACEOPT_AGGSIZE, ValueType::Size, Some("4m"), "aggregation buffer size per CPU"),
    drt("aggsortkey", DTRACEOPT_AGGSORTKEY, ValueType::Toggle, None, "sort aggregations by key, not value"),
    drt("aggsortkeypos", DTRACEOPT_AGGSORTKEYPOS, ValueType::Count, None, "key position to sort aggregations on"),
    drt("aggsortpos", DTRACEOPT_AGGSORTPOS, ValueType::Count, None, "which aggregation of a printa() to sort on"),
    drt("aggsortrev", DTRACEOPT_AGGSORTREV, ValueType::Toggle, None, "sort aggregations in reverse order"),
    drt("aggzoom", DTRACEOPT_AGGZOOM, ValueType::Toggle, None, "scale histogram bars to the largest bucket"),
    ct("amin", ValueType::Attributes, None, "minimum stability attributes the program may use"),
    ct("argref", ValueType::Flag, None, "allow macro arguments the program does not reference"),
    // Where kernel types come from: a BTF file, or `none` for no kernel
    // types at all (unset: /sys/kernel/btf/vmlinux).
    ext(ct_cli("btf", ValueType::Str, None, "kernel type information: a BTF file, or none")),
    rt("bufpolicy", DTRACEOPT_BUFPOLICY, words(BUFPOLICY), Some("switch"), "principal buffer policy"),
    rt("bufresize", DTRACEOPT_BUFRESIZE, words(BUFRESIZE), Some("auto"), "buffer resizing policy when memory is short"),
    rt("bufsize", DTRACEOPT_BUFSIZE, ValueType::Size, Some("4m"), "principal buffer size per CPU (-b)"),
    rt("cleanrate", DTRACEOPT_CLEANRATE, ValueType::Time, Some("101hz"), "dynamic variable cleaning rate"),
    ct("core", ValueType::Flag, None, "dump core on exit (debugging)"),
    ct("cpp", ValueType::Flag, None, "run the C preprocessor on scripts (-C)"),
    ct_cli("cpphdrs", ValueType::Flag, None, "list the files the preprocessor includes (-H)"),
    ct_cli("cpppath", ValueType::Str, None, "the C preprocessor to run"),
    // DTRACE_CPUALL (-1) when unset: every CPU.
    rt("cpu", DTRACEOPT_CPU, ValueType::Count, None, "trace only on this CPU"),
    ct("ctypes", ValueType::Str, None, "write the program's C types to FILE"),
    ct("debug", ValueType::Flag, None, "print library debugging messages"),
    ct("defaultargs", ValueType::Flag, None, "unset macro arguments are 0 or \"\" instead of an error"),
    ct_cli("define", ValueType::Str, None, "define a preprocessor macro NAME[=VALUE] (-D)"),
    rt("destructive", DTRACEOPT_DESTRUCTIVE, ValueType::Toggle, None, "allow destructive actions (-w)"),
    ct("droptags", ValueType::FlagIgnoringValue, None, "prefix drop messages with their tags"),
    ct("dtypes", ValueType::Str, None, "write the program's D types to FILE"),
    rt("dynvarsize", DTRACEOPT_DYNVARSIZE, ValueType::Size, Some("1m"), "dynamic variable space"),
    ct("empty", ValueType::Flag, None, "allow an empty program"),
    ct("encoding", words(ENCODING), None, "character encoding of output (unset: from the locale)"),
    // Unset: the first engine usable here (dev, then bpf, then local).
    ext(ct("engine", words(ENGINE), None, "engine to trace with")),
    ext(ct_cli("engines", ValueType::Flag, None, "list the engines and whether they are usable here")),
    ct("errtags", ValueType::Flag, None, "prefix compile errors with their [D_TAG]"),
    ct("evaltime", words(EVALTIME), Some("preinit"), "when a -c process is stopped to evaluate the program"),
    drt("flowindent", DTRACEOPT_FLOWINDENT, ValueType::Toggle, None, "indent function entry and return (-F)"),
    rt("grabanon", DTRACEOPT_GRABANON, ValueType::Toggle, None, "claim anonymous tracing state (-a)"),
    ct_cli("incdir", ValueType::Str, None, "add a preprocessor include directory (-I)"),
    ct("iregs", ValueType::Positive, Some("8"), "number of DIF integer registers"),
    ext(ct("json", ValueType::Flag, None, "print records and aggregations as JSON objects")),
    rt("jstackframes", DTRACEOPT_JSTACKFRAMES, ValueType::Count, Some("50"), "default jstack() depth"),
    rt("jstackstrsize", DTRACEOPT_JSTACKSTRSIZE, ValueType::Size, Some("512"), "jstack() string space"),
    ct("kdefs", ValueType::Flag, None, "undo knodefs"),
    ct("knodefs", ValueType::Flag, None, "allow references to undefined kernel symbols"),
    ct("late", words(LATE), Some("static"), "when translators are applied"),
    ct("lazyload", ValueType::FlagIgnoringValue, None, "load DOF lazily"),
    ct_cli("ldpath", ValueType::Str, None, "the linker to run for -G"),
    ct("libdir", ValueType::Str, None, "add a D library directory (-L)"),
    ct("linkmode", words(LINKMODE), Some("kernel"), "how kernel symbols are bound"),
    ct("linktype", ValueType::Enum { words: LINKTYPE, ignore_case: true }, Some("elf"), "object type -G writes"),
    ct("nolibs", ValueType::Flag, None, "do not load the D library files"),
    rt("nspec", DTRACEOPT_NSPEC, ValueType::Count, Some("1"), "number of speculation buffers"),
    ct("pgmax", ValueType::NonNegative, Some("8"), "number of process handles to cache"),
    ct("pspec", ValueType::Flag, None, "read ambiguous probe specifiers as probe names"),
    drt("quiet", DTRACEOPT_QUIET, ValueType::Toggle, None, "print only explicitly traced data (-q)"),
    // FreeBSD/macOS name; accepted so their scripts run. Consumer-side.
    ext(OptionDef {
        kind: OptionKind::DynRuntime,
        ..ct("quietresize", ValueType::Toggle, None, "do not report buffer resizing")
    }),
    drt("rawbytes", DTRACEOPT_RAWBYTES, ValueType::Toggle, None, "print traced data as raw bytes"),
    ct_cli("setenv", ValueType::Str, None, "set NAME=VALUE in the environment of -c commands"),
    rt("specsize", DTRACEOPT_SPECSIZE, ValueType::Size, Some("32k"), "speculation buffer size"),
    rt("stackframes", DTRACEOPT_STACKFRAMES, ValueType::Count, Some("20"), "default stack() depth"),
    // libdtrace's default indent (_dtrace_stkindent).
    drt("stackindent", DTRACEOPT_STACKINDENT, ValueType::Count, Some("14"), "indent of printed stack frames"),
    rt("statusrate", DTRACEOPT_STATUSRATE, ValueType::Time, Some("1hz"), "status check rate"),
    ct_cli("stdc", words(STDC), Some("a"), "ISO C conformance of the preprocessor (-X)"),
    ct("strip", ValueType::Flag, None, "strip non-loadable sections from -G output"),
    // The value must fit 32 bits (checked by parse_value).
    rt("strsize", DTRACEOPT_STRSIZE, ValueType::Size, Some("256"), "size of D strings"),
    drt("switchrate", DTRACEOPT_SWITCHRATE, ValueType::Time, Some("1hz"), "buffer switch rate"),
    ct("syslibdir", ValueType::Str, None, "the system D library directory"),
    rt("temporal", DTRACEOPT_TEMPORAL, ValueType::Toggle, Some("yes"), "print records of all CPUs in time order"),
    ct("tree", ValueType::Positive, None, "dump the parse tree of compiler pass N"),
    ct("tregs", ValueType::Positive, Some("8"), "number of DIF tuple registers"),
    ct("udefs", ValueType::Flag, None, "undo unodefs"),
    ct_cli("undef", ValueType::Str, None, "undefine a preprocessor macro (-U)"),
    ct("unodefs", ValueType::Flag, None, "allow references to undefined user symbols"),
    ct_cli("unsetenv", ValueType::EnvName, None, "remove NAME from the environment of -c commands"),
    rt("ustackframes", DTRACEOPT_USTACKFRAMES, ValueType::Count, Some("20"), "default ustack() depth"),
    ct("verbose", ValueType::Flag, None, "show the DIF of every clause (-S)"),
    ct("version", ValueType::Version, None, "D language version the program is written for"),
    ct("zdefs", ValueType::Flag, None, "allow probe descriptions that match no probe (-Z)"),
    // Linux has no zones; only "global" exists.
    rt("zone", DTRACEOPT_ZONE, ValueType::Str, None, "trace only in this zone"),
];

/// D versions the compiler accepts for `-x version` (illumos'
/// `_dtrace_versions`), encoded as `major << 24 | minor << 12 | micro`.
const VERSIONS: &[(u32, u32, u32)] = &[
    (1, 0, 0),
    (1, 1, 0),
    (1, 2, 0),
    (1, 2, 1),
    (1, 2, 2),
    (1, 3, 0),
    (1, 4, 0),
    (1, 4, 1),
    (1, 5, 0),
    (1, 6, 0),
    (1, 6, 1),
    (1, 6, 2),
    (1, 6, 3),
    (1, 7, 0),
    (1, 7, 1),
    (1, 8, 0),
    (1, 8, 1),
    (1, 9, 0),
    (1, 9, 1),
    (1, 10, 0),
    (1, 11, 0),
    (1, 12, 0),
    (1, 12, 1),
];

/// The option called `name` (case-sensitive, as in DTrace).
pub fn lookup(name: &str) -> Option<&'static OptionDef> {
    let i = OPTIONS.binary_search_by(|o| o.name.cmp(name)).ok()?;
    OPTIONS.get(i)
}

/// The option sent to the engine under DOF id `id`.
pub fn by_dof_id(id: u16) -> Option<&'static OptionDef> {
    OPTIONS.iter().find(|o| o.dof_id == Some(id))
}

/// Splits `-x` / `#pragma D option` text at the first `=`: `"bufsize=4m"`
/// is `("bufsize", Some("4m"))`, `"quiet"` is `("quiet", None)`.
pub fn split_assignment(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (arg, None),
    }
}

/// Whether `def` may be set from `ctx`.
pub fn check_context(def: &OptionDef, ctx: SetContext) -> Result<(), OptionError> {
    match ctx {
        SetContext::Pragma if !def.pragma => Err(OptionError::BadContext),
        SetContext::Tracing if def.kind == OptionKind::Runtime => Err(OptionError::Active),
        _ => Ok(()),
    }
}

/// Looks `name` up, checks it may be set from `ctx` and parses `value`.
pub fn set(name: &str, value: Option<&str>, ctx: SetContext) -> Result<(&'static OptionDef, OptionValue), OptionError> {
    let def = lookup(name).ok_or(OptionError::BadName)?;
    check_context(def, ctx)?;
    Ok((def, parse_value(def, value)?))
}

/// Parses the value given for `def` (`None` when the option was given
/// without `=`), with DTrace's syntax for the option's [`ValueType`].
pub fn parse_value(def: &OptionDef, value: Option<&str>) -> Result<OptionValue, OptionError> {
    let bad = OptionError::BadValue;
    match def.ty {
        ValueType::Flag => match value {
            None => Ok(OptionValue::Set),
            Some(_) => Err(bad),
        },
        ValueType::FlagIgnoringValue => Ok(OptionValue::Set),
        ValueType::Toggle | ValueType::Count => parse_runtime(value),
        ValueType::Size => {
            let n = parse_size(value.unwrap_or("0")).ok_or(bad)?;
            if def.dof_id == Some(DTRACEOPT_STRSIZE) && n > i64::from(u32::MAX) {
                return Err(OptionError::Overflow);
            }
            Ok(OptionValue::Int(n))
        }
        ValueType::Time => parse_time(value.unwrap_or("0")).map(OptionValue::Int).ok_or(bad),
        ValueType::Positive => match value.and_then(atoi) {
            Some(n) if n > 0 => Ok(OptionValue::Int(n)),
            _ => Err(bad),
        },
        ValueType::NonNegative => match value.and_then(atoi) {
            Some(n) if n >= 0 => Ok(OptionValue::Int(n)),
            _ => Err(bad),
        },
        ValueType::Enum { words, ignore_case } => {
            let v = value.ok_or(bad)?;
            words
                .iter()
                .zip(0i64..)
                .find(|(w, _)| if ignore_case { w.eq_ignore_ascii_case(v) } else { **w == v })
                .map(|(w, code)| OptionValue::Choice { word: w, code })
                .ok_or(bad)
        }
        ValueType::Str => value.map(|v| OptionValue::Str(v.to_string())).ok_or(bad),
        ValueType::EnvName => match value {
            Some(v) if !v.contains('=') => Ok(OptionValue::Str(v.to_string())),
            _ => Err(bad),
        },
        ValueType::Attributes => match value {
            Some(v) if valid_attributes(v) => Ok(OptionValue::Str(v.to_string())),
            _ => Err(bad),
        },
        ValueType::Version => {
            let v = value.ok_or(bad)?;
            let (major, minor, micro) = parse_version(v).ok_or(OptionError::VersionInvalid)?;
            if !VERSIONS.contains(&(major, minor, micro)) {
                return Err(OptionError::VersionUndefined);
            }
            Ok(OptionValue::Int(i64::from(major << 24 | minor << 12 | micro)))
        }
    }
}

/// The stderr line dtrace(1) prints when a command-line option fails:
/// `dtrace: failed to set FLAG: MESSAGE`, where `flag` is the flag as
/// dtrace(1) echoes it: `-x NAME` (the name only, without the value; see
/// [`x_error`]), `-b 4q`, `-q`, `-F`, `-w`, `-D NAME=VALUE`, `-X c`.
pub fn cli_error(flag: &str, err: OptionError) -> String {
    format!("dtrace: failed to set {flag}: {err}")
}

/// [`cli_error`] for `-x NAME[=VALUE]`.
pub fn x_error(name: &str, err: OptionError) -> String {
    cli_error(&format!("-x {name}"), err)
}

/// The compiler's message (tag `D_PRAGMA_OPTSET`) when `#pragma D option`
/// fails: `failed to set option 'NAME': MESSAGE`, or with a value
/// `failed to set option 'NAME' to 'VALUE': MESSAGE`.
pub fn pragma_error(name: &str, value: Option<&str>, err: OptionError) -> String {
    match value {
        Some(v) => format!("failed to set option '{name}' to '{v}': {err}"),
        None => format!("failed to set option '{name}': {err}"),
    }
}

/// The consumer's message when a `setopt()` action fails, reported like a
/// fault of the enabled probe that ran it: `couldn't set option "NAME" to
/// "VALUE": MESSAGE`.
pub fn setopt_error(name: &str, value: &str, err: OptionError) -> String {
    format!("couldn't set option \"{name}\" to \"{value}\": {err}")
}

/// C `strtoull` with base 0 on a prefix of `s`: leading white space, a
/// sign, then hex (`0x`), octal (leading `0`) or decimal digits. Returns
/// the value (as a signed 64-bit number, `None` if it does not fit or is
/// negative, which DTrace rejects) and the unparsed rest. Without digits
/// the value is 0 and the rest is all of `s`, as in C.
fn strtoull(s: &str) -> (Option<i64>, &str) {
    let t = s.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let hex = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .filter(|r| r.starts_with(|c: char| c.is_ascii_hexdigit()));
    let (radix, digits) = match hex {
        Some(r) => (16, r),
        None if t.starts_with('0') => (8, t),
        None => (10, t),
    };
    let end = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
    if end == 0 {
        return (Some(0), s);
    }
    let rest = &digits[end..];
    let value = u64::from_str_radix(&digits[..end], radix)
        .ok()
        .filter(|&v| !negative || v == 0)
        .and_then(|v| i64::try_from(v).ok());
    (value, rest)
}

/// C `atoi`: optional white space and sign, then decimal digits; `None`
/// only when the number does not fit an `int` (where C's result is
/// undefined).
fn atoi(s: &str) -> Option<i64> {
    let t = s.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let digits = &t[..end];
    if digits.is_empty() {
        return Some(0);
    }
    let n: i64 = digits.parse().ok()?;
    let n = if negative { -n } else { n };
    i32::try_from(n).ok().map(i64::from)
}

/// The runtime-option syntax (`dt_opt_runtime`).
fn parse_runtime(value: Option<&str>) -> Result<OptionValue, OptionError> {
    const COUPLES: &[(&str, &str)] = &[
        ("yes", "no"),
        ("enable", "disable"),
        ("enabled", "disabled"),
        ("true", "false"),
        ("on", "off"),
        ("set", "unset"),
    ];
    let Some(v) = value else {
        return Ok(OptionValue::Int(0));
    };
    if v.is_empty() {
        return Ok(OptionValue::Unset);
    }
    for (on, off) in COUPLES {
        if on.eq_ignore_ascii_case(v) {
            return Ok(OptionValue::Int(1));
        }
        if off.eq_ignore_ascii_case(v) {
            return Ok(OptionValue::Unset);
        }
    }
    match strtoull(v) {
        (Some(n), "") => Ok(OptionValue::Int(n)),
        _ => Err(OptionError::BadValue),
    }
}

/// A size (`dt_optval_parse`): a number, optionally followed by one
/// suffix letter as the last character.
fn parse_size(v: &str) -> Option<i64> {
    let mul: i64 = match v.bytes().last().map(|b| b.to_ascii_lowercase()) {
        Some(b't') => 1 << 40,
        Some(b'g') => 1 << 30,
        Some(b'm') => 1 << 20,
        Some(b'k') => 1 << 10,
        _ => 1,
    };
    let (n, rest) = strtoull(v);
    // With a suffix exactly that letter may follow the number; without
    // one, nothing may.
    let ok_rest = if mul > 1 { rest.len() == 1 } else { rest.is_empty() };
    if !ok_rest {
        return None;
    }
    n?.checked_mul(mul)
}

/// A time or rate (`dt_opt_rate`), in nanoseconds.
fn parse_time(v: &str) -> Option<i64> {
    const SUFFIXES: &[(&str, u64)] = &[
        ("ns", 1),
        ("nsec", 1),
        ("us", 1_000),
        ("usec", 1_000),
        ("ms", 1_000_000),
        ("msec", 1_000_000),
        ("s", NANOSEC),
        ("sec", NANOSEC),
        ("m", 60 * NANOSEC),
        ("min", 60 * NANOSEC),
        ("h", 3_600 * NANOSEC),
        ("hour", 3_600 * NANOSEC),
        ("d", 86_400 * NANOSEC),
        ("day", 86_400 * NANOSEC),
        // A frequency: the value is the period.
        ("hz", 0),
    ];
    let (n, rest) = strtoull(v);
    let n = n?;
    let mul = if rest.is_empty() { 1 } else { SUFFIXES.iter().find(|(s, _)| s.eq_ignore_ascii_case(rest))?.1 };
    if mul == 0 {
        // 0hz stays 0, as in DTrace.
        return Some(if n == 0 { 0 } else { NANOSEC as i64 / n });
    }
    n.checked_mul(mul as i64)
}

/// `major[.minor[.micro]]` (`dt_version_str2num`): digits and at most two
/// dots, each part within its field's range. An empty part counts as 0.
fn parse_version(v: &str) -> Option<(u32, u32, u32)> {
    let mut parts = [0u32; 3];
    let mut i = 0;
    for c in v.chars() {
        if let Some(d) = c.to_digit(10) {
            let p = parts.get_mut(i)?;
            *p = p.saturating_mul(10).saturating_add(d);
        } else if c == '.' && i < 2 {
            i += 1;
        } else {
            return None;
        }
    }
    let [major, minor, micro] = parts;
    (major <= 0xff && minor <= 0xfff && micro <= 0xfff).then_some((major, minor, micro))
}

/// A stability triple (`dtrace_str2attr`): up to three `/`-separated
/// parts, two stability levels and an architectural class, any case.
fn valid_attributes(v: &str) -> bool {
    const STABILITY: &[&str] =
        &["Internal", "Private", "Obsolete", "External", "Unstable", "Evolving", "Stable", "Standard"];
    const CLASS: &[&str] = &["Unknown", "CPU", "Platform", "Group", "ISA", "Common"];
    let parts: Vec<&str> = v.split('/').filter(|p| !p.is_empty()).collect();
    if parts.len() > 3 {
        return false;
    }
    parts.iter().enumerate().all(|(i, p)| {
        let names = if i < 2 { STABILITY } else { CLASS };
        names.iter().any(|n| n.eq_ignore_ascii_case(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn parse(name: &str, value: Option<&str>) -> Result<OptionValue, OptionError> {
        let def = lookup(name).ok_or(OptionError::BadName)?;
        parse_value(def, value)
    }

    fn int(name: &str, value: &str) -> Option<i64> {
        match parse(name, Some(value)) {
            Ok(OptionValue::Int(n)) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        for w in OPTIONS.windows(2) {
            assert!(w[0].name < w[1].name, "{} must sort before {}", w[0].name, w[1].name);
        }
        let mut ids = HashSet::new();
        for o in OPTIONS {
            if let Some(id) = o.dof_id {
                assert!(id < DTRACEOPT_MAX, "{}", o.name);
                assert!(ids.insert(id), "DOF id {id} used twice ({})", o.name);
                assert_ne!(o.kind, OptionKind::CompileTime, "{}", o.name);
            }
        }
        // Every DTRACEOPT_* id has its option.
        assert_eq!(ids.len(), usize::from(DTRACEOPT_MAX));
    }

    #[test]
    fn defaults_parse() {
        for o in OPTIONS {
            if let Some(d) = o.default {
                assert!(parse_value(o, Some(d)).is_ok(), "{}={d}", o.name);
            }
        }
    }

    #[test]
    fn ids_match_dtrace_h() {
        let id = |n: &str| lookup(n).and_then(|o| o.dof_id);
        assert_eq!(id("bufsize"), Some(0));
        assert_eq!(id("bufpolicy"), Some(1));
        assert_eq!(id("dynvarsize"), Some(2));
        assert_eq!(id("aggsize"), Some(3));
        assert_eq!(id("nspec"), Some(5));
        assert_eq!(id("strsize"), Some(6));
        assert_eq!(id("cpu"), Some(8));
        assert_eq!(id("quiet"), Some(12));
        assert_eq!(id("switchrate"), Some(16));
        assert_eq!(id("destructive"), Some(18));
        assert_eq!(id("jstackstrsize"), Some(22));
        assert_eq!(id("aggsortkeypos"), Some(26));
        assert_eq!(id("temporal"), Some(27));
        assert_eq!(id("zone"), Some(31));
        assert_eq!(id("errtags"), None);
        assert_eq!(by_dof_id(DTRACEOPT_FLOWINDENT).map(|o| o.name), Some("flowindent"));
    }

    #[test]
    fn kinds() {
        let kind = |n: &str| lookup(n).map(|o| o.kind);
        assert_eq!(kind("quiet"), Some(OptionKind::DynRuntime));
        assert_eq!(kind("flowindent"), Some(OptionKind::DynRuntime));
        assert_eq!(kind("rawbytes"), Some(OptionKind::DynRuntime));
        assert_eq!(kind("bufsize"), Some(OptionKind::Runtime));
        assert_eq!(kind("temporal"), Some(OptionKind::Runtime));
        assert_eq!(kind("zdefs"), Some(OptionKind::CompileTime));
        assert!(lookup("json").is_some_and(|o| o.extension));
        assert!(lookup("bufsize").is_some_and(|o| !o.extension));
    }

    #[test]
    fn sizes() {
        assert_eq!(int("bufsize", "4m"), Some(4 << 20));
        assert_eq!(int("bufsize", "4M"), Some(4 << 20));
        assert_eq!(int("aggsize", "512k"), Some(512 << 10));
        assert_eq!(int("bufsize", "2g"), Some(2 << 30));
        assert_eq!(int("bufsize", "1t"), Some(1 << 40));
        assert_eq!(int("bufsize", "65536"), Some(65536));
        assert_eq!(int("bufsize", "0x100"), Some(256));
        assert_eq!(int("bufsize", "010"), Some(8));
        assert_eq!(int("bufsize", ""), Some(0));
        assert_eq!(parse("bufsize", None), Ok(OptionValue::Int(0)));
        for bad in ["4mb", "4x", "m4", "-1", "4 m", "abc", "99999999999999999999", "16777216t"] {
            assert_eq!(parse("bufsize", Some(bad)), Err(OptionError::BadValue), "{bad}");
        }
        assert_eq!(int("strsize", "4g"), None);
        assert_eq!(parse("strsize", Some("4g")), Err(OptionError::Overflow));
        assert_eq!(int("strsize", "1024"), Some(1024));
    }

    #[test]
    fn times() {
        assert_eq!(int("switchrate", "10hz"), Some(100_000_000));
        assert_eq!(int("switchrate", "10Hz"), Some(100_000_000));
        assert_eq!(int("aggrate", "1s"), Some(1_000_000_000));
        assert_eq!(int("aggrate", "500ms"), Some(500_000_000));
        assert_eq!(int("aggrate", "250us"), Some(250_000));
        assert_eq!(int("aggrate", "2sec"), Some(2_000_000_000));
        // "m" is minutes for rates.
        assert_eq!(int("statusrate", "1m"), Some(60_000_000_000));
        assert_eq!(int("statusrate", "1day"), Some(86_400_000_000_000));
        // A bare number is nanoseconds.
        assert_eq!(int("switchrate", "1000"), Some(1000));
        assert_eq!(int("switchrate", "0hz"), Some(0));
        assert_eq!(int("cleanrate", "101hz"), Some(9_900_990));
        for bad in ["10 hz", "10hzz", "fast", "-5ms", "1ps"] {
            assert_eq!(parse("switchrate", Some(bad)), Err(OptionError::BadValue), "{bad}");
        }
    }

    #[test]
    fn runtime_toggles_and_counts() {
        assert_eq!(parse("quiet", None), Ok(OptionValue::Int(0)));
        assert_eq!(parse("quiet", Some("yes")), Ok(OptionValue::Int(1)));
        assert_eq!(parse("quiet", Some("ON")), Ok(OptionValue::Int(1)));
        assert_eq!(parse("quiet", Some("disabled")), Ok(OptionValue::Unset));
        assert_eq!(parse("quiet", Some("")), Ok(OptionValue::Unset));
        assert_eq!(parse("quiet", Some("maybe")), Err(OptionError::BadValue));
        assert_eq!(int("nspec", "4"), Some(4));
        assert_eq!(int("cpu", "0x3"), Some(3));
        assert_eq!(parse("stackframes", Some("-1")), Err(OptionError::BadValue));
        assert_eq!(parse("stackframes", Some("12k")), Err(OptionError::BadValue));
        assert!(parse("quiet", None).is_ok_and(|v| v.is_set() && v.dof_value() == Some(0)));
        assert_eq!(OptionValue::Unset.dof_value(), Some(DTRACEOPT_UNSET));
    }

    #[test]
    fn enums() {
        let choice = |n: &str, v: &str| match parse(n, Some(v)) {
            Ok(OptionValue::Choice { code, .. }) => Some(code),
            _ => None,
        };
        assert_eq!(choice("bufpolicy", "ring"), Some(DTRACEOPT_BUFPOLICY_RING));
        assert_eq!(choice("bufpolicy", "fill"), Some(DTRACEOPT_BUFPOLICY_FILL));
        assert_eq!(choice("bufpolicy", "switch"), Some(DTRACEOPT_BUFPOLICY_SWITCH));
        assert_eq!(choice("bufresize", "manual"), Some(DTRACEOPT_BUFRESIZE_MANUAL));
        assert_eq!(choice("bufpolicy", "Ring"), None);
        assert_eq!(choice("linktype", "DOF"), Some(1));
        assert_eq!(choice("engine", "bpf"), Some(1));
        assert_eq!(choice("stdc", "t"), Some(3));
        assert_eq!(parse("bufpolicy", None), Err(OptionError::BadValue));
        assert_eq!(parse("linkmode", Some("lazy")), Err(OptionError::BadValue));
    }

    #[test]
    fn flags_strings_and_others() {
        assert_eq!(parse("errtags", None), Ok(OptionValue::Set));
        assert_eq!(parse("errtags", Some("1")), Err(OptionError::BadValue));
        assert_eq!(parse("droptags", Some("whatever")), Ok(OptionValue::Set));
        assert_eq!(parse("define", Some("X=1")), Ok(OptionValue::Str("X=1".into())));
        assert_eq!(parse("define", None), Err(OptionError::BadValue));
        assert_eq!(parse("unsetenv", Some("A=B")), Err(OptionError::BadValue));
        assert_eq!(int("iregs", "16"), Some(16));
        assert_eq!(int("iregs", "16x"), Some(16));
        assert_eq!(parse("iregs", Some("0")), Err(OptionError::BadValue));
        assert_eq!(parse("tregs", None), Err(OptionError::BadValue));
        assert_eq!(int("pgmax", "0"), Some(0));
        assert_eq!(parse("pgmax", Some("-1")), Err(OptionError::BadValue));
        assert!(parse("amin", Some("Evolving/Evolving/ISA")).is_ok());
        assert!(parse("amin", Some("stable")).is_ok());
        assert_eq!(parse("amin", Some("Stable/Stable/Stable")), Err(OptionError::BadValue));
        assert_eq!(int("version", "1.12.1"), Some(1 << 24 | 12 << 12 | 1));
        assert_eq!(int("version", "1.0"), Some(1 << 24));
        assert_eq!(parse("version", Some("1.x")), Err(OptionError::VersionInvalid));
        assert_eq!(parse("version", Some("1.2.3.4")), Err(OptionError::VersionInvalid));
        assert_eq!(parse("version", Some("256.0")), Err(OptionError::VersionInvalid));
        assert_eq!(parse("version", Some("1.13")), Err(OptionError::VersionUndefined));
    }

    #[test]
    fn contexts() {
        assert_eq!(set("nosuch", None, SetContext::CommandLine).err(), Some(OptionError::BadName));
        assert_eq!(set("Quiet", None, SetContext::CommandLine).err(), Some(OptionError::BadName));
        assert_eq!(set("define", Some("X"), SetContext::Pragma).err(), Some(OptionError::BadContext));
        assert!(set("define", Some("X"), SetContext::CommandLine).is_ok());
        assert_eq!(set("bufsize", Some("1m"), SetContext::Tracing).err(), Some(OptionError::Active));
        assert!(set("bufsize", Some("1m"), SetContext::Pragma).is_ok());
        assert!(set("quiet", None, SetContext::Tracing).is_ok());
        assert!(set("switchrate", Some("5hz"), SetContext::Tracing).is_ok());
    }

    #[test]
    fn messages() {
        assert_eq!(split_assignment("bufsize=4m=x"), ("bufsize", Some("4m=x")));
        assert_eq!(split_assignment("quiet"), ("quiet", None));
        assert_eq!(x_error("nosuch", OptionError::BadName), "dtrace: failed to set -x nosuch: Invalid option name");
        assert_eq!(
            cli_error("-b 4q", OptionError::BadValue),
            "dtrace: failed to set -b 4q: Invalid value for specified option"
        );
        assert_eq!(
            pragma_error("bufsize", Some("4q"), OptionError::BadValue),
            "failed to set option 'bufsize' to '4q': Invalid value for specified option"
        );
        assert_eq!(
            pragma_error("define", None, OptionError::BadContext),
            "failed to set option 'define': Option cannot be used from within a D program"
        );
        assert_eq!(
            setopt_error("bufsize", "1m", OptionError::Active),
            "couldn't set option \"bufsize\" to \"1m\": Operation illegal when tracing is active"
        );
    }
}
