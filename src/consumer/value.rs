//! The decoded values the consumer prints.
//!
//! Record decoding turns each record of a probe firing (or each key of an
//! aggregation entry) into one [`Value`]; `format`, `aggprint` and the
//! default trace output print them. The model follows what libdtrace
//! actually sees: a record is a run of bytes with a size and an action, and
//! everything DTrace prints is decided from those two facts. So:
//!
//! - an integer keeps the size it was recorded with (1, 2, 4 or 8 bytes) and
//!   whether the D type was signed. libdtrace sign- or zero-extends from the
//!   recorded size depending on the conversion (`%d` of a `char` holding -1
//!   prints `-1`, `%x` prints `ff`, `trace()` prints `255`); see `format.rs`.
//!   Floating-point values are integers too: the IEEE bits with size 4 or 8,
//!   which `%e %f %g` reinterpret and `trace()` prints as an integer, exactly
//!   as libdtrace does.
//! - a string, a traced struct and `tracemem()` data are all [`Value::Bytes`]:
//!   the whole record, including the NUL padding a string record carries up
//!   to `strsize`. DTrace itself does not know which is which; it decides
//!   "string or hex dump" by looking at the bytes (`dt_print_bytes`), and an
//!   empty or non-printable string is dumped as bytes. Keeping the padding
//!   lets us reproduce that, and key sorting compares the padded bytes as
//!   DTrace does. [`Value::string`] builds such a record.
//! - stacks and symbolic addresses keep their action, because DTrace prints
//!   `sym()`, `mod()`, `usym()`, `umod()`, `uaddr()`, `stack()` and
//!   `ustack()` records each its own way; symbolization happens at print
//!   time through the `Symbolizer` in `FormatCtx`.

use dtrace_core::isa::act;
use std::cmp::Ordering;

/// One decoded record (a traced value, a printf argument or an aggregation
/// key).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// An integer of `size` bytes (1, 2, 4 or 8). `value` holds the recorded
    /// bits; only the low `size` bytes count (accessors mask the rest).
    /// `signed` is the signedness of the D type, which decides `%d`.
    Int { value: u64, size: u8, signed: bool },
    /// A by-reference record: a string (NUL-padded to its record size), a
    /// struct or other object traced by value, or `tracemem()` data.
    Bytes(Vec<u8>),
    /// `stack()`: kernel program counters, innermost first. A zero pc ends
    /// the stack, as in the record (which is padded with zeros to its depth).
    Stack(Vec<u64>),
    /// `ustack()`: the process and its user program counters (zero-ended).
    UStack { pid: u64, pcs: Vec<u64> },
    /// `sym()`: a kernel address printed as `module`symbol`.
    Sym(u64),
    /// `mod()`: a kernel address printed as its module name.
    Mod(u64),
    /// `usym()`: a user address printed as `module`symbol`.
    USym { pid: u64, addr: u64 },
    /// `umod()`: a user address printed as its module name.
    UMod { pid: u64, addr: u64 },
    /// `uaddr()`: a user address printed as `module`symbol+offset`.
    UAddr { pid: u64, addr: u64 },
}

impl Value {
    /// A signed integer recorded with `size` bytes.
    pub fn signed(v: i64, size: u8) -> Value {
        Value::Int { value: mask(v as u64, size), size, signed: true }
    }

    /// An unsigned integer recorded with `size` bytes.
    pub fn unsigned(v: u64, size: u8) -> Value {
        Value::Int { value: mask(v, size), size, signed: false }
    }

    /// A 64-bit signed integer (`int64_t`, `long`, most D expressions).
    pub fn i64(v: i64) -> Value {
        Value::signed(v, 8)
    }

    /// A 64-bit unsigned integer (`uint64_t`, pointers).
    pub fn u64(v: u64) -> Value {
        Value::unsigned(v, 8)
    }

    /// A `double`, as the IEEE bits DTrace records.
    pub fn f64(v: f64) -> Value {
        Value::Int { value: v.to_bits(), size: 8, signed: true }
    }

    /// A string record: `s` (up to its first NUL) padded with NULs to
    /// `size` bytes (the `strsize` the record was made with), or truncated
    /// to `size` bytes if longer.
    pub fn string(s: &[u8], size: usize) -> Value {
        let s = cstr(s);
        let mut b = vec![0u8; size];
        let n = s.len().min(size);
        b[..n].copy_from_slice(&s[..n]);
        Value::Bytes(b)
    }

    /// The bytes a C string conversion (`%s`) sees: everything up to the
    /// first NUL of the record. Integers are seen as their recorded bytes
    /// (little-endian), as libdtrace does when `%s` meets one.
    pub fn c_bytes(&self) -> Vec<u8> {
        match self {
            Value::Bytes(b) => cstr(b).to_vec(),
            Value::Int { value, size, .. } => {
                let le = value.to_le_bytes();
                cstr(&le[..usize::from(*size).min(8)]).to_vec()
            }
            _ => Vec::new(),
        }
    }

