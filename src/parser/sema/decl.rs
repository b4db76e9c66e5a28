//! Declarations: specifiers and declarators become types; variable, typedef,
//! struct/union/enum, inline, translator and provider declarations update
//! the program's scopes. Messages follow illumos `dt_decl.c`.

use super::{err, SResult, Sema, Var, VarScope};
use crate::parser::ast::*;
use crate::parser::builtins::{self, BuiltinKind};
use crate::parser::errtags::ErrTag;
use crate::parser::types::{Member, TagKind, Type, TypeId};

/// A translator: output type, input type, and the member conversions.
pub struct Translator {
    pub output: TypeId,
    pub input: TypeId,
    pub input_name: String,
    pub members: Vec<(String, Expr)>,
}

/// Storage class of a declaration after validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    None,
    Extern,
    Typedef,
    SelfScope,
    ThisScope,
}

impl Sema<'_> {
    /// Validates the storage classes of a declaration.
    pub(crate) fn class_of(&self, specs: &DeclSpecs) -> SResult<Class> {
        if specs.classes.len() > 1 {
            return err(ErrTag::D_DECL_CLASS, specs.span, "only one storage class allowed in a declaration");
        }
        Ok(match specs.classes.first() {
            None => Class::None,
            Some(StorageClass::Extern) => Class::Extern,
            Some(StorageClass::Typedef) => Class::Typedef,
            Some(StorageClass::SelfScope) => Class::SelfScope,
            Some(StorageClass::ThisScope) => Class::ThisScope,
            Some(c @ (StorageClass::Auto | StorageClass::Register | StorageClass::Static)) => {
                let _ = c;
                return err(ErrTag::D_DECL_BADCLASS, specs.span, "specified storage class not appropriate in D");
            }
        })
    }

    /// The base type named by declaration specifiers (`unsigned long`,
    /// `struct foo`, a typedef, ...), defining any struct/union/enum body.
    pub(crate) fn base_type(&mut self, specs: &DeclSpecs) -> SResult<TypeId> {
        let sp = specs.span;
        let (mut signed, mut unsigned, mut short, mut longs) = (0, 0, 0, 0);
        let mut base: Option<&TypeSpec> = None;
        for t in &specs.types {
            match t {
                TypeSpec::Signed => signed += 1,
                TypeSpec::Unsigned => unsigned += 1,
                TypeSpec::Short => short += 1,
                TypeSpec::Long => longs += 1,
                other => {
                    if base.is_some() {
                        return err(ErrTag::D_DECL_COMBO, sp, "invalid type combination");
                    }
                    base = Some(other);
                }
            }
        }
        for (count, max, word) in [
            (longs, 2, "long' may only be used at most twice"),
            (short, 1, "short' may only be used at most once"),
            (signed, 1, "signed' may only be used at most once"),
            (unsigned, 1, "unsigned' may only be used at most once"),
        ] {
            if count > max {
                return err(ErrTag::D_DECL_COMBO, sp, format!("the attribute '{word} in a declaration"));
            }
        }
        if (signed > 0 && unsigned > 0) || (short > 0 && longs > 0) {
            return err(ErrTag::D_DECL_COMBO, sp, "invalid type combination");
        }
        let attrs = signed + unsigned + short + longs > 0;
        let int_like = |s: &Self, size: u8, signed: bool| s.types.int_type(size, signed);
        let ty = match base {
            None | Some(TypeSpec::Int) => {
                let size = if short > 0 {
                    2
                } else if longs > 0 {
                    8
                } else {
                    4
                };
                if longs == 2 {
                    self.named_int(if unsigned > 0 { "unsigned long long" } else { "long long" })
                } else {
                    int_like(self, size, unsigned == 0)
                }
            }
            Some(TypeSpec::Char) => {
                if short > 0 || longs > 0 {
                    return err(
                        ErrTag::D_DECL_CHARATTR,
                        sp,
                        "invalid type declaration: short and long may not be used with char type",
                    );
                }
                match (signed, unsigned) {
                    (0, 0) => self.b.char,
                    (_, 0) => self.named_int("signed char"),
                    _ => self.named_int("unsigned char"),
                }
            }
            Some(TypeSpec::Void) => {
                if attrs {
                    return err(
                        ErrTag::D_DECL_VOIDATTR,
                        sp,
                        "invalid type declaration: attributes may not be used with void type",
                    );
                }
                self.b.void
            }
            Some(TypeSpec::Float) | Some(TypeSpec::Double) => {
                if signed + unsigned > 0 {
                    return err(
                        ErrTag::D_DECL_SIGNINT,
                        sp,
                        "invalid type declaration: signed and unsigned may only be used with integer type",
                    );
                }
                if short > 0 || (longs > 0 && matches!(base, Some(TypeSpec::Float))) {
                    return err(ErrTag::D_DECL_LONGINT, sp, "invalid type declaration: long and long long may only be used with integer or floating-point type");
                }
                let name = match (base, longs) {
                    (Some(TypeSpec::Float), _) => "float",
                    (_, 0) => "double",
                    _ => "long double",
                };
                self.named_float(name)
            }
            Some(other) => {
                let named = self.named_spec(other, sp)?;
                if attrs {
                    if signed + unsigned > 0 && !self.types.is_integer(named) {
                        return err(
                            ErrTag::D_DECL_SIGNINT,
                            sp,
                            "invalid type declaration: signed and unsigned may only be used with integer type",
                        );
                    }
                    if short + longs > 0 && !self.types.is_arith(named) {
                        return err(ErrTag::D_DECL_LONGINT, sp, "invalid type declaration: long and long long may only be used with integer or floating-point type");
                    }
                    if !self.types.is_integer(named) {
                        return err(ErrTag::D_DECL_COMBO, sp, "invalid type combination");
                    }
                    let size = if short > 0 {
                        2
                    } else if longs > 0 {
                        8
                    } else {
                        self.types.size_of(named, 0) as u8
                    };
                    let signed = if unsigned > 0 { false } else { signed > 0 || self.types.is_signed(named) };
                    int_like(self, size, signed)
                } else {
                    named
                }
            }
        };
        Ok(self.qualify(ty, &specs.quals))
    }

    fn qualify(&mut self, mut ty: TypeId, quals: &[Qualifier]) -> TypeId {
        use crate::parser::types::Qual;
        for q in quals {
            let qual = match q {
                Qualifier::Const => Qual::Const,
                Qualifier::Volatile => Qual::Volatile,
                Qualifier::Restrict => Qual::Restrict,
            };
            ty = self.types.add(Type::Qualified { qual, target: ty });
        }
        ty
    }

    fn named_int(&self, name: &str) -> TypeId {
        (0..self.types.len() as TypeId)
            .find(|&i| matches!(self.types.get(i), Type::Int { name: n, .. } if n == name))
            .unwrap_or(self.b.int)
    }

    fn named_float(&self, name: &str) -> TypeId {
        (0..self.types.len() as TypeId)
            .find(|&i| matches!(self.types.get(i), Type::Float { name: n, .. } if n == name))
            .unwrap_or(self.b.int)
    }

    /// A typedef name, `string`, or a struct/union/enum specifier.
    fn named_spec(&mut self, spec: &TypeSpec, sp: Span) -> SResult<TypeId> {
        match spec {
            TypeSpec::String => Ok(self.b.string),
            TypeSpec::Named(name) => self.typedef_named(name, sp),
            TypeSpec::Sou { kind, name, members, span } => {
                let sp = *span;
                let tk = match kind {
                    SouKind::Struct => TagKind::Struct,
                    SouKind::Union => TagKind::Union,
                };
                match members {
                    None => Ok(self.tag_ref(tk, name.as_deref().unwrap_or(""))),
                    Some(m) => self.define_sou(tk, name.as_deref(), m, sp),
                }
            }
            TypeSpec::Enum { name, enumerators, span } => match enumerators {
                None => Ok(self.tag_ref(TagKind::Enum, name.as_deref().unwrap_or(""))),
                Some(e) => self.define_enum(name.as_deref(), e, *span),
            },
            _ => err(ErrTag::D_DECL_COMBO, sp, "invalid type combination"),
        }
    }

    /// A typedef: the program's or D's own first, then the kernel's.
    pub(crate) fn typedef_named(&mut self, name: &str, sp: Span) -> SResult<TypeId> {
        let plain = name.rsplit('`').next().unwrap_or(name);
        if let Some(t) = self.types.typedef(plain) {
            return Ok(t);
        }
        if let Some(t) = self.kernel_typedef(plain) {
            return Ok(t);
        }
        err(ErrTag::D_UNKNOWN, sp, format!("failed to resolve type {name}: {}", self.no_type_reason()))
    }

    /// Why a kernel type could not be found, for messages.
    pub(crate) fn no_type_reason(&mut self) -> &'static str {
        if self.have_kernel_types() {
            "Invalid type name"
        } else {
            "Invalid type name (no kernel type information: /sys/kernel/btf/vmlinux is not available)"
        }
    }

    /// `struct foo` as a reference: the program's, else the kernel's, else a
    /// new incomplete type (C allows pointers to undeclared structs).
    pub(crate) fn tag_ref(&mut self, kind: TagKind, name: &str) -> TypeId {
        if let Some(t) = self.types.tag(kind, name) {
            return t;
        }
        if let Some(t) = self.kernel_tag(kind, name) {
            return t;
        }
        let ty = match kind {
            TagKind::Enum => Type::Enum { name: Some(name.to_string()), size: 4, values: None },
            _ => Type::Sou { kind, name: Some(name.to_string()), size: 0, members: None },
        };
        let id = self.types.add(ty);
        self.types.add_tag(kind, name, id);
        id
    }

    fn define_sou(&mut self, kind: TagKind, name: Option<&str>, decls: &[MemberDecl], sp: Span) -> SResult<TypeId> {
        let id = match name.and_then(|n| self.types.tag(kind, n)) {
            Some(existing) => {
                if matches!(self.types.get(existing), Type::Sou { members: Some(_), .. }) {
                    return err(
                        ErrTag::D_DECL_TYPERED,
                        sp,
                        format!("type redeclared: {} {}", kind.keyword(), name.unwrap_or("")),
                    );
                }
                existing
            }
            None => {
                let id = self.types.add(Type::Sou { kind, name: name.map(str::to_string), size: 0, members: None });
                if let Some(n) = name {
                    self.types.add_tag(kind, n, id);
                }
                id
            }
        };
        let mut members: Vec<Member> = Vec::new();
        let mut bit = 0u64; // next free bit (structs)
        let mut max_size = 0u64;
        let mut max_align = 1u64;
        for md in decls {
            let base = self.base_type(&md.specs)?;
            for d in &md.declarators {
                let (mname, ty) = match &d.decl {
                    Some(decl) => {
                        let mname = decl.name.clone().unwrap_or_default();
                        if decl.derived.iter().any(|x| matches!(x, Derived::Array(ArrayDim::Tuple(_)))) {
                            return err(ErrTag::D_DECL_DYNOBJ, md.span, format!("cannot have dynamic member: {mname}"));
                        }
                        (mname, self.declarator_type(base, decl)?)
                    }
                    None => (String::new(), base),
                };
                if self.types.is_void(ty) {
                    return err(ErrTag::D_DECL_VOIDOBJ, md.span, format!("cannot have void member: {mname}"));
                }
                if mname.is_empty() && d.bits.is_none() && !self.types.is_sou(ty) {
                    return err(ErrTag::D_DECL_MNAME, md.span, "member declaration requires a name");
                }
                if !mname.is_empty() && members.iter().any(|m| m.name == mname) {
                    // dtrace(1) learns this from libctf, hence the tag and wording.
                    return err(
                        ErrTag::D_UNKNOWN,
                        md.span,
                        format!("failed to define member '{mname}': Duplicate member or variable name"),
                    );
                }
                if let Type::Sou { members: None, .. } = self.types.base(ty) {
                    if !self.complete(self.types.resolve(ty)) {
                        return err(
                            ErrTag::D_DECL_INCOMPLETE,
                            md.span,
                            format!("incomplete struct/union/enum {}: {mname}", self.types.name(ty)),
                        );
                    }
                }
                let size = self.types.size_of(ty, 256);
                let align = self.align_of(ty);
                // Messages name an unnamed bit-field as dtrace(1) does.
                let shown = if mname.is_empty() { "(anon)" } else { mname.as_str() };
                let bits = match &d.bits {
                    Some(e) => {
                        if !self.types.is_integer(ty) {
                            return err(ErrTag::D_DECL_BFTYPE, md.span, format!("invalid type for bit-field: {shown}"));
                        }
                        let Some(v) = self.const_int(e)? else {
                            return err(
                                ErrTag::D_DECL_BFCONST,
                                md.span,
                                "positive integral constant expression expected as bit-field size",
                            );
                        };
                        if v <= 0 {
                            return err(
                                ErrTag::D_DECL_BFCONST,
                                md.span,
                                "positive integral constant expression expected as bit-field size",
                            );
                        }
                        if v as u64 > size * 8 {
                            return err(ErrTag::D_DECL_BFSIZE, md.span, format!("bit-field too big for type: {shown}"));
                        }
                        Some(v as u8)
                    }
                    None => None,
                };
                let offset = if kind == TagKind::Union {
                    0
                } else {
                    match bits {
                        Some(w) => {
                            let unit = size * 8;
                            // Start a new storage unit when the field would straddle one.
                            if unit > 0 && (bit % unit) + w as u64 > unit {
                                bit = bit.div_ceil(unit) * unit;
                            }
                            let at = bit;
                            bit += w as u64;
                            at
                        }
                        None => {
                            let a = align * 8;
                            bit = bit.div_ceil(a) * a;
                            let at = bit;
                            bit += size * 8;
                            at
                        }
                    }
                };
                max_size = max_size.max(size);
                max_align = max_align.max(align);
                members.push(Member { name: mname, ty, bit_offset: offset, bits });
            }
        }
        let raw = if kind == TagKind::Union { max_size } else { bit.div_ceil(8) };
        let size = raw.div_ceil(max_align) * max_align;
        self.types.set(id, Type::Sou { kind, name: name.map(str::to_string), size, members: Some(members) });
        Ok(id)
    }

    fn align_of(&self, ty: TypeId) -> u64 {
        match self.types.base(ty) {
            Type::Array { elem, .. } => self.align_of(*elem),
            Type::Sou { members: Some(m), .. } => m.iter().map(|m| self.align_of(m.ty)).max().unwrap_or(1),
            Type::String => 1,
            _ => self.types.size_of(ty, 1).clamp(1, 8),
        }
    }

    fn define_enum(&mut self, name: Option<&str>, list: &[Enumerator], sp: Span) -> SResult<TypeId> {
        if let Some(n) = name {
            if let Some(existing) = self.types.tag(TagKind::Enum, n) {
                if matches!(self.types.get(existing), Type::Enum { values: Some(_), .. }) {
                    return err(ErrTag::D_DECL_TYPERED, sp, format!("type redeclared: enum {n}"));
                }
            }
        }
        let id = self.types.add(Type::Enum { name: name.map(str::to_string), size: 4, values: None });
        if let Some(n) = name {
            self.types.add_tag(TagKind::Enum, n, id);
        }
        let mut values = Vec::new();
        let mut next: i64 = 0;
        for e in list {
            if let Some(v) = &e.value {
                let Some(n) = self.const_int(v)? else {
                    return err(
                        ErrTag::D_DECL_ENCONST,
                        e.span,
                        format!("enumerator '{}' must be assigned to an integral constant expression", e.name),
                    );
                };
                next = n;
            }
            if next > i32::MAX as i64 {
                return err(
                    ErrTag::D_DECL_ENOFLOW,
                    e.span,
                    format!("enumerator '{}' value overflows INT_MAX ({})", e.name, i32::MAX),
                );
            }
            if self.enumerators.contains_key(&e.name) || self.lookup_var(VarScope::Global, &e.name).is_some() {
                return err(ErrTag::D_DECL_IDRED, e.span, format!("identifier redeclared: {}", e.name));
            }
            values.push((e.name.clone(), next));
            self.enumerators.insert(e.name.clone(), (id, next));
            next += 1;
        }
        self.types.set(id, Type::Enum { name: name.map(str::to_string), size: 4, values: Some(values) });
        Ok(id)
    }

    /// Applies a declarator's pointer/array/function derivations to `base`.
    pub(crate) fn declarator_type(&mut self, base: TypeId, d: &Declarator) -> SResult<TypeId> {
        // `derived` lists derivations from the name outward; build from the
        // base type inward, i.e. in reverse.
        let mut ty = base;
        for der in d.derived.iter().rev() {
            ty = match der {
                Derived::Pointer(q) => {
                    let p = self.types.pointer(ty);
                    self.qualify(p, q)
                }
                Derived::Array(ArrayDim::Size(e)) => {
                    let Some(n) = self.const_int(e)? else {
                        return err(ErrTag::D_DECL_ARRSUB, d.span, "positive integral constant expression or tuple signature expected as array declaration subscript");
                    };
                    if n <= 0 {
                        return err(ErrTag::D_DECL_ARRSUB, d.span, "positive integral constant expression or tuple signature expected as array declaration subscript");
                    }
                    if self.types.is_void(ty) {
                        return err(ErrTag::D_DECL_VOIDOBJ, d.span, "cannot declare array of void");
                    }
                    if n as u64 > u32::MAX as u64 {
                        return err(ErrTag::D_DECL_ARRBIG, d.span, "array dimension too big");
                    }
                    self.types.array(ty, n as u64)
                }
                // Associative arrays and `[]` are handled by the variable
                // declaration; as a type they are arrays of unknown size.
                Derived::Array(ArrayDim::Empty) | Derived::Array(ArrayDim::Tuple(_)) => self.types.array(ty, 0),
                Derived::Function { params, varargs } => {
                    let mut ps = Vec::new();
                    for (i, p) in params.iter().enumerate() {
                        let pb = self.base_type(&p.specs)?;
                        let pt = match &p.decl {
                            Some(pd) => self.declarator_type(pb, pd)?,
                            None => pb,
                        };
                        if self.types.is_void(pt) && !self.types.is_pointer(pt) {
                            if params.len() > 1 || *varargs {
                                return err(ErrTag::D_DECL_PROTO_VOID, p.span, "void must be sole parameter");
                            }
                            if p.decl.as_ref().is_some_and(|d| d.name.is_some()) {
                                return err(
                                    ErrTag::D_DECL_PROTO_NAME,
                                    p.span,
                                    format!(
                                        "void parameter may not have a name: {}",
                                        p.decl.as_ref().and_then(|d| d.name.clone()).unwrap_or_default()
                                    ),
                                );
                            }
                            let _ = i;
                            continue;
                        }
                        ps.push(pt);
                    }
                    self.types.add(Type::Function { ret: ty, params: ps, varargs: *varargs })
                }
            };
        }
        Ok(ty)
    }

    /// The type named by a cast or sizeof type name.
    pub(crate) fn type_name(&mut self, t: &TypeName) -> SResult<TypeId> {
        let base = self.base_type(&t.specs)?;
        self.declarator_type(base, &t.decl)
    }

    /// Evaluates an integer constant expression, `None` if it is not one.
    pub(crate) fn const_int(&mut self, e: &Expr) -> SResult<Option<i64>> {
        let mut e = e.clone();
        self.cook_const(&mut e)
    }

    /// A top-level declaration.
    pub(crate) fn declaration(&mut self, d: &Decl) -> SResult<()> {
        let class = self.class_of(&d.specs)?;
        let base = self.base_type(&d.specs)?;
        if d.declarators.is_empty() {
            let defines_tag = d.specs.types.iter().any(|t| matches!(t, TypeSpec::Sou { .. } | TypeSpec::Enum { .. }));
            if !defines_tag || class != Class::None {
                return err(ErrTag::D_DECL_USELESS, d.span, "useless declaration");
            }
            return Ok(());
        }
        for decl in &d.declarators {
            let Some(name) = decl.name.clone() else {
                return err(ErrTag::D_DECL_USELESS, d.span, "useless declaration");
            };
            if name.contains('`') {
                return err(
                    ErrTag::D_DECL_SCOPE,
                    d.span,
                    format!("D scoping operator may not be used in a declaration name ({name})"),
                );
            }
            // An extern array may leave its size to the kernel (`extern int a[];`).
            let unsized_extern =
                class == Class::Extern && matches!(decl.derived.first(), Some(Derived::Array(ArrayDim::Empty)));
            let keys = if unsized_extern { None } else { self.assoc_keys(decl)? };
            let ty = self.declarator_type(base, decl)?;
            if class == Class::Typedef {
                if self.lookup_var(VarScope::Global, &name).is_some() {
                    return err(ErrTag::D_DECL_IDRED, d.span, format!("global variable identifier redeclared: {name}"));
                }
                if self.types.typedef(&name).is_some() {
                    return err(ErrTag::D_DECL_IDRED, d.span, format!("identifier redeclared: {name}"));
                }
                self.types.add_typedef(&name, ty);
                continue;
            }
            if self.types.is_void(ty) {
                return err(ErrTag::D_DECL_VOIDOBJ, d.span, format!("cannot have void object: {name}"));
            }
            if let Type::Sou { members: None, .. } | Type::Enum { values: None, .. } = self.types.base(ty) {
                if !self.complete(self.types.resolve(ty)) {
                    return err(
                        ErrTag::D_DECL_INCOMPLETE,
                        d.span,
                        format!("incomplete struct/union/enum {}: {name}", self.types.name(ty)),
                    );
                }
            }
            if self.types.is_function(ty) {
                // A function declaration declares nothing D can use.
                continue;
            }
            let scope = match class {
                Class::SelfScope => VarScope::Thread,
                Class::ThisScope => VarScope::Local,
                _ => VarScope::Global,
            };
            if keys.is_some() && scope == VarScope::Local {
                return err(
                    ErrTag::D_DECL_LOCASSC,
                    d.span,
                    format!("associative arrays may not be declared as local variables: {name}"),
                );
            }
            let value_ty = if keys.is_some() {
                match self.types.base(ty) {
                    Type::Array { elem, len: 0 } => *elem,
                    _ => ty,
                }
            } else {
                ty
            };
            let var = Var { ty: value_ty, keys, external: class == Class::Extern, line: d.span.line };
            if scope == VarScope::Global && builtins::lookup(&name).is_some() {
                return err(ErrTag::D_DECL_IDRED, d.span, format!("built-in identifier redeclared: {name}"));
            }
            if scope == VarScope::Global && self.types.typedef(&name).is_some() {
                return err(ErrTag::D_DECL_IDRED, d.span, format!("typedef identifier redeclared: {name}"));
            }
            if let Some(prev) = self.vars.get(&(scope, name.clone())) {
                let kind = |v: &Var| {
                    if v.keys.is_some() {
                        "associative array"
                    } else {
                        "scalar"
                    }
                };
                if !self.same_type(prev.ty, var.ty) || prev.keys.is_some() != var.keys.is_some() {
                    return err(
                        ErrTag::D_DECL_IDRED,
                        d.span,
                        format!(
                            "identifier redeclared: {name}\n\t current: {} {}\n\tprevious: {} {}",
                            kind(&var),
                            self.types.name(var.ty),
                            kind(prev),
                            self.types.name(prev.ty)
                        ),
                    );
                }
            }
            self.vars.insert((scope, name), var);
        }
        Ok(())
    }

    /// `x[type, type]` declarators: the associative array's key types.
    fn assoc_keys(&mut self, d: &Declarator) -> SResult<Option<Vec<TypeId>>> {
        if d.derived.iter().skip(1).any(|x| matches!(x, Derived::Array(ArrayDim::Tuple(_)))) {
            return err(ErrTag::D_DECL_DYNOBJ, d.span, "cannot declare array of associative arrays");
        }
        match d.derived.first() {
            Some(Derived::Array(ArrayDim::Tuple(params))) => {
                let keys = self.prototype("array", params, false, d.span)?;
                Ok(Some(keys.into_iter().map(|(_, t)| t).collect()))
            }
            Some(Derived::Array(ArrayDim::Empty)) => err(
                ErrTag::D_DECL_ARRNULL,
                d.span,
                format!(
                    "array declaration requires array dimension or tuple signature: {}",
                    d.name.clone().unwrap_or_default()
                ),
            ),
            _ => Ok(None),
        }
    }

    /// Checks a prototype (an associative array's key list, a probe's
    /// argument list) as dt_decl_prototype does, returning (name, type).
    fn prototype(
        &mut self,
        kind: &str,
        params: &[Param],
        allow_void: bool,
        sp: Span,
    ) -> SResult<Vec<(String, TypeId)>> {
        let mut out: Vec<(String, TypeId)> = Vec::new();
        for (i, p) in params.iter().enumerate() {
            if p.specs.classes.iter().any(|c| *c != StorageClass::Register) {
                return err(
                    ErrTag::D_DECL_PARMCLASS,
                    p.span,
                    "inappropriate storage class for function or associative array parameter",
                );
            }
            let b = self.base_type(&p.specs)?;
            let (name, t) = match &p.decl {
                Some(pd) => (pd.name.clone(), self.declarator_type(b, pd)?),
                None => (None, b),
            };
            if self.types.is_void(t) && !(allow_void && params.len() == 1) {
                return err(
                    ErrTag::D_DECL_PROTO_TYPE,
                    p.span,
                    format!(
                        "{kind} prototype may not use parameter of type {}: {}, parameter #{}",
                        self.types.name(t),
                        name.as_deref().unwrap_or("(anonymous)"),
                        i + 1
                    ),
                );
            }
            if let Some(n) = &name {
                if out.iter().any(|(m, _)| m == n) {
                    return err(
                        ErrTag::D_DECL_PROTO_FORM,
                        p.span,
                        format!("parameter is already declared in {kind} prototype: {n}, parameter #{}", i + 1),
                    );
                }
            }
            out.push((name.unwrap_or_default(), t));
        }
        let _ = sp;
        Ok(out)
    }

    /// Types equal after typedefs and qualifiers are stripped.
    pub(crate) fn same_type(&self, a: TypeId, b: TypeId) -> bool {
        let (ra, rb) = (self.types.resolve(a), self.types.resolve(b));
        if ra == rb {
            return true;
        }
        match (self.types.get(ra), self.types.get(rb)) {
            (Type::Pointer(x), Type::Pointer(y)) => self.same_type(*x, *y),
            (Type::Array { elem: x, len: n }, Type::Array { elem: y, len: m }) => n == m && self.same_type(*x, *y),
            (Type::Int { size: s1, signed: g1, .. }, Type::Int { size: s2, signed: g2, .. }) => s1 == s2 && g1 == g2,
            (Type::Sou { kind: k1, name: Some(n1), .. }, Type::Sou { kind: k2, name: Some(n2), .. }) => {
                k1 == k2 && n1 == n2
            }
            _ => false,
        }
    }

    /// `inline type name = expr;`
    pub(crate) fn inline(&mut self, i: &Inline) -> SResult<()> {
        let base = self.base_type(&i.specs)?;
        // `inline T name[K k, ...] = expr;` is a function-like inline whose
        // parameters the expression may use.
        let mut decl = i.decl.clone();
        let mut params: Option<Vec<(String, TypeId)>> = None;
        if let Some(Derived::Array(dim)) = decl.derived.first().cloned() {
            let name = decl.name.clone().unwrap_or_default();
            match dim {
                ArrayDim::Tuple(ps) => {
                    let mut bound = Vec::new();
                    for p in &ps {
                        let pb = self.base_type(&p.specs)?;
                        let (pname, pt) = match &p.decl {
                            Some(pd) => (pd.name.clone().unwrap_or_default(), self.declarator_type(pb, pd)?),
                            None => (String::new(), pb),
                        };
                        bound.push((pname, pt));
                    }
                    params = Some(bound);
                    decl.derived.remove(0);
                }
                ArrayDim::Empty => {
                    return err(
                        ErrTag::D_DECL_ARRNULL,
                        i.span,
                        format!("inline declaration requires array tuple signature: {name}"),
                    );
                }
                ArrayDim::Size(_) => {
                    return err(
                        ErrTag::D_DECL_ARRNULL,
                        i.span,
                        format!("inline declaration cannot be of scalar array type: {name}"),
                    );
                }
            }
        }
        let ty = self.declarator_type(base, &decl)?;
        if !i.specs.classes.is_empty() {
            return err(
                ErrTag::D_DECL_BADCLASS,
                i.span,
                "specified storage class not appropriate for inline declaration",
            );
        }
        let Some(name) = i.decl.name.clone() else {
            return err(ErrTag::D_DECL_USELESS, i.span, "inline declaration requires a name");
        };
        // Named as dtrace(1) names identifier kinds: "<kind> <inline or ''>".
        let previous = if self.inlines.contains_key(&name) {
            Some("scalar inline")
        } else if let Some(b) = builtins::lookup(&name) {
            Some(match b.kind {
                BuiltinKind::Scalar => "scalar ",
                BuiltinKind::Array => "associative array ",
                BuiltinKind::Subroutine => "function ",
                BuiltinKind::Action => "tracing function ",
                BuiltinKind::Aggregating => "aggregating function ",
            })
        } else if self.lookup_var(VarScope::Global, &name).is_some() {
            Some("scalar ")
        } else {
            None
        };
        if let Some(prev) = previous {
            return err(
                ErrTag::D_DECL_IDRED,
                i.span,
                format!("identifier redefined: {name}\n\t current: inline definition\n\tprevious: {prev}"),
            );
        }
        if self.types.is_void(ty) {
            return err(ErrTag::D_DECL_VOIDOBJ, i.span, format!("cannot declare void inline: {name}"));
        }
        let mut value = i.value.clone();
        let vt = self.cook_inline_value(&mut value, params.as_deref().unwrap_or(&[]))?;
        if !self.assignable(ty, vt, &value) {
            return err(
                ErrTag::D_OP_INCOMPAT,
                i.span,
                format!(
                    "inline {name} definition uses incompatible types: \"{}\" = \"{}\"",
                    self.types.name(ty),
                    self.types.name(vt)
                ),
            );
        }
        value.ty = Some(ty);
        let params = params.map(|p| p.into_iter().map(|(_, t)| t).collect());
        self.inlines.insert(name, super::Inline { ty, value, params });
        Ok(())
    }

    /// `translator out < in name > { ... };`
    pub(crate) fn translator(&mut self, t: &crate::parser::ast::Translator) -> SResult<()> {
        let output = self.type_name(&t.output)?;
        let input = self.type_name(&t.input)?;
        if !self.types.is_sou(output) {
            return err(ErrTag::D_XLATE_SOU, t.span, "translator output type must be a struct or union");
        }
        if self.translators.iter().any(|x| self.same_type(x.output, output) && self.same_type(x.input, input)) {
            return err(
                ErrTag::D_XLATE_REDECL,
                t.span,
                format!(
                    "translator from {} to {} has already been declared",
                    self.types.name(input),
                    self.types.name(output)
                ),
            );
        }
        let Type::Sou { members: Some(out_members), .. } = self.types.base(output).clone() else {
            return err(
                ErrTag::D_XLATE_SOU,
                t.span,
                format!("incomplete struct/union/enum {}", self.types.name(output)),
            );
        };
        let mut members = Vec::new();
        for (name, e, sp) in &t.members {
            let Some(m) = out_members.iter().find(|m| &m.name == name) else {
                return err(
                    ErrTag::D_XLATE_MEMB,
                    *sp,
                    format!("translator member {name} is not a member of {}", self.types.name(output)),
                );
            };
            let mut e = e.clone();
            let et = self.cook_translator_member(&mut e, input, &t.input_name)?;
            if !self.assignable(m.ty, et, &e) {
                return err(
                    ErrTag::D_XLATE_INCOMPAT,
                    *sp,
                    format!(
                        "translator member {name} definition uses incompatible types: \"{}\" = \"{}\"",
                        self.types.name(m.ty),
                        self.types.name(et)
                    ),
                );
            }
            members.push((name.clone(), e));
        }
        self.translators.push(Translator { output, input, input_name: t.input_name.clone(), members });
        Ok(())
    }

    /// `provider name { probe ...; };`: checked for well-formed types.
    pub(crate) fn provider(&mut self, p: &Provider) -> SResult<()> {
        if p.name.contains('`') {
            return err(
                ErrTag::D_PROV_BADNAME,
                p.span,
                format!("provider name may not contain scoping operator: {}", p.name),
            );
        }
        if p.name.len() >= 64 {
            return err(
                ErrTag::D_PROV_BADNAME,
                p.span,
                format!("provider name may not exceed 63 characters: {}", p.name),
            );
        }
        if p.name.ends_with(|c: char| c.is_ascii_digit()) {
            return err(ErrTag::D_PROV_BADNAME, p.span, format!("provider name may not end with a digit: {}", p.name));
        }
        let mut seen = std::collections::HashSet::new();
        for probe in &p.probes {
            // Probe names are written with `__` for `-` (`probe op__start`).
            let ident = format!("::{}", probe.name.replace("__", "-"));
            if ident.len() - 2 >= 64 {
                return err(
                    ErrTag::D_PROV_BADNAME,
                    probe.span,
                    format!("probe name may not exceed 63 characters: {ident}"),
                );
            }
            if !seen.insert(ident.clone()) {
                return err(ErrTag::D_PROV_PRDUP, probe.span, format!("probe redeclared: {}:{ident}", p.name));
            }
            if probe.varargs {
                return err(
                    ErrTag::D_DECL_PROTO_VARARGS,
                    probe.span,
                    "probe input prototype may not use a variable-length argument list",
                );
            }
            if probe.xvarargs {
                return err(
                    ErrTag::D_DECL_PROTO_VARARGS,
                    probe.span,
                    "probe output prototype may not use a variable-length argument list",
                );
            }
            self.prototype("probe input", &probe.args, true, probe.span)?;
            if let Some(x) = &probe.xargs {
                self.prototype("probe output", x, true, probe.span)?;
            }
        }
        Ok(())
    }
}
