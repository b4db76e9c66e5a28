//! D's predefined identifiers: built-in variables, subroutines, actions and
//! aggregating functions, with their DIF ids and prototypes. One table that
//! sema (type checking), codegen (ids) and `-l -v` listings all read.
//!
//! The set and the numbers are illumos libdtrace's (`_dtrace_globals` and the
//! `DIF_VAR_*`, `DIF_SUBR_*`, `DTRACEACT_*` and `DTRACEAGG_*` values of
//! `<sys/dtrace.h>`), adapted to Linux:
//!
//! - Types are written with C base types, D's own typedefs (`int8_t` ..
//!   `uint64_t`, `intptr_t`, `uintptr_t`), `string` and
//!   `struct task_struct *` only, so that every prototype compiles without
//!   BTF. Where illumos names a kernel typedef the comment says which
//!   (`pid_t` becomes `int`, `size_t` becomes `uint64_t`, ...).
//! - Linux additions take ids after the illumos set (`d_path` is subroutine
//!   49, `cpu` is variable 0x121); illumos-only identifiers that make no
//!   sense here (`getf`, `vmregs`) are left out, their ids stay unused.
//!
//! Prototypes are written in D's own type syntax and parsed by the compiler
//! on first use, as dtrace(1) does: `"uint64_t(const char *)"`. In a
//! prototype, `@` accepts an argument of any type, `...` any number of
//! further ones, and a parameter in brackets (`[int]`) is optional. An empty
//! parameter list means no arguments. Three return types are D-internal
//! pseudo-types rather than C types: `stack` (the value of `stack()`,
//! `ustack()` and `jstack()`), `_symaddr` (`sym()`, `func()`, `mod()`) and
//! `_usymaddr` (`usym()`, `ufunc()`, `umod()`, `uaddr()`); such actions may
//! also appear as values, e.g. as aggregation keys (`@[stack()] = count()`).

/// What kind of identifier a built-in is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinKind {
    /// A built-in scalar variable (`pid`, `timestamp`, ...).
    Scalar,
    /// A built-in array (`args[]`, `regs[]`, `uregs[]`).
    Array,
    /// A DIF subroutine (`strlen`, `copyinstr`, ...), usable in expressions.
    Subroutine,
    /// An action (`trace`, `printf`, `exit`, ...): a statement, never a value
    /// (except the stack and symbol actions, whose values may be keys).
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
    /// Variables: the type (`""` for `args[]`, whose element type depends
    /// on the probe). Functions: the prototype `ret(params)`.
    pub ty: &'static str,
    /// Actions of kind [`DTRACEACT_LIBACT`] are carried out by the consumer,
    /// which tells them apart by the code in the action's argument
    /// (`dtad_arg`): this field, in illumos `DT_ACT_*` numbering. 0 for
    /// every other identifier.
    pub libact: u16,
}

impl Builtin {
    /// True for variables and arrays.
    pub fn is_variable(&self) -> bool {
        matches!(self.kind, BuiltinKind::Scalar | BuiltinKind::Array)
    }

    /// True for subroutines, actions and aggregating functions.
    pub fn is_function(&self) -> bool {
        !self.is_variable()
    }

    /// An action that needs `-w` / `#pragma D option destructive`: its kind
    /// is in the process- or kernel-destructive class.
    pub fn is_destructive(&self) -> bool {
        self.kind == BuiltinKind::Action && matches!(self.id & 0xff00, ACT_PROC_DESTRUCTIVE | ACT_KERNEL_DESTRUCTIVE)
    }

