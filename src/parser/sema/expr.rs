//! Expressions: identifier resolution, the D type rules of every operator,
//! casts, member access, subscripts and subroutine calls, and integer
//! constant folding. Messages follow illumos `dt_parser.c`.

use super::{err, SResult, Sema, Var, VarScope};
use crate::consumer::probes::Probe;
use crate::parser::ast::*;
use crate::parser::builtins::{self, BuiltinKind};
use crate::parser::errtags::ErrTag;
use crate::parser::types::{Member, Type, TypeId};

/// What an expression may refer to where it appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Where {
    /// Inside a clause: variables, args[] and probe context are available.
    Clause,
    /// An integer constant expression (array sizes, enumerators,
    /// bit-fields): only constants.
    Constant,
    /// An inline definition: constants, globals and built-ins.
    Inline,
    /// A translator member: the input name stands for the input.
    Translator,
}

/// Context for cooking expressions.
pub(crate) struct Cx<'p> {
    pub place: Where,
    /// Probes the clause enables (for `args[]`).
    pub probes: &'p [Probe],
    /// Text of the clause's first probe description, for messages.
    pub pdesc: &'p str,
    /// Translator input (name, type).
    /// Names bound in this context: a translator's input, an inline's
    /// parameters.
    pub bindings: &'p [(String, TypeId)],
}

impl Cx<'_> {
    pub fn constant() -> Cx<'static> {
        Cx { place: Where::Constant, probes: &[], pdesc: "", bindings: &[] }
    }
}

/// Classes of operand types that operators require.
#[derive(Clone, Copy)]
enum Operands {
    Arith,
    Integral,
    Scalar,
}

/// What an identifier resolved to.
enum Resolved {
    Var(Var),
    Builtin(&'static builtins::Builtin),
    Inline(TypeId),
    Enumerator(TypeId),
    Kernel(TypeId),
}

impl Sema<'_> {
    /// Cooks a constant expression; `None` if it is not an integer constant.
    pub(crate) fn cook_const(&mut self, e: &mut Expr) -> SResult<Option<i64>> {
        let mut cx = Cx::constant();
        match self.cook(e, &mut cx) {
            Ok(t) if self.types.is_integer(t) => Ok(self.fold(e)),
            Ok(_) => Ok(None),
            Err(er) if matches!(er.tag, ErrTag::D_IDENT_UNDEF | ErrTag::D_VAR_UNSUP) => Ok(None),
            Err(er) => Err(er),
        }
    }

    pub(crate) fn cook_inline_value(&mut self, e: &mut Expr, params: &[(String, TypeId)]) -> SResult<TypeId> {
        let mut cx = Cx { place: Where::Inline, probes: &[], pdesc: "", bindings: params };
        self.cook(e, &mut cx)
    }

    pub(crate) fn cook_translator_member(&mut self, e: &mut Expr, input: TypeId, name: &str) -> SResult<TypeId> {
        let bound = [(name.to_string(), input)];
        let mut cx = Cx { place: Where::Translator, probes: &[], pdesc: "", bindings: &bound };
        self.cook(e, &mut cx)
    }

    /// The type of `e`, checking it; records the type in `e.ty`.
    pub(crate) fn cook(&mut self, e: &mut Expr, cx: &mut Cx) -> SResult<TypeId> {
        let t = self.cook_inner(e, cx)?;
        // sizeof and offsetof are constants: fold them now, as dtrace(1) does.
        let folded = match &e.kind {
            ExprKind::SizeofExpr(inner) => inner.ty.map(|it| self.types.size_of(it, self.strsize())),
            ExprKind::SizeofType(tn) => {
                let tn = tn.clone();
                Some(self.type_name(&tn).map(|it| self.types.size_of(it, self.strsize()))?)
            }
            ExprKind::Offsetof(tn, m) => {
                let (tn, m) = (tn.clone(), m.clone());
                let st = self.type_name(&tn)?;
                self.find_member(st, &m).map(|(_, off)| off / 8)
            }
            _ => None,
        };
        if let Some(value) = folded {
            e.kind = ExprKind::Int { value, suffix: IntSuffix { unsigned: true, longs: 1 }, decimal: true };
        }
        e.ty = Some(t);
        Ok(t)
    }

    /// The `strsize` option's value, which is `sizeof (string)`.
    fn strsize(&self) -> u64 {
        256
    }

