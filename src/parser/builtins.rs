//! D's predefined identifiers: built-in variables, subroutines, actions and
//! aggregating functions, with their DIF ids and prototypes. One table that
//! sema (type checking), codegen (ids) and `-l -v` listings all read.
//!
//! Prototypes are written in D's own type syntax and parsed by the compiler
//! on first use, as dtrace(1) does: `"size_t(const char *)"`. In a prototype,
//! `@` accepts an argument of any type and `...` any number of further ones.

/// What kind of identifier a built-in is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinKind {
    /// A built-in scalar variable (`pid`, `timestamp`, ...).
    Scalar,
    /// A built-in array (`args[]`, `regs[]`, `uregs[]`).
    Array,
    /// A DIF subroutine (`strlen`, `copyinstr`, ...), usable in expressions.
    Subroutine,
    /// An action (`trace`, `printf`, `exit`, ...): a statement, never a value.
    Action,
    /// An aggregating function (`count`, `quantize`, ...): only as `@a = f()`.
    Aggregating,
}

/// One predefined identifier.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub name: &'static str,
    pub kind: BuiltinKind,
    /// DIF variable id (variables), subroutine id (subroutines) or action
    /// kind (actions and aggregating functions), as in dtrace-facts.md.
    pub id: u16,
    /// Variables: the type. Functions: the prototype `ret(params)`.
    pub ty: &'static str,
}
