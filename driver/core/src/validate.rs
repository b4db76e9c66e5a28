//! DIF object validation: the static checks every DIFO passes before any
//! engine runs it, so that the virtual machine can index registers, tables
//! and variables without bounds surprises and every program terminates.
//!
//! The rules are DTrace's (`dtrace_difo_validate` in the illumos kernel),
//! tightened where dtrace-rs controls both ends:
//!
//! - the code is non-empty, at most [`Limits::max_dif_instrs`] long, and
//!   code plus tables fit in [`Limits::max_difo_size`] bytes;
//! - every opcode is known and executable (`ldta`, `xlate` and `xlarg` are
//!   defined but never reach an engine), every register is below
//!   [`NREGS`], nothing writes `%r0` and nothing stores through it, and bits
//!   an instruction format does not use are zero;
//! - branches go strictly forward and stay inside the code, and the last
//!   instruction is `ret` — so execution always ends;
//! - `setx` indexes the integer table, `sets` points inside the string
//!   table, which ends with a NUL (so every string in it is terminated);
//! - each variable instruction uses an id from its range and the variable is
//!   declared in the variable table with the instruction's scope and kind;
//!   the table itself is well formed (known scope, kind and type, a name in
//!   the string table, no duplicates, sane sizes);
//! - `call` names a subroutine id up to [`SUBR_MAX`]; `pushtr`/`pushtv` use a
//!   type their form allows;
//! - the return type is sane: strings are returned by reference, values
//!   by value are 0, 1, 2, 4 or 8 bytes.
//!
//! Validation allocates one sorted index of the variable table (so that
//! checking is `n log n`, never quadratic) and never panics.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::difo::{DifType, Difo};
use crate::dof::Limits;
use crate::isa::{diftype, difv, var, Instr, Op, NREGS};

/// Highest subroutine id a `call` may name: illumos' set (0..=48) plus the
/// Linux additions that follow it (`d_path` is 49). The compiler's table of
/// built-ins (`src/parser/builtins.rs`) assigns the ids; raise this when it
/// grows.
pub const SUBR_MAX: u16 = 49;

/// Why a DIF object was rejected. `pc` is the index of the offending
/// instruction; `index` an index into the variable table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DifError {
    /// The DIFO has no instructions.
    Empty,
    /// More instructions than [`Limits::max_dif_instrs`].
    TooLong { len: usize, max: usize },
    /// Code and tables together are larger than [`Limits::max_difo_size`].
    TooLarge { size: u64, max: u64 },
    /// The last instruction is not `ret`.
    NoRet { pc: u32 },
    /// An opcode number the instruction set does not define.
    BadOpcode { pc: u32, op: u8 },
    /// An opcode that is defined but never executable: `ldta` (reserved in
    /// DTrace), `xlate` and `xlarg` (translator references the compiler
    /// resolves before code leaves it).
    Unsupported { pc: u32, op: Op },
    /// A register operand that is not below [`NREGS`].
    BadRegister { pc: u32, reg: u8 },
    /// An instruction whose destination is `%r0`, which always reads 0.
    WritesR0 { pc: u32 },
    /// A store whose address register is `%r0` (a store to address 0).
    StoreToNull { pc: u32 },
    /// Bits the instruction's format leaves unused are not zero.
    ReservedBits { pc: u32 },
    /// A branch whose target is past the end of the code.
    BadBranch { pc: u32, target: u32 },
    /// A branch to itself or to an earlier instruction (DIF only branches
    /// forward, which is what bounds every program's run time).
    BackwardBranch { pc: u32, target: u32 },
    /// A `setx` index past the end of the integer table.
    BadInteger { pc: u32, index: u16 },
    /// A `sets` offset past the end of the string table.
    BadString { pc: u32, offset: u16 },
    /// The string table is not empty and does not end with a NUL byte.
    UnterminatedStrtab,
    /// A variable id outside the range the instruction may use (built-in
    /// arrays below 0x80 for `ldga`; 0x100 and up for `ldgs`; user variables,
    /// 0x500 and up, for everything else).
    BadVariable { pc: u32, id: u16 },
    /// The variable is not in the variable table with the scope and kind
    /// the instruction implies.
    UndeclaredVariable { pc: u32, id: u16 },
    /// A `call` to a subroutine id above [`SUBR_MAX`].
    BadSubroutine { pc: u32, subr: u16 },
    /// A `pushtr` type other than D type or string, or a `pushtv` type other
    /// than D type.
    BadTupleType { pc: u32, ty: u8 },
    /// Variable table entry `index` is malformed.
    BadVar { index: u32, fault: VarFault },
    /// The return type is malformed (see [`TypeFault`]).
    BadReturnType(TypeFault),
}

