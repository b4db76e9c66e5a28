//! The printf format language, shared by the compiler (which checks each
//! conversion against its argument's type) and the consumer (which prints
//! records through the same conversions): the conversion dictionary and the
//! format parser, as illumos libdtrace's `dt_printf.c` defines them.
//!
//! A conversion is named by its length modifiers and letter together
//! (`d`, `hd`, `lld`): a combination the dictionary does not list (`%hhd`,
//! `%qd`, `%lf`, `%jd`) is "format conversion #N is undefined".

/// How a conversion checks its argument's type (the `pfcheck_*` functions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// A pointer (arrays included) or an integer.
    Addr,
    /// [`Check::Addr`], or a `_symaddr` (`sym()`, `func()`, `mod()`).
    KernelAddr,
    /// A `_usymaddr` (`usym()`, `uaddr()`, ...); a pointer or an integer
    /// only when `$target` names a process (`-p`/`-c`).
    UserAddr,
    /// A `stack()`, `ustack()` or `jstack()` value.
    Stack,
    /// An integer of 8 bytes (a time in nanoseconds).
    Time,
    /// A `string` or an array of `char`.
    Str,
    /// An array of 32-bit integers (`wchar_t []`).
    WideStr,
    /// An integer of at most 4 bytes (char, short or int).
    CharShortInt,
    /// A floating-point type.
    Float,
    /// Any integer.
    Int,
    /// Any integer; `%d`/`%i` print it signed or not as its type is.
    SignedInt,
    /// Any integer type named `short`, `signed short` or `unsigned short`.
    AnyShort,
    /// Any integer type named `long`, `signed long` or `unsigned long`.
    AnyLong,
    /// `[signed|unsigned] long long`, or a typedef chain passing through
    /// `int64_t`/`uint64_t` (which are `long` on LP64 but still print
    /// correctly with `%llx`).
    AnyLongLong,
    /// Exactly the D type the prototype names: same name and encoding
    /// (`ctf_type_compat`), so `%ld` takes `long` and `int64_t` but not
    /// `long long`, and `%lu` takes `unsigned long`/`uint64_t` only.
    Type,
    /// `%%`: takes no argument.
    Percent,
}

/// One entry of the conversion dictionary.
#[derive(Debug)]
pub struct Conv {
    /// Length modifiers and letter, as written after the flags.
    pub name: &'static str,
    /// What error messages show as the expected type; for [`Check::Type`]
    /// the D type itself.
    pub proto: &'static str,
    pub check: Check,
}

const XINT: &str = "char, short, int, long, or long long";
const CSI: &str = "char, short, or int";
const FP: &str = "float, double, or long double";
const ADDR: &str = "pointer or integer";
const UADDR: &str = "pointer or integer (with -p/-c) or _usymaddr (without -p/-c)";
const CSTR: &str = "char [] or string (or use stringof)";
const WSTR: &str = "wchar_t []";

const fn conv(name: &'static str, proto: &'static str, check: Check) -> Conv {
    Conv { name, proto, check }
}

/// The conversion dictionary (`_dtrace_conversions[]`).
pub static CONVERSIONS: &[Conv] = &[
    conv("a", ADDR, Check::KernelAddr),
    conv("A", UADDR, Check::UserAddr),
    conv("c", CSI, Check::CharShortInt),
    conv("C", CSI, Check::CharShortInt),
    conv("d", XINT, Check::SignedInt),
    conv("e", FP, Check::Float),
    conv("E", FP, Check::Float),
    conv("f", FP, Check::Float),
    conv("g", FP, Check::Float),
    conv("G", FP, Check::Float),
    conv("hd", "short", Check::Type),
    conv("hi", "short", Check::Type),
    conv("ho", "unsigned short", Check::Type),
    conv("hu", "unsigned short", Check::Type),
    conv("hx", "short", Check::AnyShort),
    conv("hX", "short", Check::AnyShort),
    conv("i", XINT, Check::SignedInt),
    conv("k", "stack", Check::Stack),
    conv("lc", "int", Check::Type),
    conv("ld", "long", Check::Type),
    conv("li", "long", Check::Type),
    conv("lo", "unsigned long", Check::Type),
    conv("lu", "unsigned long", Check::Type),
    conv("ls", WSTR, Check::WideStr),
    conv("lx", "long", Check::AnyLong),
    conv("lX", "long", Check::AnyLong),
    conv("lld", "long long", Check::Type),
    conv("lli", "long long", Check::Type),
    conv("llo", "unsigned long long", Check::Type),
    conv("llu", "unsigned long long", Check::Type),
    conv("llx", "long long", Check::AnyLongLong),
    conv("llX", "long long", Check::AnyLongLong),
    conv("Le", "long double", Check::Type),
    conv("LE", "long double", Check::Type),
    conv("Lf", "long double", Check::Type),
    conv("Lg", "long double", Check::Type),
    conv("LG", "long double", Check::Type),
    conv("o", XINT, Check::Int),
    conv("p", ADDR, Check::Addr),
    conv("s", CSTR, Check::Str),
    conv("S", CSTR, Check::Str),
    conv("T", "int64_t", Check::Time),
    conv("u", XINT, Check::Int),
    conv("wc", "int", Check::Type),
    conv("ws", WSTR, Check::WideStr),
    conv("x", XINT, Check::Int),
    conv("X", XINT, Check::Int),
    conv("Y", "int64_t", Check::Time),
    conv("%", "void", Check::Percent),
];

