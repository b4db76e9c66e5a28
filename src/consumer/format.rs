//! DTrace's printf engine, and the default printing of traced records.
//!
//! [`format`] prints a `printf()` format with its decoded arguments exactly
//! as illumos libdtrace (`dt_printf.c`) does; `aggprint` drives the same
//! engine for `printa()`. [`print_record`] and [`print_tracemem`] print
//! what `trace()`, `stack()`, `sym()`, … and `tracemem()` record when no
//! format is given (`dt_consume.c`).
//!
//! How libdtrace really formats, reproduced here:
//!
//! - **The format dictionary** is [`crate::parser::printf::CONVERSIONS`],
//!   the one table the compiler checks arguments against: `a A c C d e E f
//!   g G i k o p s S T u x X Y %`, with length prefixes only as DTrace
//!   lists them: `hd hi ho hu hx hX`, `lc ld li lo lu ls lx lX`, `lld lli
//!   llo llu llx llX`, `Le LE Lf Lg LG`, `wc ws`. Anything else (`%hhd`,
//!   `%lf`, `%n`, `%z`, and the FreeBSD `%I`/`%P`) is "format conversion #N
//!   is undefined" (the compiler reports it; here it is
//!   [`FormatError::Syntax`]).
//! - **Flags** `#`, `0`, `-`, `+`, space, `'` (no grouping: the C locale)
//!   and `?` (width 16, LP64). `0` and `-` cancel each other in the order
//!   written: `%-08d` zero-pads, `%0-8d` left-aligns. `@` marks a
//!   conversion that takes the aggregation value in `printa()`.
//! - **Width and precision**, also from arguments (`*`, `.*`, consumed
//!   before the value, read as `int` from a record of any integer size). A
//!   negative dynamic width left-aligns. A precision of zero is dropped
//!   (libdtrace only passes a precision greater than zero), so `%.0f` prints
//!   six decimals and `%.*s` with 0 prints the whole string.
//! - **Integers** are taken from the recorded size: `%d` of a signed type
//!   and `%i` sign-extend (a `char` holding -1 prints `-1`), `%d` of an
//!   unsigned type and `%u %o %x %X %p` zero-extend (`%x` of that `char` is
//!   `ff`, of an `int` -1 `ffffffff`). `%hd` zero-extends (libdtrace
//!   re-reads the pickled `%d` without its signedness), `%hi` does not.
//!   `%p` prints bare hex digits (`%#p` adds `0x`). `%c` prints the low
//!   byte of the value, a NUL included.
//! - **Floating point** values arrive as their IEEE bits in a 4- or 8-byte
//!   record; `%e %E %f %g %G` print them as glibc does (`inf`, `-nan`).
//! - **`%s`** prints the record up to its first NUL (precision truncates);
//!   **`%S`** prints it with C escapes (`\n`, `\"`, `\\`, octal `\ooo` for
//!   other bytes outside `!`..`~`) and, because libdtrace escapes the
//!   record's terminating NUL before stopping, ends in `\0` for every
//!   string shorter than its record. **`%C`** escapes one character.
//! - **`%a`** prints `module`symbol+0xoff`, `module`symbol` at the symbol's
//!   start, `module`0xaddr` with no symbol, `0xaddr` with no module;
//!   **`%A`** the same for a user address (`usym()`/`uaddr()` records carry
//!   their pid; a plain integer uses `$target`, and with no process prints
//!   `0xaddr`).
//! - **`%k`** prints a stack: a newline, then one frame per line through the
//!   conversion (`%20k` right-aligns each frame); the frames are indented by
//!   the width when left-aligned (`%-20k`), else not at all.
//! - **`%Y`** prints a nanosecond wall time as ctime(3) rearranged:
//!   `2026 Nov 22 05:30:43` (day space-padded); **`%T`** as RFC 822 through
//!   strftime's `%a, %d %b %G %T %Z` — with DTrace's `%G`, the ISO 8601 week
//!   year, which differs from the calendar year in the first and last days
//!   of some years. Both use the local time of `FormatCtx::tz`.
//! - **`%ls`/`%ws`** (wide strings) are not supported ([`FormatError::Mismatch`]);
//!   **`%lc`/`%wc`** print the character when it is ASCII.

use super::aggprint::{AggData, AggFunc};
use super::value::{mask, sign_extend, Value};
use std::fmt::Write as _;

/// A symbol found for an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymInfo {
    /// The module (kernel module, or the basename of a user object).
    pub module: String,
    /// The symbol's name and start address, if a symbol contains the
    /// address (else only the module is known).
    pub symbol: Option<(String, u64)>,
}

/// Resolves addresses for `%a`, `%A`, stacks and the symbolic actions.
pub trait Symbolizer {
    /// The kernel symbol containing `addr`.
    fn kernel(&self, addr: u64) -> Option<SymInfo>;
    /// The symbol containing `addr` in process `pid`; `None` also when the
    /// process cannot be examined.
    fn user(&self, pid: u64, addr: u64) -> Option<SymInfo>;
}

/// The local time zone `%Y` and `%T` print in (ctime and localtime).
pub trait TimeZone {
    /// Seconds east of UTC in force at `secs` since the epoch, and the
    /// zone's abbreviation then (what strftime's `%Z` prints).
    fn offset(&self, secs: i64) -> (i64, String);
}

/// Coordinated Universal Time, what glibc uses with `TZ` unset and no
/// `/etc/localtime`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Utc;

impl TimeZone for Utc {
    fn offset(&self, _secs: i64) -> (i64, String) {
        (0, "UTC".to_string())
    }
}

/// A fixed offset from UTC with its abbreviation.
#[derive(Clone, Debug)]
pub struct FixedOffset {
    pub seconds_east: i64,
    pub abbrev: String,
}

impl TimeZone for FixedOffset {
    fn offset(&self, _secs: i64) -> (i64, String) {
        (self.seconds_east, self.abbrev.clone())
    }
}

/// What printing needs from the session besides the values.
#[derive(Clone, Copy)]
pub struct FormatCtx<'a> {
    /// Address resolution; `None` prints every address as `0x…`.
    pub symbols: Option<&'a dyn Symbolizer>,
    /// The local time zone for `%Y` and `%T`.
    pub tz: &'a dyn TimeZone,
    /// `$target` (`-p`/`-c`), the process `%A` resolves plain integers in.
    pub target: Option<u64>,
    /// `-x stackindent`: the indentation of stack frames (DTrace: 14).
    pub stackindent: Option<u64>,
    /// `-x rawbytes`: always print byte records as a hex dump.
    pub rawbytes: bool,
}

impl Default for FormatCtx<'_> {
    fn default() -> Self {
        FormatCtx { symbols: None, tz: &Utc, target: None, stackindent: None, rawbytes: false }
    }
}

impl FormatCtx<'_> {
    fn indent(&self) -> usize {
        self.stackindent.map_or(14, |i| i as usize)
    }
}

/// Why a format could not be printed. Except for [`FormatError::Syntax`]
/// (which the compiler reports first), these are libdtrace's EDT_DMISMATCH,
/// and print as its message: dtrace(1) then stops with
/// `dtrace: processing aborted: Data record list does not match statement`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The format string is malformed; the message is dt_printf's.
    #[error("{0}")]
    Syntax(String),
    /// Conversion number `conversion` (from 1) found no record to print.
    #[error("Data record list does not match statement")]
    Missing { conversion: usize },
    /// Conversion number `conversion` met a record it cannot print.
    #[error("Data record list does not match statement")]
    Mismatch { conversion: usize, name: String },
    /// An aggregation's data does not match its function.
    #[error("Data record list does not match statement")]
    Aggregation,
}

// ---------------------------------------------------------------------------
// Parsing (dt_printf_create)