/// What is wrong with a variable table entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarFault {
    /// Scope other than global, thread or local.
    Scope(u8),
    /// Kind other than array or scalar.
    Kind(u8),
    /// Id above 0xffff.
    Id(u32),
    /// Name offset outside the string table.
    Name(u32),
    /// The type is malformed.
    Type(TypeFault),
    /// A by-reference user variable of size 0 (strings excepted: their
    /// size 0 means "strsize").
    ZeroSize,
    /// A by-reference global larger than [`Limits::max_global_size`].
    Oversized(u32),
    /// Another entry has the same id and scope.
    Duplicate,
}

/// What is wrong with a [`DifType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeFault {
    /// Kind other than D type (CTF) or string.
    Kind(u8),
    /// Flag bits other than by-reference.
    Flags(u8),
    /// A string passed by value.
    StringByValue,
    /// A by-value size other than 0, 1, 2, 4 or 8.
    Size(u32),
}

impl DifError {
    /// The text shown to users, in the words of DTrace's DIF validator
    /// where it has them.
    pub fn message(&self) -> String {
        format!("{self}")
    }
}

impl fmt::Display for DifError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DifError::Empty => write!(f, "empty DIF object"),
            DifError::TooLong { len, max } => write!(f, "{len} instructions exceed the limit of {max}"),
            DifError::TooLarge { size, max } => write!(f, "DIF object of {size} bytes exceeds maximum size {max}"),
            DifError::NoRet { pc } => write!(f, "[{pc}]: expected 'ret' as last DIF instruction"),
            DifError::BadOpcode { pc, op } => write!(f, "[{pc}]: invalid opcode {op}"),
            DifError::Unsupported { pc, op } => write!(f, "[{pc}]: unsupported opcode {}", op.mnemonic()),
            DifError::BadRegister { pc, reg } => write!(f, "[{pc}]: invalid register {reg}"),
            DifError::WritesR0 { pc } => write!(f, "[{pc}]: cannot write to %r0"),
            DifError::StoreToNull { pc } => write!(f, "[{pc}]: cannot write to 0 address"),
            DifError::ReservedBits { pc } => write!(f, "[{pc}]: non-zero reserved bits"),
            DifError::BadBranch { pc, target } => write!(f, "[{pc}]: invalid branch target {target}"),
            DifError::BackwardBranch { pc, target } => write!(f, "[{pc}]: backward branch to {target}"),
            DifError::BadInteger { pc, index } => write!(f, "[{pc}]: invalid integer ref {index}"),
            DifError::BadString { pc, offset } => write!(f, "[{pc}]: invalid string ref {offset}"),
            DifError::UnterminatedStrtab => write!(f, "string table is not NUL-terminated"),
            DifError::BadVariable { pc, id } => write!(f, "[{pc}]: invalid variable {id}"),
            DifError::UndeclaredVariable { pc, id } => write!(f, "[{pc}]: variable {id} is not in the variable table"),
            DifError::BadSubroutine { pc, subr } => write!(f, "[{pc}]: invalid subr {subr}"),
            DifError::BadTupleType { pc, ty } => write!(f, "[{pc}]: invalid tuple type {ty}"),
            DifError::BadVar { index, fault } => write!(f, "variable table entry {index}: {fault}"),
            DifError::BadReturnType(fault) => write!(f, "bad return type: {fault}"),
        }
    }
}

impl fmt::Display for VarFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            VarFault::Scope(s) => write!(f, "unrecognized variable scope {s}"),
            VarFault::Kind(k) => write!(f, "unrecognized variable type {k}"),
            VarFault::Id(id) => write!(f, "{id} exceeds variable id limit"),
            VarFault::Name(off) => write!(f, "name offset {off} outside the string table"),
            VarFault::Type(t) => write!(f, "{t}"),
            VarFault::ZeroSize => write!(f, "zero-sized variable"),
            VarFault::Oversized(size) => write!(f, "oversized by-ref global ({size} bytes)"),
            VarFault::Duplicate => write!(f, "duplicate variable id"),
        }
    }
}

impl fmt::Display for TypeFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TypeFault::Kind(k) => write!(f, "unknown type kind {k}"),
            TypeFault::Flags(fl) => write!(f, "unknown type flags {fl:#x}"),
            TypeFault::StringByValue => write!(f, "string not passed by reference"),
            TypeFault::Size(s) => write!(f, "bad return size {s}"),
        }
    }
}

/// Size in bytes of one variable table entry in DOF (`dtrace_difv_t`),
/// which is what [`Limits::max_difo_size`] counts.
const DIFV_SIZE: u64 = 20;