    /// The return type of a function's prototype (`"string"` for
    /// `"string(const char *)"`); `None` for variables.
    pub fn return_type(&self) -> Option<&'static str> {
        if !self.is_function() {
            return None;
        }
        self.ty.find('(').map(|open| self.ty[..open].trim_end())
    }

    /// The parameter list of a function's prototype, without parentheses,
    /// split at top-level commas; empty for `f()`. `None` for variables.
    pub fn params(&self) -> Option<Vec<&'static str>> {
        if !self.is_function() {
            return None;
        }
        let open = self.ty.find('(')?;
        let close = self.ty.rfind(')')?;
        let inner = self.ty.get(open + 1..close)?.trim();
        if inner.is_empty() {
            return Some(Vec::new());
        }
        Some(inner.split(',').map(str::trim).collect())
    }
}

/// `DTRACEACT_LIBACT`: the action kind of the consumer-side actions.
pub const DTRACEACT_LIBACT: u16 = 5;

// Action classes (the upper byte of an action kind), used to tell
// destructive actions apart.
const ACT_PROC_DESTRUCTIVE: u16 = 0x0200;
const ACT_KERNEL_DESTRUCTIVE: u16 = 0x0500;

// Library action codes (illumos DT_ACT_*): DT_ACT_BASE is illumos'
// DIF_SUBR_MAX + 1 = 49. They are frozen here rather than derived from our
// own highest subroutine id, so adding subroutines never renumbers them.
const DT_ACT_BASE: u16 = 49;
/// Library action code of `clear()`.
pub const DT_ACT_CLEAR: u16 = DT_ACT_BASE + 15;
/// Library action code of `normalize()`.
pub const DT_ACT_NORMALIZE: u16 = DT_ACT_BASE + 16;
/// Library action code of `denormalize()`.
pub const DT_ACT_DENORMALIZE: u16 = DT_ACT_BASE + 17;
/// Library action code of `trunc()`.
pub const DT_ACT_TRUNC: u16 = DT_ACT_BASE + 18;
/// Library action code of `ftruncate()`.
pub const DT_ACT_FTRUNCATE: u16 = DT_ACT_BASE + 21;
/// Library action code of `setopt()`.
pub const DT_ACT_SETOPT: u16 = DT_ACT_BASE + 28;

// Constructors keep the table one line per identifier.
const fn var(name: &'static str, id: u16, ty: &'static str) -> Builtin {
    Builtin { name, kind: BuiltinKind::Scalar, id, ty, libact: 0 }
}
const fn arr(name: &'static str, id: u16, ty: &'static str) -> Builtin {
    Builtin { name, kind: BuiltinKind::Array, id, ty, libact: 0 }
}
const fn subr(name: &'static str, id: u16, ty: &'static str) -> Builtin {
    Builtin { name, kind: BuiltinKind::Subroutine, id, ty, libact: 0 }
}
const fn act(name: &'static str, id: u16, ty: &'static str) -> Builtin {
    Builtin { name, kind: BuiltinKind::Action, id, ty, libact: 0 }
}
const fn libact(name: &'static str, code: u16, ty: &'static str) -> Builtin {
    Builtin { name, kind: BuiltinKind::Action, id: DTRACEACT_LIBACT, ty, libact: code }
}
const fn agg(name: &'static str, id: u16, ty: &'static str) -> Builtin {
    Builtin { name, kind: BuiltinKind::Aggregating, id, ty, libact: 0 }
}