pub(crate) use crate::parser::printf::{Piece, Spec};

/// Splits a format into literals and conversions (dt_printf_create).
pub(crate) fn parse(fmt: &[u8]) -> Result<Vec<Piece>, FormatError> {
    crate::parser::printf::parse(fmt).map_err(FormatError::Syntax)
}

// ---------------------------------------------------------------------------
// Running a format (dt_printf_format)

/// Prints `fmt` with `args` (one decoded record per argument, `*` widths
/// included) as DTrace's `printf()` does. Returns the output bytes: DTrace
/// output is bytes (`%c` may print a NUL, `%s` any byte).
pub fn format(fmt: &[u8], args: &[Value], ctx: &FormatCtx) -> Result<Vec<u8>, FormatError> {
    let mut out = Vec::new();
    format_to(&mut out, fmt, args, ctx)?;
    Ok(out)
}

/// [`format`], appending to `out`. On error, what was printed before the
/// failing conversion stays in `out`, as with libdtrace.
pub fn format_to(out: &mut Vec<u8>, fmt: &[u8], args: &[Value], ctx: &FormatCtx) -> Result<(), FormatError> {
    let pieces = parse(fmt)?;
    run(out, &pieces, args, None, ctx)
}

/// [`format_to`] with a format [`parse`]d beforehand, for a consumer that
/// prints one format many times.
pub(crate) fn format_pieces(
    out: &mut Vec<u8>,
    pieces: &[Piece],
    args: &[Value],
    ctx: &FormatCtx,
) -> Result<(), FormatError> {
    run(out, pieces, args, None, ctx)
}

/// The value of one aggregation for a `%@` conversion.
#[derive(Clone, Copy)]
pub(crate) struct AggArg<'a> {
    pub func: &'a AggFunc,
    pub data: &'a AggData,
    pub normal: u64,
    /// `aggzoom`, for a distribution's bars.
    pub zoom: bool,
    /// Whether `%@d` is signed: the compiler types `%@` as `uint64_t` when
    /// the (first) aggregation is a `count()`, else as `int64_t`.
    pub signed: bool,
}

/// Runs a parsed format. `aggs` are the aggregations of a `printa()` (the
/// `%@` conversions take them in order, the last one repeating).
pub(crate) fn run(
    out: &mut Vec<u8>,
    pieces: &[Piece],
    args: &[Value],
    aggs: Option<&[AggArg]>,
    ctx: &FormatCtx,
) -> Result<(), FormatError> {
    let mut next = 0;
    let mut cur_agg = 0;
    for p in pieces {
        let s = match p {
            Piece::Lit(b) => {
                out.extend_from_slice(b);
                continue;
            }
            Piece::Conv(s) => s,
        };
        if s.name == "%" {
            out.push(b'%');
            continue;
        }
        let mut take = || -> Result<&Value, FormatError> {
            let v = args.get(next).ok_or(FormatError::Missing { conversion: s.index })?;
            next += 1;
            Ok(v)
        };
        let mut width = s.width;
        let mut dyn_width = 0;
        if s.dyn_width {
            width = get_int(take()?, s)?;
            dyn_width = width;
        }
        let mut prec = s.prec;
        if s.dyn_prec {
            prec = get_int(take()?, s)?;
        }
        let mut c = CSpec {
            alt: s.alt,
            zero: s.zero,
            left: width < 0 || s.left,
            plus: s.plus,
            space: s.space,
            width: width.unsigned_abs() as usize,
            prec: (prec > 0).then_some(prec as usize),
        };
        if s.agg {
            let aggs = aggs.ok_or(FormatError::Missing { conversion: s.index })?;
            let a = aggs.get(cur_agg).ok_or(FormatError::Missing { conversion: s.index })?;
            if cur_agg + 1 < aggs.len() {
                cur_agg += 1;
            }
            print_agg_value(out, s, &c, a, ctx)?;
            continue;
        }
        let v = take()?;
        if s.conv() == b'k' {
            // pfprint_stack: a left-aligned width becomes the indentation.
            let indent = if dyn_width < 0 {
                dyn_width.unsigned_abs() as usize
            } else if s.left {
                (if dyn_width != 0 { dyn_width } else { s.width }).max(0) as usize
            } else {
                0
            };
            if s.left {
                c.width = 0;
            }
            match v {
                Value::Stack(pcs) => print_stack(out, pcs, Some(&c), indent, ctx),
                Value::UStack { pid, pcs } => print_ustack(out, *pid, pcs, Some(&c), indent, ctx),
                _ => return Err(mismatch(s)),
            }
            continue;
        }
        print_value(out, s, &c, v, 1, ctx)?;
    }
    Ok(())
}

fn mismatch(s: &Spec) -> FormatError {
    FormatError::Mismatch { conversion: s.index, name: s.name.clone() }
}

/// dt_printf_getint: a `*` argument, as a C `int`.
fn get_int(v: &Value, s: &Spec) -> Result<i32, FormatError> {
    match v {
        Value::Int { .. } => Ok(v.sext().unwrap_or(0) as i32),
        _ => Err(mismatch(s)),
    }
}

/// Prints an aggregation's value for a `%@` conversion.
fn print_agg_value(out: &mut Vec<u8>, s: &Spec, c: &CSpec, a: &AggArg, ctx: &FormatCtx) -> Result<(), FormatError> {
    use super::aggprint;
    match (a.func, a.data) {
        (AggFunc::Count | AggFunc::Sum | AggFunc::Min | AggFunc::Max, AggData::Scalar(v)) => {
            print_value(out, s, c, &agg_int(*v as u64, a), a.normal, ctx)
        }
        // pfprint_average divides as uint64_t: data[1] / normal / data[0].
        (AggFunc::Avg, AggData::Avg { count, total }) => {
            let v = if *count != 0 { (*total as u64) / a.normal.max(1) / count } else { 0 };
            print_value(out, s, c, &agg_int(v, a), 1, ctx)
        }
        (AggFunc::Stddev, d @ AggData::Stddev { .. }) => {
            let v = aggprint::stddev(d, a.normal);
            print_value(out, s, c, &agg_int(v, a), 1, ctx)
        }
        (f @ (AggFunc::Quantize | AggFunc::Lquantize { .. } | AggFunc::Llquantize { .. }), AggData::Buckets(b)) => {
            aggprint::print_distribution(out, f, b, a.normal, a.zoom)
        }
        _ => Err(FormatError::Aggregation),
    }
}

/// An aggregation value as the 64-bit integer `%@` sees.
fn agg_int(v: u64, a: &AggArg) -> Value {
    Value::Int { value: v, size: 8, signed: a.signed }
}

/// The conversions that print an integer, and how: `Some(true)` sign-
/// extends, `Some(false)` zero-extends.
fn int_signedness(s: &Spec, v: &Value) -> Option<bool> {
    match s.name.as_str() {
        // pfcheck_dint pickles %d as %i (signed types) or %u (unsigned).
        "d" => Some(matches!(v, Value::Int { signed: true, .. })),
        "hd" => Some(false),
        "i" | "hi" | "li" | "lli" | "ld" | "lld" | "c" | "lc" | "wc" => Some(true),
        "u" | "o" | "x" | "X" | "p" | "hu" | "ho" | "hx" | "hX" | "lu" | "lo" | "lx" | "lX" | "llu" | "llo" | "llx"
        | "llX" => Some(false),
        _ => None,
    }
}