    /// The recorded bits zero-extended from the record size (`uint64_t`).
    pub fn zext(&self) -> Option<u64> {
        match *self {
            Value::Int { value, size, .. } => Some(mask(value, size)),
            _ => None,
        }
    }

    /// The recorded bits sign-extended from the record size (`int64_t`).
    pub fn sext(&self) -> Option<i64> {
        match *self {
            Value::Int { value, size, .. } => Some(sign_extend(value, size)),
            _ => None,
        }
    }

    /// The size of the record this value came from, in bytes: what
    /// libdtrace's size-driven choices (key widths, `%d` casts) look at.
    pub fn record_size(&self) -> usize {
        match self {
            Value::Int { size, .. } => usize::from(*size),
            Value::Bytes(b) => b.len(),
            Value::Stack(pcs) => pcs.len() * 8,
            Value::UStack { pcs, .. } => (pcs.len() + 1) * 8,
            Value::Sym(_) | Value::Mod(_) => 8,
            Value::USym { .. } | Value::UMod { .. } | Value::UAddr { .. } => 16,
        }
    }

    /// Compares two aggregation keys the way `dt_aggregate_keycmp` does:
    /// first by record size, then records of 1, 2, 4 or 8 bytes as unsigned
    /// integers of that size (so -1 sorts after 1, and an 8-byte string
    /// record compares as a number, as in DTrace), user addresses by pid
    /// then address, and everything else byte by byte over the whole record
    /// (stacks as their little-endian pc words).
    pub fn key_cmp(&self, other: &Value) -> Ordering {
        let (ls, rs) = (self.record_size(), other.record_size());
        if ls != rs {
            return ls.cmp(&rs);
        }
        if let (Some(l), Some(r)) = (self.int_bits(), other.int_bits()) {
            return l.cmp(&r);
        }
        if let (Some(l), Some(r)) = (self.pid_addr(), other.pid_addr()) {
            return l.cmp(&r);
        }
        match (self, other) {
            (Value::Bytes(l), Value::Bytes(r)) => l.cmp(r),
            (Value::Stack(l), Value::Stack(r)) => {
                l.iter().flat_map(|p| p.to_le_bytes()).cmp(r.iter().flat_map(|p| p.to_le_bytes()))
            }
            _ => self.record_bytes().cmp(&other.record_bytes()),
        }
    }

    /// A record of 1, 2, 4 or 8 bytes read as the unsigned integer DTrace
    /// sees in it (little-endian), whatever its action.
    pub fn int_bits(&self) -> Option<u64> {
        match self {
            Value::Int { .. } => self.zext(),
            Value::Bytes(b) if matches!(b.len(), 1 | 2 | 4 | 8) => {
                let mut w = [0u8; 8];
                w[..b.len()].copy_from_slice(b);
                Some(u64::from_le_bytes(w))
            }
            Value::Stack(pcs) if pcs.len() == 1 => Some(pcs[0]),
            Value::Sym(a) | Value::Mod(a) => Some(*a),
            _ => None,
        }
    }

    /// `(pid, addr)` of the 16-byte user-address records.
    fn pid_addr(&self) -> Option<(u64, u64)> {
        match *self {
            Value::USym { pid, addr } | Value::UMod { pid, addr } | Value::UAddr { pid, addr } => Some((pid, addr)),
            _ => None,
        }
    }

    /// The record as DTrace stores it (little-endian words), for byte-wise
    /// comparison.
    pub fn record_bytes(&self) -> Vec<u8> {
        let words = |w: &mut dyn Iterator<Item = u64>| w.flat_map(|x| x.to_le_bytes()).collect();
        match self {
            Value::Int { value, size, .. } => value.to_le_bytes()[..usize::from(*size).min(8)].to_vec(),
            Value::Bytes(b) => b.clone(),
            Value::Stack(pcs) => words(&mut pcs.iter().copied()),
            Value::UStack { pid, pcs } => words(&mut std::iter::once(*pid).chain(pcs.iter().copied())),
            Value::Sym(a) | Value::Mod(a) => a.to_le_bytes().to_vec(),
            Value::USym { pid, addr } | Value::UMod { pid, addr } | Value::UAddr { pid, addr } => {
                words(&mut [*pid, *addr].into_iter())
            }
        }
    }
}

impl Value {
    /// What a stack or symbol action recorded in `bytes` (its record, or
    /// its part of an aggregation key), read as dt_consume.c reads each
    /// kind: stack() its pcs; ustack() and jstack() the pid, then `arg`'s
    /// frames; sym() and mod() an address; usym(), umod() and uaddr() the
    /// pid, then the address. `None` for other kinds.
    pub fn from_stack_or_symbol(kind: u16, arg: u64, bytes: &[u8]) -> Option<Value> {
        let w = words(bytes);
        let word = |i: usize| w.get(i).copied().unwrap_or(0);
        Some(match kind {
            act::STACK => Value::Stack(w),
            act::USTACK | act::JSTACK => {
                let frames = dtrace_core::record::stack_frames(kind, arg) as usize;
                let pcs = w.get(1..).unwrap_or(&[]);
                Value::UStack { pid: word(0), pcs: pcs[..frames.min(pcs.len())].to_vec() }
            }
            act::SYM => Value::Sym(word(0)),
            act::MOD => Value::Mod(word(0)),
            act::USYM => Value::USym { pid: word(0), addr: word(1) },
            act::UMOD => Value::UMod { pid: word(0), addr: word(1) },
            act::UADDR => Value::UAddr { pid: word(0), addr: word(1) },
            _ => return None,
        })
    }

