//! The back end: everything between a checked D program and the bytes an
//! engine loads — the DIF instruction set, code generation, DOF, the `-S`
//! disassembler — and the D option table shared by the command line,
//! `#pragma D option` and `setopt()`.

pub mod codegen;
pub mod dis;
pub mod dof;
pub mod options;