    fn cook_inner(&mut self, e: &mut Expr, cx: &mut Cx) -> SResult<TypeId> {
        let sp = e.span;
        let scope = if matches!(e.kind, ExprKind::SelfVar(_)) { VarScope::Thread } else { VarScope::Local };
        match &mut e.kind {
            ExprKind::Int { value, suffix, decimal } => self.int_literal_type(*value, *suffix, *decimal, sp),
            ExprKind::Str(_) => Ok(self.b.string),
            ExprKind::Ident(name) => {
                let name = name.clone();
                self.cook_ident(&name, sp, cx)
            }
            ExprKind::SelfVar(name) | ExprKind::ThisVar(name) => {
                let name = name.clone();
                self.clause_only(cx, sp)?;
                if self.pending_new.as_ref().is_some_and(|(s, n)| *s == scope && *n == name) {
                    return err(
                        ErrTag::D_VAR_UNDEF,
                        sp,
                        format!("{}{name} has not yet been declared or assigned", scope_prefix(scope)),
                    );
                }
                match self.vars.get(&(scope, name.clone())) {
                    Some(v) if v.keys.is_some() => err(
                        ErrTag::D_IDENT_BADREF,
                        sp,
                        format!("associative array '{name}' may not be referenced as scalar"),
                    ),
                    Some(v) => Ok(v.ty),
                    None => err(
                        ErrTag::D_VAR_UNDEF,
                        sp,
                        format!("{}{name} has not yet been declared or assigned", scope_prefix(scope)),
                    ),
                }
            }
            ExprKind::Agg(name) => {
                let name = name.clone();
                // An aggregation is only ever a destination; one not yet
                // assigned is simply an unknown name.
                if !self.aggs.contains_key(&name) {
                    return err(ErrTag::D_IDENT_UNDEF, sp, format!("failed to resolve @{name}: Unknown variable name"));
                }
                err(ErrTag::D_AGG_FUNC, sp, format!("@{name} must be assigned the result of an aggregating function"))
            }
            ExprKind::Unary(op, inner) => {
                let op = *op;
                self.cook_unary(op, inner, sp, cx)
            }
            ExprKind::Binary(op, a, b) => {
                let op = *op;
                self.cook_binary(op, a, b, sp, cx)
            }
            ExprKind::Assign(op, lhs, rhs) => {
                let op = *op;
                self.cook_assign(op, lhs, rhs, sp, cx)
            }
            ExprKind::Ternary(c, a, b) => {
                if is_action_call(a) || is_action_call(b) {
                    return err(ErrTag::D_OP_ACT, sp, "action cannot be used in a conditional context");
                }
                let ct = self.cook(c, cx)?;
                if !self.types.is_scalar(ct) {
                    return err(ErrTag::D_OP_SCALAR, sp, "operator ?: expression must be of scalar type");
                }
                let at = self.cook(a, cx)?;
                let bt = self.cook(b, cx)?;
                if self.types.is_integer(at) && self.types.is_integer(bt) {
                    return Ok(self.promote(at, bt));
                }
                if self.same_type(at, bt)
                    || (self.types.is_pointer(at) && self.types.is_pointer(bt) && self.ptr_compat(at, bt))
                {
                    return Ok(at);
                }
                if (self.is_stringish(at) || self.is_null(a)) && (self.is_stringish(bt) || self.is_null(b)) {
                    return Ok(self.b.string);
                }
                err(ErrTag::D_OP_INCOMPAT, sp, "operator ?: operands must have compatible types")
            }
            ExprKind::Cast(tn, inner) => {
                let to = self.type_name(tn)?;
                let from = self.cook(inner, cx)?;
                self.check_cast(to, from, sp)?;
                Ok(to)
            }
            ExprKind::SizeofType(tn) => {
                let t = self.type_name(tn)?;
                self.sizeof_check(t, sp)?;
                Ok(self.b.ulong)
            }
            ExprKind::SizeofExpr(inner) => {
                let t = self.cook(inner, cx)?;
                if let ExprKind::Member { .. } = &inner.kind {
                    if self.member_is_bitfield(inner) {
                        return err(ErrTag::D_SIZEOF_BITFIELD, sp, "cannot apply sizeof to a bit-field");
                    }
                }
                self.sizeof_check(t, sp)?;
                Ok(self.b.ulong)
            }
            ExprKind::Offsetof(tn, member) => {
                let t = self.type_name(tn)?;
                let member = member.clone();
                self.complete(self.types.resolve(t));
                // A tag never defined is a forward declaration, not a struct.
                let defined = matches!(self.types.base(t), Type::Sou { members: Some(_), .. });
                if !defined {
                    return err(ErrTag::D_OFFSETOF_TYPE, sp, "offsetof operand must be a struct or union type");
                }
                match self.find_member(t, &member) {
                    Some((m, _)) if m.bits.is_some() => {
                        err(ErrTag::D_OFFSETOF_BITFIELD, sp, format!("cannot take offset of a bit-field: {member}"))
                    }
                    Some(_) => Ok(self.b.ulong),
                    None => err(
                        ErrTag::D_UNKNOWN,
                        sp,
                        format!("failed to determine offset of {member}: Member name not found"),
                    ),
                }
            }
            ExprKind::Stringof(inner) => {
                let t = self.cook(inner, cx)?;
                if !(self.types.is_scalar(t) || self.is_stringish(t)) {
                    return err(
                        ErrTag::D_STRINGOF_TYPE,
                        sp,
                        format!("cannot apply stringof to a value of type {}", self.types.name(t)),
                    );
                }
                Ok(self.b.string)
            }
            ExprKind::Member { base, name, arrow } => {
                let (name, arrow) = (name.clone(), *arrow);
                let bt = self.cook(base, cx)?;
                let mt = self.member_type(bt, &name, arrow, sp)?;
                // A member of translated data must have a conversion.
                if matches!(base.kind, ExprKind::Xlate(..)) {
                    let out = if arrow { self.types.pointee(bt).unwrap_or(bt) } else { bt };
                    let converted = self
                        .translators
                        .iter()
                        .filter(|x| self.same_type(x.output, out))
                        .any(|x| x.members.iter().any(|(m, _)| *m == name));
                    if !converted {
                        return err(
                            ErrTag::D_XLATE_NOCONV,
                            sp,
                            format!("translator does not define conversion for member: {name}"),
                        );
                    }
                }
                Ok(mt)
            }
            ExprKind::Index(base, keys) => self.cook_index(base, keys, sp, cx),
            ExprKind::Call(callee, args) => self.cook_call(callee, args, sp, cx),
            ExprKind::Xlate(tn, inner) => {
                let to = self.type_name(tn)?;
                let from = self.cook(inner, cx)?;
                let (out, via_ptr) = match self.types.base(to) {
                    Type::Pointer(p) => (*p, true),
                    _ => (to, false),
                };
                let found = self.translators.iter().any(|x| {
                    self.same_type(x.output, out)
                        && (self.same_type(x.input, from) || self.assignable(x.input, from, inner))
                });
                if !found {
                    return err(
                        ErrTag::D_XLATE_NONE,
                        sp,
                        format!("cannot translate from \"{}\" to \"{}\"", self.types.name(from), self.types.name(to)),
                    );
                }
                Ok(if via_ptr { to } else { out })
            }
        }
    }

    /// The type of an integer constant, by C's rules as DTrace applies them.
    pub(crate) fn int_literal_type(&mut self, v: u64, suffix: IntSuffix, decimal: bool, sp: Span) -> SResult<TypeId> {
        let b = self.b;
        let candidates: &[(TypeId, u64)] = match (suffix.unsigned, suffix.longs, decimal) {
            (false, 0, true) => &[(b.int, i32::MAX as u64), (b.long, i64::MAX as u64), (b.llong, i64::MAX as u64)],
            (false, 0, false) => &[
                (b.int, i32::MAX as u64),
                (b.uint, u32::MAX as u64),
                (b.long, i64::MAX as u64),
                (b.ulong, u64::MAX),
                (b.llong, i64::MAX as u64),
                (b.ullong, u64::MAX),
            ],
            (true, 0, _) => &[(b.uint, u32::MAX as u64), (b.ulong, u64::MAX), (b.ullong, u64::MAX)],
            (false, 1, true) => &[(b.long, i64::MAX as u64), (b.llong, i64::MAX as u64)],
            (false, 1, false) => {
                &[(b.long, i64::MAX as u64), (b.ulong, u64::MAX), (b.llong, i64::MAX as u64), (b.ullong, u64::MAX)]
            }
            (true, 1, _) => &[(b.ulong, u64::MAX), (b.ullong, u64::MAX)],
            (false, _, true) => &[(b.llong, i64::MAX as u64)],
            (false, _, false) => &[(b.llong, i64::MAX as u64), (b.ullong, u64::MAX)],
            (true, _, _) => &[(b.ullong, u64::MAX)],
        };
        match candidates.iter().find(|(_, max)| v <= *max) {
            Some((t, _)) => Ok(*t),
            None => err(
                ErrTag::D_INT_OFLOW,
                sp,
                format!("integer constant 0x{v:x} cannot be represented in any built-in integral type"),
            ),
        }
    }

    fn clause_only(&self, cx: &Cx, sp: Span) -> SResult<()> {
        match cx.place {
            Where::Clause => Ok(()),
            _ => err(ErrTag::D_VAR_UNSUP, sp, "variable references are not permitted in this context"),
        }
    }

    fn resolve_ident(&mut self, name: &str, cx: &Cx) -> Option<Resolved> {
        if let Some((_, t)) = cx.bindings.iter().find(|(n, _)| n == name) {
            return Some(Resolved::Inline(*t));
        }
        if let Some(v) = self.vars.get(&(VarScope::Global, name.to_string())) {
            return Some(Resolved::Var(v.clone()));
        }
        if let Some(b) = self.builtin_var(name) {
            return Some(Resolved::Builtin(b));
        }
        if let Some(b) = builtins::lookup(name).filter(|b| b.is_function()) {
            return Some(Resolved::Builtin(b));
        }
        if let Some(i) = self.inlines.get(name) {
            return Some(Resolved::Inline(i.ty));
        }
        if let Some((t, _)) = self.enumerators.get(name) {
            return Some(Resolved::Enumerator(*t));
        }
        if name.contains('`') {
            let sym = name.rsplit('`').next().unwrap_or(name);
            let k = self.kernel.get()?;
            use crate::parser::types::KernelTypes;
            return k.variable(&mut self.types, sym).map(Resolved::Kernel);
        }
        None
    }

