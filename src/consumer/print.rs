//! The `print()` action: a traced value printed by its D type, as
//! illumos's dt_print.c prints it (MDB's `::print -tn`): the type name,
//! then integers and pointers in hex, characters quoted, char arrays that
//! hold a string as a string, arrays in brackets, struct and union members
//! one a line with their types and names, nested members indented four
//! spaces a level, and enums by name.
//!
//! libdtrace finds the type through a "module`id" string the DIFEXPR
//! action carries in the DOF string table; here the compiler describes the
//! type once ([`describe`]) and the session keeps that description with the
//! ECB's other decoding metadata, so the DOF stays as it is.

use crate::parser::types::{TagKind, Type, TypeId, TypeTable};

/// A D type as `print()` needs it: its name, size and layout, resolved
/// through typedefs and qualifiers but named as declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintType {
    /// The name as CTF gives it (`int`, `char [8]`, `struct foo`, `union `).
    pub name: String,
    pub size: u64,
    pub kind: PrintKind,
}

/// The kinds dt_print.c prints differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrintKind {
    /// An integer of `bits` bits (fewer than its size's for bit-fields);
    /// `char`: a signed 8-bit character type, printed quoted.
    Int {
        bits: u16,
        char: bool,
    },
    Float,
    /// Pointers and functions: the bytes as one hex number.
    Pointer,
    Array {
        elem: Box<PrintType>,
        len: u64,
    },
    /// D's `string`: a char array as long as the record.
    String,
    Struct(Vec<PrintMember>),
    Union(Vec<PrintMember>),
    Enum(Vec<(String, i64)>),
    /// An incomplete struct, union or enum (or one nested too deep).
    Forward,
}

/// A struct or union member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintMember {
    pub name: String,
    pub ty: PrintType,
    pub bit_offset: u64,
}

/// Nesting beyond this is described as a forward declaration: members
/// cannot nest without bound, but an imported type must not hang us.
const MAX_NEST: usize = 32;

/// Describes type `id` of `types` for printing.
pub fn describe(types: &TypeTable, id: TypeId) -> PrintType {
    describe_at(types, id, None, 0)
}

fn describe_at(types: &TypeTable, id: TypeId, bits: Option<u8>, nest: usize) -> PrintType {
    // CTF names an anonymous struct "struct " where D says "struct (anon)".
    let name = types.name(id).replace("(anon)", "");
    // A bit-field's type is the smallest power-of-two bytes holding it, as
    // ctf_add_integer() sizes the integer type D declares for it.
    let size = bits.map_or_else(|| types.size_of(id, 0), |b| u64::from(b).div_ceil(8).next_power_of_two());
    let members = |ms: &[crate::parser::types::Member]| {
        ms.iter()
            .map(|m| PrintMember {
                name: m.name.clone(),
                ty: describe_at(types, m.ty, m.bits, nest + 1),
                bit_offset: m.bit_offset,
            })
            .collect()
    };
    let kind = match types.base(id) {
        _ if nest > MAX_NEST => PrintKind::Forward,
        Type::Int { size, signed, .. } => {
            // A bit-field's CTF type is an integer of the field's width.
            let bits = bits.map_or(u16::from(*size) * 8, u16::from);
            PrintKind::Int { bits, char: *signed && bits == 8 }
        }
        Type::Float { .. } => PrintKind::Float,
        Type::Pointer(_) | Type::Function { .. } | Type::Void => PrintKind::Pointer,
        Type::Array { elem, len } => {
            PrintKind::Array { elem: Box::new(describe_at(types, *elem, None, nest + 1)), len: *len }
        }
        Type::String => PrintKind::String,
        Type::Sou { kind, members: Some(ms), .. } => match kind {
            TagKind::Union => PrintKind::Union(members(ms)),
            _ => PrintKind::Struct(members(ms)),
        },
        Type::Enum { values: Some(vs), .. } => PrintKind::Enum(vs.clone()),
        Type::Sou { .. } | Type::Enum { .. } | Type::Typedef { .. } | Type::Qualified { .. } => PrintKind::Forward,
    };
    PrintType { name, size, kind }
}

