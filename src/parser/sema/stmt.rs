//! Clauses: probe descriptions and what they match, predicates, actions,
//! aggregations, the ordering rules of speculations, and printf-style
//! formats. Messages follow illumos `dt_cc.c` and `dt_printf.c`.

use super::expr::{Cx, Where};
use super::{err, Agg, ClauseProbes, SResult, Sema};
use crate::consumer::probes::Probe;
use crate::parser::ast::*;
use crate::parser::builtins::{self, BuiltinKind};
use crate::parser::errtags::ErrTag;
use crate::parser::pdesc;
use crate::parser::types::TypeId;

/// What a clause has done so far, for the speculation ordering rules.
#[derive(Default)]
struct ActState {
    speculated: bool,
    committed: bool,
    recorded: bool,
}

impl Sema<'_> {
    /// Parses and matches a clause's probe descriptions.
    pub(crate) fn clause_probes(&mut self, c: &Clause) -> SResult<ClauseProbes> {
        let mut out = ClauseProbes::default();
        for spec in &c.probes {
            let probes = if !spec.text.is_empty() && spec.text.bytes().all(|b| b.is_ascii_digit()) {
                let id: u32 = spec.text.parse().unwrap_or(u32::MAX);
                match self.catalog.by_id(id) {
                    Some(p) => vec![p],
                    None if self.opts.zdefs => vec![],
                    None => {
                        return err(ErrTag::D_PDESC_ZERO, spec.span, format!("probe description {id} does not match any probes"));
                    }
                }
            } else {
                let desc = match pdesc::parse(&spec.text) {
                    Ok(d) => d,
                    Err(e) => {
                        return err(ErrTag::D_PDESC_INVAL, spec.span, format!("invalid probe description \"{}\": {e}", spec.text));
                    }
                };
                let probes = self.catalog.matching(&desc);
                if probes.is_empty() && !self.opts.zdefs {
                    return err(ErrTag::D_PDESC_ZERO, spec.span, format!("probe description {desc} does not match any probes"));
                }
                probes
            };
            out.specs.push((spec.text.clone(), probes));
        }
        Ok(out)
    }

    /// Checks one clause: predicate, then statements in order.
    pub(crate) fn clause(&mut self, c: &mut Clause, probes: &ClauseProbes) -> SResult<()> {
        let all: Vec<Probe> = probes.specs.iter().flat_map(|(_, p)| p.iter().cloned()).collect();
        let pdesc = c
            .probes
            .first()
            .map(|p| pdesc::parse(&p.text).map(|d| d.to_string()).unwrap_or_else(|_| p.text.clone()))
            .unwrap_or_default();
        let mut cx = Cx { place: Where::Clause, probes: &all, pdesc: &pdesc, xlate_input: None };
        if let Some(pred) = &mut c.pred {
            let t = self.cook(pred, &mut cx)?;
            if !(self.types.is_scalar(t) || self.types.is_string(t)) {
                return err(ErrTag::D_PRED_SCALAR, pred.span, "predicate result must be of scalar type");
            }
        }
        let mut st = ActState::default();
        if let Some(body) = &mut c.body {
            self.statements(body, &mut cx, &mut st)?;
        }
        Ok(())
    }

    fn statements(&mut self, body: &mut [Stmt], cx: &mut Cx, st: &mut ActState) -> SResult<()> {
        for s in body {
            match s {
                Stmt::Empty => {}
                Stmt::Block(b) => self.statements(b, cx, st)?,
                Stmt::If { cond, then, els, .. } => {
                    let t = self.cook(cond, cx)?;
                    if !(self.types.is_scalar(t) || self.types.is_string(t)) {
                        return err(ErrTag::D_OP_SCALAR, cond.span, "if condition must be of scalar type");
                    }
                    self.statements(then, cx, st)?;
                    if let Some(e) = els {
                        self.statements(e, cx, st)?;
                    }
                }
                Stmt::Expr(e) => self.statement(e, cx, st)?,
            }
        }
        Ok(())
    }

    /// One expression statement: an action, an aggregation or an expression.
    fn statement(&mut self, e: &mut Expr, cx: &mut Cx, st: &mut ActState) -> SResult<()> {
        let sp = e.span;
        // @a[...] = f(...)
        if let ExprKind::Assign(AssignOp(None), lhs, rhs) = &mut e.kind {
            let agg = match &mut lhs.kind {
                ExprKind::Agg(name) => Some((name.clone(), Vec::new())),
                ExprKind::Index(base, keys) => match &base.kind {
                    ExprKind::Agg(name) => Some((name.clone(), std::mem::take(keys))),
                    ExprKind::Index(inner, _) if matches!(inner.kind, ExprKind::Agg(_)) => {
                        return err(ErrTag::D_AGG_MDIM, sp, "aggregations may not be used as multi-dimensional arrays");
                    }
                    _ => None,
                },
                _ => None,
            };
            if let Some((name, mut keys)) = agg {
                let r = self.aggregation(&name, &mut keys, rhs, sp, cx, st);
                if let ExprKind::Index(_, k) = &mut lhs.kind {
                    *k = keys;
                }
                return r;
            }
        }
        if let ExprKind::Call(callee, args) = &mut e.kind {
            if let ExprKind::Ident(name) = &callee.kind {
                if let Some(b) = builtins::lookup(name).filter(|b| b.kind == BuiltinKind::Action) {
                    let t = self.action(b, args, sp, cx, st)?;
                    e.ty = Some(t);
                    return Ok(());
                }
            }
        }
        if let ExprKind::Agg(name) = &e.kind {
            return err(ErrTag::D_AGG_NULL, sp, format!("expression has null effect: @{name}"));
        }
        self.cook(e, cx)?;
        self.data_record(sp, st)
    }

    /// A data-recording statement: forbidden after commit().
    fn data_record(&mut self, sp: Span, st: &mut ActState) -> SResult<()> {
        if st.committed {
            return err(ErrTag::D_DREC_COMM, sp, "data-recording actions may not follow commit( )");
        }
        st.recorded = true;
        Ok(())
    }

    fn aggregation(
        &mut self,
        name: &str,
        keys: &mut [Expr],
        rhs: &mut Expr,
        sp: Span,
        cx: &mut Cx,
        st: &mut ActState,
    ) -> SResult<()> {
        let func = match &rhs.kind {
            ExprKind::Call(callee, _) => match &callee.kind {
                ExprKind::Ident(f) => builtins::lookup(f).filter(|b| b.kind == BuiltinKind::Aggregating),
                _ => None,
            },
            _ => None,
        };
        let Some(func) = func else {
            return err(ErrTag::D_AGG_FUNC, sp, format!("@{name} must be assigned the result of an aggregating function"));
        };
        if st.speculated {
            return err(ErrTag::D_AGG_SPEC, sp, "aggregating actions may not follow speculate( )");
        }
        if st.committed {
            return err(ErrTag::D_AGG_COMM, sp, "aggregating actions may not follow commit( )");
        }
        let mut key_types = Vec::new();
        for k in keys.iter_mut() {
            let t = self.cook(k, cx)?;
            key_types.push(self.key_type(t, k.span)?);
        }
        let ExprKind::Call(_, args) = &mut rhs.kind else { return Ok(()) };
        let types = self.check_proto(func, args, sp, cx)?;
        self.agg_args(func.name, args, &types, sp)?;
        rhs.ty = Some(self.b.void);
        match self.aggs.get(name) {
            Some(prev) if prev.func != func.name => {
                return err(
                    ErrTag::D_AGG_REDEF,
                    sp,
                    format!("aggregation redefined: @{name}\n\t current: {}( )\n\tprevious: {}( )", func.name, prev.func),
                );
            }
            Some(prev) => {
                let same = prev.keys.len() == key_types.len()
                    && prev.keys.iter().zip(&key_types).all(|(a, b)| {
                        self.same_type(*a, *b)
                            || (self.types.is_integer(*a) && self.types.is_integer(*b))
                            || (self.is_stringish(*a) && self.is_stringish(*b))
                    });
                if !same {
                    return err(
                        ErrTag::D_ARR_BADREF,
                        sp,
                        format!("@{name}[ ] key signature mismatch: {} key{} used, {} expected", key_types.len(), if key_types.len() == 1 { "" } else { "s" }, prev.keys.len()),
                    );
                }
            }
            None => {
                self.aggs.insert(name.to_string(), Agg { func: func.name, keys: key_types, line: sp.line });
            }
        }
        Ok(())
    }

    /// Argument rules of the aggregating functions beyond their prototypes.
    fn agg_args(&mut self, f: &str, args: &[Expr], types: &[TypeId], sp: Span) -> SResult<()> {
        if f != "count" {
            if let Some(&t) = types.first() {
                if !self.types.is_scalar(t) {
                    return err(ErrTag::D_AGG_SCALAR, sp, format!("{f}( ) argument #1 must be of scalar type"));
                }
            }
        }
        match f {
            "lquantize" => {
                let konst = |s: &Self, i: usize| args.get(i).and_then(|a| s.fold(a));
                let (Some(base), Some(limit)) = (konst(self, 1), konst(self, 2)) else {
                    let which = if konst(self, 1).is_none() { (ErrTag::D_LQUANT_BASETYPE, 2) } else { (ErrTag::D_LQUANT_LIMTYPE, 3) };
                    return err(which.0, sp, format!("lquantize( ) argument #{} must be an integer constant", which.1));
                };
                if base < i32::MIN as i64 || base > i32::MAX as i64 {
                    return err(ErrTag::D_LQUANT_BASEVAL, sp, format!("lquantize( ) argument #2 must be a 32-bit quantity"));
                }
                if limit < i32::MIN as i64 || limit > i32::MAX as i64 {
                    return err(ErrTag::D_LQUANT_LIMVAL, sp, format!("lquantize( ) argument #3 must be a 32-bit quantity"));
                }
                let step = match args.get(3) {
                    Some(a) => match self.fold(a) {
                        Some(s) => s,
                        None => return err(ErrTag::D_LQUANT_STEPTYPE, sp, "lquantize( ) argument #4 must be an integer constant"),
                    },
                    None => 1,
                };
                if step <= 0 || step > u16::MAX as i64 {
                    return err(ErrTag::D_LQUANT_STEPVAL, sp, "lquantize( ) argument #4 must be a 16-bit quantity");
                }
                if limit <= base {
                    return err(ErrTag::D_LQUANT_MISMATCH, sp, format!("lquantize( ) base (argument #2) must be less than limit (argument #3)"));
                }
                if (limit - base) / step > u16::MAX as i64 {
                    return err(ErrTag::D_LQUANT_STEPLARGE, sp, format!("lquantize( ) step (argument #4) too small: number of levels exceeds {}", u16::MAX));
                }
                if (limit - base) < step {
                    return err(ErrTag::D_LQUANT_STEPSMALL, sp, "lquantize( ) step (argument #4) too large: must have at least one level");
                }
                Ok(())
            }
            "llquantize" => {
                let konst = |s: &Self, i: usize| args.get(i).and_then(|a| s.fold(a));
                let Some(factor) = konst(self, 1) else {
                    return err(ErrTag::D_LLQUANT_FACTORTYPE, sp, "llquantize( ) argument #2 (factor) must be an integer constant");
                };
                if !(2..=u16::MAX as i64).contains(&factor) {
                    return err(ErrTag::D_LLQUANT_FACTORVAL, sp, "llquantize( ) argument #2 (factor) must be between 2 and 65535");
                }
                let Some(low) = konst(self, 2) else {
                    return err(ErrTag::D_LLQUANT_LOWTYPE, sp, "llquantize( ) argument #3 (low magnitude) must be an integer constant");
                };
                if !(0..=u16::MAX as i64).contains(&low) {
                    return err(ErrTag::D_LLQUANT_LOWVAL, sp, "llquantize( ) argument #3 (low magnitude) must be a 16-bit quantity");
                }
                let Some(high) = konst(self, 3) else {
                    return err(ErrTag::D_LLQUANT_HIGHTYPE, sp, "llquantize( ) argument #4 (high magnitude) must be an integer constant");
                };
                if !(0..=u16::MAX as i64).contains(&high) {
                    return err(ErrTag::D_LLQUANT_HIGHVAL, sp, "llquantize( ) argument #4 (high magnitude) must be a 16-bit quantity");
                }
                if high < low {
                    return err(ErrTag::D_LLQUANT_MAGRANGE, sp, "llquantize( ) argument #4 (high magnitude) must be at least argument #3 (low magnitude)");
                }
                if (factor as f64).powi(high as i32 + 1) > u64::MAX as f64 {
                    return err(ErrTag::D_LLQUANT_MAGTOOBIG, sp, format!("llquantize( ) factor ({factor}) raised to power of high magnitude ({high}) plus 1 overflows 64-bits"));
                }
                let Some(nsteps) = konst(self, 4) else {
                    return err(ErrTag::D_LLQUANT_NSTEPTYPE, sp, "llquantize( ) argument #5 (number of steps) must be an integer constant");
                };
                if !(1..=u16::MAX as i64).contains(&nsteps) {
                    return err(ErrTag::D_LLQUANT_NSTEPVAL, sp, "llquantize( ) argument #5 (number of steps) must be a 16-bit quantity");
                }
                if nsteps < factor && factor % nsteps != 0 {
                    return err(ErrTag::D_LLQUANT_FACTORNSTEPS, sp, "llquantize( ) argument #5 (number of steps) must evenly divide argument #2 (factor) when steps<factor");
                }
                if nsteps > factor && nsteps % factor != 0 {
                    return err(ErrTag::D_LLQUANT_FACTOREVEN, sp, "llquantize( ) argument #5 (number of steps) must be a multiple of argument #2 (factor) when steps>factor");
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// An action statement.
    fn action(
        &mut self,
        b: &'static builtins::Builtin,
        args: &mut [Expr],
        sp: Span,
        cx: &mut Cx,
        st: &mut ActState,
    ) -> SResult<TypeId> {
        let name = b.name;
        match name {
            "speculate" => {
                if st.speculated {
                    return err(ErrTag::D_SPEC_SPEC, sp, "only one speculate( ) may be specified per enabling");
                }
                if st.committed {
                    return err(ErrTag::D_SPEC_COMM, sp, "speculate( ) may not follow commit( )");
                }
                if st.recorded {
                    return err(ErrTag::D_SPEC_DREC, sp, "speculate( ) must precede all data-recording actions");
                }
                self.check_proto(b, args, sp, cx)?;
                st.speculated = true;
                return Ok(self.b.void);
            }
            "commit" | "discard" => {
                if st.committed && name == "commit" {
                    return err(ErrTag::D_COMM_COMM, sp, "commit( ) may not follow commit( )");
                }
                if st.recorded && name == "commit" {
                    return err(ErrTag::D_COMM_DREC, sp, "commit( ) may not follow data-recording actions");
                }
                self.check_proto(b, args, sp, cx)?;
                st.committed = true;
                return Ok(self.b.void);
            }
            "exit" if st.speculated => {
                return err(ErrTag::D_EXIT_SPEC, sp, "exit( ) may not follow speculate( )");
            }
            _ => {}
        }
        if b.is_destructive() && st.speculated {
            return err(ErrTag::D_ACT_SPEC, sp, "destructive actions may not follow speculate( )");
        }
        match name {
            "printa" => return self.printa(args, sp, cx, st),
            "clear" | "trunc" | "normalize" | "denormalize" => {
                return self.agg_action(b, args, sp, cx);
            }
            _ => {}
        }
        let types = match name {
            "printf" | "system" => {
                // The format is checked before the prototype, as dt_printf does.
                if args.is_empty() {
                    return err(ErrTag::D_PROTO_LEN, sp, format!("{name}( ) prototype mismatch: 0 args passed, at least 1 expected"));
                }
                let types = self.check_proto(b, args, sp, cx)?;
                self.printf_format(name, args, &types, sp, false)?;
                types
            }
            _ => self.check_proto(b, args, sp, cx)?,
        };
        match name {
            "trace" | "print" => {
                if let Some(&t) = types.first() {
                    if self.types.is_void(t) {
                        return err(ErrTag::D_TRACE_VOID, sp, format!("{name}( ) may not be applied to a void expression"));
                    }
                }
            }
            "tracemem" => {
                if let Some(&t) = types.first() {
                    if !(self.types.is_integer(t) || self.types.is_pointer(t) || self.types.is_array(t)) {
                        return err(ErrTag::D_TRACEMEM_ADDR, sp, "tracemem( ) argument #1 is incompatible with prototype:\n\tprototype: pointer or integer\n\t argument: ".to_string() + &self.types.name(t));
                    }
                }
                match args.get(1).and_then(|a| self.fold(a)) {
                    Some(n) if n > 0 => {}
                    _ => return err(ErrTag::D_TRACEMEM_SIZE, sp, "tracemem( ) argument #2 must be a non-zero positive integral constant expression"),
                }
            }
            "stack" | "ustack" | "jstack" => {
                if let Some(a) = args.first() {
                    if self.fold(a).is_none_or(|n| n <= 0) {
                        let tag = if name == "stack" { ErrTag::D_STACK_SIZE } else { ErrTag::D_USTACK_FRAMES };
                        return err(tag, sp, format!("{name}( ) argument #1 must be a non-zero positive integral constant expression"));
                    }
                }
                if let Some(a) = args.get(1) {
                    if self.fold(a).is_none_or(|n| n <= 0) {
                        return err(ErrTag::D_USTACK_STRSIZE, sp, format!("{name}( ) argument #2 must be a non-zero positive integral constant expression"));
                    }
                }
            }
            _ => {}
        }
        if !matches!(name, "exit" | "setopt" | "breakpoint" | "panic" | "stop" | "raise" | "chill") {
            self.data_record(sp, st)?;
        }
        let ret = b.return_type().unwrap_or("void");
        self.parse_type_str(ret, sp)
    }

    /// `printa([fmt,] @a, ...)`.
    fn printa(&mut self, args: &mut [Expr], sp: Span, cx: &mut Cx, st: &mut ActState) -> SResult<TypeId> {
        if args.is_empty() {
            return err(ErrTag::D_PRINTA_PROTO, sp, "printa( ) prototype mismatch: 0 args passed, at least 1 expected");
        }
        let has_fmt = matches!(args[0].kind, ExprKind::Str(_));
        let first_agg = if has_fmt { 1 } else { 0 };
        if !has_fmt && !matches!(args[0].kind, ExprKind::Agg(_)) {
            let t = self.cook(&mut args[0], cx)?;
            return err(
                ErrTag::D_PRINTA_PROTO,
                sp,
                format!("printa( ) argument #1 is incompatible with prototype:\n\tprototype: string or aggregation\n\t argument: {}", self.types.name(t)),
            );
        }
        if has_fmt && args.len() < 2 {
            return err(ErrTag::D_PRINTA_PROTO, sp, "printa( ) prototype mismatch: 1 arg passed, at least 2 expected");
        }
        if has_fmt {
            self.cook(&mut args[0], cx)?;
        }
        for (i, a) in args.iter_mut().enumerate().skip(first_agg) {
            let ExprKind::Agg(name) = &a.kind else {
                let t = self.cook(a, cx)?;
                return err(
                    ErrTag::D_PRINTA_AGGARG,
                    sp,
                    format!("printa( ) argument #{} is incompatible with prototype:\n\tprototype: aggregation\n\t argument: {}", i + 1, self.types.name(t)),
                );
            };
            if !self.aggs.contains_key(name) {
                return err(ErrTag::D_PRINTA_AGGBAD, sp, format!("undefined aggregation: @{name}"));
            }
            a.ty = Some(self.b.void);
        }
        if has_fmt {
            let types: Vec<TypeId> = args.iter().map(|a| a.ty.unwrap_or(self.b.void)).collect();
            self.printf_format("printa", args, &types, sp, true)?;
        }
        self.data_record(sp, st)?;
        Ok(self.b.void)
    }

    /// `clear(@a)`, `trunc(@a[, n])`, `normalize(@a, n)`, `denormalize(@a)`.
    fn agg_action(&mut self, b: &'static builtins::Builtin, args: &mut [Expr], sp: Span, cx: &mut Cx) -> SResult<TypeId> {
        let name = b.name;
        let (proto_tag, argt_tag, bad_tag, scalar_tag) = match name {
            "clear" => (ErrTag::D_CLEAR_PROTO, ErrTag::D_CLEAR_AGGARG, ErrTag::D_CLEAR_AGGBAD, ErrTag::D_CLEAR_PROTO),
            "trunc" => (ErrTag::D_TRUNC_PROTO, ErrTag::D_TRUNC_AGGARG, ErrTag::D_TRUNC_AGGBAD, ErrTag::D_TRUNC_SCALAR),
            "normalize" => {
                (ErrTag::D_NORMALIZE_PROTO, ErrTag::D_NORMALIZE_AGGARG, ErrTag::D_NORMALIZE_AGGBAD, ErrTag::D_NORMALIZE_SCALAR)
            }
            _ => (ErrTag::D_NORMALIZE_PROTO, ErrTag::D_NORMALIZE_AGGARG, ErrTag::D_NORMALIZE_AGGBAD, ErrTag::D_NORMALIZE_SCALAR),
        };
        let (min, max) = match name {
            "clear" | "denormalize" => (1, 1),
            "trunc" => (1, 2),
            _ => (2, 2),
        };
        if args.len() < min || args.len() > max {
            let expected = if min == max { min.to_string() } else { format!("{min} or {max}") };
            return err(
                proto_tag,
                sp,
                format!("{name}( ) prototype mismatch: {} arg{} passed, {expected} expected", args.len(), if args.len() == 1 { "" } else { "s" }),
            );
        }
        let ExprKind::Agg(agg) = &args[0].kind else {
            let t = self.cook(&mut args[0], cx)?;
            return err(
                argt_tag,
                sp,
                format!("{name}( ) argument #1 is incompatible with prototype:\n\tprototype: aggregation\n\t argument: {}", self.types.name(t)),
            );
        };
        if !self.aggs.contains_key(agg) {
            return err(bad_tag, sp, format!("undefined aggregation: @{agg}"));
        }
        args[0].ty = Some(self.b.void);
        if let Some(a) = args.get_mut(1) {
            let t = self.cook(a, cx)?;
            if !self.types.is_scalar(t) {
                return err(scalar_tag, sp, format!("{name}( ) argument #2 must be of scalar type"));
            }
        }
        Ok(self.b.void)
    }

    /// Checks a printf-family format string against its arguments.
    fn printf_format(&mut self, func: &str, args: &[Expr], types: &[TypeId], sp: Span, printa: bool) -> SResult<()> {
        let ExprKind::Str(fmt) = &args[0].kind else {
            return err(ErrTag::D_PRINTF_ARG_FMT, sp, format!("{func}( ) argument #1 must be a string constant"));
        };
        let fmt = String::from_utf8_lossy(fmt).into_owned();
        if fmt.is_empty() && !printa {
            return err(ErrTag::D_PRINTF_FMT_EMPTY, sp, format!("{func}( ) format string is empty"));
        }
        let convs = match parse_format(&fmt) {
            Ok(c) => c,
            Err(msg) => return err(ErrTag::D_PRINTF_FMT_EMPTY, sp, format!("{func}( ) {msg}")),
        };
        // printa: the values after the format are aggregations; conversions
        // consume the keys, then `%@` the value.
        if printa {
            for c in &convs {
                if c.conv == '@' && c.star_width || c.star_prec {
                    return err(ErrTag::D_PRINTF_DYN_PROTO, sp, format!("{func}( ) dynamic width or precision not permitted"));
                }
            }
            return Ok(());
        }
        let mut argi = 1;
        for (ci, c) in convs.iter().enumerate() {
            if c.conv == '@' {
                return err(ErrTag::D_PRINTF_AGG_CONV, sp, format!("{func}( ) format conversion #{} may only be used with printa( )", ci + 1));
            }
            for star in [c.star_width, c.star_prec] {
                if star {
                    let Some(&t) = types.get(argi) else {
                        return err(
                            ErrTag::D_PRINTF_DYN_PROTO,
                            sp,
                            format!("{func}( ) prototype mismatch: conversion #{} (%{}) is missing a corresponding \"*\" argument", ci + 1, c.text),
                        );
                    };
                    if !self.types.is_integer(t) {
                        return err(
                            ErrTag::D_PRINTF_DYN_TYPE,
                            sp,
                            format!("{func}( ) argument #{} is incompatible with conversion #{} prototype:\n\tconversion: % *\n\t prototype: int\n\t argument: {}", argi + 1, ci + 1, self.types.name(t)),
                        );
                    }
                    argi += 1;
                }
            }
            if c.conv == '%' {
                continue;
            }
            let Some(&t) = types.get(argi) else {
                return err(
                    ErrTag::D_PRINTF_ARG_PROTO,
                    sp,
                    format!("{func}( ) prototype mismatch: conversion #{} (%{}) is missing a corresponding value argument", ci + 1, c.text),
                );
            };
            if let Some(proto) = self.conv_rejects(c, t) {
                return err(
                    ErrTag::D_PRINTF_ARG_TYPE,
                    sp,
                    format!(
                        "{func}( ) argument #{} is incompatible with conversion #{} prototype:\n\tconversion: %{}\n\t prototype: {proto}\n\t argument: {}",
                        argi + 1,
                        ci + 1,
                        c.text,
                        self.types.name(t)
                    ),
                );
            }
            argi += 1;
        }
        if argi < types.len() {
            return err(
                ErrTag::D_PRINTF_ARG_EXTRA,
                sp,
                format!("{func}( ) prototype mismatch: only {} arguments required by this format string", argi),
            );
        }
        Ok(())
    }

    /// `Some(prototype text)` when a conversion cannot print type `t`.
    fn conv_rejects(&self, c: &Conversion, t: TypeId) -> Option<&'static str> {
        let int = self.types.is_integer(t);
        let ptr = self.types.is_pointer(t);
        match c.conv {
            'd' | 'i' | 'o' | 'u' | 'x' | 'X' => (!(int || ptr)).then_some("char, short, int, long, or long long"),
            'c' => (!int).then_some("char, short, int, long, or long long"),
            's' | 'S' => (!(self.is_stringish(t) || self.types.is_array(t))).then_some("char [] or string (or use stringof)"),
            'p' => (!(int || ptr)).then_some("pointer or integer"),
            'a' | 'A' | 'k' => (!(int || ptr)).then_some("pointer or integer"),
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => (!self.types.is_arith(t)).then_some("double"),
            'Y' | 'T' => (!int).then_some("int64_t"),
            _ => None,
        }
    }
}

/// One conversion of a format string.
pub(crate) struct Conversion {
    pub conv: char,
    /// The conversion as written after `%` (for messages).
    pub text: String,
    pub star_width: bool,
    pub star_prec: bool,
}

/// Splits a printf format into its conversions.
pub(crate) fn parse_format(fmt: &str) -> Result<Vec<Conversion>, String> {
    let b: Vec<char> = fmt.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != '%' {
            i += 1;
            continue;
        }
        let start = i + 1;
        i += 1;
        let mut star_width = false;
        let mut star_prec = false;
        while i < b.len() && "#0- +'".contains(b[i]) {
            i += 1;
        }
        if i < b.len() && b[i] == '*' {
            star_width = true;
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i < b.len() && b[i] == '.' {
            i += 1;
            if i < b.len() && b[i] == '*' {
                star_prec = true;
                i += 1;
            }
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        while i < b.len() && "hlLjtzq".contains(b[i]) {
            i += 1;
        }
        let Some(&conv) = b.get(i) else {
            return Err(format!("format conversion #{} is incomplete", out.len() + 1));
        };
        if !"aAcdeEfFgGikopsSuxXYT%@".contains(conv) {
            return Err(format!("format conversion #{} has an invalid conversion specifier %{}", out.len() + 1, b[start..=i].iter().collect::<String>()));
        }
        i += 1;
        let text: String = b[start..i].iter().collect();
        out.push(Conversion { conv, text, star_width, star_prec });
    }
    Ok(out)
}