/// Checks `difo` against DTrace's rules (see the module doc).
pub fn validate(difo: &Difo, limits: &Limits) -> Result<(), DifError> {
    let len = difo.code.len();
    if len == 0 {
        return Err(DifError::Empty);
    }
    if len > limits.max_dif_instrs {
        return Err(DifError::TooLong { len, max: limits.max_dif_instrs });
    }
    let size = (len as u64) * 4
        + (difo.inttab.len() as u64) * 8
        + difo.strtab.len() as u64
        + (difo.vartab.len() as u64) * DIFV_SIZE;
    if size > limits.max_difo_size {
        return Err(DifError::TooLarge { size, max: limits.max_difo_size });
    }
    if difo.strtab.last().is_some_and(|&b| b != 0) {
        return Err(DifError::UnterminatedStrtab);
    }
    check_type(&difo.rtype).map_err(DifError::BadReturnType)?;
    let vars = var_index(difo, limits)?;
    for (pc, &word) in difo.code.iter().enumerate() {
        // `len` fits in u32: it is at most max_dif_instrs, itself bounded by
        // the 24-bit branch label space in practice; saturate to be sure.
        let pc = u32::try_from(pc).unwrap_or(u32::MAX);
        check_instr(difo, &vars, pc, Instr(word))?;
    }
    if difo.code.last().and_then(|&w| Instr(w).op()) != Some(Op::Ret) {
        return Err(DifError::NoRet { pc: (len - 1) as u32 });
    }
    Ok(())
}

/// One declared variable, as the instruction checks look it up.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct VarKey {
    id: u32,
    scope: u8,
    kind: u8,
}

/// Checks every variable table entry and returns them sorted by (id,
/// scope) for lookups.
fn var_index(difo: &Difo, limits: &Limits) -> Result<Vec<VarKey>, DifError> {
    let mut keys = Vec::with_capacity(difo.vartab.len());
    for (i, v) in difo.vartab.iter().enumerate() {
        let index = i as u32;
        let bad = |fault| DifError::BadVar { index, fault };
        if !matches!(v.scope, difv::SCOPE_GLOBAL | difv::SCOPE_THREAD | difv::SCOPE_LOCAL) {
            return Err(bad(VarFault::Scope(v.scope)));
        }
        if !matches!(v.kind, difv::KIND_ARRAY | difv::KIND_SCALAR) {
            return Err(bad(VarFault::Kind(v.kind)));
        }
        if v.id > u32::from(var::MAX) {
            return Err(bad(VarFault::Id(v.id)));
        }
        if v.name as usize >= difo.strtab.len() {
            return Err(bad(VarFault::Name(v.name)));
        }
        check_type(&v.ty).map_err(|t| bad(VarFault::Type(t)))?;
        // Sizes matter for user variables only: engines allocate their
        // storage from these, while built-ins have fixed storage.
        let byref = v.ty.flags & diftype::F_BYREF != 0;
        if v.id >= u32::from(var::OTHER_MIN) && byref {
            if v.ty.size == 0 && v.ty.kind != diftype::STRING {
                return Err(bad(VarFault::ZeroSize));
            }
            if v.scope == difv::SCOPE_GLOBAL && v.ty.size > limits.max_global_size {
                return Err(bad(VarFault::Oversized(v.ty.size)));
            }
        }
        keys.push(VarKey { id: v.id, scope: v.scope, kind: v.kind });
    }
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0].id == w[1].id && w[0].scope == w[1].scope) {
        let dup = w[1];
        let index = difo.vartab.iter().rposition(|v| v.id == dup.id && v.scope == dup.scope).unwrap_or(0);
        return Err(DifError::BadVar { index: index as u32, fault: VarFault::Duplicate });
    }
    Ok(keys)
}

/// Checks a return or variable type.
fn check_type(t: &DifType) -> Result<(), TypeFault> {
    if !matches!(t.kind, diftype::CTF | diftype::STRING) {
        return Err(TypeFault::Kind(t.kind));
    }
    if t.flags & !diftype::F_BYREF != 0 {
        return Err(TypeFault::Flags(t.flags));
    }
    let byref = t.flags & diftype::F_BYREF != 0;
    if t.kind == diftype::STRING && !byref {
        return Err(TypeFault::StringByValue);
    }
    if !byref && !matches!(t.size, 0 | 1 | 2 | 4 | 8) {
        return Err(TypeFault::Size(t.size));
    }
    Ok(())
}

