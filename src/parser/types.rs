//! The D type system's types: one table per compilation, holding D's
//! built-in types, the script's own declarations and the kernel types read
//! from BTF on demand.
//!
//! Types are referred to by [`TypeId`], an index into [`TypeTable`]. Named
//! types (typedefs, struct/union/enum tags) are found through the table's
//! name maps; a kernel type is imported from BTF the first time a script
//! names it, so a script pays only for the types it uses.

use std::collections::HashMap;

/// Index of a type in its [`TypeTable`].
pub type TypeId = u32;

/// struct, union or enum: the C tag namespaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TagKind {
    Struct,
    Union,
    Enum,
}

impl TagKind {
    pub fn keyword(self) -> &'static str {
        match self {
            TagKind::Struct => "struct",
            TagKind::Union => "union",
            TagKind::Enum => "enum",
        }
    }
}

/// A struct or union member. Offsets are in bits, as BTF and bit-fields need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Empty for anonymous struct/union members, whose fields are reached
    /// through the parent as in C.
    pub name: String,
    pub ty: TypeId,
    pub bit_offset: u64,
    /// `Some(width)` for bit-fields.
    pub bits: Option<u8>,
}

/// One D type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    Void,
    /// An integer type; `name` is how D prints it (`int`, `unsigned long`, `u64`...).
    Int {
        name: String,
        size: u8,
        signed: bool,
    },
    /// Floating-point types are declared but never computed with in D.
    Float {
        name: String,
        size: u8,
    },
    Pointer(TypeId),
    Array {
        elem: TypeId,
        len: u64,
    },
    /// struct/union; `members == None` while forward-declared (incomplete).
    Sou {
        kind: TagKind,
        name: Option<String>,
        size: u64,
        members: Option<Vec<Member>>,
    },
    /// enum; `values == None` while forward-declared.
    Enum {
        name: Option<String>,
        size: u8,
        values: Option<Vec<(String, i64)>>,
    },
    Function {
        ret: TypeId,
        params: Vec<TypeId>,
        varargs: bool,
    },
    Typedef {
        name: String,
        target: TypeId,
    },
    /// `const`/`volatile`/`restrict` wrapper: kept so messages print the
    /// declared type; the type system sees through it.
    Qualified {
        qual: Qual,
        target: TypeId,
    },
    /// D's `string` (a bounded, NUL-terminated byte array passed by reference).
    String,
}

/// A type qualifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Qual {
    Const,
    Volatile,
    Restrict,
}

impl Qual {
    pub fn keyword(self) -> &'static str {
        match self {
            Qual::Const => "const",
            Qual::Volatile => "volatile",
            Qual::Restrict => "restrict",
        }
    }
}

/// Where kernel types come from, so the table can import them lazily.
pub trait KernelTypes {
    /// Imports the typedef `name` into `table`, returning its id.
    fn typedef(&mut self, table: &mut TypeTable, name: &str) -> Option<TypeId>;
    /// Imports the struct/union/enum tagged `name`.
    fn tagged(&mut self, table: &mut TypeTable, kind: TagKind, name: &str) -> Option<TypeId>;
    /// Completes a forward-declared struct/union/enum if the kernel defines it.
    fn complete(&mut self, table: &mut TypeTable, id: TypeId) -> bool;
    /// The type of the kernel variable `name`, if the kernel describes it.
    fn variable(&mut self, table: &mut TypeTable, name: &str) -> Option<TypeId>;
    /// The prototype of the kernel function `name` (a `Type::Function`).
    fn function(&mut self, table: &mut TypeTable, name: &str) -> Option<TypeId>;
    /// Whether `name` could be a kernel typedef, cheaply; the lexer asks
    /// this for every identifier that is not otherwise known.
    fn is_typedef(&mut self, name: &str) -> bool;
}

/// The types of one compilation.
#[derive(Default)]
pub struct TypeTable {
    types: Vec<Type>,
    typedefs: HashMap<String, TypeId>,
    tags: HashMap<(TagKind, String), TypeId>,
    pointers: HashMap<TypeId, TypeId>,
    arrays: HashMap<(TypeId, u64), TypeId>,
    /// The builtin C integers by (size log2, signed), for `int_type`.
    ints: [[TypeId; 2]; 4],
}

/// The ids of the types every program uses, fixed at table creation.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    pub void: TypeId,
    pub char: TypeId,
    pub int: TypeId,
    pub uint: TypeId,
    pub long: TypeId,
    pub ulong: TypeId,
    pub llong: TypeId,
    pub ullong: TypeId,
    pub string: TypeId,
}