/// Prints `data`, a value of type `ty`, as dtrace_print() does: the type
/// name, a space and the value; scalars end with a newline, structs and
/// unions with their closing brace.
pub fn print(out: &mut Vec<u8>, ty: &PrintType, data: &[u8]) {
    let mut p = Printer { out, data, depth: 0, nest: 0 };
    p.visit("", ty, 0, 0);
    p.trailing_braces(0);
}

/// dt_printarg_t: where printing is in the nesting of members (`depth`)
/// and of arrays of them (`nest`).
struct Printer<'a> {
    out: &'a mut Vec<u8>,
    data: &'a [u8],
    depth: usize,
    nest: usize,
}

fn is_structlike(k: &PrintKind) -> bool {
    matches!(k, PrintKind::Struct(_) | PrintKind::Union(_))
}

/// C's isprint() in the C locale.
fn isprint(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

impl Printer<'_> {
    fn put(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// `n` bytes at byte `at`, little-endian; bytes past the record read
    /// as zero rather than failing.
    fn read(&self, at: u64, n: usize) -> u64 {
        let mut v = 0u64;
        for k in (0..n.min(8)).rev() {
            let b = usize::try_from(at + k as u64).ok().and_then(|i| self.data.get(i)).copied().unwrap_or(0);
            v = v << 8 | u64::from(b);
        }
        v
    }

    /// ctf_type_visit(): the type itself, then each member, depth first.
    fn visit(&mut self, name: &str, ty: &PrintType, off: u64, depth: usize) {
        self.member(name, ty, off, depth);
        if let PrintKind::Struct(ms) | PrintKind::Union(ms) = &ty.kind {
            for m in ms {
                self.visit(&m.name, &m.ty, off + m.bit_offset, depth + 1);
            }
        }
    }

    /// Closes the structs left since the last member printed; the last
    /// brace goes without its newline, which the next line supplies.
    fn trailing_braces(&mut self, depth: usize) {
        for d in (depth + 1..=self.depth).rev() {
            let pad = (d + self.nest - 1) * 4;
            self.put(&format!("{:pad$}}}", ""));
            if d != depth + 1 {
                self.out.push(b'\n');
            }
        }
    }

    fn indent(&mut self) {
        let pad = (self.depth + self.nest) * 4;
        self.put(&format!("{:pad$}", ""));
    }

    /// dt_print_member(): one member (or the top-level value, unnamed).
    fn member(&mut self, name: &str, ty: &PrintType, off: u64, depth: usize) {
        self.trailing_braces(depth);
        if depth < self.depth {
            self.out.push(b'\n');
        }
        self.depth = depth;
        let arraymember = self.nest != 0 && depth == 0;
        // Simple array elements print bare, separated by commas.
        let brief = arraymember && !is_structlike(&ty.kind);
        if !brief {
            if arraymember {
                self.out.push(b'\n');
            }
            self.indent();
            self.put(&ty.name);
            if !name.is_empty() {
                // "void *p" and "union u", not "void * p" or "union  u".
                if !ty.name.ends_with('*') && !ty.name.ends_with(' ') {
                    self.out.push(b' ');
                }
                self.put(name);
                if let PrintKind::Int { bits, .. } = ty.kind {
                    let size = u64::from(bits / 8);
                    if bits % 8 != 0 || off % 8 != 0 || size > 8 || size != ty.size {
                        self.put(&format!(" :{bits}"));
                    }
                }
                self.put(" =");
            }
            self.out.push(b' ');
        }
        self.value(ty, off);
        if !brief {
            self.out.push(b'\n');
        }
    }

    fn value(&mut self, ty: &PrintType, off: u64) {
        let at = off / 8;
        match &ty.kind {
            PrintKind::Int { bits, char } => {
                let size = usize::from(bits / 8);
                if size > 8 || bits % 8 != 0 || !size.is_power_of_two() {
                    self.bitfield(off, *bits);
                } else if *char {
                    let c = self.read(at, 1) as u8;
                    match c {
                        0 => self.put("'\\0'"),
                        c if isprint(c) => self.put(&format!("'{}'", c as char)),
                        // C's '%03o' of the char promoted to int.
                        c => self.put(&format!("'\\{:03o}'", c as i8 as i32 as u32)),
                    }
                } else {
                    self.hex(at, size as u64);
                }
            }
            PrintKind::Float => self.float(at, ty.size),
            PrintKind::Pointer => self.hex(at, ty.size),
            PrintKind::Array { elem, len } => self.array(elem, *len, off),
            PrintKind::String => {
                let char = PrintType { name: "char".into(), size: 1, kind: PrintKind::Int { bits: 8, char: true } };
                let len = (self.data.len() as u64).saturating_sub(at);
                self.array(&char, len, off);
            }
            PrintKind::Struct(_) | PrintKind::Union(_) => self.out.push(b'{'),
            PrintKind::Enum(values) => {
                // Enums smaller than int are read at their size, as C allows.
                let v = match ty.size {
                    1 => self.read(at, 1) as i64,
                    2 => self.read(at, 2) as i64,
                    4 => i64::from(self.read(at, 4) as u32 as i32),
                    n => return self.put(&format!("<invalid enum size {n}>")),
                };
                match values.iter().find(|(_, x)| *x == v) {
                    Some((name, _)) => self.put(name),
                    None => self.put(&v.to_string()),
                }
            }
            PrintKind::Forward => self.put("<forward decl>"),
        }
    }

    /// dt_print_hex(): C's `%#x`, which prints zero as plain `0`.
    fn hex(&mut self, at: u64, size: u64) {
        match size {
            1 | 2 | 4 | 8 => match self.read(at, size as usize) {
                0 => self.put("0"),
                v => self.put(&format!("{v:#x}")),
            },
            n => self.put(&format!("<invalid size {n}>")),
        }
    }

    /// A bit-field: its bytes from the byte holding its first bit, shifted
    /// down and masked, as print_bitfield() reads them on little-endian.
    fn bitfield(&mut self, off: u64, bits: u16) {
        let size = usize::from(bits).div_ceil(8);
        let mask = if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
        let v = (self.read(off / 8, size) >> (off % 8)) & mask;
        match v {
            0 => self.put("0"),
            v => self.put(&format!("{v:#x}")),
        }
    }

    /// C's `%+.7e` of a float or double.
    fn float(&mut self, at: u64, size: u64) {
        let v = match size {
            4 => f64::from(f32::from_bits(self.read(at, 4) as u32)),
            8 => f64::from_bits(self.read(at, 8)),
            _ => return self.put("<unknown encoding>"),
        };
        self.put(&c_exp(v));
    }

    /// dt_print_array(): a char array holding a string as the string (bare
    /// at the top level), anything else as its elements in brackets.
    fn array(&mut self, elem: &PrintType, len: u64, off: u64) {
        let at = off / 8;
        let eltsize = elem.size;
        // Elements past the record are not printed: a record cut short (or a
        // type too large for one) must not print zeros without end.
        let fits = (self.data.len() as u64).saturating_sub(at).checked_div(eltsize).unwrap_or(self.data.len() as u64);
        let len = len.min(fits);
        let mut isstring = false;
        if let PrintKind::Int { bits: 8, char: true } = elem.kind {
            let mut i = 0;
            let mut c = 0;
            while i < len {
                c = self.read(at + eltsize * i, 1) as u8;
                if !isprint(c) || c == 0 {
                    break;
                }
                i += 1;
            }
            isstring = i != len && c == 0;
        }
        let brackets = !isstring || self.depth != 0;
        if brackets {
            self.put("[ ");
        }
        if isstring {
            self.out.push(b'"');
            for i in 0..len {
                match self.read(at + eltsize * i, 1) as u8 {
                    0 => break,
                    c => self.out.push(c),
                }
            }
            self.out.push(b'"');
        } else {
            let structlike = is_structlike(&elem.kind);
            for i in 0..len {
                // Each element is a top-level value one array deeper.
                let (depth, nest) = (self.depth, self.nest);
                self.nest += depth + 1;
                self.depth = 0;
                self.visit("", elem, (at + eltsize * i) * 8, 0);
                self.trailing_braces(0);
                (self.depth, self.nest) = (depth, nest);
                if i + 1 != len {
                    self.put(", ");
                } else if structlike {
                    self.out.push(b'\n');
                }
            }
            if structlike {
                self.indent();
            } else {
                self.out.push(b' ');
            }
        }
        if brackets && isstring {
            self.out.push(b' ');
        }
        if brackets {
            self.out.push(b']');
        }
    }
}

/// `%+.7e` as C prints it: a sign always, and at least two exponent digits.
fn c_exp(v: f64) -> String {
    if !v.is_finite() {
        let s = if v.is_nan() { "nan" } else { "inf" };
        return format!("{}{s}", if v.is_sign_negative() { '-' } else { '+' });
    }
    let s = format!("{v:+.7e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = e.strip_prefix('-').map_or(('+', e), |d| ('-', d));
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(name: &str, bytes: u16, char: bool) -> PrintType {
        PrintType { name: name.into(), size: u64::from(bytes), kind: PrintKind::Int { bits: bytes * 8, char } }
    }

    fn show(ty: &PrintType, data: &[u8]) -> String {
        let mut out = Vec::new();
        print(&mut out, ty, data);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn scalars() {
        assert_eq!(show(&int("int", 4, false), &[10, 0, 0, 0]), "int 0xa\n");
        assert_eq!(show(&int("int", 4, false), &[0, 0, 0, 0]), "int 0\n");
        assert_eq!(show(&int("char", 1, true), b"A"), "char 'A'\n");
        assert_eq!(show(&int("char", 1, true), &[1]), "char '\\001'\n");
        assert_eq!(show(&int("char", 1, true), &[0x80]), "char '\\37777777600'\n");
        assert_eq!(show(&int("long", 8, false), &[0xff; 8]), "long 0xffffffffffffffff\n");
    }

    #[test]
    fn bitfields_and_floats() {
        let bf = PrintType { name: "int".into(), size: 4, kind: PrintKind::Int { bits: 3, char: false } };
        let s = PrintType {
            name: "struct b".into(),
            size: 4,
            kind: PrintKind::Struct(vec![PrintMember { name: "x".into(), ty: bf, bit_offset: 2 }]),
        };
        assert_eq!(show(&s, &[0b10100]), "struct b {\n    int x :3 = 0x5\n}");
        assert_eq!(c_exp(1.5), "+1.5000000e+00");
        assert_eq!(c_exp(-0.001), "-1.0000000e-03");
    }

    #[test]
    fn describes_with_ctf_names() {
        let (mut t, b) = TypeTable::new();
        let row = t.array(b.int, 3);
        let m = t.array(row, 2);
        let d = describe(&t, m);
        assert_eq!((d.name.as_str(), d.size), ("int [2][3]", 24));
        let anon = t.add(Type::Sou { kind: TagKind::Union, name: None, size: 4, members: Some(Vec::new()) });
        assert_eq!(describe(&t, anon).name, "union ");
    }

    #[test]
    fn string_arrays() {
        let arr = PrintType {
            name: "char [4]".into(),
            size: 4,
            kind: PrintKind::Array { elem: Box::new(int("char", 1, true)), len: 4 },
        };
        assert_eq!(show(&arr, b"ab\0\0"), "char [4] \"ab\"\n");
        assert_eq!(show(&arr, b"abcd"), "char [4] [ 'a', 'b', 'c', 'd' ]\n");
        let ints = PrintType {
            name: "int [4]".into(),
            size: 16,
            kind: PrintKind::Array { elem: Box::new(int("int", 4, false)), len: 4 },
        };
        assert_eq!(show(&ints, &[1, 0, 0, 0, 2, 0, 0, 0]), "int [4] [ 0x1, 0x2 ]\n");
    }
}