/// Whether `vars` declares (`id`, `scope`) with `kind`.
fn declared(vars: &[VarKey], id: u16, scope: u8, kind: u8) -> bool {
    vars.binary_search_by(|k| (k.id, k.scope).cmp(&(u32::from(id), scope))).is_ok_and(|i| vars[i].kind == kind)
}

/// Checks one instruction at `pc`.
fn check_instr(difo: &Difo, vars: &[VarKey], pc: u32, i: Instr) -> Result<(), DifError> {
    let Some(op) = i.op() else {
        return Err(DifError::BadOpcode { pc, op: i.op_byte() });
    };
    let reg = |r: u8| if r < NREGS { Ok(()) } else { Err(DifError::BadRegister { pc, reg: r }) };
    let dest = |r: u8| {
        reg(r)?;
        if r == 0 {
            Err(DifError::WritesR0 { pc })
        } else {
            Ok(())
        }
    };
    let zero = |bits: u8| if bits == 0 { Ok(()) } else { Err(DifError::ReservedBits { pc }) };
    // Variable instructions: id range, destination or source, declaration.
    let variable = |min: u16, scope: u8, kind: u8, load: bool| {
        let id = i.index();
        if id < min {
            return Err(DifError::BadVariable { pc, id });
        }
        if load {
            dest(i.rd())?;
        } else {
            reg(i.rd())?;
        }
        if !declared(vars, id, scope, kind) {
            return Err(DifError::UndeclaredVariable { pc, id });
        }
        Ok(())
    };
    use Op::*;
    match op {
        Or | Xor | And | Sll | Srl | Sra | Sub | Add | Mul | Sdiv | Udiv | Srem | Urem | Copys => {
            reg(i.r1())?;
            reg(i.r2())?;
            dest(i.rd())
        }
        Not | Mov | Allocs | Ldsb | Ldsh | Ldsw | Ldub | Lduh | Lduw | Ldx | Uldsb | Uldsh | Uldsw | Uldub | Ulduh
        | Ulduw | Uldx | Rldsb | Rldsh | Rldsw | Rldub | Rlduh | Rlduw | Rldx => {
            reg(i.r1())?;
            zero(i.r2())?;
            dest(i.rd())
        }
        Stb | Sth | Stw | Stx => {
            reg(i.r1())?;
            zero(i.r2())?;
            reg(i.rd())?;
            if i.rd() == 0 {
                return Err(DifError::StoreToNull { pc });
            }
            Ok(())
        }
        Cmp | Scmp => {
            reg(i.r1())?;
            reg(i.r2())?;
            zero(i.rd())
        }
        Tst => {
            reg(i.r1())?;
            zero(i.r2())?;
            zero(i.rd())
        }
        Ba | Be | Bne | Bg | Bgu | Bge | Bgeu | Bl | Blu | Ble | Bleu => {
            let target = i.label();
            if target as usize >= difo.code.len() {
                return Err(DifError::BadBranch { pc, target });
            }
            if target <= pc {
                return Err(DifError::BackwardBranch { pc, target });
            }
            Ok(())
        }
        Ret => {
            zero(i.r1())?;
            zero(i.r2())?;
            reg(i.rd())
        }
        Nop | Popts | Flushts => {
            zero(i.r1())?;
            zero(i.r2())?;
            zero(i.rd())
        }
        Setx => {
            if usize::from(i.index()) >= difo.inttab.len() {
                return Err(DifError::BadInteger { pc, index: i.index() });
            }
            dest(i.rd())
        }
        Sets => {
            // The table ends with NUL (checked above), so any offset inside
            // it starts a terminated string.
            if usize::from(i.index()) >= difo.strtab.len() {
                return Err(DifError::BadString { pc, offset: i.index() });
            }
            dest(i.rd())
        }
        Ldga => {
            let id = u16::from(i.r1());
            if id >= var::ARRAY_MIN {
                return Err(DifError::BadVariable { pc, id });
            }
            reg(i.r2())?;
            dest(i.rd())?;
            if !declared(vars, id, difv::SCOPE_GLOBAL, difv::KIND_ARRAY) {
                return Err(DifError::UndeclaredVariable { pc, id });
            }
            Ok(())
        }
        Ldgs => variable(var::SCALAR_MIN, difv::SCOPE_GLOBAL, difv::KIND_SCALAR, true),
        Stgs => variable(var::OTHER_MIN, difv::SCOPE_GLOBAL, difv::KIND_SCALAR, false),
        Ldts => variable(var::OTHER_MIN, difv::SCOPE_THREAD, difv::KIND_SCALAR, true),
        Stts => variable(var::OTHER_MIN, difv::SCOPE_THREAD, difv::KIND_SCALAR, false),
        Ldls => variable(var::OTHER_MIN, difv::SCOPE_LOCAL, difv::KIND_SCALAR, true),
        Stls => variable(var::OTHER_MIN, difv::SCOPE_LOCAL, difv::KIND_SCALAR, false),
        Ldgaa => variable(var::OTHER_MIN, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, true),
        Stgaa => variable(var::OTHER_MIN, difv::SCOPE_GLOBAL, difv::KIND_ARRAY, false),
        Ldtaa => variable(var::OTHER_MIN, difv::SCOPE_THREAD, difv::KIND_ARRAY, true),
        Sttaa => variable(var::OTHER_MIN, difv::SCOPE_THREAD, difv::KIND_ARRAY, false),
        Call => {
            if i.index() > SUBR_MAX {
                return Err(DifError::BadSubroutine { pc, subr: i.index() });
            }
            dest(i.rd())
        }
        Pushtr | Pushtv => {
            // The type sits in the r1 field.
            let ty = i.r1();
            let ok = ty == diftype::CTF || (op == Pushtr && ty == diftype::STRING);
            if !ok {
                return Err(DifError::BadTupleType { pc, ty });
            }
            reg(i.r2())?;
            reg(i.rd())
        }
        Ldta | Xlate | Xlarg => Err(DifError::Unsupported { pc, op }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::difo::DifVar;
    use alloc::vec;

    fn ret(r: u8) -> u32 {
        Instr::alu(Op::Ret, 0, 0, r).0
    }

    fn int_type() -> DifType {
        DifType { kind: diftype::CTF, ckind: 1, flags: 0, size: 8 }
    }

    fn str_type() -> DifType {
        DifType { kind: diftype::STRING, ckind: 0, flags: diftype::F_BYREF, size: 256 }
    }

    fn var(name: u32, id: u32, kind: u8, scope: u8, ty: DifType) -> DifVar {
        DifVar { name, id, kind, scope, flags: difv::F_REF, ty }
    }

    /// A DIFO using most instruction forms; valid.
    fn sample() -> Difo {
        let code = vec![
            Instr::table(Op::Setx, 0, 1).0,                  // 0
            Instr::table(Op::Sets, 2, 2).0,                  // 1
            Instr::alu(Op::Add, 1, 1, 3).0,                  // 2
            Instr::alu(Op::Cmp, 3, 1, 0).0,                  // 3
            Instr::branch(Op::Be, 7).0,                      // 4
            Instr::ldga(var::ARGS as u8, 1, 4).0,            // 5
            Instr::table(Op::Stgs, 0x500, 4).0,              // 6
            Instr::table(Op::Ldgs, 0x101, 5).0,              // 7
            Instr::alu(Op::Pushtv, diftype::CTF, 0, 5).0,    // 8
            Instr::alu(Op::Pushtr, diftype::STRING, 0, 2).0, // 9
            Instr::table(Op::Ldgaa, 0x501, 6).0,             // 10
            Instr::table(Op::Sttaa, 0x500, 6).0,             // 11
            Instr::alu(Op::Flushts, 0, 0, 0).0,              // 12
            Instr::alu(Op::Pushtr, diftype::STRING, 0, 2).0, // 13
            Instr::table(Op::Call, 12, 7).0,                 // 14
            Instr::table(Op::Stls, 0x500, 7).0,              // 15
            Instr::table(Op::Ldls, 0x500, 7).0,              // 16
            Instr::table(Op::Stts, 0x502, 7).0,              // 17
            Instr::table(Op::Ldts, 0x502, 7).0,              // 18
            Instr::alu(Op::Allocs, 1, 0, 6).0,               // 19
            Instr::alu(Op::Stx, 1, 0, 6).0,                  // 20
            Instr::alu(Op::Ldx, 6, 0, 6).0,                  // 21
            Instr::alu(Op::Tst, 6, 0, 0).0,                  // 22
            ret(3),                                          // 23
        ];
        // Names: "x\0foo\0args\0timestamp\0a\0t\0l\0s\0"
        let strtab = b"x\0foo\0args\0timestamp\0a\0t\0l\0s\0".to_vec();
        let vartab = vec![
            var(0, 0x500, difv::KIND_SCALAR, difv::SCOPE_GLOBAL, int_type()),
            var(6, 0, difv::KIND_ARRAY, difv::SCOPE_GLOBAL, DifType::default()),
            var(11, 0x101, difv::KIND_SCALAR, difv::SCOPE_GLOBAL, int_type()),
            var(21, 0x501, difv::KIND_ARRAY, difv::SCOPE_GLOBAL, int_type()),
            var(23, 0x500, difv::KIND_ARRAY, difv::SCOPE_THREAD, int_type()),
            var(25, 0x500, difv::KIND_SCALAR, difv::SCOPE_LOCAL, int_type()),
            var(27, 0x502, difv::KIND_SCALAR, difv::SCOPE_THREAD, str_type()),
        ];
        Difo { code, inttab: vec![42], strtab, vartab, rtype: int_type() }
    }

    fn check(d: &Difo) -> Result<(), DifError> {
        validate(d, &Limits::default())
    }

    fn with_code(pc: usize, word: Instr) -> Difo {
        let mut d = sample();
        d.code[pc] = word.0;
        d
    }

    #[test]
    fn sample_is_valid() {
        assert_eq!(check(&sample()), Ok(()));
        let minimal = Difo { code: vec![ret(0)], ..Default::default() };
        assert_eq!(check(&minimal), Ok(()));
    }

    #[test]
    fn rejects_empty_and_oversized_code() {
        assert_eq!(check(&Difo::default()), Err(DifError::Empty));
        let limits = Limits { max_dif_instrs: 4, ..Limits::default() };
        assert_eq!(validate(&sample(), &limits), Err(DifError::TooLong { len: 24, max: 4 }));
        let limits = Limits { max_difo_size: 64, ..Limits::default() };
        assert!(matches!(validate(&sample(), &limits), Err(DifError::TooLarge { max: 64, .. })));
    }

    #[test]
    fn rejects_missing_ret() {
        let mut d = sample();
        d.code.push(Instr::alu(Op::Nop, 0, 0, 0).0);
        assert_eq!(check(&d), Err(DifError::NoRet { pc: 24 }));
    }

    #[test]
    fn rejects_unknown_and_unsupported_opcodes() {
        assert_eq!(check(&with_code(2, Instr(0))), Err(DifError::BadOpcode { pc: 2, op: 0 }));
        assert_eq!(check(&with_code(2, Instr(80 << 24))), Err(DifError::BadOpcode { pc: 2, op: 80 }));
        assert_eq!(check(&with_code(2, Instr(0xff << 24))), Err(DifError::BadOpcode { pc: 2, op: 255 }));
        for op in [Op::Ldta, Op::Xlate, Op::Xlarg] {
            assert_eq!(check(&with_code(2, Instr::table(op, 0, 1))), Err(DifError::Unsupported { pc: 2, op }));
        }
    }

    #[test]
    fn rejects_bad_registers() {
        let bad = |w, reg| assert_eq!(check(&with_code(2, w)), Err(DifError::BadRegister { pc: 2, reg }));
        bad(Instr::alu(Op::Add, 8, 1, 3), 8);
        bad(Instr::alu(Op::Add, 1, 9, 3), 9);
        bad(Instr::alu(Op::Add, 1, 1, 255), 255);
        bad(Instr::alu(Op::Mov, 8, 0, 1), 8);
        bad(Instr::alu(Op::Cmp, 1, 8, 0), 8);
        bad(Instr::alu(Op::Tst, 8, 0, 0), 8);
        bad(Instr::alu(Op::Ret, 0, 0, 8), 8);
        bad(Instr::table(Op::Setx, 0, 8), 8);
        bad(Instr::ldga(0, 8, 1), 8);
        bad(Instr::table(Op::Stgs, 0x500, 8), 8);
        bad(Instr::alu(Op::Pushtv, 0, 8, 1), 8);
        bad(Instr::alu(Op::Pushtr, 0, 1, 8), 8);
        bad(Instr::alu(Op::Stx, 8, 0, 1), 8);
    }

    #[test]
    fn rejects_writes_to_r0() {
        for w in [
            Instr::alu(Op::Add, 1, 1, 0),
            Instr::alu(Op::Mov, 1, 0, 0),
            Instr::alu(Op::Ldx, 1, 0, 0),
            Instr::table(Op::Setx, 0, 0),
            Instr::table(Op::Sets, 0, 0),
            Instr::table(Op::Ldgs, 0x500, 0),
            Instr::table(Op::Call, 0, 0),
            Instr::ldga(0, 1, 0),
        ] {
            assert_eq!(check(&with_code(2, w)), Err(DifError::WritesR0 { pc: 2 }), "{w:x?}");
        }
        assert_eq!(check(&with_code(2, Instr::alu(Op::Stw, 1, 0, 0))), Err(DifError::StoreToNull { pc: 2 }));
        // Storing zero (%r0 as the source) is fine.
        assert_eq!(check(&with_code(6, Instr::table(Op::Stgs, 0x500, 0))), Ok(()));
    }

    #[test]
    fn rejects_reserved_bits() {
        for w in [
            Instr::alu(Op::Mov, 1, 1, 2),
            Instr::alu(Op::Cmp, 1, 1, 2),
            Instr::alu(Op::Tst, 1, 1, 0),
            Instr::alu(Op::Ret, 1, 0, 1),
            Instr::alu(Op::Nop, 0, 0, 1),
            Instr::alu(Op::Flushts, 1, 0, 0),
            Instr::alu(Op::Stx, 1, 1, 2),
        ] {
            assert_eq!(check(&with_code(2, w)), Err(DifError::ReservedBits { pc: 2 }), "{w:x?}");
        }
    }

    #[test]
    fn rejects_bad_branches() {
        assert_eq!(check(&with_code(4, Instr::branch(Op::Ba, 24))), Err(DifError::BadBranch { pc: 4, target: 24 }));
        assert_eq!(check(&with_code(4, Instr::branch(Op::Bne, 4))), Err(DifError::BackwardBranch { pc: 4, target: 4 }));
        assert_eq!(check(&with_code(4, Instr::branch(Op::Ble, 1))), Err(DifError::BackwardBranch { pc: 4, target: 1 }));
        assert_eq!(check(&with_code(4, Instr::branch(Op::Ba, 23))), Ok(()));
    }

    #[test]
    fn rejects_bad_table_references() {
        assert_eq!(check(&with_code(0, Instr::table(Op::Setx, 1, 1))), Err(DifError::BadInteger { pc: 0, index: 1 }));
        let strlen = sample().strtab.len() as u16;
        assert_eq!(
            check(&with_code(1, Instr::table(Op::Sets, strlen, 2))),
            Err(DifError::BadString { pc: 1, offset: strlen })
        );
        let mut d = sample();
        d.strtab.push(b'z');
        assert_eq!(check(&d), Err(DifError::UnterminatedStrtab));
    }

    #[test]
    fn rejects_bad_variable_ids_and_scopes() {
        let bad = |pc, w, id| assert_eq!(check(&with_code(pc, w)), Err(DifError::BadVariable { pc: pc as u32, id }));
        bad(5, Instr::ldga(0x80, 1, 4), 0x80);
        bad(7, Instr::table(Op::Ldgs, 0xff, 5), 0xff);
        bad(6, Instr::table(Op::Stgs, 0x101, 4), 0x101);
        bad(18, Instr::table(Op::Ldts, 0x4ff, 7), 0x4ff);
        bad(10, Instr::table(Op::Ldgaa, 0x100, 6), 0x100);
        let undeclared =
            |pc, w, id| assert_eq!(check(&with_code(pc, w)), Err(DifError::UndeclaredVariable { pc: pc as u32, id }));
        // Declared, but with another scope or kind.
        undeclared(6, Instr::table(Op::Stts, 0x500, 4), 0x500); // 0x500 is a thread array, not a scalar
        undeclared(10, Instr::table(Op::Ldgaa, 0x500, 6), 0x500); // global 0x500 is a scalar
        undeclared(16, Instr::table(Op::Ldgs, 0x502, 7), 0x502); // 0x502 is thread-local
        undeclared(5, Instr::ldga(var::REGS as u8, 1, 4), var::REGS);
        undeclared(7, Instr::table(Op::Ldgs, 0x600, 5), 0x600);
    }

    #[test]
    fn rejects_bad_calls_and_tuple_types() {
        assert_eq!(check(&with_code(14, Instr::table(Op::Call, SUBR_MAX, 7))), Ok(()));
        assert_eq!(
            check(&with_code(14, Instr::table(Op::Call, SUBR_MAX + 1, 7))),
            Err(DifError::BadSubroutine { pc: 14, subr: SUBR_MAX + 1 })
        );
        assert_eq!(
            check(&with_code(8, Instr::alu(Op::Pushtv, diftype::STRING, 0, 5))),
            Err(DifError::BadTupleType { pc: 8, ty: 1 })
        );
        assert_eq!(check(&with_code(9, Instr::alu(Op::Pushtr, 2, 0, 2))), Err(DifError::BadTupleType { pc: 9, ty: 2 }));
    }

    #[test]
    fn rejects_bad_variable_table_entries() {
        let bad = |f: &dyn Fn(&mut DifVar), index, fault| {
            let mut d = sample();
            f(&mut d.vartab[index as usize]);
            assert_eq!(check(&d), Err(DifError::BadVar { index, fault }));
        };
        bad(&|v| v.scope = 3, 1, VarFault::Scope(3));
        bad(&|v| v.kind = 2, 1, VarFault::Kind(2));
        bad(&|v| v.id = 0x10000, 1, VarFault::Id(0x10000));
        bad(&|v| v.name = 1000, 1, VarFault::Name(1000));
        bad(&|v| v.ty.kind = 7, 1, VarFault::Type(TypeFault::Kind(7)));
        bad(&|v| v.ty.flags = 2, 1, VarFault::Type(TypeFault::Flags(2)));
        bad(
            &|v| v.ty = DifType { kind: diftype::STRING, ..Default::default() },
            1,
            VarFault::Type(TypeFault::StringByValue),
        );
        bad(&|v| v.ty.size = 3, 0, VarFault::Type(TypeFault::Size(3)));
        bad(&|v| v.ty = DifType { kind: diftype::CTF, ckind: 6, flags: 1, size: 0 }, 0, VarFault::ZeroSize);
        bad(
            &|v| v.ty = DifType { kind: diftype::CTF, ckind: 6, flags: 1, size: 1 << 20 },
            0,
            VarFault::Oversized(1 << 20),
        );
        // Entry 0 becomes a second local 0x500; the later entry is blamed.
        let mut d = sample();
        d.vartab[0].scope = difv::SCOPE_LOCAL;
        assert_eq!(check(&d), Err(DifError::BadVar { index: 5, fault: VarFault::Duplicate }));
        // A by-reference string of size 0 means "strsize": allowed.
        let mut d = sample();
        d.vartab[6].ty.size = 0;
        assert_eq!(check(&d), Ok(()));
    }

    #[test]
    fn rejects_bad_return_types() {
        let bad = |t: DifType, fault| {
            let mut d = sample();
            d.rtype = t;
            assert_eq!(check(&d), Err(DifError::BadReturnType(fault)));
        };
        bad(DifType { kind: diftype::STRING, ckind: 0, flags: 0, size: 256 }, TypeFault::StringByValue);
        bad(DifType { kind: diftype::CTF, ckind: 1, flags: 0, size: 16 }, TypeFault::Size(16));
        bad(DifType { kind: 9, ckind: 1, flags: 0, size: 8 }, TypeFault::Kind(9));
        bad(DifType { kind: 0, ckind: 1, flags: 0x80, size: 8 }, TypeFault::Flags(0x80));
        let mut d = sample();
        d.rtype = str_type();
        assert_eq!(check(&d), Ok(()));
    }

    #[test]
    fn messages_read_like_dtrace() {
        assert_eq!(DifError::WritesR0 { pc: 3 }.message(), "[3]: cannot write to %r0");
        assert_eq!(DifError::BackwardBranch { pc: 4, target: 1 }.message(), "[4]: backward branch to 1");
        assert_eq!(
            DifError::BadVar { index: 0, fault: VarFault::ZeroSize }.message(),
            "variable table entry 0: zero-sized variable"
        );
    }

    /// A small deterministic generator (xorshift64*), so mutation runs are
    /// reproducible.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn bit_flips_never_panic_and_accepted_code_is_sound() {
        let base = sample();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut accepted = 0;
        for _ in 0..20_000 {
            let mut d = base.clone();
            for _ in 0..1 + rng.below(3) {
                match rng.below(6) {
                    0..=2 => {
                        let pc = rng.below(d.code.len());
                        d.code[pc] ^= 1 << rng.below(32);
                    }
                    3 => {
                        let i = rng.below(d.strtab.len());
                        d.strtab[i] ^= 1 << rng.below(8);
                    }
                    4 => {
                        let i = rng.below(d.vartab.len());
                        let v = &mut d.vartab[i];
                        match rng.below(5) {
                            0 => v.id ^= 1 << rng.below(32),
                            1 => v.scope ^= 1 << rng.below(8),
                            2 => v.kind ^= 1 << rng.below(8),
                            3 => v.name ^= 1 << rng.below(32),
                            _ => v.ty.flags ^= 1 << rng.below(8),
                        }
                    }
                    _ => d.rtype.size ^= 1 << rng.below(32),
                }
            }
            if validate(&d, &Limits::default()).is_ok() {
                accepted += 1;
                // What validation promises the VM.
                for (pc, &w) in d.code.iter().enumerate() {
                    let i = Instr(w);
                    let op = i.op().expect("known opcode");
                    if (Op::Ba as u8..=Op::Bleu as u8).contains(&(op as u8)) {
                        assert!(i.label() as usize > pc && (i.label() as usize) < d.code.len());
                    }
                }
                assert_eq!(Instr(*d.code.last().unwrap()).op(), Some(Op::Ret));
            }
        }
        // Some flips (e.g. in unused register bits of a valid form) keep the
        // DIFO valid; most are caught.
        assert!(accepted > 0 && accepted < 20_000, "{accepted}");
    }
}