impl TypeTable {
    /// A table holding D's built-in types and typedefs.
    pub fn new() -> (Self, Builtin) {
        let mut t = TypeTable::default();
        let void = t.add(Type::Void);
        let int = |name: &str, size: u8, signed: bool| Type::Int { name: name.to_string(), size, signed };
        let char = t.add(int("char", 1, true));
        t.add(int("signed char", 1, true));
        t.add(int("unsigned char", 1, false));
        t.add(int("short", 2, true));
        t.add(int("unsigned short", 2, false));
        let int_ = t.add(int("int", 4, true));
        let uint = t.add(int("unsigned int", 4, false));
        let long = t.add(int("long", 8, true));
        let ulong = t.add(int("unsigned long", 8, false));
        let llong = t.add(int("long long", 8, true));
        let ullong = t.add(int("unsigned long long", 8, false));
        t.add(Type::Float { name: "float".into(), size: 4 });
        t.add(Type::Float { name: "double".into(), size: 8 });
        t.add(Type::Float { name: "long double".into(), size: 16 });
        let string = t.add(Type::String);
        let find = |t: &TypeTable, name: &str| {
            t.types.iter().position(|ty| matches!(ty, Type::Int { name: n, .. } if n == name)).unwrap_or(0) as TypeId
        };
        t.ints = [
            [find(&t, "unsigned char"), char],
            [find(&t, "unsigned short"), find(&t, "short")],
            [uint, int_],
            [ulong, long],
        ];
        let b = Builtin { void, char, int: int_, uint, long, ulong, llong, ullong, string };
        // D's own typedefs (the "D" type container in dtrace(1)).
        for (name, size, signed) in [
            ("int8_t", 1, true),
            ("int16_t", 2, true),
            ("int32_t", 4, true),
            ("int64_t", 8, true),
            ("intptr_t", 8, true),
            ("uint8_t", 1, false),
            ("uint16_t", 2, false),
            ("uint32_t", 4, false),
            ("uint64_t", 8, false),
            ("uintptr_t", 8, false),
            // Solaris' <sys/types.h> names, which scripts written for
            // illumos and macOS use freely.
            ("uchar_t", 1, false),
            ("ushort_t", 2, false),
            ("uint_t", 4, false),
            ("ulong_t", 8, false),
            ("id_t", 8, true),
        ] {
            let target = t.int_type(size, signed);
            t.add_typedef(name, target);
        }
        // These name `long long` itself, not `long`: printf's `%lld` takes
        // them and `%ld` does not.
        t.add_typedef("longlong_t", llong);
        t.add_typedef("u_longlong_t", ullong);
        (t, b)
    }

    /// Adds a type, returning its id.
    pub fn add(&mut self, ty: Type) -> TypeId {
        self.types.push(ty);
        (self.types.len() - 1) as TypeId
    }