/// Every predefined identifier, sorted by name (byte order) so [`lookup`]
/// can binary-search it; a test keeps it sorted and free of duplicates.
///
/// Not here: `self` and `this` (keywords of the grammar), and identifiers
/// that illumos defines in its D library files rather than in the compiler
/// (`curpsinfo`, `curlwpsinfo`, `cwd`, `root`, `fds[]`, ...).
pub static BUILTINS: &[Builtin] = &[
    // illumos: void *(size_t)
    subr("alloca", 15, "void *(uint64_t)"),
    var("arg0", 0x106, "int64_t"),
    var("arg1", 0x107, "int64_t"),
    var("arg2", 0x108, "int64_t"),
    var("arg3", 0x109, "int64_t"),
    var("arg4", 0x10a, "int64_t"),
    var("arg5", 0x10b, "int64_t"),
    var("arg6", 0x10c, "int64_t"),
    var("arg7", 0x10d, "int64_t"),
    var("arg8", 0x10e, "int64_t"),
    var("arg9", 0x10f, "int64_t"),
    // Element type decided per probe from its argument descriptions.
    arr("args", 0x00, ""),
    agg("avg", 0x704, "void(@)"),
    subr("basename", 25, "string(const char *)"),
    // illumos: void(void *, void *, size_t)
    subr("bcopy", 16, "void(void *, void *, uint64_t)"),
    act("breakpoint", 0x501, "void()"),
    var("caller", 0x111, "uintptr_t"),
    act("chill", 0x503, "void(int)"),
    subr("cleanpath", 27, "string(const char *)"),
    libact("clear", DT_ACT_CLEAR, "void(...)"),
    act("commit", 0x602, "void(int)"),
    // illumos: void *(uintptr_t, size_t)
    subr("copyin", 8, "void *(uintptr_t, uint64_t)"),
    // illumos: string(uintptr_t, [size_t])
    subr("copyinstr", 9, "string(uintptr_t, [uint64_t])"),
    // illumos: void(uintptr_t, size_t, void *)
    subr("copyinto", 17, "void(uintptr_t, uint64_t, void *)"),
    // illumos: void(void *, uintptr_t, size_t)
    subr("copyout", 13, "void(void *, uintptr_t, uint64_t)"),
    // illumos: void(char *, uintptr_t, size_t)
    subr("copyoutstr", 14, "void(char *, uintptr_t, uint64_t)"),
    agg("count", 0x701, "void()"),
    // Linux addition (illumos defines `cpu` in a D library as an inline over
    // curthread; we have no such library): the current CPU, as FreeBSD's
    // built-in. illumos type: processorid_t.
    var("cpu", 0x121, "int"),
    // illumos: genunix`kthread_t *
    var("curthread", 0x100, "struct task_struct *"),
    // Linux addition: the path of a `struct path *` as a string, as Oracle
    // Linux DTrace has it (which declares the parameter `struct path *`;
    // `void *` keeps the prototype usable without BTF).
    subr("d_path", 49, "string(void *)"),
    // illumos devinfo nodes do not exist on Linux; kept so scripts compile.
    subr("ddi_pathname", 22, "string(void *, int64_t)"),
    libact("denormalize", DT_ACT_DENORMALIZE, "void(...)"),
    subr("dirname", 26, "string(const char *)"),
    act("discard", 0x603, "void(int)"),
    // illumos: uint_t
    var("epid", dtrace_core::isa::var::EPID, "unsigned int"),
    var("errno", 0x120, "int"),
    var("execname", 0x118, "string"),
    act("exit", 0x002, "void(int)"),
    act("freopen", 0x204, "void(@, ...)"),
    libact("ftruncate", DT_ACT_FTRUNCATE, "void()"),
    // Same action as sym().
    act("func", 0x402, "_symaddr(uintptr_t)"),
    // illumos: genunix`major_t(genunix`dev_t). Linux encodes a kernel dev_t
    // in 32 bits (major above bit 20), unlike illumos' 64-bit split.
    subr("getmajor", 20, "uint32_t(uint64_t)"),
    // illumos: genunix`minor_t(genunix`dev_t)
    subr("getminor", 21, "uint32_t(uint64_t)"),
    // illumos: gid_t
    var("gid", 0x11f, "unsigned int"),
    subr("htonl", 36, "uint32_t(uint32_t)"),
    subr("htonll", 37, "uint64_t(uint64_t)"),
    subr("htons", 35, "uint16_t(uint16_t)"),
    // illumos: uint_t
    var("id", 0x105, "unsigned int"),
    subr("index", 33, "int(const char *, const char *, [int])"),
    // illumos: string(ipaddr_t *); `void *` accepts Linux's in_addr/__be32.
    subr("inet_ntoa", 42, "string(void *)"),
    // illumos: string(in6_addr_t *); `void *` accepts Linux's in6_addr.
    subr("inet_ntoa6", 43, "string(void *)"),
    subr("inet_ntop", 41, "string(int, void *)"),
    // illumos: uint_t. Linux has no interrupt priority level.
    var("ipl", 0x103, "unsigned int"),
    subr("json", 47, "string(const char *, const char *)"),
    act("jstack", 0x102, "stack(...)"),
    agg("llquantize", 0x709, "void(@, int32_t, int32_t, int32_t, int32_t, ...)"),
    subr("lltostr", 24, "string(int64_t, [int])"),
    agg("lquantize", 0x708, "void(@, int32_t, int32_t, ...)"),
    agg("max", 0x703, "void(@)"),
    agg("min", 0x702, "void(@)"),
    act("mod", 0x403, "_symaddr(uintptr_t)"),
    // illumos: size_t(mblk_t *). No STREAMS on Linux; kept so scripts compile.
    subr("msgdsize", 18, "uint64_t(void *)"),
    // illumos: size_t(mblk_t *). No STREAMS on Linux; kept so scripts compile.
    subr("msgsize", 19, "uint64_t(void *)"),
    // illumos: int(genunix`kmutex_t *); on Linux a `struct mutex *`.
    subr("mutex_owned", 1, "int(void *)"),
    // illumos: genunix`kthread_t *(genunix`kmutex_t *)
    subr("mutex_owner", 2, "struct task_struct *(void *)"),
    // illumos: int(genunix`kmutex_t *)
    subr("mutex_type_adaptive", 3, "int(void *)"),
    // illumos: int(genunix`kmutex_t *)
    subr("mutex_type_spin", 4, "int(void *)"),
    libact("normalize", DT_ACT_NORMALIZE, "void(...)"),
    subr("ntohl", 39, "uint32_t(uint32_t)"),
    subr("ntohll", 40, "uint64_t(uint64_t)"),
    subr("ntohs", 38, "uint16_t(uint16_t)"),
    act("panic", 0x502, "void()"),
    // illumos: pid_t
    var("pid", 0x116, "int"),
    // illumos: pid_t
    var("ppid", 0x11d, "int"),
    // A DIFEXPR record like trace(), whose description also carries the
    // value's type so the consumer can print it structurally.
    act("print", 0x001, "void(@)"),
    act("printa", 0x004, "void(@, ...)"),
    act("printf", 0x003, "void(@, ...)"),
    var("probefunc", 0x114, "string"),
    var("probemod", 0x113, "string"),
    var("probename", 0x115, "string"),
    var("probeprov", 0x112, "string"),
    // illumos: int(pid_t)
    subr("progenyof", 11, "int(int)"),
    agg("quantize", 0x707, "void(@, ...)"),
    act("raise", 0x202, "void(int)"),
    subr("rand", 0, "int()"),
    // Kernel registers of the probe context. Not in illumos' table (FreeBSD
    // and Oracle Linux have it); the id is illumos' DIF_VAR_REGS.
    arr("regs", 0x01, "uint64_t"),
    subr("rindex", 34, "int(const char *, const char *, [int])"),
    // illumos: int(genunix`krwlock_t *); on Linux an `rwlock_t *`.
    subr("rw_iswriter", 7, "int(void *)"),
    // illumos: int(genunix`krwlock_t *)
    subr("rw_read_held", 5, "int(void *)"),
    // illumos: int(genunix`krwlock_t *)
    subr("rw_write_held", 6, "int(void *)"),
    libact("setopt", DT_ACT_SETOPT, "void(const char *, [const char *])"),
    act("speculate", 0x601, "void(int)"),
    subr("speculation", 10, "int()"),
    act("stack", 0x401, "stack(...)"),
    var("stackdepth", 0x110, "uint32_t"),
    agg("stddev", 0x706, "void(@)"),
    act("stop", 0x201, "void()"),
    subr("strchr", 28, "string(const char *, char)"),
    subr("strjoin", 23, "string(const char *, const char *)"),
    // illumos: size_t(const char *)
    subr("strlen", 12, "uint64_t(const char *)"),
    subr("strrchr", 29, "string(const char *, char)"),
    subr("strstr", 30, "string(const char *, const char *)"),
    subr("strtok", 31, "string(const char *, const char *)"),
    subr("strtoll", 48, "int64_t(const char *, [int])"),
    subr("substr", 32, "string(const char *, int, [int])"),
    agg("sum", 0x705, "void(@)"),
    act("sym", 0x402, "_symaddr(uintptr_t)"),
    act("system", 0x203, "void(@, ...)"),
    // illumos: id_t
    var("tid", 0x117, "int"),
    var("timestamp", 0x101, "uint64_t"),
    subr("tolower", 45, "string(const char *)"),
    subr("toupper", 44, "string(const char *)"),
    act("trace", 0x001, "void(@)"),
    // illumos: void(@, size_t, ...); a third argument makes the size
    // dynamic (DTRACEACT_TRACEMEM_DYNSIZE record).
    act("tracemem", 0x006, "void(@, uint64_t, ...)"),
    libact("trunc", DT_ACT_TRUNC, "void(...)"),
    act("uaddr", 0x105, "_usymaddr(uintptr_t)"),
    var("ucaller", 0x11c, "uint64_t"),
    // Same action as usym().
    act("ufunc", 0x103, "_usymaddr(uintptr_t)"),
    // illumos: uid_t
    var("uid", 0x11e, "unsigned int"),
    act("umod", 0x104, "_usymaddr(uintptr_t)"),
    arr("uregs", 0x02, "uint64_t"),
    act("ustack", 0x101, "stack(...)"),
    var("ustackdepth", 0x11b, "uint32_t"),
    act("usym", 0x103, "_usymaddr(uintptr_t)"),
    var("vtimestamp", 0x102, "uint64_t"),
    // Nanoseconds since the epoch (older illumos declared it uint64_t).
    var("walltimestamp", 0x11a, "int64_t"),
    // Linux has no zones: every process is in "global".
    var("zonename", 0x119, "string"),
];