/// Prints one record through one conversion (the pfprint_* functions).
/// `normal` divides integers (printa of a normalized aggregation).
fn print_value(
    out: &mut Vec<u8>,
    s: &Spec,
    c: &CSpec,
    v: &Value,
    normal: u64,
    ctx: &FormatCtx,
) -> Result<(), FormatError> {
    // dt_printf_format picks the printer by the record's action first.
    match v {
        Value::Mod(addr) => {
            c_str(out, c, kernel_mod(*addr, ctx).as_bytes());
            return Ok(());
        }
        Value::UMod { pid, addr } => {
            c_str(out, c, user_mod(*pid, *addr, ctx).as_bytes());
            return Ok(());
        }
        _ => {}
    }
    let conv = s.conv();
    if let Some(signed) = int_signedness(s, v) {
        let Value::Int { value, size, .. } = *v else {
            return Err(mismatch(s));
        };
        if !matches!(size, 1 | 2 | 4 | 8) {
            return Err(mismatch(s));
        }
        let n = if signed {
            let x = sign_extend(value, size);
            if size == 8 {
                IntVal::Signed(x.wrapping_div((normal as i64).max(1)))
            } else {
                IntVal::Signed(i64::from((x as i32).wrapping_div((normal as i32).max(1))))
            }
        } else {
            let x = mask(value, size);
            if size == 8 {
                IntVal::Unsigned(x / normal.max(1))
            } else {
                IntVal::Unsigned(u64::from((x as u32) / (normal as u32).max(1)))
            }
        };
        match conv {
            b'c' => {
                let b = match n {
                    IntVal::Signed(x) => x as u8,
                    IntVal::Unsigned(x) => x as u8,
                };
                c_char(out, c, b);
            }
            // `%hd` hands a zero-extended value to C's `%d`: an int.
            b'd' | b'i' => c_int(out, c, b'd', n),
            b'p' => c_int(out, c, b'x', n),
            other => c_int(out, c, other, n),
        }
        return Ok(());
    }
    match conv {
        b'e' | b'E' | b'f' | b'g' | b'G' => {
            let f = match *v {
                Value::Int { value, size: 4, .. } => f64::from(f32::from_bits(value as u32)),
                Value::Int { value, size: 8, .. } => f64::from_bits(value),
                _ => return Err(mismatch(s)),
            };
            c_float(out, c, conv, f / normal.max(1) as f64);
        }
        b'a' => {
            let addr = match *v {
                Value::Int { size: 4 | 8, .. } => v.zext().unwrap_or(0),
                Value::Sym(a) => a,
                _ => return Err(mismatch(s)),
            };
            c_str(out, c, kernel_addr(addr, ctx).as_bytes());
        }
        b'A' => {
            let (pid, addr) = match *v {
                Value::Int { size: 4 | 8, .. } => (0, v.zext().unwrap_or(0)),
                Value::USym { pid, addr } | Value::UAddr { pid, addr } => (pid, addr),
                _ => return Err(mismatch(s)),
            };
            let pid = if pid == 0 { ctx.target.unwrap_or(0) } else { pid };
            c_str(out, c, user_addr(pid, addr, ctx).as_bytes());
        }
        b's' if s.name == "s" => match v {
            Value::Bytes(_) | Value::Int { .. } => c_str(out, c, &v.c_bytes()),
            _ => return Err(mismatch(s)),
        },
        b'S' => match v {
            Value::Bytes(b) => c_str(out, c, &escape(b)),
            _ => return Err(mismatch(s)),
        },
        b'C' => match *v {
            Value::Int { value, size: 1 | 2 | 4, .. } => c_str(out, c, &escape(&[value as u8])),
            _ => return Err(mismatch(s)),
        },
        b'Y' | b'T' => {
            let Value::Int { size: 8, .. } = v else {
                return Err(mismatch(s));
            };
            let ns = v.sext().unwrap_or(0);
            let text = if conv == b'Y' { time_ctime(ns, ctx) } else { time_rfc822(ns, ctx) };
            c_str(out, c, text.as_bytes());
        }
        _ => return Err(mismatch(s)),
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// C printf, as glibc formats each conversion

/// The flags, width and precision handed to C's printf for one conversion.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CSpec {
    pub alt: bool,
    pub zero: bool,
    pub left: bool,
    pub plus: bool,
    pub space: bool,
    pub width: usize,
    pub prec: Option<usize>,
}

impl CSpec {
    /// A plain `%Ns` (or `%-Ns` for a negative width).
    pub(crate) fn width(w: i64) -> CSpec {
        CSpec { left: w < 0, width: w.unsigned_abs() as usize, ..CSpec::default() }
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum IntVal {
    Signed(i64),
    Unsigned(u64),
}

/// Pads `body` (after `prefix`, which zero padding follows) to the width.
fn pad(out: &mut Vec<u8>, c: &CSpec, prefix: &[u8], body: &[u8], zero_ok: bool) {
    let len = prefix.len() + body.len();
    let fill = c.width.saturating_sub(len);
    if c.left {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.resize(out.len() + fill, b' ');
    } else if c.zero && zero_ok {
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

/// `%d %u %o %x %X` with C's flags.
pub(crate) fn c_int(out: &mut Vec<u8>, c: &CSpec, conv: u8, v: IntVal) {
    let (neg, mag) = match v {
        IntVal::Signed(x) => (x < 0, x.unsigned_abs()),
        IntVal::Unsigned(x) => (false, x),
    };
    // Digits right to left into a buffer wide enough for any precision
    // C would honour here (64-bit octal is 22 digits).
    let (base, upper) = match conv {
        b'o' => (8, false),
        b'x' => (16, false),
        b'X' => (16, true),
        _ => (10, false),
    };
    let mut buf = [0u8; 24];
    let mut at = buf.len();
    let mut m = mag;
    loop {
        let d = (m % base) as u8;
        at -= 1;
        buf[at] = match d {
            0..=9 => b'0' + d,
            _ if upper => b'A' + d - 10,
            _ => b'a' + d - 10,
        };
        m /= base;
        if m == 0 {
            break;
        }
    }
    let mut digits: std::borrow::Cow<[u8]> = std::borrow::Cow::Borrowed(&buf[at..]);
    if let Some(p) = c.prec {
        if digits.len() < p {
            let mut d = vec![b'0'; p - digits.len()];
            d.extend_from_slice(&digits);
            digits = d.into();
        }
    }
    let prefix: &[u8] = match conv {
        b'd' | b'i' if matches!(v, IntVal::Signed(_)) => {
            if neg {
                b"-"
            } else if c.plus {
                b"+"
            } else if c.space {
                b" "
            } else {
                b""
            }
        }
        b'o' if c.alt && digits[0] != b'0' => {
            let mut d = vec![b'0'];
            d.extend_from_slice(&digits);
            digits = d.into();
            b""
        }
        b'x' if c.alt && mag != 0 => b"0x",
        b'X' if c.alt && mag != 0 => b"0X",
        _ => b"",
    };
    pad(out, c, prefix, &digits, c.prec.is_none());
}

/// `%c`: one byte, padded with spaces.
pub(crate) fn c_char(out: &mut Vec<u8>, c: &CSpec, b: u8) {
    pad(out, c, &[], &[b], false);
}

/// `%s`: the bytes, cut to the precision, padded with spaces.
pub(crate) fn c_str(out: &mut Vec<u8>, c: &CSpec, s: &[u8]) {
    let s = match c.prec {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    pad(out, c, &[], s, false);
}

/// `%e %E %f %g %G` with C's flags (glibc's output, `inf`/`nan` included).
pub(crate) fn c_float(out: &mut Vec<u8>, c: &CSpec, conv: u8, f: f64) {
    let upper = conv.is_ascii_uppercase();
    let mut prefix = String::new();
    if f.is_sign_negative() {
        prefix.push('-');
    } else if c.plus {
        prefix.push('+');
    } else if c.space {
        prefix.push(' ');
    }
    if !f.is_finite() {
        let s = if f.is_nan() { "nan" } else { "inf" };
        let s = if upper { s.to_ascii_uppercase() } else { s.to_string() };
        pad(out, c, prefix.as_bytes(), s.as_bytes(), false);
        return;
    }
    let a = f.abs();
    let prec = c.prec.unwrap_or(6);
    let body = match conv.to_ascii_lowercase() {
        b'f' => fixed(a, prec, c.alt),
        b'e' => exponent(a, prec, c.alt, upper),
        _ => {
            let p = if c.prec == Some(0) { 1 } else { prec.max(1) };
            let x = exp10_of(a, p - 1);
            let mut s = if x < p as i32 && x >= -4 {
                fixed(a, (p as i32 - 1 - x) as usize, c.alt)
            } else {
                exponent(a, p - 1, c.alt, upper)
            };
            if !c.alt {
                let (mant, exp) = match s.find(['e', 'E']) {
                    Some(i) => (s[..i].to_string(), s[i..].to_string()),
                    None => (s.clone(), String::new()),
                };
                let mant = if mant.contains('.') {
                    mant.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    mant
                };
                s = mant + &exp;
            }
            s
        }
    };
    pad(out, c, prefix.as_bytes(), body.as_bytes(), true);
}

/// `%.Nf` of a non-negative finite value.
fn fixed(a: f64, prec: usize, alt: bool) -> String {
    let mut s = format!("{a:.prec$}");
    if alt && prec == 0 {
        s.push('.');
    }
    s
}

/// `%.Ne` of a non-negative finite value: `d.ddde+XX`.
fn exponent(a: f64, prec: usize, alt: bool, upper: bool) -> String {
    let s = format!("{a:.prec$e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut m = mant.to_string();
    if alt && prec == 0 {
        m.push('.');
    }
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{m}{}{sign}{:02}", if upper { 'E' } else { 'e' }, exp.unsigned_abs())
}

/// The decimal exponent `%.Ne` would print for `a`.
fn exp10_of(a: f64, prec: usize) -> i32 {
    let s = format!("{a:.prec$e}");
    s.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0)
}

/// strchr2esc: C escapes for the bytes of a record, up to and including
/// its first NUL (printed as `\0`).
pub(crate) fn escape(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for &c in b {
        match c {
            0 => out.extend_from_slice(b"\\0"),
            7 => out.extend_from_slice(b"\\a"),
            8 => out.extend_from_slice(b"\\b"),
            12 => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            11 => out.extend_from_slice(b"\\v"),
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b' '..=b'~' => out.push(c),
            _ => out.extend_from_slice(format!("\\{:03o}", c).as_bytes()),
        }
        if c == 0 {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Addresses and stacks

/// dtrace_addr2str: `mod`sym+0xoff`, `mod`sym`, `mod`0xaddr` or `0xaddr`.
pub(crate) fn kernel_addr(addr: u64, ctx: &FormatCtx) -> String {
    sym_string(ctx.symbols.and_then(|s| s.kernel(addr)), addr, true)
}

/// dtrace_uaddr2str for `pid` (0: no process, so `0xaddr`).
pub(crate) fn user_addr(pid: u64, addr: u64, ctx: &FormatCtx) -> String {
    let info = if pid == 0 { None } else { ctx.symbols.and_then(|s| s.user(pid, addr)) };
    sym_string(info, addr, true)
}

fn sym_string(info: Option<SymInfo>, addr: u64, offset: bool) -> String {
    match info {
        Some(SymInfo { module, symbol: Some((name, base)) }) => {
            if offset && addr > base {
                format!("{module}`{name}+0x{:x}", addr - base)
            } else {
                format!("{module}`{name}")
            }
        }
        Some(SymInfo { module, symbol: None }) => format!("{module}`0x{addr:x}"),
        None => format!("0x{addr:x}"),
    }
}

/// dt_print_sym's text: `mod`sym` (no offset), `mod`0xaddr` or `0xaddr`.
pub(crate) fn kernel_sym(addr: u64, ctx: &FormatCtx) -> String {
    sym_string(ctx.symbols.and_then(|s| s.kernel(addr)), addr, false)
}

/// dt_print_mod's text: the module, or `0xaddr`.
pub(crate) fn kernel_mod(addr: u64, ctx: &FormatCtx) -> String {
    match ctx.symbols.and_then(|s| s.kernel(addr)) {
        Some(i) => i.module,
        None => format!("0x{addr:x}"),
    }
}

/// dt_print_umod's text: the object's basename, or `0xaddr`.
pub(crate) fn user_mod(pid: u64, addr: u64, ctx: &FormatCtx) -> String {
    match ctx.symbols.and_then(|s| s.user(pid, addr)) {
        Some(i) => i.module,
        None => format!("0x{addr:x}"),
    }
}

/// dt_print_usym's text: `usym()` prints the symbol without offset.
pub(crate) fn user_sym(pid: u64, addr: u64, ctx: &FormatCtx) -> String {
    let info = if pid == 0 { None } else { ctx.symbols.and_then(|s| s.user(pid, addr)) };
    sym_string(info, addr, false)
}

/// dt_print_stack: a newline, then each frame indented and printed through
/// `c` (plain `%s` when `None`), one per line, up to the first zero pc.
pub(crate) fn print_stack(out: &mut Vec<u8>, pcs: &[u64], c: Option<&CSpec>, indent: usize, ctx: &FormatCtx) {
    out.push(b'\n');
    for &pc in pcs.iter().take_while(|&&pc| pc != 0) {
        out.resize(out.len() + indent, b' ');
        c_str(out, c.unwrap_or(&CSpec::default()), kernel_addr(pc, ctx).as_bytes());
        out.push(b'\n');
    }
}

/// dt_print_ustack: as [`print_stack`] with user symbols of `pid`. An empty
/// stack (depth 0) prints nothing at all.
pub(crate) fn print_ustack(
    out: &mut Vec<u8>,
    pid: u64,
    pcs: &[u64],
    c: Option<&CSpec>,
    indent: usize,
    ctx: &FormatCtx,
) {
    if pcs.is_empty() {
        return;
    }
    out.push(b'\n');
    for &pc in pcs.iter().take_while(|&&pc| pc != 0) {
        out.resize(out.len() + indent, b' ');
        c_str(out, c.unwrap_or(&CSpec::default()), user_addr(pid, pc, ctx).as_bytes());
        out.push(b'\n');
    }
}

// ---------------------------------------------------------------------------
// Records printed without a format (dt_consume_cpu, dt_print_bytes)

/// Prints a record as `trace()`, `stack()`, `sym()`, … print it in a probe's
/// output (`quiet` is `-q`): integers `" %16lld"`/`" %8d"`/`" %5d"`/
/// `" %3d"` of the recorded bits (so a 1-byte -1 prints `255`; `%lld` with
/// no width when quiet), byte records as a string or a hex dump, symbolic
/// records as `"  %-50s"`, stacks one frame per line.
pub fn print_record(out: &mut Vec<u8>, v: &Value, quiet: bool, ctx: &FormatCtx) {
    let pad50 = |out: &mut Vec<u8>, s: String| {
        out.extend_from_slice(b"  ");
        c_str(out, &CSpec { left: true, width: 50, ..CSpec::default() }, s.as_bytes());
    };
    match v {
        // dt_consume_cpu switches on the record size, whatever the record.
        Value::Int { .. } | Value::Bytes(_) if v.int_bits().is_some() => {
            let bits = v.int_bits().unwrap_or(0);
            let (w, n) = match v.record_size() {
                8 => (16, bits as i64),
                4 => (8, i64::from(bits as u32 as i32)),
                2 => (5, i64::from(bits as u16)),
                _ => (3, i64::from(bits as u8)),
            };
            if !quiet {
                out.push(b' ');
            }
            c_int(out, &CSpec { width: if quiet { 0 } else { w }, ..CSpec::default() }, b'd', IntVal::Signed(n));
        }
        Value::Int { .. } => {}
        Value::Bytes(b) => print_bytes(out, b, -33, quiet, false, ctx),
        Value::Stack(pcs) => print_stack(out, pcs, None, ctx.indent(), ctx),
        Value::UStack { pid, pcs } => print_ustack(out, *pid, pcs, None, ctx.indent(), ctx),
        Value::Sym(a) => pad50(out, kernel_sym(*a, ctx)),
        Value::Mod(a) => pad50(out, kernel_mod(*a, ctx)),
        Value::USym { pid, addr } => pad50(out, user_sym(*pid, *addr, ctx)),
        Value::UAddr { pid, addr } => pad50(out, user_addr(*pid, *addr, ctx)),
        Value::UMod { pid, addr } => pad50(out, user_mod(*pid, *addr, ctx)),
    }
}

/// Prints `tracemem()` data: always the hex dump (libdtrace forces it).
pub fn print_tracemem(out: &mut Vec<u8>, bytes: &[u8], quiet: bool, ctx: &FormatCtx) {
    print_bytes(out, bytes, -33, quiet, true, ctx);
}

/// dt_print_bytes: a run of printable characters ended by NULs (or filling
/// the record) prints as a string, anything else as a hex dump. `width`
/// pads the string (negative: left-aligned), as `-33` for `trace()` and
/// `-50` for aggregation keys.
pub(crate) fn print_bytes(out: &mut Vec<u8>, c: &[u8], width: i64, quiet: bool, forceraw: bool, ctx: &FormatCtx) {
    if c.is_empty() {
        return;
    }
    if !forceraw && !ctx.rawbytes {
        // isprint() or isspace() in the C locale, or \b and \a.
        let printable = |b: u8| (b' '..=b'~').contains(&b) || (b'\t'..=b'\r').contains(&b) || b == 8 || b == 7;
        let first = c.iter().position(|&b| !printable(b));
        match first {
            None => {
                // All printable, no terminating NUL: "  %-*s".
                out.extend_from_slice(b"  ");
                c_str(out, &CSpec { left: true, width: width.unsigned_abs() as usize, ..CSpec::default() }, c);
                return;
            }
            // (An OR over the padding, which vectorizes: string keys are
            // mostly NUL padding up to strsize.)
            Some(i) if c[i] == 0 && i > 0 && c[i..].iter().fold(0, |a, &b| a | b) == 0 => {
                if quiet {
                    out.extend_from_slice(&c[..i]);
                } else {
                    out.push(b' ');
                    if width < 0 {
                        out.push(b' ');
                    }
                    c_str(out, &CSpec::width(width), &c[..i]);
                }
                return;
            }
            Some(_) => {}
        }
    }
    // The hex dump.
    let margin = "     ";
    let _ = write!(StrOut(out), "\n{margin}      ");
    for d in "0123456789abcdef".chars() {
        let _ = write!(StrOut(out), "  {d}");
    }
    out.extend_from_slice(b"  0123456789abcdef\n");
    for (row, chunk) in c.chunks(16).enumerate() {
        let _ = write!(StrOut(out), "{margin}{:5x}:", row * 16);
        for b in chunk {
            let _ = write!(StrOut(out), " {b:02x}");
        }
        for _ in chunk.len()..16 {
            out.extend_from_slice(b"   ");
        }
        out.extend_from_slice(b"  ");
        for &b in chunk {
            out.push(if (b' '..=b'~').contains(&b) { b } else { b'.' });
        }
        out.push(b'\n');
    }
}

/// `write!` into a byte vector.
pub(crate) struct StrOut<'a>(pub &'a mut Vec<u8>);

impl std::fmt::Write for StrOut<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Time

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Broken-down local time.
struct Tm {
    year: i64,
    mon: usize,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    wday: usize,
    days: i64,
}

/// Days since 1970-01-01 to a (year, month 1-12, day).
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn localtime(ns: i64, ctx: &FormatCtx) -> (Tm, String) {
    // hrtime_t / NANOSEC: C division truncates toward zero.
    let secs = ns / 1_000_000_000;
    let (off, abbrev) = ctx.tz.offset(secs);
    let t = secs + off;
    let days = t.div_euclid(86_400);
    let rem = t.rem_euclid(86_400);
    let (year, mon, mday) = civil_from_days(days);
    let tm = Tm {
        year,
        mon: (mon - 1) as usize,
        mday,
        hour: rem / 3600,
        min: rem / 60 % 60,
        sec: rem % 60,
        wday: (days + 4).rem_euclid(7) as usize,
        days,
    };
    (tm, abbrev)
}

/// `%Y`: ctime(3) rearranged as `YYYY Mon dd hh:mm:ss`.
fn time_ctime(ns: i64, ctx: &FormatCtx) -> String {
    let (t, _) = localtime(ns, ctx);
    format!("{} {}{:3} {:02}:{:02}:{:02}", t.year, MONTHS[t.mon], t.mday, t.hour, t.min, t.sec)
}

/// `%T`: strftime `%a, %d %b %G %T %Z`.
fn time_rfc822(ns: i64, ctx: &FormatCtx) -> String {
    let (t, zone) = localtime(ns, ctx);
    // %G: the year of this ISO week's Thursday.
    let iso_wday = (t.wday + 6) % 7;
    let thursday = t.days + 3 - iso_wday as i64;
    let (iso_year, _, _) = civil_from_days(thursday);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} {}",
        DAYS[t.wday], t.mday, MONTHS[t.mon], iso_year, t.hour, t.min, t.sec, zone
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kernel: `genunix`cv_wait` at 0x1000..0x1100, module `genunix`
    /// without a symbol at 0x2000..0x3000. User (pid 42): `libc.so.1`malloc`
    /// at 0x5000..0x5100, `a.out` without symbols at 0x6000..0x7000.
    struct Syms;

    impl Symbolizer for Syms {
        fn kernel(&self, a: u64) -> Option<SymInfo> {
            match a {
                0x1000..0x1100 => Some(SymInfo { module: "genunix".into(), symbol: Some(("cv_wait".into(), 0x1000)) }),
                0x2000..0x3000 => Some(SymInfo { module: "genunix".into(), symbol: None }),
                _ => None,
            }
        }
        fn user(&self, pid: u64, a: u64) -> Option<SymInfo> {
            match (pid, a) {
                (42, 0x5000..0x5100) => {
                    Some(SymInfo { module: "libc.so.1".into(), symbol: Some(("malloc".into(), 0x5000)) })
                }
                (42, 0x6000..0x7000) => Some(SymInfo { module: "a.out".into(), symbol: None }),
                _ => None,
            }
        }
    }

    fn i(v: i64) -> Value {
        Value::i64(v)
    }
    fn int(v: i64, size: u8) -> Value {
        Value::signed(v, size)
    }
    fn uint(v: u64, size: u8) -> Value {
        Value::unsigned(v, size)
    }
    fn s(x: &str) -> Value {
        Value::string(x.as_bytes(), 32)
    }
    fn f(v: f64) -> Value {
        Value::f64(v)
    }
    fn run_with(fmt: &str, args: &[Value], ctx: &FormatCtx) -> String {
        let out = format(fmt.as_bytes(), args, ctx).unwrap_or_else(|e| panic!("{fmt:?}: {e}"));
        String::from_utf8(out).unwrap()
    }

    /// (format, arguments, what DTrace prints): every conversion, flag,
    /// width and precision form the engine implements. The expected texts
    /// follow C's printf (glibc) for the C conversions and dt_printf.c for
    /// the rest; see the module doc for the DTrace-specific rules.
    #[test]
    fn conversions() {
        let stack = Value::Stack(vec![0x1010, 0x2345, 0, 0]);
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            // Literal text and %%.
            ("hello\n", vec![], "hello\n"),
            ("", vec![], ""),
            ("100%% done", vec![], "100% done"),
            ("a%%b%dc", vec![i(1)], "a%b1c"),
            // %d: signed types sign-extend from the recorded size, unsigned
            // types zero-extend.
            ("%d", vec![i(42)], "42"),
            ("%d", vec![i(-42)], "-42"),
            ("%d", vec![int(-1, 1)], "-1"),
            ("%d", vec![int(-1, 2)], "-1"),
            ("%d", vec![int(-1, 4)], "-1"),
            ("%d", vec![uint(255, 1)], "255"),
            ("%d", vec![uint(u64::MAX, 4)], "4294967295"),
            ("%d", vec![uint(u64::MAX, 8)], "18446744073709551615"),
            ("%d", vec![i(i64::MIN)], "-9223372036854775808"),
            // Widths, flags, precisions.
            ("%5d|", vec![i(42)], "   42|"),
            ("%-5d|", vec![i(42)], "42   |"),
            ("%05d", vec![i(-42)], "-0042"),
            ("%+d", vec![i(42)], "+42"),
            ("%+d", vec![i(-42)], "-42"),
            ("% d", vec![i(42)], " 42"),
            ("%+ d", vec![i(42)], "+42"),
            ("%.4d", vec![i(42)], "0042"),
            ("%8.4d|", vec![i(-42)], "   -0042|"),
            ("%08.4d|", vec![i(42)], "    0042|"),
            ("%-+5d|", vec![i(3)], "+3   |"),
            ("%'d", vec![i(1234567)], "1234567"),
            // dt_printf's flag order: '0' after '-' wins, and the reverse.
            ("%-08d|", vec![i(42)], "00000042|"),
            ("%0-8d|", vec![i(42)], "42      |"),
            // A zero precision is dropped.
            ("%.0d", vec![i(0)], "0"),
            // %? is the width of a pointer.
            ("%?d|", vec![i(0)], "               0|"),
            // %i always sign-extends; %hd zero-extends, %hi does not.
            ("%i", vec![int(-1, 2)], "-1"),
            ("%i", vec![uint(0xffff, 2)], "-1"),
            ("%hd", vec![int(-1, 2)], "65535"),
            ("%hd", vec![int(97, 2)], "97"),
            ("%hi", vec![int(-1, 2)], "-1"),
            ("%hu", vec![int(-1, 2)], "65535"),
            ("%ho", vec![uint(97, 2)], "141"),
            ("%hx", vec![int(-1, 2)], "ffff"),
            ("%hX", vec![uint(0xab, 2)], "AB"),
            ("%ld", vec![i(-5)], "-5"),
            ("%li", vec![i(-5)], "-5"),
            ("%lld", vec![i(-5)], "-5"),
            ("%lli", vec![i(-5)], "-5"),
            ("%lu", vec![i(-1)], "18446744073709551615"),
            ("%llu", vec![i(-1)], "18446744073709551615"),
            ("%lo", vec![i(8)], "10"),
            ("%llo", vec![i(8)], "10"),
            ("%lx", vec![i(255)], "ff"),
            ("%lX", vec![i(255)], "FF"),
            ("%llx", vec![i(-1)], "ffffffffffffffff"),
            ("%llX", vec![i(0xbeef)], "BEEF"),
            // %u %o %x %X zero-extend from the recorded size.
            ("%u", vec![int(-1, 4)], "4294967295"),
            ("%u", vec![i(-1)], "18446744073709551615"),
            ("%u", vec![int(-1, 1)], "255"),
            ("%+u|% u", vec![i(5), i(5)], "5|5"),
            ("%x", vec![int(-1, 1)], "ff"),
            ("%x", vec![int(-1, 4)], "ffffffff"),
            ("%x", vec![i(-1)], "ffffffffffffffff"),
            ("%X", vec![i(0xabc)], "ABC"),
            ("%#x", vec![i(0x123)], "0x123"),
            ("%#8x|", vec![i(0x123)], "   0x123|"),
            ("%#08x", vec![i(0x123)], "0x000123"),
            ("%08x", vec![i(0x123)], "00000123"),
            ("%-8x|", vec![i(0x123)], "123     |"),
            ("%#x", vec![i(0)], "0"),
            ("%#X", vec![i(255)], "0XFF"),
            ("%#.6x", vec![i(255)], "0x0000ff"),
            ("%o", vec![i(8)], "10"),
            ("%#o", vec![i(8)], "010"),
            ("%#o", vec![i(0)], "0"),
            ("%#.4o", vec![i(8)], "0010"),
            // %p: bare hex.
            ("%p", vec![Value::u64(0xffff_ff00_1234_5678)], "ffffff0012345678"),
            ("%p", vec![i(97)], "61"),
            ("%#p", vec![Value::u64(0x1000)], "0x1000"),
            ("%?p|", vec![Value::u64(0x1000)], "            1000|"),
            ("%-?p|", vec![Value::u64(0x1000)], "1000            |"),
            ("%016p", vec![Value::u64(0x1000)], "0000000000001000"),
            // %c: the low byte, padded with spaces (never zeros).
            ("%c", vec![int(97, 1)], "a"),
            ("%c", vec![int(97, 4)], "a"),
            ("%c", vec![int(0x141, 4)], "A"),
            ("%3c|", vec![int(97, 1)], "  a|"),
            ("%-3c|", vec![int(97, 1)], "a  |"),
            ("%03c|", vec![int(97, 1)], "  a|"),
            ("[%c]", vec![int(0, 1)], "[\0]"),
            ("%lc", vec![int(97, 4)], "a"),
            ("%wc", vec![int(97, 4)], "a"),
            // Dynamic width and precision, read as int from any size.
            ("%*d|", vec![int(5, 4), i(42)], "   42|"),
            ("%*d|", vec![i(5), i(42)], "   42|"),
            ("%*d|", vec![int(-5, 4), i(42)], "42   |"),
            ("%-*d|", vec![int(5, 4), i(42)], "42   |"),
            ("%.*d", vec![int(4, 4), i(42)], "0042"),
            ("%*.*d|", vec![int(6, 4), int(3, 4), i(7)], "   007|"),
            ("%.*s|", vec![int(0, 4), s("hello")], "hello|"),
            ("%.*s|", vec![int(-1, 4), s("hello")], "hello|"),
            ("%.*s|", vec![int(2, 4), s("hello")], "he|"),
            ("%*s|", vec![int(-7, 1), s("ab")], "ab     |"),
            // %s: up to the first NUL; precision truncates.
            ("%s", vec![s("hello")], "hello"),
            ("%10s|", vec![s("hello")], "     hello|"),
            ("%-10s|", vec![s("hello")], "hello     |"),
            ("%.3s", vec![s("hello")], "hel"),
            ("%-8.3s|", vec![s("hello")], "hel     |"),
            ("%010s|", vec![s("hello")], "     hello|"),
            ("[%s]", vec![s("")], "[]"),
            ("%s", vec![Value::Bytes(b"ab\0cd\0".to_vec())], "ab"),
            ("%s", vec![Value::Bytes(b"full".to_vec())], "full"),
            ("%s|%s", vec![s("a"), s("b")], "a|b"),
            // %S: C escapes, and the record's NUL as \0.
            ("%S", vec![s("a\tb\"c\\")], "a\\tb\\\"c\\\\\\0"),
            ("%S", vec![s("x\n\r\x07\x08\x0b\x0c")], "x\\n\\r\\a\\b\\v\\f\\0"),
            ("%S", vec![Value::Bytes(b"\x01\x7f\xff ok".to_vec())], "\\001\\177\\377 ok"),
            ("%S", vec![s("")], "\\0"),
            ("%10S|", vec![s("a\n")], "     a\\n\\0|"),
            ("%.3S|", vec![s("a\n")], "a\\n|"),
            // %C: one character, escaped.
            ("%C", vec![int(b'\n'.into(), 1)], "\\n"),
            ("%C", vec![int(65, 1)], "A"),
            ("%C", vec![int(0, 1)], "\\0"),
            ("%C", vec![int(200, 4)], "\\310"),
            ("%3C|", vec![int(39, 1)], "  '|"),
            // Floating point.
            ("%f", vec![f(1.23456)], "1.234560"),
            ("%.2f", vec![f(1.23456)], "1.23"),
            ("%10.3f|", vec![f(1.23456)], "     1.235|"),
            ("%-10.1f|", vec![f(1.23456)], "1.2       |"),
            ("%-10.2f|", vec![f(1.5)], "1.50      |"),
            ("%+f", vec![f(1.0)], "+1.000000"),
            ("% e", vec![f(2.0)], " 2.000000e+00"),
            ("%010.3f", vec![f(-1.23456)], "-00001.235"),
            ("%.0f", vec![f(2.5)], "2.500000"),
            ("%.1f|%.2f", vec![f(0.25), f(0.125)], "0.2|0.12"),
            ("%e", vec![f(12345.678)], "1.234568e+04"),
            ("%E", vec![f(1e-300)], "1.000000E-300"),
            ("%e", vec![f(0.0)], "0.000000e+00"),
            ("%10.4e|", vec![f(-2.5)], "-2.5000e+00|"),
            ("%g", vec![f(100000.0)], "100000"),
            ("%g", vec![f(1e6)], "1e+06"),
            ("%g", vec![f(1234567.0)], "1.23457e+06"),
            ("%g", vec![f(123456.0)], "123456"),
            ("%g", vec![f(0.0001)], "0.0001"),
            ("%g", vec![f(0.000123456)], "0.000123456"),
            ("%g", vec![f(0.00001)], "1e-05"),
            ("%g", vec![f(0.0)], "0"),
            ("%g", vec![f(1e100)], "1e+100"),
            ("%G", vec![f(1e-10)], "1E-10"),
            ("%.3g", vec![f(1.23456)], "1.23"),
            ("%.1g", vec![f(0.0001)], "0.0001"),
            ("%#g", vec![f(1.0)], "1.00000"),
            ("%#.3g", vec![f(1.0)], "1.00"),
            ("%f", vec![Value::Int { value: u64::from(1.5f32.to_bits()), size: 4, signed: true }], "1.500000"),
            ("%Lf", vec![f(0.5)], "0.500000"),
            ("%f", vec![f(f64::INFINITY)], "inf"),
            ("%e", vec![f(f64::NEG_INFINITY)], "-inf"),
            ("%5f|", vec![f(f64::INFINITY)], "  inf|"),
            ("%06f", vec![f(f64::NEG_INFINITY)], "  -inf"),
            ("%G", vec![f(f64::NAN)], "NAN"),
            ("%g", vec![f(-f64::NAN)], "-nan"),
            // %a without symbols, %A without a process.
            ("%a", vec![Value::u64(0x1010)], "0x1010"),
            ("%A", vec![Value::u64(0x5008)], "0x5008"),
            ("%A", vec![Value::USym { pid: 42, addr: 0x5008 }], "0x5008"),
            // %k without symbols.
            ("%k", vec![stack.clone()], "\n0x1010\n0x2345\n"),
            // %Y and %T in UTC.
            ("%Y", vec![i(1_795_325_443_000_000_000)], "2026 Nov 22 05:30:43"),
            ("%Y", vec![i(1_709_683_199_000_000_000)], "2024 Mar  5 23:59:59"),
            ("%25Y|", vec![i(1_709_683_199_000_000_000)], "     2024 Mar  5 23:59:59|"),
            ("%Y", vec![i(-3_600_000_000_000)], "1969 Dec 31 23:00:00"),
            ("%Y", vec![i(0)], "1970 Jan  1 00:00:00"),
            ("%T", vec![i(1_795_325_443_000_000_000)], "Sun, 22 Nov 2026 05:30:43 UTC"),
            ("%T", vec![i(1_709_683_199_000_000_000)], "Tue, 05 Mar 2024 23:59:59 UTC"),
            // %G in %T: the ISO week year.
            ("%T", vec![i(1_735_560_000_000_000_000)], "Mon, 30 Dec 2025 12:00:00 UTC"),
            ("%T", vec![i(1_609_459_201_000_000_000)], "Fri, 01 Jan 2020 00:00:01 UTC"),
            ("%T", vec![i(-3_600_000_000_000)], "Wed, 31 Dec 1970 23:00:00 UTC"),
        ];
        let ctx = FormatCtx::default();
        for (fmt, args, want) in &cases {
            assert_eq!(run_with(fmt, args, &ctx), *want, "format {fmt:?}");
        }
    }

    #[test]
    fn symbols_and_stacks() {
        let ctx = FormatCtx { symbols: Some(&Syms), ..FormatCtx::default() };
        let stack = Value::Stack(vec![0x1010, 0x2345, 0, 0]);
        let ustack = Value::UStack { pid: 42, pcs: vec![0x5008, 0x6010, 0x77, 0] };
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("%a", vec![Value::u64(0x1010)], "genunix`cv_wait+0x10"),
            ("%a", vec![Value::u64(0x1000)], "genunix`cv_wait"),
            ("%a", vec![Value::u64(0x2345)], "genunix`0x2345"),
            ("%a", vec![Value::u64(0x9)], "0x9"),
            ("%a", vec![uint(0x1010, 4)], "genunix`cv_wait+0x10"),
            ("%a", vec![Value::Sym(0x1010)], "genunix`cv_wait+0x10"),
            ("%-25a|", vec![Value::u64(0x1010)], "genunix`cv_wait+0x10     |"),
            ("%22a|", vec![Value::u64(0x1000)], "       genunix`cv_wait|"),
            ("%.7a|", vec![Value::u64(0x1000)], "genunix|"),
            ("%A", vec![Value::USym { pid: 42, addr: 0x5008 }], "libc.so.1`malloc+0x8"),
            ("%A", vec![Value::UAddr { pid: 42, addr: 0x5000 }], "libc.so.1`malloc"),
            ("%A", vec![Value::UAddr { pid: 42, addr: 0x6010 }], "a.out`0x6010"),
            ("%A", vec![Value::UAddr { pid: 7, addr: 0x5008 }], "0x5008"),
            ("%A", vec![Value::u64(0x5008)], "0x5008"),
            // mod() and umod() records print their module whatever the
            // conversion.
            ("%a", vec![Value::Mod(0x1010)], "genunix"),
            ("%-10s|", vec![Value::Mod(0x9)], "0x9       |"),
            ("%s", vec![Value::UMod { pid: 42, addr: 0x5008 }], "libc.so.1"),
            // Stacks: a newline, then one frame per line.
            ("%k", vec![stack.clone()], "\ngenunix`cv_wait+0x10\ngenunix`0x2345\n"),
            ("%25k", vec![stack.clone()], "\n     genunix`cv_wait+0x10\n           genunix`0x2345\n"),
            ("%-4k", vec![stack.clone()], "\n    genunix`cv_wait+0x10\n    genunix`0x2345\n"),
            ("%-*k", vec![int(2, 4), stack.clone()], "\n  genunix`cv_wait+0x10\n  genunix`0x2345\n"),
            ("%*k", vec![int(-3, 4), stack.clone()], "\n   genunix`cv_wait+0x10\n   genunix`0x2345\n"),
            ("%*k", vec![int(-3, 4), Value::Stack(vec![0x9])], "\n   0x9\n"),
            ("%*k", vec![int(-5, 4), Value::Stack(vec![0x9])], "\n     0x9  \n"),
            ("%.7k", vec![stack.clone()], "\ngenunix\ngenunix\n"),
            ("%k", vec![ustack.clone()], "\nlibc.so.1`malloc+0x8\na.out`0x6010\n0x77\n"),
            ("%k", vec![Value::UStack { pid: 42, pcs: vec![] }], ""),
        ];
        for (fmt, args, want) in &cases {
            assert_eq!(run_with(fmt, args, &ctx), *want, "format {fmt:?}");
        }
        let ctx = FormatCtx { symbols: Some(&Syms), target: Some(42), ..FormatCtx::default() };
        assert_eq!(run_with("%A", &[Value::u64(0x5008)], &ctx), "libc.so.1`malloc+0x8");
    }

    #[test]
    fn local_time() {
        let cet = FixedOffset { seconds_east: 3600, abbrev: "CET".into() };
        let ctx = FormatCtx { tz: &cet, ..FormatCtx::default() };
        let t = i(1_709_683_199_000_000_000);
        assert_eq!(run_with("%Y", std::slice::from_ref(&t), &ctx), "2024 Mar  6 00:59:59");
        assert_eq!(run_with("%T", &[t], &ctx), "Wed, 06 Mar 2024 00:59:59 CET");
    }

    #[test]
    fn errors() {
        let ctx = FormatCtx::default();
        let syntax = |fmt: &str| match format(fmt.as_bytes(), &[i(1), i(2)], &ctx) {
            Err(FormatError::Syntax(m)) => m,
            other => panic!("{fmt:?}: {other:?}"),
        };
        assert_eq!(syntax("%hhd"), "format conversion #1 is undefined: %hhd");
        assert_eq!(syntax("%d %lf"), "format conversion #2 is undefined: %lf");
        assert_eq!(syntax("%F"), "format conversion #1 is undefined: %F");
        assert_eq!(syntax("%n"), "format conversion #1 is undefined: %n");
        assert_eq!(syntax("%5"), "format conversion #1 name expected before end of format string");
        assert_eq!(syntax("%1$d"), "format conversion #1 uses unsupported positional format (%n$)");
        assert_eq!(syntax("%**d"), "format conversion #1 has more than one '*' specified for the output precision");
        assert_eq!(syntax("%.**d"), "format conversion #1 has more than one '*' specified for the output precision");
        assert_eq!(syntax("%..3d"), "format conversion #1 has more than one '.' specified");
        assert_eq!(syntax("%-%"), "format conversion #1 cannot be combined with other format flags: %%");
        assert_eq!(format(b"%d %d", &[i(1)], &ctx), Err(FormatError::Missing { conversion: 2 }));
        assert_eq!(format(b"%d", &[s("x")], &ctx), Err(FormatError::Mismatch { conversion: 1, name: "d".into() }));
        assert!(matches!(format(b"%s", &[Value::Stack(vec![1])], &ctx), Err(FormatError::Mismatch { .. })));
        assert!(matches!(format(b"%ls", &[s("x")], &ctx), Err(FormatError::Mismatch { .. })));
        // What came before the failing conversion is kept.
        let mut out = Vec::new();
        assert!(format_to(&mut out, b"ab%dcd%d", &[i(1)], &ctx).is_err());
        assert_eq!(out, b"ab1cd");
    }

    fn record(v: &Value, quiet: bool) -> String {
        let mut out = Vec::new();
        print_record(&mut out, v, quiet, &FormatCtx { symbols: Some(&Syms), ..FormatCtx::default() });
        String::from_utf8(out).unwrap()
    }

    /// The hex dump header dt_print_bytes prints.
    const DUMP_HEADER: &str = "\n             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef\n";

    #[test]
    fn trace_records() {
        // Integers: " %16lld", " %8d", " %5d", " %3d" of the recorded bits.
        assert_eq!(record(&i(-1), false), format!(" {:>16}", -1));
        assert_eq!(record(&i(-1), true), "-1");
        assert_eq!(record(&int(-1, 4), false), "       -1");
        assert_eq!(record(&int(-1, 2), false), " 65535");
        assert_eq!(record(&int(-1, 1), false), " 255");
        assert_eq!(record(&int(-1, 1), true), "255");
        assert_eq!(record(&int(7, 2), true), "7");
        // An 8-byte record prints as a number, even a string.
        assert_eq!(record(&Value::string(b"abc", 8), true), "6513249");
        // Strings: "  %-33s", or bare when quiet.
        assert_eq!(record(&s("hello"), false), format!("  {:<33}", "hello"));
        assert_eq!(record(&s("hello"), true), "hello");
        let long = "x".repeat(40);
        assert_eq!(record(&Value::string(long.as_bytes(), 64), false), format!("  {long}"));
        // All printable, no NUL: "  %-33s" even when quiet.
        assert_eq!(record(&Value::Bytes(b"abcde".to_vec()), true), format!("  {:<33}", "abcde"));
        // Not a string: the hex dump (the empty string included).
        let empty = record(&Value::string(b"", 16), false);
        assert_eq!(
            empty,
            format!("{DUMP_HEADER}         0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n")
        );
        let bin = record(&Value::Bytes(b"ab\x01cdefghijklmnopqrs\xff".to_vec()), true);
        assert_eq!(
            bin,
            format!(
                "{DUMP_HEADER}         0: 61 62 01 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f  ab.cdefghijklmno\n        10: 70 71 72 73 ff                                   pqrs.\n"
            )
        );
        // A NUL followed by more data is not a string.
        let mixed = record(&Value::Bytes(b"ab\0c\0\0".to_vec()), false);
        assert_eq!(
            mixed,
            format!("{DUMP_HEADER}         0: 61 62 00 63 00 00                                ab.c..\n")
        );
        // Symbolic records: "  %-50s".
        assert_eq!(record(&Value::Sym(0x1010), false), format!("  {:<50}", "genunix`cv_wait"));
        assert_eq!(record(&Value::Sym(0x2345), false), format!("  {:<50}", "genunix`0x2345"));
        assert_eq!(record(&Value::Mod(0x1010), false), format!("  {:<50}", "genunix"));
        assert_eq!(record(&Value::Mod(0x10), false), format!("  {:<50}", "0x10"));
        assert_eq!(record(&Value::USym { pid: 42, addr: 0x5008 }, false), format!("  {:<50}", "libc.so.1`malloc"));
        assert_eq!(record(&Value::UAddr { pid: 42, addr: 0x5008 }, false), format!("  {:<50}", "libc.so.1`malloc+0x8"));
        assert_eq!(record(&Value::UMod { pid: 42, addr: 0x5008 }, false), format!("  {:<50}", "libc.so.1"));
        // Stacks: one frame per line, indented 14.
        let st = record(&Value::Stack(vec![0x1010, 0x2345, 0]), false);
        assert_eq!(st, format!("\n{:14}genunix`cv_wait+0x10\n{:14}genunix`0x2345\n", "", ""));
        let ctx = FormatCtx { stackindent: Some(2), ..FormatCtx::default() };
        let mut out = Vec::new();
        print_record(&mut out, &Value::UStack { pid: 1, pcs: vec![0x10, 0] }, false, &ctx);
        assert_eq!(out, b"\n  0x10\n");
    }

    #[test]
    fn tracemem_and_rawbytes() {
        let mut out = Vec::new();
        print_tracemem(&mut out, b"hello\0", true, &FormatCtx::default());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{DUMP_HEADER}         0: 68 65 6c 6c 6f 00                                hello.\n")
        );
        let mut out = Vec::new();
        print_record(&mut out, &s("hi"), true, &FormatCtx { rawbytes: true, ..FormatCtx::default() });
        assert!(String::from_utf8(out).unwrap().starts_with(DUMP_HEADER));
    }
}