    /// The type with id `id`.
    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[id as usize]
    }

    /// Replaces a type in place (completing a forward declaration).
    pub fn set(&mut self, id: TypeId, ty: Type) {
        self.types[id as usize] = ty;
    }

    /// The builtin C integer type of `size` bytes and signedness `signed`.
    pub fn int_type(&self, size: u8, signed: bool) -> TypeId {
        let log = match size {
            1 => 0,
            2 => 1,
            4 => 2,
            _ => 3,
        };
        self.ints[log][signed as usize]
    }

    /// Declares typedef `name` for `target` (caller checks redeclaration).
    pub fn add_typedef(&mut self, name: &str, target: TypeId) -> TypeId {
        let id = self.add(Type::Typedef { name: name.to_string(), target });
        self.typedefs.insert(name.to_string(), id);
        id
    }

    /// A typedef already in the table.
    pub fn typedef(&self, name: &str) -> Option<TypeId> {
        self.typedefs.get(name).copied()
    }

    /// A struct/union/enum tag already in the table.
    pub fn tag(&self, kind: TagKind, name: &str) -> Option<TypeId> {
        self.tags.get(&(kind, name.to_string())).copied()
    }

    /// Registers `id` under its tag name.
    pub fn add_tag(&mut self, kind: TagKind, name: &str, id: TypeId) {
        self.tags.insert((kind, name.to_string()), id);
    }

    /// The pointer type to `to`, created once.
    pub fn pointer(&mut self, to: TypeId) -> TypeId {
        if let Some(&p) = self.pointers.get(&to) {
            return p;
        }
        let p = self.add(Type::Pointer(to));
        self.pointers.insert(to, p);
        p
    }

    /// The array type `elem[len]`, created once.
    pub fn array(&mut self, elem: TypeId, len: u64) -> TypeId {
        if let Some(&a) = self.arrays.get(&(elem, len)) {
            return a;
        }
        let a = self.add(Type::Array { elem, len });
        self.arrays.insert((elem, len), a);
        a
    }

    /// Strips typedefs and qualifiers.
    pub fn resolve(&self, mut id: TypeId) -> TypeId {
        // Bounded: typedef chains are acyclic by construction, but a corrupt
        // import must not hang the compiler.
        for _ in 0..64 {
            match self.get(id) {
                Type::Typedef { target, .. } | Type::Qualified { target, .. } => id = *target,
                _ => return id,
            }
        }
        id
    }

    /// The resolved type itself.
    pub fn base(&self, id: TypeId) -> &Type {
        self.get(self.resolve(id))
    }

    /// Size in bytes, as sizeof computes it (strings: the `strsize` passed in).
    pub fn size_of(&self, id: TypeId, strsize: u64) -> u64 {
        match self.base(id) {
            Type::Void | Type::Function { .. } => 0,
            Type::Int { size, .. } | Type::Float { size, .. } => *size as u64,
            Type::Enum { size, .. } => *size as u64,
            Type::Pointer(_) => 8,
            Type::Array { elem, len } => self.size_of(*elem, strsize).saturating_mul(*len),
            Type::Sou { size, .. } => *size,
            Type::String => strsize,
            Type::Typedef { .. } | Type::Qualified { .. } => 0,
        }
    }

    /// The type's name as DTrace prints it in messages (`int`, `char *`,
    /// `struct task_struct`, `int [4]`).
    pub fn name(&self, id: TypeId) -> String {
        let mut prefix = String::new();
        let mut suffix = String::new();
        self.name_into(id, &mut prefix, &mut suffix);
        let mut s = prefix;
        if !suffix.is_empty() {
            if !s.ends_with('*') && !s.ends_with(' ') {
                s.push(' ');
            }
            s.push_str(&suffix);
        }
        s
    }

    fn name_into(&self, id: TypeId, prefix: &mut String, suffix: &mut String) {
        match self.get(id) {
            Type::Void => prefix.push_str("void"),
            Type::Int { name, .. } | Type::Float { name, .. } => prefix.push_str(name),
            Type::String => prefix.push_str("string"),
            Type::Typedef { name, .. } => prefix.push_str(name),
            Type::Sou { kind, name, .. } => {
                prefix.push_str(kind.keyword());
                prefix.push(' ');
                prefix.push_str(name.as_deref().unwrap_or("(anon)"));
            }
            Type::Enum { name, .. } => {
                prefix.push_str("enum ");
                prefix.push_str(name.as_deref().unwrap_or("(anon)"));
            }
            Type::Qualified { qual, target } => {
                prefix.push_str(qual.keyword());
                prefix.push(' ');
                self.name_into(*target, prefix, suffix);
            }
            Type::Pointer(to) => match self.get(*to) {
                Type::Function { ret, params, varargs } => {
                    prefix.push_str(&self.name(*ret));
                    prefix.push_str(" (*)(");
                    prefix.push_str(&self.param_list(params, *varargs));
                    prefix.push(')');
                }
                Type::Array { .. } => {
                    let inner = self.name(*to);
                    prefix.push_str(&inner.replacen(" [", " (*)[", 1));
                }
                _ => {
                    self.name_into(*to, prefix, suffix);
                    if !prefix.ends_with('*') {
                        prefix.push(' ');
                    }
                    prefix.push('*');
                }
            },
            Type::Array { elem, len } => {
                // The outer dimension first, as declared: `int [2][3]`.
                suffix.push_str(&format!("[{len}]"));
                self.name_into(*elem, prefix, suffix);
            }
            Type::Function { ret, params, varargs } => {
                prefix.push_str(&self.name(*ret));
                prefix.push_str(" (");
                prefix.push_str(&self.param_list(params, *varargs));
                prefix.push(')');
            }
        }
    }

    fn param_list(&self, params: &[TypeId], varargs: bool) -> String {
        let mut v: Vec<String> = params.iter().map(|p| self.name(*p)).collect();
        if varargs {
            v.push("...".into());
        }
        if v.is_empty() {
            "void".into()
        } else {
            v.join(", ")
        }
    }

    // Classification helpers used throughout sema.

    pub fn is_integer(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::Int { .. } | Type::Enum { .. })
    }
    pub fn is_arith(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::Int { .. } | Type::Enum { .. } | Type::Float { .. })
    }
    pub fn is_pointer(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::Pointer(_))
    }
    /// Integers, enums and pointers: what a predicate, `!` or `&&` takes.
    /// Arrays are not scalars in D.
    pub fn is_scalar(&self, id: TypeId) -> bool {
        self.is_arith(id) || self.is_pointer(id)
    }
    pub fn is_array(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::Array { .. })
    }
    pub fn is_string(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::String)
    }
    pub fn is_void(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::Void)
    }
    pub fn is_sou(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::Sou { .. })
    }
    pub fn is_function(&self, id: TypeId) -> bool {
        matches!(self.base(id), Type::Function { .. })
    }
    pub fn is_signed(&self, id: TypeId) -> bool {
        match self.base(id) {
            Type::Int { signed, .. } => *signed,
            Type::Enum { .. } => true,
            _ => false,
        }
    }
    /// The pointed-to (or array element) type.
    pub fn pointee(&self, id: TypeId) -> Option<TypeId> {
        match self.base(id) {
            Type::Pointer(to) => Some(*to),
            Type::Array { elem, .. } => Some(*elem),
            _ => None,
        }
    }
    /// Number of types in the table (for tests and import bookkeeping).
    pub fn len(&self) -> usize {
        self.types.len()
    }
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}