    /// A built-in variable (not function) named `name`.
    pub(crate) fn builtin_var(&self, name: &str) -> Option<&'static builtins::Builtin> {
        builtins::lookup(name).filter(|b| b.is_variable())
    }

    pub(crate) fn lookup_var(&self, scope: VarScope, name: &str) -> Option<&Var> {
        self.vars.get(&(scope, name.to_string()))
    }

    fn cook_ident(&mut self, name: &str, sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        if self.pending_new.as_ref().is_some_and(|(s, n)| *s == VarScope::Global && n == name) {
            return err(ErrTag::D_VAR_UNDEF, sp, format!("{name} has not yet been declared or assigned"));
        }
        match self.resolve_ident(name, cx) {
            Some(Resolved::Var(v)) => {
                self.clause_only(cx, sp).or_else(|e| if cx.place == Where::Inline { Ok(()) } else { Err(e) })?;
                if v.keys.is_some() {
                    return err(
                        ErrTag::D_IDENT_BADREF,
                        sp,
                        format!("associative array '{name}' may not be referenced as scalar"),
                    );
                }
                Ok(v.ty)
            }
            Some(Resolved::Builtin(b)) => match b.kind {
                BuiltinKind::Scalar => {
                    if cx.place == Where::Constant {
                        return err(ErrTag::D_VAR_UNSUP, sp, "variable references are not permitted in this context");
                    }
                    self.builtin_type(b, sp)
                }
                BuiltinKind::Array => err(
                    ErrTag::D_IDENT_BADREF,
                    sp,
                    format!("associative array '{name}' may not be referenced as scalar"),
                ),
                other => {
                    let kind = match other {
                        BuiltinKind::Action => "tracing function",
                        BuiltinKind::Aggregating => "aggregating function",
                        _ => "function",
                    };
                    err(ErrTag::D_IDENT_BADREF, sp, format!("{kind} '{name}' may not be referenced as scalar"))
                }
            },
            Some(Resolved::Inline(t)) => Ok(t),
            Some(Resolved::Enumerator(t)) => Ok(t),
            Some(Resolved::Kernel(t)) => Ok(t),
            None => {
                if name.contains('`') {
                    let sym = name.rsplit('`').next().unwrap_or(name);
                    if kernel_symbol_exists(sym) {
                        let why = if self.have_kernel_types() {
                            "No type information available for symbol"
                        } else {
                            "No type information available for symbol (/sys/kernel/btf/vmlinux is not available)"
                        };
                        return err(
                            ErrTag::D_SYM_NOTYPES,
                            sp,
                            format!("no symbolic type information is available for {name}: {why}"),
                        );
                    }
                    return err(ErrTag::D_IDENT_UNDEF, sp, format!("failed to resolve {name}: Unknown symbol name"));
                }
                err(ErrTag::D_IDENT_UNDEF, sp, format!("failed to resolve {name}: Unknown variable name"))
            }
        }
    }

    /// The type of a built-in variable.
    pub(crate) fn builtin_type(&mut self, b: &'static builtins::Builtin, sp: Span) -> SResult<TypeId> {
        self.parse_type_str(b.ty, sp).map_err(|mut e| {
            if e.tag == ErrTag::D_TYPE_ERR {
                e.message = format!("failed to resolve type of {}: {}", b.name, e.message);
            }
            e
        })
    }

    /// Parses a type written as D text (`struct task_struct *`), caching.
    pub(crate) fn parse_type_str(&mut self, text: &'static str, sp: Span) -> SResult<TypeId> {
        if let Some(t) = self.proto_cache.get(text) {
            return Ok(*t);
        }
        let t = match text.trim() {
            "void" => self.b.void,
            "string" => self.b.string,
            "int" => self.b.int,
            // Pseudo-types of the stack()/sym() family: as in dtrace(1),
            // typedefs of uint64_t that no script can name, so that printf
            // can tell them apart (`%k` takes only a stack).
            name @ ("stack" | "_symaddr" | "_usymaddr") => {
                let u64_ = self.types.typedef("uint64_t").unwrap_or(self.b.ulong);
                self.types.add(Type::Typedef { name: name.to_string(), target: u64_ })
            }
            other => {
                let tn = crate::parser::parse_type_name(other, &mut |n| self.types.typedef(n).is_some())
                    .map_err(|e| crate::parser::CompileError::new(ErrTag::D_TYPE_ERR, Some(sp.line), e.message))?;
                let mut tn = tn;
                tn.span = sp;
                tn.specs.span = sp;
                self.type_name(&tn)?
            }
        };
        self.proto_cache.insert(text, t);
        Ok(t)
    }

    fn cook_unary(&mut self, op: UnOp, inner: &mut Expr, sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        match op {
            UnOp::PreInc | UnOp::PreDec | UnOp::PostInc | UnOp::PostDec => {
                // ++ on an undefined variable creates it as an int64_t.
                let i64t = self.parse_type_str("int64_t", sp)?;
                self.define_by_use(inner, i64t, cx)?;
                let t = self.cook(inner, cx)?;
                if !(self.types.is_integer(t) || self.types.is_pointer(t)) {
                    return err(
                        ErrTag::D_OP_SCALAR,
                        sp,
                        format!("operator {} requires operand of scalar type", op.text()),
                    );
                }
                if self.types.pointee(t).is_some_and(|p| self.types.is_void(p) || self.types.is_function(p)) {
                    return err(
                        ErrTag::D_OP_VFPTR,
                        sp,
                        format!("operator {} requires an operand of known size", op.text()),
                    );
                }
                self.check_writable(inner, op.text(), sp)?;
                Ok(t)
            }
            UnOp::Neg | UnOp::Plus => {
                let t = self.cook(inner, cx)?;
                if !self.types.is_arith(t) {
                    return err(
                        ErrTag::D_OP_ARITH,
                        sp,
                        format!("operator {} requires an operand of arithmetic type", op.text()),
                    );
                }
                Ok(self.promote(t, t))
            }
            UnOp::BitNot => {
                let t = self.cook(inner, cx)?;
                if !self.types.is_integer(t) {
                    return err(ErrTag::D_OP_INT, sp, "operator ~ requires an operand of integral type");
                }
                Ok(self.promote(t, t))
            }
            UnOp::Not => {
                let t = self.cook(inner, cx)?;
                if !self.types.is_scalar(t) {
                    return err(ErrTag::D_OP_SCALAR, sp, "operator ! requires an operand of scalar type");
                }
                Ok(self.b.int)
            }
            UnOp::Deref => {
                let t = self.cook(inner, cx)?;
                let target = match self.types.base(t) {
                    Type::Pointer(to) => *to,
                    Type::Array { elem, .. } => *elem,
                    // D's string is a char array: `*s` is its first char.
                    Type::String => self.b.char,
                    _ => return err(ErrTag::D_DEREF_NONPTR, sp, "cannot dereference non-pointer type"),
                };
                if self.types.is_void(target) {
                    return err(ErrTag::D_DEREF_VOID, sp, "cannot dereference pointer to void");
                }
                if self.types.is_function(target) {
                    return err(ErrTag::D_DEREF_FUNC, sp, "cannot dereference pointer to function");
                }
                Ok(target)
            }
            UnOp::AddrOf => {
                let t = self.cook(inner, cx)?;
                match &inner.kind {
                    ExprKind::Ident(n)
                        if self.lookup_var(VarScope::Global, n).is_some() || self.builtin_var(n).is_some() =>
                    {
                        err(ErrTag::D_ADDROF_VAR, sp, "cannot take address of dynamic variable")
                    }
                    ExprKind::SelfVar(_) | ExprKind::ThisVar(_) => {
                        err(ErrTag::D_ADDROF_VAR, sp, "cannot take address of dynamic variable")
                    }
                    ExprKind::Index(b, _) if self.is_d_array(b) => {
                        err(ErrTag::D_ADDROF_VAR, sp, "cannot take address of dynamic variable")
                    }
                    ExprKind::Member { .. } if self.member_is_bitfield(inner) => {
                        err(ErrTag::D_ADDROF_BITFIELD, sp, "cannot take address of bit-field")
                    }
                    ExprKind::Unary(UnOp::Deref, _)
                    | ExprKind::Member { .. }
                    | ExprKind::Index(..)
                    | ExprKind::Ident(_) => Ok(self.types.pointer(t)),
                    _ => err(ErrTag::D_ADDROF_LVAL, sp, "unacceptable operand for unary & operator"),
                }
            }
        }
    }

    fn cook_binary(&mut self, op: BinOp, a: &mut Expr, b: &mut Expr, sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        if op == BinOp::Comma && (is_action_call(a) || is_action_call(b)) {
            return err(ErrTag::D_OP_ACT, sp, "operator , operands cannot be actions");
        }
        let at = self.cook(a, cx)?;
        let bt = self.cook(b, cx)?;
        let incompat = |s: &Self| {
            err(
                ErrTag::D_OP_INCOMPAT,
                sp,
                format!(
                    "operands have incompatible types: \"{}\" {} \"{}\"",
                    s.types.name(at),
                    op.text(),
                    s.types.name(bt)
                ),
            )
        };
        match op {
            BinOp::Comma => Ok(bt),
            BinOp::Add | BinOp::Sub => {
                if self.types.is_arith(at) && self.types.is_arith(bt) {
                    return Ok(self.promote(at, bt));
                }
                if self.is_arith_ptr(at) && self.types.is_integer(bt) {
                    return Ok(self.decay(at));
                }
                if op == BinOp::Add && self.types.is_integer(at) && self.is_arith_ptr(bt) {
                    return Ok(self.decay(bt));
                }
                if op == BinOp::Sub
                    && self.is_arith_ptr(at)
                    && self.is_arith_ptr(bt)
                    && (self.ptr_compat(at, bt) || self.types.is_string(at) && self.types.is_string(bt))
                {
                    return Ok(self.b.long);
                }
                incompat(self)
            }
            BinOp::Mul | BinOp::Div => {
                self.require_operands(Operands::Arith, op.text(), at, bt, sp)?;
                if op != BinOp::Mul && self.fold(b) == Some(0) {
                    return err(ErrTag::D_DIV_ZERO, sp, "expression contains division by zero");
                }
                Ok(self.promote(at, bt))
            }
            BinOp::Mod | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr => {
                self.require_operands(Operands::Integral, op.text(), at, bt, sp)?;
                Ok(if matches!(op, BinOp::Shl | BinOp::Shr) { self.promote(at, at) } else { self.promote(at, bt) })
            }
            BinOp::LogAnd | BinOp::LogOr | BinOp::LogXor => {
                self.require_operands(Operands::Scalar, op.text(), at, bt, sp)?;
                Ok(self.b.int)
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne => {
                let ok = (self.types.is_arith(at) && self.types.is_arith(bt))
                    || (self.is_ptrish(at) && self.is_ptrish(bt) && self.ptr_compat(at, bt))
                    || (self.is_stringish(at)
                        && self.is_stringish(bt)
                        && (self.types.is_string(at) || self.types.is_string(bt)))
                    || ((self.types.is_pointer(at) || self.types.is_string(at)) && self.is_null(b))
                    || ((self.types.is_pointer(bt) || self.types.is_string(bt)) && self.is_null(a));
                if !ok {
                    return incompat(self);
                }
                Ok(self.b.int)
            }
        }
    }

    /// Both operands of `op` must be of the `want` class.
    fn require_operands(&self, want: Operands, op: &str, a: TypeId, b: TypeId, sp: Span) -> SResult<()> {
        let (ok, tag, class): (fn(&crate::parser::types::TypeTable, TypeId) -> bool, _, _) = match want {
            Operands::Arith => (crate::parser::types::TypeTable::is_arith, ErrTag::D_OP_ARITH, "arithmetic"),
            Operands::Integral => (crate::parser::types::TypeTable::is_integer, ErrTag::D_OP_INT, "integral"),
            Operands::Scalar => (crate::parser::types::TypeTable::is_scalar, ErrTag::D_OP_SCALAR, "scalar"),
        };
        if ok(&self.types, a) && ok(&self.types, b) {
            Ok(())
        } else {
            err(tag, sp, format!("operator {op} requires operands of {class} type"))
        }
    }

    fn cook_assign(&mut self, op: AssignOp, lhs: &mut Expr, rhs: &mut Expr, sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        if !self.is_lvalue(lhs) && !matches!(lhs.kind, ExprKind::Agg(_)) {
            return err(
                ErrTag::D_OP_LVAL,
                sp,
                format!("operator {} requires modifiable lvalue as an operand", op.text()),
            );
        }
        if let ExprKind::Agg(name) = &lhs.kind {
            let name = name.clone();
            return err(
                ErrTag::D_AGG_FUNC,
                sp,
                format!("@{name} must be assigned the result of an aggregating function"),
            );
        }
        if let ExprKind::Index(base, _) = &lhs.kind {
            if let ExprKind::Agg(name) = &base.kind {
                let name = name.clone();
                return err(
                    ErrTag::D_AGG_FUNC,
                    sp,
                    format!("@{name} must be assigned the result of an aggregating function"),
                );
            }
        }
        // dtrace(1) creates an assigned variable before typing the value, so
        // a first assignment that reads the variable itself (`n = n + 1`),
        // or a compound assignment to a new one, finds it undefined.
        let new = self.new_var_target(lhs, cx);
        if let (Some((scope, name)), Some(_)) = (&new, op.0) {
            return err(
                ErrTag::D_VAR_UNDEF,
                sp,
                format!("{}{name} has not yet been declared or assigned", scope_prefix(*scope)),
            );
        }
        let outer = std::mem::replace(&mut self.pending_new, new);
        let rt = self.cook(rhs, cx);
        self.pending_new = outer;
        let rt = rt?;
        if op.0.is_none() {
            self.define_by_use(lhs, rt, cx)?;
        }
        let lt = self.cook(lhs, cx)?;
        self.check_writable(lhs, op.text(), sp)?;
        let ok = match op.0 {
            None => self.assignable(lt, rt, rhs),
            Some(BinOp::Add | BinOp::Sub) => {
                if self.types.is_string(lt) || self.types.is_string(rt) {
                    false
                } else if self.types.is_arith(lt) && self.types.is_arith(rt) {
                    true
                } else if !self.types.is_pointer(lt)
                    || self.types.pointee(lt).is_some_and(|p| self.types.is_void(p) || self.types.is_function(p))
                {
                    return err(
                        ErrTag::D_OP_VFPTR,
                        sp,
                        format!("operator {} requires left-hand scalar operand of known size", op.text()),
                    );
                } else {
                    self.types.is_integer(rt)
                }
            }
            Some(BinOp::Mul | BinOp::Div) => {
                self.require_operands(Operands::Arith, op.text(), lt, rt, sp)?;
                true
            }
            Some(_) => {
                self.require_operands(Operands::Integral, op.text(), lt, rt, sp)?;
                true
            }
        };
        if !ok {
            return err(
                ErrTag::D_OP_INCOMPAT,
                sp,
                format!(
                    "operands have incompatible types: \"{}\" {} \"{}\"",
                    self.types.name(lt),
                    op.text(),
                    self.types.name(rt)
                ),
            );
        }
        Ok(lt)
    }

    /// The variable `lhs` would create if assigned: one not yet defined.
    fn new_var_target(&mut self, lhs: &Expr, cx: &Cx) -> Option<(VarScope, String)> {
        if cx.place != Where::Clause {
            return None;
        }
        let (scope, name) = match &lhs.kind {
            ExprKind::Ident(n) => (VarScope::Global, n.clone()),
            ExprKind::SelfVar(n) => (VarScope::Thread, n.clone()),
            ExprKind::ThisVar(n) => (VarScope::Local, n.clone()),
            ExprKind::Index(b, _) => match &b.kind {
                ExprKind::Ident(n) => (VarScope::Global, n.clone()),
                ExprKind::SelfVar(n) => (VarScope::Thread, n.clone()),
                _ => return None,
            },
            _ => return None,
        };
        if name.contains('`') {
            return None;
        }
        let exists = match scope {
            VarScope::Global => self.resolve_ident(&name, cx).is_some(),
            _ => self.lookup_var(scope, &name).is_some(),
        };
        (!exists).then_some((scope, name))
    }

    /// Creates the variable an assignment or increment names, if new.
    fn define_by_use(&mut self, lhs: &mut Expr, ty: TypeId, cx: &mut Cx) -> SResult<()> {
        if cx.place != Where::Clause {
            return Ok(());
        }
        let line = lhs.span.line;
        let value_ty = if self.types.is_void(ty) { self.b.int } else { ty };
        match &mut lhs.kind {
            ExprKind::Ident(name) if self.resolve_ident(name, cx).is_none() && !name.contains('`') => {
                if self.types.is_void(ty) {
                    return err(ErrTag::D_OP_VFPTR, lhs.span, "cannot assign void expression to variable");
                }
                let var = Var { ty: value_ty, keys: None, external: false, line };
                self.vars.insert((VarScope::Global, name.clone()), var);
            }
            ExprKind::SelfVar(name) => {
                let key = (VarScope::Thread, name.clone());
                self.vars.entry(key).or_insert(Var { ty: value_ty, keys: None, external: false, line });
            }
            ExprKind::ThisVar(name) => {
                let key = (VarScope::Local, name.clone());
                self.vars.entry(key).or_insert(Var { ty: value_ty, keys: None, external: false, line });
            }
            ExprKind::Index(base, keys) => {
                let (scope, name) = match &base.kind {
                    ExprKind::Ident(n) => (VarScope::Global, n.clone()),
                    ExprKind::SelfVar(n) => (VarScope::Thread, n.clone()),
                    ExprKind::ThisVar(n) => {
                        if self.lookup_var(VarScope::Local, n).is_none() {
                            return err(
                                ErrTag::D_ARR_LOCAL,
                                lhs.span,
                                format!("local variables may not be used as associative arrays: {n}"),
                            );
                        }
                        return Ok(());
                    }
                    _ => return Ok(()),
                };
                let exists = if scope == VarScope::Global {
                    self.resolve_ident(&name, cx).is_some()
                } else {
                    self.lookup_var(scope, &name).is_some()
                };
                if !exists && !name.contains('`') {
                    let mut kt = Vec::new();
                    for (i, k) in keys.iter_mut().enumerate() {
                        let t = self.cook(k, cx)?;
                        kt.push(self.key_type(t, i, "associative array", k.span)?);
                    }
                    let var = Var { ty: value_ty, keys: Some(kt), external: false, line };
                    self.vars.insert((scope, name), var);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Types usable as associative array or aggregation keys.
    pub(crate) fn key_type(&mut self, t: TypeId, index: usize, kind: &str, sp: Span) -> SResult<TypeId> {
        if self.types.is_void(t) || self.types.is_function(t) {
            return err(
                ErrTag::D_KEY_TYPE,
                sp,
                format!("{} expression may not be used as {kind} index: key #{}", self.types.name(t), index + 1),
            );
        }
        Ok(t)
    }

    /// Whether `e` may be assigned to. Like dtrace(1), writability flows
    /// from D variables through members, subscripts, dereferences and casts
    /// (stores through a pointer held in a D variable are checked at run
    /// time, where only scratch memory may be written); kernel data reached
    /// from built-ins is read-only.
    fn check_writable(&mut self, e: &Expr, op: &str, sp: Span) -> SResult<()> {
        if !self.is_lvalue(e) {
            return err(ErrTag::D_OP_LVAL, sp, format!("operator {op} requires modifiable lvalue as an operand"));
        }
        if let Some(t) = e.ty {
            if self.types.is_array(t) || self.types.is_function(t) {
                return err(
                    ErrTag::D_OP_ARRFUN,
                    sp,
                    format!("operator {op} may not be applied to operand of type \"{}\"", self.types.name(t)),
                );
            }
        }
        if self.is_writable(e) {
            Ok(())
        } else {
            err(ErrTag::D_OP_WRITE, sp, format!("operator {op} can only be applied to a writable variable"))
        }
    }

    fn is_writable(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Ident(n) => self.lookup_var(VarScope::Global, n).is_some_and(|v| !v.external),
            ExprKind::SelfVar(_) | ExprKind::ThisVar(_) => true,
            ExprKind::Index(b, _) | ExprKind::Member { base: b, .. } | ExprKind::Cast(_, b) => self.is_writable(b),
            ExprKind::Unary(UnOp::Deref, b) => self.is_writable(b),
            ExprKind::Binary(BinOp::Add | BinOp::Sub, a, b) => self.is_writable(a) || self.is_writable(b),
            _ => false,
        }
    }

    fn is_lvalue(&self, e: &Expr) -> bool {
        matches!(
            e.kind,
            ExprKind::Ident(_)
                | ExprKind::SelfVar(_)
                | ExprKind::ThisVar(_)
                | ExprKind::Index(..)
                | ExprKind::Member { .. }
                | ExprKind::Unary(UnOp::Deref, _)
        )
    }

    /// Whether `base` (of `base[...]`) names a D associative array.
    fn is_d_array(&self, base: &Expr) -> bool {
        match &base.kind {
            ExprKind::Ident(n) => self.lookup_var(VarScope::Global, n).is_some_and(|v| v.keys.is_some()),
            ExprKind::SelfVar(n) => self.lookup_var(VarScope::Thread, n).is_some_and(|v| v.keys.is_some()),
            _ => false,
        }
    }

    fn cook_index(&mut self, base: &mut Expr, keys: &mut [Expr], sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        // D associative arrays and built-in arrays first.
        let named = match &base.kind {
            ExprKind::Ident(n) => Some((VarScope::Global, n.clone())),
            ExprKind::SelfVar(n) => Some((VarScope::Thread, n.clone())),
            ExprKind::ThisVar(n) => Some((VarScope::Local, n.clone())),
            ExprKind::Agg(n) => {
                let n = n.clone();
                return err(
                    ErrTag::D_AGG_FUNC,
                    sp,
                    format!("@{n} must be assigned the result of an aggregating function"),
                );
            }
            ExprKind::Index(inner, _) if matches!(inner.kind, ExprKind::Agg(_)) => {
                return err(ErrTag::D_AGG_MDIM, sp, "aggregations may not be used as multi-dimensional arrays");
            }
            _ => None,
        };
        if let Some((VarScope::Global, name)) = &named {
            if let Some(params) = self.inlines.get(name).and_then(|i| i.params.clone()) {
                let ty = self.inlines[name].ty;
                let mut got = Vec::new();
                for k in keys.iter_mut() {
                    got.push(self.cook(k, cx)?);
                }
                self.check_keys(&format!("{name}[ ]"), &params, keys, &got, sp)?;
                base.ty = Some(ty);
                return Ok(ty);
            }
        }
        if let Some((scope, name)) = named {
            if scope == VarScope::Global {
                if let Some(b) = self.builtin_var(&name) {
                    if b.kind == BuiltinKind::Array {
                        return self.builtin_array(b, keys, sp, cx);
                    }
                }
            }
            if let Some(v) = self.lookup_var(scope, &name).cloned() {
                if let Some(kt) = &v.keys {
                    self.clause_only(cx, sp)?;
                    let mut got = Vec::new();
                    for k in keys.iter_mut() {
                        got.push(self.cook(k, cx)?);
                    }
                    self.check_keys(&format!("{name}[ ]"), kt, keys, &got, sp)?;
                    base.ty = Some(v.ty);
                    return Ok(v.ty);
                }
            } else if scope != VarScope::Global || self.resolve_ident(&name, cx).is_none() {
                let prefix = scope_prefix(scope);
                return err(
                    if scope == VarScope::Global { ErrTag::D_IDENT_UNDEF } else { ErrTag::D_VAR_UNDEF },
                    sp,
                    if scope == VarScope::Global {
                        format!("failed to resolve {name}: Unknown variable name")
                    } else {
                        format!("{prefix}{name} has not yet been declared or assigned")
                    },
                );
            }
        }
        // C subscript of a pointer or array.
        let bt = self.cook(base, cx)?;
        if keys.len() != 1 {
            let what = match &base.kind {
                ExprKind::Ident(n) => format!("scalar {n}"),
                _ => "operator [".to_string(),
            };
            return err(ErrTag::D_ARR_BADREF, sp, format!("cannot access {what} as an associative array"));
        }
        let kt = self.cook(&mut keys[0], cx)?;
        // `a[i]` is `*(a + i)`, and D lets a string act as a pointer to
        // its chars there.
        let elem = match self.types.base(bt) {
            Type::Pointer(t) => *t,
            Type::Array { elem, .. } => *elem,
            _ if self.types.is_string(bt) => self.b.char,
            _ => return err(ErrTag::D_DEREF_NONPTR, sp, "cannot dereference non-pointer type"),
        };
        if !self.types.is_integer(kt) {
            return err(
                ErrTag::D_OP_INCOMPAT,
                sp,
                format!("operands have incompatible types: \"{}\" + \"{}\"", self.types.name(bt), self.types.name(kt)),
            );
        }
        if self.types.is_void(elem) {
            return err(ErrTag::D_DEREF_VOID, sp, "cannot dereference pointer to void");
        }
        Ok(elem)
    }

    /// `args[N]`, `regs[N]`, `uregs[N]`.
    fn builtin_array(
        &mut self,
        b: &'static builtins::Builtin,
        keys: &mut [Expr],
        sp: Span,
        cx: &mut Cx,
    ) -> SResult<TypeId> {
        if cx.place != Where::Clause {
            return err(
                ErrTag::D_ARGS_NONE,
                sp,
                format!("{}[ ] may not be referenced outside of a probe clause", b.name),
            );
        }
        if keys.len() != 1 {
            return err(
                ErrTag::D_ARR_BADREF,
                sp,
                format!("{}[ ] prototype mismatch: {} args passed, 1 expected", b.name, keys.len()),
            );
        }
        let kt = self.cook(&mut keys[0], cx)?;
        let Some(idx) = self.fold(&keys[0]).filter(|_| self.types.is_integer(kt)) else {
            return err(
                ErrTag::D_PROTO_ARG,
                sp,
                format!(
                    "{}[ ] argument #1 is incompatible with prototype:\n\tprototype: integer constant\n\t argument: {}",
                    b.name,
                    self.types.name(kt)
                ),
            );
        };
        if b.name != "args" {
            if idx < 0 {
                return err(ErrTag::D_REGS_IDX, sp, format!("index {idx} is out of range for array {}", b.name));
            }
            return self.parse_type_str("uint64_t", sp);
        }
        self.arg_type(idx, sp, cx)
    }

    /// The type of `args[idx]` for the clause's probes.
    fn arg_type(&mut self, idx: i64, sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        let mut found: Option<TypeId> = None;
        let probes = cx.probes.to_vec();
        for p in &probes {
            let types = self.probe_arg_types(p, sp)?;
            let types = types.unwrap_or_default();
            let Some(&t) = usize::try_from(idx).ok().and_then(|i| types.get(i)) else {
                return err(
                    ErrTag::D_ARGS_IDX,
                    sp,
                    format!("index {idx} is out of range for {} args[ ]", probe_name(p)),
                );
            };
            match found {
                None => found = Some(t),
                Some(f) if self.same_type(f, t) => {}
                Some(_) => {
                    return err(
                        ErrTag::D_ARGS_MULTI,
                        sp,
                        format!(
                        "args[ ] may not be referenced because probe description {} matches an unstable set of probes",
                        cx.pdesc
                    ),
                    )
                }
            }
        }
        match found {
            Some(t) => Ok(t),
            // With -Z and nothing matched there is no probe to type them.
            None => err(
                ErrTag::D_ARGS_MULTI,
                sp,
                format!(
                    "args[ ] may not be referenced because probe description {} matches an unstable set of probes",
                    cx.pdesc
                ),
            ),
        }
    }

    /// Argument types of a probe, from kernel BTF where the provider maps
    /// onto kernel functions; `None` when the probe has no typed arguments.
    fn probe_arg_types(&mut self, p: &Probe, sp: Span) -> SResult<Option<Vec<TypeId>>> {
        use crate::parser::types::KernelTypes;
        match p.provider.as_str() {
            "fbt" => {
                let Some(k) = self.kernel.get() else {
                    return Ok(None);
                };
                let Some(f) = k.function(&mut self.types, &p.function) else {
                    return Ok(None);
                };
                let Type::Function { ret, params, .. } = self.types.base(f).clone() else {
                    return Ok(None);
                };
                Ok(Some(if p.name == "return" { vec![self.b.int, ret] } else { params }))
            }
            "syscall" => {
                // Syscall arguments arrive as register-sized integers.
                let t = self.parse_type_str("int64_t", sp)?;
                Ok(Some(vec![t; 6]))
            }
            _ => Ok(None),
        }
    }

    fn cook_call(&mut self, callee: &mut Expr, args: &mut [Expr], sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        let ExprKind::Ident(name) = &callee.kind else {
            return err(ErrTag::D_FUNC_IDENT, sp, "function designator is not of function type");
        };
        let name = name.clone();
        let Some(b) = builtins::lookup(&name) else {
            if self.resolve_ident(&name, cx).is_some() {
                return err(ErrTag::D_FUNC_IDKIND, sp, format!("scalar '{name}' may not be referenced as a function"));
            }
            return err(ErrTag::D_FUNC_UNDEF, sp, format!("undefined function name: {name}"));
        };
        match b.kind {
            BuiltinKind::Subroutine => {}
            BuiltinKind::Scalar | BuiltinKind::Array => {
                let kind = if b.kind == BuiltinKind::Array { "associative array" } else { "scalar" };
                return err(ErrTag::D_FUNC_IDKIND, sp, format!("{kind} '{name}' may not be referenced as a function"));
            }
            BuiltinKind::Action | BuiltinKind::Aggregating => {
                let kind = if b.kind == BuiltinKind::Action { "tracing function" } else { "aggregating function" };
                let mut e = crate::parser::CompileError::new(
                    ErrTag::D_CG_EXPR,
                    Some(sp.line),
                    format!("{kind} {name}( ) may not be called from a D expression (D program context required)"),
                );
                // A code generation error in dtrace(1): no clause region,
                // and raised after the clause's other checks. Meanwhile the
                // call has its prototype's return type (`void`, or `stack`
                // for stack(), which printf's `%k` accepts), which
                // surrounding checks may refuse.
                e.region = None;
                if cx.place != Where::Clause {
                    return Err(e);
                }
                self.pending_cg.get_or_insert(e);
                let ret = b.return_type().unwrap_or("void");
                return Ok(self.parse_type_str(ret, sp).unwrap_or(self.b.void));
            }
        }
        if cx.place == Where::Constant {
            return err(ErrTag::D_VAR_UNSUP, sp, "function calls are not permitted in this context");
        }
        self.check_proto(b, args, sp, cx)?;
        let ret = b.return_type().unwrap_or("void");
        self.parse_type_str(ret, sp)
    }

    /// Checks a call's arguments against a built-in's prototype.
    pub(crate) fn check_proto(
        &mut self,
        b: &'static builtins::Builtin,
        args: &mut [Expr],
        sp: Span,
        cx: &mut Cx,
    ) -> SResult<Vec<TypeId>> {
        let params = b.params().unwrap_or_default();
        let varargs = params.last() == Some(&"...");
        let fixed: Vec<&'static str> = params.iter().copied().filter(|p| *p != "...").collect();
        let required = fixed.iter().filter(|p| !p.starts_with('[')).count();
        let max = if varargs { usize::MAX } else { fixed.len() };
        if args.len() < required || args.len() > max {
            // dt_idcook_sign's wording: "at least N" when the prototype has
            // optional parameters, else the fixed (or pre-varargs) count.
            let optional = required != fixed.len();
            let expected = if optional { format!("at least {required}") } else { fixed.len().to_string() };
            return err(
                ErrTag::D_PROTO_LEN,
                sp,
                format!(
                    "{}( ) prototype mismatch: {} arg{}passed, {expected} expected",
                    b.name,
                    args.len(),
                    if args.len() == 1 { " " } else { "s " }
                ),
            );
        }
        let mut types = Vec::new();
        for (i, a) in args.iter_mut().enumerate() {
            let t = self.cook(a, cx)?;
            types.push(t);
            let Some(&p) = fixed.get(i) else { continue };
            let p = p.trim_start_matches('[').trim_end_matches(']');
            if p == "@" {
                continue;
            }
            let want = self.parse_type_str(p, sp)?;
            if !self.arg_compat(want, t, a) {
                return err(
                    ErrTag::D_PROTO_ARG,
                    sp,
                    format!(
                        "{}( ) argument #{} is incompatible with prototype:\n\tprototype: {}\n\t argument: {}",
                        b.name,
                        i + 1,
                        self.types.name(want),
                        self.types.name(t)
                    ),
                );
            }
        }
        Ok(types)
    }

    /// Whether an argument of type `t` may be passed for parameter `want`.
    fn arg_compat(&self, want: TypeId, t: TypeId, e: &Expr) -> bool {
        if self.types.is_integer(want) && self.types.is_integer(t) {
            return true;
        }
        // Integers and pointers are interchangeable as subroutine arguments
        // (addresses are integers in D), as illumos' prototypes allow.
        if self.types.is_integer(want) && self.is_ptrish(t) {
            return true;
        }
        self.assignable(want, t, e)
    }

    /// Assignment compatibility (D's `dt_node_is_argcompat`).
    pub(crate) fn assignable(&self, dst: TypeId, src: TypeId, e: &Expr) -> bool {
        if self.types.is_arith(dst) && self.types.is_arith(src) {
            return true;
        }
        // Strings accept strings, char pointers and arrays, and scalars
        // (addresses), as dt_node_is_argcompat allows.
        if self.types.is_string(dst) {
            return self.is_stringish(src) || self.is_null(e);
        }
        if self.is_char_ptr(dst) && self.types.is_string(src) {
            return true;
        }
        if self.types.is_pointer(dst) && self.is_ptrish(src) {
            return self.ptr_compat(dst, src) || self.is_stringish(src) && self.is_char_ptr(dst);
        }
        if self.types.is_pointer(dst) && self.is_null(e) {
            return true;
        }
        self.same_type(dst, src)
    }

    /// Pointers to compatible types, or either is `void *`.
    pub(crate) fn ptr_compat(&self, a: TypeId, b: TypeId) -> bool {
        let (Some(x), Some(y)) = (self.types.pointee(a), self.types.pointee(b)) else {
            return false;
        };
        self.types.is_void(x) || self.types.is_void(y) || self.same_type(x, y)
    }

    fn is_ptrish(&self, t: TypeId) -> bool {
        self.types.is_pointer(t) || self.types.is_array(t)
    }

    /// Operands `+` and `-` treat as addresses: D lets strings act as
    /// pointers here, but not `void *` or function pointers, whose
    /// element size is unknown.
    fn is_arith_ptr(&self, t: TypeId) -> bool {
        self.types.is_string(t)
            || self.types.is_array(t)
            || self.types.is_pointer(t)
                && !self.types.pointee(t).is_some_and(|p| self.types.is_void(p) || self.types.is_function(p))
    }

    fn is_char_ptr(&self, t: TypeId) -> bool {
        self.types.pointee(t).is_some_and(|p| matches!(self.types.base(p), Type::Int { size: 1, .. }))
    }

    /// `string`, `char *` or `char [N]`.
    pub(crate) fn is_stringish(&self, t: TypeId) -> bool {
        self.types.is_string(t) || self.is_char_ptr(t)
    }

    fn is_null(&self, e: &Expr) -> bool {
        self.fold(e) == Some(0) && e.ty.is_some_and(|t| self.types.is_integer(t))
    }

    fn decay(&mut self, t: TypeId) -> TypeId {
        match self.types.base(t).clone() {
            Type::Array { elem, .. } => self.types.pointer(elem),
            _ => t,
        }
    }

    /// The usual arithmetic conversions, as dt_type_promote makes them: the
    /// operand of greater rank (bits, plus one if unsigned) gives the result
    /// its own type, typedef included; of equal rank, the later-defined base
    /// type wins (D's `long long` over `long`). Enums count as `int`. Unlike
    /// dtrace(1), a result narrower than `int` is `int`, which the code
    /// generator relies on.
    pub(crate) fn promote(&self, a: TypeId, b: TypeId) -> TypeId {
        let size = |t: TypeId| self.types.size_of(t, 0);
        if !(self.types.is_integer(a) && self.types.is_integer(b)) {
            // Floating point: D computes nothing with it; keep the size.
            let n = size(a).max(size(b)).max(4);
            return self.types.int_type(n as u8, true);
        }
        let as_int = |t: TypeId| if matches!(self.types.base(t), Type::Enum { .. }) { self.b.int } else { t };
        let (a, b) = (as_int(a), as_int(b));
        let rank = |t: TypeId| size(t) * 8 + u64::from(!self.types.is_signed(t));
        let pick = match rank(a).cmp(&rank(b)) {
            std::cmp::Ordering::Equal if self.types.resolve(a) < self.types.resolve(b) => b,
            std::cmp::Ordering::Less => b,
            _ => a,
        };
        if size(pick) < 4 {
            self.b.int
        } else {
            pick
        }
    }

    fn check_cast(&mut self, to: TypeId, from: TypeId, sp: Span) -> SResult<()> {
        let scalar = |s: &Self, t| s.types.is_scalar(t) || s.types.is_void(t);
        let ok = (scalar(self, to)
            && (self.types.is_scalar(from) || self.types.is_string(from) && self.types.is_pointer(to)))
            || (self.types.is_string(to)
                && (self.is_stringish(from) || self.is_ptrish(from) || self.types.is_integer(from)))
            || self.same_type(to, from);
        if !ok {
            return err(
                ErrTag::D_CAST_INVAL,
                sp,
                format!("invalid cast expression: \"{}\" to \"{}\"", self.types.name(from), self.types.name(to)),
            );
        }
        Ok(())
    }

    fn sizeof_check(&mut self, t: TypeId, sp: Span) -> SResult<()> {
        if self.types.is_void(t) || self.types.is_function(t) {
            return err(ErrTag::D_SIZEOF_TYPE, sp, "cannot apply sizeof to an operand of unknown size");
        }
        if let Type::Sou { members: None, .. } = self.types.base(t) {
            if !self.complete(self.types.resolve(t)) {
                return err(ErrTag::D_SIZEOF_TYPE, sp, "cannot apply sizeof to an operand of unknown size");
            }
        }
        Ok(())
    }

    fn member_is_bitfield(&mut self, e: &Expr) -> bool {
        let ExprKind::Member { base, name, arrow } = &e.kind else {
            return false;
        };
        let Some(bt) = base.ty else { return false };
        let sou = if *arrow { self.types.pointee(bt).unwrap_or(bt) } else { bt };
        self.find_member(sou, name).is_some_and(|(m, _)| m.bits.is_some())
    }

    /// Finds a member, looking through anonymous struct/union members.
    pub(crate) fn find_member(&mut self, sou: TypeId, name: &str) -> Option<(Member, u64)> {
        let r = self.types.resolve(sou);
        if let Type::Sou { members: None, .. } = self.types.get(r) {
            self.complete(r);
        }
        let Type::Sou { members: Some(ms), .. } = self.types.get(r).clone() else {
            return None;
        };
        for m in &ms {
            if m.name == name {
                return Some((m.clone(), m.bit_offset));
            }
        }
        for m in ms.iter().filter(|m| m.name.is_empty()) {
            if let Some((inner, off)) = self.find_member(m.ty, name) {
                return Some((inner, off + m.bit_offset));
            }
        }
        None
    }

    fn member_type(&mut self, bt: TypeId, name: &str, arrow: bool, sp: Span) -> SResult<TypeId> {
        let sou = if arrow {
            match self.types.base(bt) {
                Type::Pointer(t) => *t,
                Type::Array { elem, .. } => *elem,
                _ => return err(ErrTag::D_OP_PTR, sp, "operator -> must be applied to a pointer"),
            }
        } else {
            bt
        };
        if !self.types.is_sou(sou) {
            let shown = self.types.name(self.types.resolve(sou));
            let msg = if arrow {
                format!("operator -> cannot be applied to pointer to type \"{shown}\"; must be applied to a struct or union pointer")
            } else {
                format!("operator . cannot be applied to type \"{shown}\"; must be applied to a struct or union")
            };
            return err(ErrTag::D_OP_SOU, sp, msg);
        }
        let r = self.types.resolve(sou);
        if let Type::Sou { members: None, .. } = self.types.get(r) {
            if !self.complete(r) {
                let op = if arrow { "->" } else { "." };
                return err(
                    ErrTag::D_OP_INCOMPLETE,
                    sp,
                    format!(
                        "operator {op} cannot be applied to a forward declaration: no {} definition is available{}",
                        self.types.name(r),
                        if self.have_kernel_types() {
                            ""
                        } else {
                            " (no kernel type information: /sys/kernel/btf/vmlinux is not available)"
                        }
                    ),
                );
            }
        }
        match self.find_member(sou, name) {
            Some((m, _)) => Ok(m.ty),
            None => err(ErrTag::D_TYPE_MEMBER, sp, format!("{name} is not a member of {}", self.types.name(r))),
        }
    }

    /// Folds an integer constant expression already cooked.
    pub(crate) fn fold(&self, e: &Expr) -> Option<i64> {
        match &e.kind {
            ExprKind::Int { value, .. } => Some(*value as i64),
            ExprKind::Ident(n) => {
                if let Some((_, v)) = self.enumerators.get(n) {
                    return Some(*v);
                }
                self.inlines.get(n).filter(|i| i.params.is_none()).and_then(|i| self.fold(&i.value))
            }
            ExprKind::Unary(op, a) => {
                let v = self.fold(a)?;
                match op {
                    UnOp::Neg => Some(v.wrapping_neg()),
                    UnOp::Plus => Some(v),
                    UnOp::BitNot => Some(!v),
                    UnOp::Not => Some((v == 0) as i64),
                    _ => None,
                }
            }
            ExprKind::Binary(op, a, b) => {
                let (x, y) = (self.fold(a)?, self.fold(b)?);
                let unsigned = e.ty.is_some_and(|t| !self.types.is_signed(t));
                Some(match op {
                    BinOp::Add => x.wrapping_add(y),
                    BinOp::Sub => x.wrapping_sub(y),
                    BinOp::Mul => x.wrapping_mul(y),
                    BinOp::Div if y == 0 => return None,
                    BinOp::Div if unsigned => ((x as u64) / (y as u64)) as i64,
                    BinOp::Div => x.wrapping_div(y),
                    BinOp::Mod if y == 0 => return None,
                    BinOp::Mod if unsigned => ((x as u64) % (y as u64)) as i64,
                    BinOp::Mod => x.wrapping_rem(y),
                    BinOp::Shl => x.wrapping_shl(y as u32),
                    BinOp::Shr if unsigned => ((x as u64).wrapping_shr(y as u32)) as i64,
                    BinOp::Shr => x.wrapping_shr(y as u32),
                    BinOp::BitAnd => x & y,
                    BinOp::BitOr => x | y,
                    BinOp::BitXor => x ^ y,
                    BinOp::Lt => (x < y) as i64,
                    BinOp::Le => (x <= y) as i64,
                    BinOp::Gt => (x > y) as i64,
                    BinOp::Ge => (x >= y) as i64,
                    BinOp::Eq => (x == y) as i64,
                    BinOp::Ne => (x != y) as i64,
                    BinOp::LogAnd => (x != 0 && y != 0) as i64,
                    BinOp::LogOr => (x != 0 || y != 0) as i64,
                    BinOp::LogXor => ((x != 0) ^ (y != 0)) as i64,
                    BinOp::Comma => y,
                })
            }
            ExprKind::Ternary(c, a, b) => {
                if self.fold(c)? != 0 {
                    self.fold(a)
                } else {
                    self.fold(b)
                }
            }
            ExprKind::Cast(_, a) => {
                let v = self.fold(a)?;
                let t = e.ty?;
                if !self.types.is_integer(t) {
                    return None;
                }
                let bits = self.types.size_of(t, 0) * 8;
                if bits >= 64 {
                    return Some(v);
                }
                let mask = (1i64 << bits) - 1;
                let v = v & mask;
                Some(if self.types.is_signed(t) && v >> (bits - 1) & 1 == 1 { v | !mask } else { v })
            }
            _ => None,
        }
    }
}

fn scope_prefix(scope: VarScope) -> &'static str {
    match scope {
        VarScope::Global => "",
        VarScope::Thread => "self->",
        VarScope::Local => "this->",
    }
}

fn probe_name(p: &Probe) -> String {
    format!("{}:{}:{}:{}", p.provider, p.module, p.function, p.name)
}

/// Whether the running kernel has a symbol called `name` (/proc/kallsyms).
fn kernel_symbol_exists(name: &str) -> bool {
    let Ok(text) = std::fs::read_to_string("/proc/kallsyms") else {
        return false;
    };
    text.lines().any(|l| l.split_whitespace().nth(2) == Some(name))
}

/// Whether `e` calls an action (trace, printf, ...).
fn is_action_call(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call(f, _) => match &f.kind {
            ExprKind::Ident(n) => builtins::lookup(n).is_some_and(|b| b.kind == BuiltinKind::Action),
            _ => false,
        },
        _ => false,
    }
}