    /// What an action of `kind` recorded in `bytes` (a record's data or an
    /// aggregation key's part): a stack or symbol as
    /// [`Value::from_stack_or_symbol`] reads it, the bytes of a by-reference
    /// value, else an integer of the record's size.
    pub fn from_record(kind: u16, arg: u64, byref: bool, signed: bool, bytes: &[u8]) -> Value {
        if let Some(v) = Value::from_stack_or_symbol(kind, arg, bytes) {
            return v;
        }
        if byref {
            return Value::Bytes(bytes.to_vec());
        }
        let mut w = [0u8; 8];
        let n = bytes.len().min(8);
        w[..n].copy_from_slice(&bytes[..n]);
        Value::Int { value: u64::from_le_bytes(w), size: bytes.len() as u8, signed }
    }
}

/// `b` as little-endian 64-bit words (a trailing partial word dropped).
pub fn words(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8).map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])).collect()
}

/// The bytes of `b` before its first NUL.
pub fn cstr(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    }
}

/// The low `size` bytes of `v`.
pub(crate) fn mask(v: u64, size: u8) -> u64 {
    match size {
        0 => 0,
        1..=7 => v & ((1u64 << (u32::from(size) * 8)) - 1),
        _ => v,
    }
}

/// `v`'s low `size` bytes, sign-extended.
pub(crate) fn sign_extend(v: u64, size: u8) -> i64 {
    match size {
        0 => 0,
        1..=7 => {
            let shift = 64 - u32::from(size) * 8;
            ((v << shift) as i64) >> shift
        }
        _ => v as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_follows_the_recorded_size() {
        let c = Value::signed(-1, 1);
        assert_eq!(c.sext(), Some(-1));
        assert_eq!(c.zext(), Some(0xff));
        let i = Value::Int { value: u64::MAX, size: 4, signed: true };
        assert_eq!(i.zext(), Some(0xffff_ffff));
        assert_eq!(i.sext(), Some(-1));
        assert_eq!(Value::u64(u64::MAX).sext(), Some(-1));
        assert_eq!(Value::unsigned(0x1_2345, 2).zext(), Some(0x2345));
    }

    #[test]
    fn strings_are_padded_records() {
        let s = Value::string(b"abc", 8);
        assert_eq!(s, Value::Bytes(b"abc\0\0\0\0\0".to_vec()));
        assert_eq!(s.c_bytes(), b"abc");
        assert_eq!(Value::string(b"abcdef", 4).c_bytes(), b"abcd");
        assert_eq!(Value::string(b"ab\0cd", 4), Value::Bytes(b"ab\0\0".to_vec()));
    }

    #[test]
    fn keys_compare_like_dt_aggregate_keycmp() {
        // Integers compare unsigned: -1 sorts after 1.
        assert_eq!(Value::i64(-1).key_cmp(&Value::i64(1)), Ordering::Greater);
        // Smaller records sort first, whatever their contents.
        assert_eq!(Value::signed(100, 4).key_cmp(&Value::i64(1)), Ordering::Less);
        // Strings compare byte-wise, so a prefix sorts first.
        let (ab, abc) = (Value::string(b"ab", 16), Value::string(b"abc", 16));
        assert_eq!(ab.key_cmp(&abc), Ordering::Less);
        assert_eq!(Value::string(b"B", 16).key_cmp(&abc), Ordering::Less);
        // User addresses: pid first.
        let a = Value::USym { pid: 1, addr: 9 };
        let b = Value::USym { pid: 2, addr: 1 };
        assert_eq!(a.key_cmp(&b), Ordering::Less);
        // Stacks compare their little-endian words byte by byte...
        let s1 = Value::Stack(vec![0x100, 0]);
        let s2 = Value::Stack(vec![0x001, 0]);
        assert_eq!(s1.key_cmp(&s2), Ordering::Less);
        // ...but any 8-byte record compares as a number.
        assert_eq!(Value::Stack(vec![0x100]).key_cmp(&Value::Stack(vec![0x001])), Ordering::Greater);
        assert_eq!(Value::Sym(0x100).key_cmp(&Value::Sym(0x001)), Ordering::Greater);
        let (b1, b2) = (Value::Bytes(b"\x00\x01".to_vec()), Value::Bytes(b"\x01\x00".to_vec()));
        assert_eq!(b1.key_cmp(&b2), Ordering::Greater);
    }
}
