//! A DIF object (DIFO): one compiled D expression or predicate — code plus
//! the tables its instructions index — as the compiler produces it, DOF
//! carries it, and every engine's virtual machine runs it.

use alloc::vec::Vec;

/// How a DIFO's result is returned and how big it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DifType {
    /// [`crate::isa::diftype::CTF`] or [`crate::isa::diftype::STRING`].
    pub kind: u8,
    /// CTF type kind of a CTF type (unused by engines).
    pub ckind: u8,
    /// [`crate::isa::diftype::F_BYREF`] when the result is an address of
    /// `size` bytes rather than a value.
    pub flags: u8,
    /// Size of the result in bytes (0: nothing is recorded).
    pub size: u32,
}

/// One variable a DIFO references (a `dtrace_difv_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DifVar {
    /// Offset of the name in the DIFO's string table.
    pub name: u32,
    /// Variable id ([`crate::isa::var`]).
    pub id: u32,
    /// [`crate::isa::difv`] `KIND_ARRAY` or `KIND_SCALAR`.
    pub kind: u8,
    /// [`crate::isa::difv`] `SCOPE_GLOBAL`, `SCOPE_THREAD` or `SCOPE_LOCAL`.
    pub scope: u8,
    /// [`crate::isa::difv`] `F_REF` | `F_MOD`.
    pub flags: u16,
    pub ty: DifType,
}

/// A DIF object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Difo {
    /// Instructions ([`crate::isa::Instr`] words).
    pub code: Vec<u32>,
    /// Integer table (`setx`).
    pub inttab: Vec<u64>,
    /// String table (`sets`): NUL-terminated strings, by byte offset.
    pub strtab: Vec<u8>,
    /// Variables referenced.
    pub vartab: Vec<DifVar>,
    /// Type of the value `ret` returns.
    pub rtype: DifType,
}