/// The dictionary entry for a conversion name.
pub fn lookup(name: &str) -> Option<&'static Conv> {
    CONVERSIONS.iter().find(|c| c.name == name)
}

/// One conversion of a format string, as dt_printf_create reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    pub alt: bool,
    pub zero: bool,
    pub left: bool,
    pub plus: bool,
    pub space: bool,
    pub width: i32,
    pub prec: i32,
    pub dyn_width: bool,
    pub dyn_prec: bool,
    /// `%@`: the aggregation value (printa).
    pub agg: bool,
    /// Length prefixes and conversion (`d`, `lld`, `hx`, `%`).
    pub name: String,
    /// 1-based position among the format's conversions (for errors).
    pub index: usize,
}

impl Spec {
    /// The conversion letter.
    pub fn conv(&self) -> u8 {
        *self.name.as_bytes().last().unwrap_or(&b'%')
    }

    /// The dictionary entry (always present for a parsed spec).
    pub fn entry(&self) -> Option<&'static Conv> {
        lookup(&self.name)
    }
}

/// A parsed format: literal text and conversions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Lit(Vec<u8>),
    Conv(Spec),
}

/// Splits a format into literals and conversions, with dt_printf_create's
/// rules; the error is its message.
pub fn parse(fmt: &[u8]) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut lit = Vec::new();
    let mut i = 0;
    let mut n = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            lit.push(fmt[i]);
            i += 1;
            continue;
        }
        n += 1;
        if !lit.is_empty() {
            out.push(Piece::Lit(std::mem::take(&mut lit)));
        }
        let mut s = Spec { index: n, ..Spec::default() };
        let (mut dot, mut digits) = (false, 0);
        let mut name = String::new();
        loop {
            i += 1;
            let Some(&c) = fmt.get(i) else {
                return Err(format!("format conversion #{n} name expected before end of format string"));
            };
            match c {
                b'0' if !dot && digits == 0 => {
                    s.zero = true;
                    s.left = false;
                }
                b'0'..=b'9' => {
                    let mut v: i32 = 0;
                    while let Some(d @ b'0'..=b'9') = fmt.get(i) {
                        v = v.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                        i += 1;
                    }
                    i -= 1;
                    if dot {
                        s.prec = v;
                    } else {
                        s.width = v;
                    }
                    digits += 1;
                }
                b'#' => s.alt = true,
                b'*' => {
                    let flag = if dot { &mut s.dyn_prec } else { &mut s.dyn_width };
                    // dt_printf_create's test of which one always picks
                    // "precision".
                    if *flag {
                        return Err(format!(
                            "format conversion #{n} has more than one '*' specified for the output precision"
                        ));
                    }
                    *flag = true;
                }
                b'+' => s.plus = true,
                b'-' => {
                    s.left = true;
                    s.zero = false;
                }
                b'.' => {
                    if dot {
                        return Err(format!("format conversion #{n} has more than one '.' specified"));
                    }
                    dot = true;
                    digits = 0;
                }
                b'?' => s.width = 16,
                b'@' => s.agg = true,
                b'\'' => {}
                b' ' => s.space = true,
                b'$' => {
                    return Err(format!("format conversion #{n} uses unsupported positional format (%n$)"));
                }
                // `%%` only directly after the `%`: anything between is a
                // flag (or modifier) that `%%` cannot take.
                b'%' if fmt[i - 1] != b'%' => {
                    return Err(format!("format conversion #{n} cannot be combined with other format flags: %%"));
                }
                b'h' | b'l' | b'L' | b'w' => {
                    // dt_printf_create keeps at most six modifiers.
                    if name.len() < 6 {
                        name.push(char::from(c));
                    }
                }
                _ => {
                    name.push(char::from(c));
                    break;
                }
            }
        }
        i += 1;
        if lookup(&name).is_none() {
            return Err(format!("format conversion #{n} is undefined: %{name}"));
        }
        s.name = name;
        out.push(Piece::Conv(s));
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(fmt: &str) -> Result<Vec<String>, String> {
        Ok(parse(fmt.as_bytes())?
            .into_iter()
            .filter_map(|p| match p {
                Piece::Conv(s) => Some(s.name),
                Piece::Lit(_) => None,
            })
            .collect())
    }

    #[test]
    fn conversions_are_named_by_modifiers_and_letter() {
        assert_eq!(names("%d %-8ld %llx %hu %% %Lf").unwrap(), ["d", "ld", "llx", "hu", "%", "Lf"]);
        assert_eq!(names("%qd").unwrap_err(), "format conversion #1 is undefined: %q");
        assert_eq!(names("%d %hhd").unwrap_err(), "format conversion #2 is undefined: %hhd");
        assert_eq!(names("%lf").unwrap_err(), "format conversion #1 is undefined: %lf");
        assert_eq!(names("%jd").unwrap_err(), "format conversion #1 is undefined: %j");
        assert_eq!(names("%zu").unwrap_err(), "format conversion #1 is undefined: %z");
        assert_eq!(names("%I").unwrap_err(), "format conversion #1 is undefined: %I");
        assert_eq!(names("%5%").unwrap_err(), "format conversion #1 cannot be combined with other format flags: %%");
        assert_eq!(names("%l%").unwrap_err(), "format conversion #1 cannot be combined with other format flags: %%");
    }

    #[test]
    fn every_entry_is_found() {
        for c in CONVERSIONS {
            assert!(std::ptr::eq(lookup(c.name).unwrap(), c));
        }
    }
}