/// The built-in called `name`.
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    let i = BUILTINS.binary_search_by(|b| b.name.cmp(name)).ok()?;
    BUILTINS.get(i)
}

/// The first built-in of `kind` with `id` (for the disassembler and
/// listings; several actions share a kind, e.g. `sym` and `func`, and the
/// alphabetically first is returned).
pub fn by_id(kind: BuiltinKind, id: u16) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.kind == kind && b.id == id)
}

/// Macro variables (`$pid`, `$target`, ...), without the `$`, sorted by
/// name, with what each one expands to. They are integer constants fixed
/// when the program is compiled.
pub static MACRO_VARS: &[(&str, &str)] = &[
    ("egid", "effective group id of the dtrace process"),
    ("euid", "effective user id of the dtrace process"),
    ("gid", "real group id of the dtrace process"),
    ("pgid", "process group id of the dtrace process"),
    ("pid", "process id of the dtrace process"),
    ("ppid", "parent process id of the dtrace process"),
    ("projid", "project id of the dtrace process (illumos projects; 0 on Linux)"),
    ("sid", "session id of the dtrace process"),
    ("target", "process id of the -c command or the -p process"),
    ("taskid", "task id of the dtrace process (illumos tasks; 0 on Linux)"),
    ("uid", "real user id of the dtrace process"),
];

/// Whether `name` (without `$`) is a macro variable.
pub fn is_macro_var(name: &str) -> bool {
    MACRO_VARS.binary_search_by(|(n, _)| (*n).cmp(name)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn table_is_sorted_without_duplicates() {
        for w in BUILTINS.windows(2) {
            assert!(w[0].name < w[1].name, "{} must sort before {}", w[0].name, w[1].name);
        }
        for w in MACRO_VARS.windows(2) {
            assert!(w[0].0 < w[1].0, "{} must sort before {}", w[0].0, w[1].0);
        }
    }

    #[test]
    fn ids_are_unique_within_each_kind() {
        // Distinct names for one action, as in illumos.
        let aliases = [("func", "sym"), ("ufunc", "usym"), ("print", "trace")];
        let mut seen: HashMap<(u8, u16, u16), &str> = HashMap::new();
        for b in BUILTINS {
            let key = (b.kind as u8, b.id, b.libact);
            if let Some(other) = seen.insert(key, b.name) {
                let pair = if other < b.name { (other, b.name) } else { (b.name, other) };
                assert!(aliases.contains(&pair), "{} and {} share id {:#x}", other, b.name, b.id);
            }
        }
    }

    #[test]
    fn ids_are_in_their_ranges() {
        for b in BUILTINS {
            match b.kind {
                BuiltinKind::Array => assert!(b.id < 0x80, "{}", b.name),
                BuiltinKind::Scalar => assert!((0x100..0x500).contains(&b.id), "{}", b.name),
                BuiltinKind::Subroutine => assert!(b.id <= 49, "{}", b.name),
                BuiltinKind::Aggregating => assert_eq!(b.id & 0xff00, 0x700, "{}", b.name),
                BuiltinKind::Action => {
                    assert!(b.id & 0xff00 != 0x700 && b.id != 0, "{}", b.name);
                    assert_eq!(b.libact != 0, b.id == DTRACEACT_LIBACT, "{}", b.name);
                }
            }
            if b.kind != BuiltinKind::Action {
                assert_eq!(b.libact, 0, "{}", b.name);
            }
        }
    }

    /// `ret(params)`: balanced parentheses, a non-empty return type, and
    /// parameters that are types, `@`, `[type]` or a final `...`.
    fn well_formed(proto: &str) -> bool {
        let mut depth = 0i32;
        for c in proto.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        let (Some(open), Some(close)) = (proto.find('('), proto.rfind(')')) else {
            return false;
        };
        if depth != 0 || close != proto.len() - 1 || proto[..open].trim().is_empty() {
            return false;
        }
        let inner = proto[open + 1..close].trim();
        if inner.is_empty() {
            return true;
        }
        let params: Vec<&str> = inner.split(',').map(str::trim).collect();
        params.iter().enumerate().all(|(i, p)| {
            let ty = p.strip_prefix('[').and_then(|p| p.strip_suffix(']')).unwrap_or(p);
            !ty.is_empty() && !ty.contains(['(', ')', '[', ']']) && (*p != "..." || i == params.len() - 1)
        })
    }

    #[test]
    fn prototypes_are_well_formed() {
        for b in BUILTINS {
            if b.is_function() {
                assert!(well_formed(b.ty), "{}: {:?}", b.name, b.ty);
            } else {
                assert!(!b.ty.contains(['(', ')']), "{}: {:?}", b.name, b.ty);
                assert!(!b.ty.is_empty() || b.name == "args", "{} has no type", b.name);
            }
        }
        assert!(!well_formed("int(int"));
        assert!(!well_formed("(int)"));
        assert!(!well_formed("void(..., int)"));
        assert!(!well_formed("void(int,)"));
    }

    fn id(name: &str) -> u16 {
        lookup(name).map(|b| b.id).unwrap_or(u16::MAX)
    }

    #[test]
    fn ids_match_dtrace_h() {
        // DIF_VAR_*
        assert_eq!(id("args"), 0x0000);
        assert_eq!(id("uregs"), 0x0002);
        assert_eq!(id("curthread"), 0x0100);
        assert_eq!(id("timestamp"), 0x0101);
        assert_eq!(id("arg0"), 0x0106);
        assert_eq!(id("arg9"), 0x010f);
        assert_eq!(id("probeprov"), 0x0112);
        assert_eq!(id("execname"), 0x0118);
        assert_eq!(id("walltimestamp"), 0x011a);
        assert_eq!(id("ucaller"), 0x011c);
        assert_eq!(id("errno"), 0x0120);
        // DIF_SUBR_*
        assert_eq!(id("rand"), 0);
        assert_eq!(id("copyinstr"), 9);
        assert_eq!(id("speculation"), 10);
        assert_eq!(id("strlen"), 12);
        assert_eq!(id("strjoin"), 23);
        assert_eq!(id("rindex"), 34);
        assert_eq!(id("inet_ntop"), 41);
        assert_eq!(id("strtoll"), 48);
        // DTRACEACT_* and DTRACEAGG_*
        assert_eq!(id("trace"), 1);
        assert_eq!(id("exit"), 2);
        assert_eq!(id("printf"), 3);
        assert_eq!(id("printa"), 4);
        assert_eq!(id("ustack"), 0x101);
        assert_eq!(id("freopen"), 0x204);
        assert_eq!(id("stack"), 0x401);
        assert_eq!(id("chill"), 0x503);
        assert_eq!(id("discard"), 0x603);
        assert_eq!(id("count"), 0x701);
        assert_eq!(id("stddev"), 0x706);
        assert_eq!(id("llquantize"), 0x709);
        // illumos DT_ACT_* with DIF_SUBR_MAX = 48
        assert_eq!(lookup("clear").map(|b| b.libact), Some(64));
        assert_eq!(lookup("setopt").map(|b| b.libact), Some(77));
    }

    #[test]
    fn arg_variables_are_consecutive() {
        for n in 0..10u16 {
            assert_eq!(id(&format!("arg{n}")), 0x106 + n);
        }
    }

    #[test]
    fn lookups() {
        assert!(lookup("").is_none());
        assert!(lookup("getf").is_none());
        assert!(lookup("strlen2").is_none());
        assert_eq!(lookup("zonename").map(|b| b.kind), Some(BuiltinKind::Scalar));
        assert_eq!(lookup("alloca").map(|b| b.kind), Some(BuiltinKind::Subroutine));
        for b in BUILTINS {
            assert_eq!(lookup(b.name).map(|f| f.name), Some(b.name));
        }
        assert_eq!(by_id(BuiltinKind::Subroutine, 12).map(|b| b.name), Some("strlen"));
        assert_eq!(by_id(BuiltinKind::Scalar, 0x116).map(|b| b.name), Some("pid"));
        assert_eq!(by_id(BuiltinKind::Action, 0x402).map(|b| b.name), Some("func"));
        assert!(by_id(BuiltinKind::Subroutine, 46).is_none());
        assert!(is_macro_var("target") && is_macro_var("egid") && !is_macro_var("tid"));
    }

    #[test]
    fn prototype_parts() {
        let strlen = lookup("strlen").copied();
        assert_eq!(strlen.and_then(|b| b.return_type()), Some("uint64_t"));
        assert_eq!(strlen.and_then(|b| b.params()), Some(vec!["const char *"]));
        let alloca = lookup("alloca").copied();
        assert_eq!(alloca.and_then(|b| b.return_type()), Some("void *"));
        assert_eq!(lookup("count").and_then(|b| b.params()), Some(vec![]));
        assert_eq!(lookup("lquantize").and_then(|b| b.params()), Some(vec!["@", "int32_t", "int32_t", "..."]));
        assert!(lookup("pid").and_then(|b| b.params()).is_none());
    }

    #[test]
    fn destructive_actions() {
        let destructive: Vec<&str> = BUILTINS.iter().filter(|b| b.is_destructive()).map(|b| b.name).collect();
        assert_eq!(destructive, ["breakpoint", "chill", "freopen", "panic", "raise", "stop", "system"]);
    }
}
