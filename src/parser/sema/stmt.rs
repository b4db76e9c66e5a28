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
use crate::parser::printf::{self, Check};
use crate::parser::types::{Type, TypeId};

/// What a clause has done so far, for the speculation ordering rules.
#[derive(Default)]
struct ActState {
    speculated: bool,
    committed: bool,
    recorded: bool,
}

impl Sema<'_> {
    /// Matches a clause's probe descriptions (parsed and checked for form
    /// by the grammar) against the probes that exist.
    pub(crate) fn clause_probes(&mut self, c: &Clause) -> SResult<ClauseProbes> {
        let mut out = ClauseProbes::default();
        for spec in &c.probes {
            let probes = if !spec.text.is_empty() && spec.text.bytes().all(|b| b.is_ascii_digit()) {
                let id: u32 = spec.text.parse().unwrap_or(u32::MAX);
                match self.catalog.by_id(id) {
                    Some(p) => vec![p],
                    None => {
                        return err(
                            ErrTag::D_PDESC_INVAL,
                            spec.span,
                            format!("invalid probe identifier {id}: Unknown probe identifier"),
                        );
                    }
                }
            } else {
                let desc = match pdesc::parse(&spec.text) {
                    Ok(d) => d,
                    Err(e) => {
                        return err(
                            ErrTag::D_PDESC_INVAL,
                            spec.span,
                            format!("invalid probe description \"{}\": {e}", spec.text),
                        );
                    }
                };
                let probes = self.catalog.matching(&desc);
                if probes.is_empty() && !self.opts.zdefs {
                    return err(
                        ErrTag::D_PDESC_ZERO,
                        spec.span,
                        format!("probe description {desc} does not match any probes"),
                    );
                }
                probes
            };
            out.specs.push((spec.text.clone(), probes));
        }
        Ok(out)
    }

    /// Checks one clause the way dtrace(1) does: the actions are cooked
    /// (typed) first and then the predicate, so a predicate may use a
    /// variable the actions assign; only when the actions use a variable
    /// not yet known is the predicate cooked first. Then the actions'
    /// own rules (formats, speculation order, aggregation arguments) apply.
    pub(crate) fn clause(&mut self, c: &mut Clause, probes: &ClauseProbes) -> SResult<()> {
        let all: Vec<Probe> = probes.specs.iter().flat_map(|(_, p)| p.iter().cloned()).collect();
        let pdesc = c
            .probes
            .first()
            .map(|p| pdesc::parse(&p.text).map(|d| d.to_string()).unwrap_or_else(|_| p.text.clone()))
            .unwrap_or_default();
        let mut cx = Cx { place: Where::Clause, probes: &all, pdesc: &pdesc, bindings: &[] };
        self.pending_cg = None;
        let in_region = |r: &'static str| {
            move |mut e: crate::parser::CompileError| {
                e.region = Some(r);
                e
            }
        };
        match self.cook_actions(c, &mut cx).map_err(in_region("action list")) {
            Err(e) if matches!(e.tag, ErrTag::D_IDENT_UNDEF | ErrTag::D_VAR_UNDEF) => {
                self.cook_predicate(c, &mut cx).map_err(in_region("predicate"))?;
                self.cook_actions(c, &mut cx).map_err(in_region("action list"))?;
            }
            Err(e) => return Err(e),
            Ok(()) => self.cook_predicate(c, &mut cx).map_err(in_region("predicate"))?,
        }
        let mut st = ActState::default();
        if let Some(body) = &mut c.body {
            self.compile_statements(body, &mut st)?;
        }
        match self.pending_cg.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn cook_predicate(&mut self, c: &mut Clause, cx: &mut Cx) -> SResult<()> {
        if let Some(pred) = &mut c.pred {
            let t = self.cook(pred, cx)?;
            if !self.types.is_scalar(t) {
                // Raised while checking the clause itself: its line.
                return err(ErrTag::D_PRED_SCALAR, c.span, "predicate result must be of scalar type");
            }
        }
        Ok(())
    }

    fn cook_actions(&mut self, c: &mut Clause, cx: &mut Cx) -> SResult<()> {
        match &mut c.body {
            Some(body) => self.cook_statements(body, cx),
            None => Ok(()),
        }
    }

    fn cook_statements(&mut self, body: &mut [Stmt], cx: &mut Cx) -> SResult<()> {
        for s in body {
            match s {
                Stmt::Empty => {}
                Stmt::Block(b) => self.cook_statements(b, cx)?,
                Stmt::If { cond, then, els, .. } => {
                    let t = self.cook(cond, cx)?;
                    if !self.types.is_scalar(t) {
                        return err(ErrTag::D_OP_SCALAR, cond.span, "operator ?: expression must be of scalar type");
                    }
                    self.cook_statements(then, cx)?;
                    if let Some(e) = els {
                        self.cook_statements(e, cx)?;
                    }
                }
                Stmt::Expr(e) => self.cook_statement(e, cx)?,
            }
        }
        Ok(())
    }

    fn compile_statements(&mut self, body: &mut [Stmt], st: &mut ActState) -> SResult<()> {
        for s in body {
            match s {
                Stmt::Empty => {}
                Stmt::Block(b) => self.compile_statements(b, st)?,
                Stmt::If { then, els, .. } => {
                    self.compile_statements(then, st)?;
                    if let Some(e) = els {
                        self.compile_statements(e, st)?;
                    }
                }
                Stmt::Expr(e) => self.compile_statement(e, st)?,
            }
        }
        Ok(())
    }

    /// Types one statement: an aggregation, an action call or an expression.
    fn cook_statement(&mut self, e: &mut Expr, cx: &mut Cx) -> SResult<()> {
        let sp = e.span;
        match &mut e.kind {
            ExprKind::Assign(AssignOp(None), lhs, rhs) if agg_target(lhs).is_some() => {
                let name = agg_target(lhs).unwrap_or_default();
                if let ExprKind::Index(base, _) = &lhs.kind {
                    if matches!(base.kind, ExprKind::Index(..)) {
                        return err(
                            ErrTag::D_AGG_MDIM,
                            sp,
                            format!("improper attempt to reference @{name} as a multi-dimensional array"),
                        );
                    }
                }
                let keys: &mut [Expr] = match &mut lhs.kind {
                    ExprKind::Index(_, k) => k,
                    _ => &mut [],
                };
                self.cook_aggregation(&name, keys, rhs, sp, cx)
            }
            ExprKind::Call(callee, args) if is_action(callee) => {
                let Some(b) = action_name(callee).and_then(builtins::lookup) else { return Ok(()) };
                if takes_aggregations(b.name) {
                    // printa/clear/trunc/... check their own arguments later;
                    // here the ordinary expressions among them are typed and
                    // the aggregations looked up.
                    for a in args.iter_mut() {
                        match &a.kind {
                            ExprKind::Agg(n) if !self.aggs.contains_key(n) => {
                                return err(
                                    ErrTag::D_IDENT_UNDEF,
                                    a.span,
                                    format!("failed to resolve @{n}: Unknown variable name"),
                                );
                            }
                            ExprKind::Agg(_) => {}
                            _ => {
                                self.cook(a, cx)?;
                            }
                        }
                    }
                    return Ok(());
                }
                if matches!(b.name, "stack" | "ustack" | "jstack") {
                    // Their argument rules (dt_action_stack_args) come later;
                    // the arguments are ordinary expressions.
                    for a in args.iter_mut() {
                        self.cook(a, cx)?;
                    }
                    e.ty = Some(self.parse_type_str("stack", sp)?);
                    return Ok(());
                }
                let types = self.check_proto(b, args, sp, cx)?;
                let ret = b.return_type().unwrap_or("void");
                let _ = types;
                e.ty = Some(self.parse_type_str(ret, sp)?);
                Ok(())
            }
            ExprKind::Agg(_) => Ok(()),
            ExprKind::Index(base, _) if matches!(base.kind, ExprKind::Agg(_)) => Ok(()),
            _ => self.cook(e, cx).map(|_| ()),
        }
    }

    /// Applies an action's or aggregation's own rules, in statement order.
    fn compile_statement(&mut self, e: &mut Expr, st: &mut ActState) -> SResult<()> {
        let sp = e.span;
        match &mut e.kind {
            ExprKind::Assign(AssignOp(None), lhs, rhs) if agg_target(lhs).is_some() => {
                if st.committed {
                    return err(ErrTag::D_AGG_COMM, sp, "aggregating actions may not follow commit( )");
                }
                if st.speculated {
                    return err(ErrTag::D_AGG_SPEC, sp, "aggregating actions may not follow speculate( )");
                }
                let ExprKind::Call(callee, args) = &rhs.kind else {
                    return Ok(());
                };
                let f = action_name(callee).unwrap_or_default().to_string();
                let types: Vec<TypeId> = args.iter().map(|a| a.ty.unwrap_or(self.b.void)).collect();
                self.agg_args(&f, args, &types, rhs.span)?;
                let name = agg_target(lhs).unwrap_or_default();
                self.agg_params_match(&name, &f, args, rhs.span)
            }
            ExprKind::Call(callee, args) if is_action(callee) => match action_name(callee).and_then(builtins::lookup) {
                Some(b) => self.action(b, args, sp, st),
                None => self.data_record(sp, st, true),
            },
            ExprKind::Agg(name) if !self.aggs.contains_key(name) => {
                err(ErrTag::D_IDENT_UNDEF, sp, format!("failed to resolve @{name}: Unknown variable name"))
            }
            ExprKind::Agg(name) => err(ErrTag::D_AGG_NULL, sp, format!("expression has null effect: @{name}")),
            ExprKind::Index(base, _) if matches!(base.kind, ExprKind::Agg(_)) => {
                let name = agg_target(base).unwrap_or_default();
                err(ErrTag::D_AGG_NULL, sp, format!("expression has null effect: @{name}"))
            }
            // Assignments and increments record nothing; any other
            // expression statement traces its value.
            ExprKind::Assign(..) | ExprKind::Unary(UnOp::PreInc | UnOp::PreDec | UnOp::PostInc | UnOp::PostDec, _) => {
                Ok(())
            }
            _ => self.data_record(sp, st, true),
        }
    }

    /// A data-recording action: forbidden after commit().
    fn data_record(&mut self, sp: Span, st: &mut ActState, records: bool) -> SResult<()> {
        if st.committed {
            return err(ErrTag::D_DREC_COMM, sp, "data-recording actions may not follow commit( )");
        }
        if records {
            st.recorded = true;
        }
        Ok(())
    }

    /// `@name[keys] = f(args)`: the function, its prototype, the keys, and
    /// consistency with earlier uses of the aggregation.
    fn cook_aggregation(
        &mut self,
        name: &str,
        keys: &mut [Expr],
        rhs: &mut Expr,
        sp: Span,
        cx: &mut Cx,
    ) -> SResult<()> {
        let func = match &rhs.kind {
            ExprKind::Call(callee, _) => {
                action_name(callee).and_then(builtins::lookup).filter(|b| b.kind == BuiltinKind::Aggregating)
            }
            _ => None,
        };
        let Some(func) = func else {
            return err(
                ErrTag::D_AGG_FUNC,
                sp,
                format!("@{name} must be assigned the result of an aggregating function"),
            );
        };
        let mut key_types = Vec::new();
        for (i, k) in keys.iter_mut().enumerate() {
            let t = self.cook_agg_key(k, cx)?;
            if self.types.is_void(t) {
                return err(
                    ErrTag::D_KEY_TYPE,
                    k.span,
                    format!("{} expression may not be used as aggregation index: key #{}", self.types.name(t), i + 1),
                );
            }
            key_types.push(t);
        }
        let ExprKind::Call(_, args) = &mut rhs.kind else {
            return Ok(());
        };
        self.check_proto(func, args, sp, cx)?;
        rhs.ty = Some(self.b.void);
        match self.aggs.get(name) {
            Some(prev) if prev.func != func.name => err(
                ErrTag::D_AGG_REDEF,
                sp,
                format!(
                    "aggregation redefined: @{name}\n\t current: @{name} = {}( )\n\tprevious: @{name} = {}( ) : line {}",
                    func.name, prev.func, prev.line
                ),
            ),
            Some(prev) => {
                let prev = prev.clone();
                self.check_keys(&format!("@{name}[ ]"), &prev.keys, keys, &key_types, sp)
            }
            None => {
                self.aggs.insert(name.to_string(), Agg { func: func.name, keys: key_types, line: sp.line, params: None });
                Ok(())
            }
        }
    }

    /// An aggregation key: any expression, or one of the actions that yield
    /// a value usable as a key (`stack()`, `func(pc)`, `ustack()`, ...).
    fn cook_agg_key(&mut self, k: &mut Expr, cx: &mut Cx) -> SResult<TypeId> {
        let sp = k.span;
        if let ExprKind::Call(callee, args) = &mut k.kind {
            let b = action_name(callee).and_then(builtins::lookup);
            if let Some(b) = b.filter(|b| {
                matches!(
                    b.name,
                    "stack" | "ustack" | "jstack" | "func" | "sym" | "mod" | "ufunc" | "usym" | "umod" | "uaddr"
                )
            }) {
                self.check_proto(b, args, sp, cx)?;
                if b.name == "stack" && args.first().is_some_and(|a| self.fold(a).is_none_or(|n| n <= 0)) {
                    return err(
                        ErrTag::D_STACK_SIZE,
                        sp,
                        "stack( ) size must be a non-zero positive integral constant expression",
                    );
                }
                let t = self.parse_type_str(b.return_type().unwrap_or("void"), sp)?;
                k.ty = Some(t);
                return Ok(t);
            }
        }
        self.cook(k, cx)
    }

    /// Checks keys against an established key signature.
    pub(crate) fn check_keys(
        &self,
        what: &str,
        want: &[TypeId],
        keys: &[Expr],
        got: &[TypeId],
        sp: Span,
    ) -> SResult<()> {
        if want.len() != got.len() {
            return err(
                ErrTag::D_PROTO_LEN,
                sp,
                format!(
                    "{what} prototype mismatch: {} key{}passed, {} expected",
                    got.len(),
                    if got.len() == 1 { " " } else { "s " },
                    want.len()
                ),
            );
        }
        for (i, ((w, g), k)) in want.iter().zip(got).zip(keys).enumerate() {
            let ok = self.same_type(*w, *g)
                || (self.types.is_integer(*w) && self.types.is_integer(*g))
                || (self.is_stringish(*w) && self.is_stringish(*g))
                || self.assignable(*w, *g, k);
            if !ok {
                return err(
                    ErrTag::D_PROTO_ARG,
                    sp,
                    format!(
                        "{what} key #{} is incompatible with prototype:\n\tprototype: {}\n\t      key: {}",
                        i + 1,
                        self.types.name(*w),
                        self.types.name(*g)
                    ),
                );
            }
        }
        Ok(())
    }

    /// Argument rules of the aggregating functions beyond their prototypes
    /// (dt_compile_agg). lquantize/llquantize number their parameters
    /// after the value: the base is "argument #1".
    fn agg_args(&mut self, f: &str, args: &[Expr], types: &[TypeId], sp: Span) -> SResult<()> {
        if f != "count" {
            if let Some(&t) = types.first() {
                if !self.types.is_scalar(t) {
                    return err(ErrTag::D_AGG_SCALAR, sp, format!("{f}( ) argument #1 must be of scalar type"));
                }
            }
        }
        let konst = |s: &Self, i: usize| args.get(i).and_then(|a| s.fold(a));
        let incr_at = match f {
            "quantize" => 1,
            "lquantize" => 4,
            "llquantize" => 5,
            _ => usize::MAX,
        };
        if let Some(&t) = types.get(incr_at) {
            if !self.types.is_scalar(t) {
                return err(
                    ErrTag::D_PROTO_ARG,
                    sp,
                    format!("{f}( ) increment value (argument #{}) must be of scalar type", incr_at + 1),
                );
            }
        }
        if incr_at != usize::MAX && args.len() > incr_at + 1 {
            return err(
                ErrTag::D_PROTO_LEN,
                sp,
                format!("{f}( ) prototype mismatch: {} args passed, at most {} expected", args.len(), incr_at + 1),
            );
        }
        match f {
            "lquantize" => {
                let Some(base) = konst(self, 1) else {
                    return err(ErrTag::D_LQUANT_BASETYPE, sp, "lquantize( ) argument #1 must be an integer constant");
                };
                if base != base as i32 as i64 {
                    return err(ErrTag::D_LQUANT_BASEVAL, sp, "lquantize( ) argument #1 must be a 32-bit quantity");
                }
                let Some(limit) = konst(self, 2) else {
                    return err(ErrTag::D_LQUANT_LIMTYPE, sp, "lquantize( ) argument #2 must be an integer constant");
                };
                if limit != limit as i32 as i64 {
                    return err(ErrTag::D_LQUANT_LIMVAL, sp, "lquantize( ) argument #2 must be a 32-bit quantity");
                }
                if limit < base {
                    return err(
                        ErrTag::D_LQUANT_MISMATCH,
                        sp,
                        "lquantize( ) base (argument #1) must be less than limit (argument #2)",
                    );
                }
                let step = match args.get(3) {
                    None => 1,
                    Some(a) => match self.fold(a) {
                        Some(v) if v > 0 => v,
                        _ => {
                            return err(
                                ErrTag::D_LQUANT_STEPTYPE,
                                sp,
                                "lquantize( ) argument #3 must be a non-zero positive integer constant",
                            );
                        }
                    },
                };
                if step > u16::MAX as i64 {
                    return err(ErrTag::D_LQUANT_STEPVAL, sp, "lquantize( ) argument #3 must be a 16-bit quantity");
                }
                let levels = (limit - base) / step;
                if levels == 0 {
                    return err(
                        ErrTag::D_LQUANT_STEPLARGE,
                        sp,
                        "lquantize( ) step (argument #3) too large: must have at least one quantization level",
                    );
                }
                if levels > u16::MAX as i64 {
                    return err(ErrTag::D_LQUANT_STEPSMALL, sp, "lquantize( ) step (argument #3) too small: number of quantization levels must be a 16-bit quantity");
                }
                Ok(())
            }
            "llquantize" => {
                let params = [
                    (ErrTag::D_LLQUANT_FACTORTYPE, ErrTag::D_LLQUANT_FACTORVAL, "factor"),
                    (ErrTag::D_LLQUANT_LOWTYPE, ErrTag::D_LLQUANT_LOWVAL, "low magnitude"),
                    (ErrTag::D_LLQUANT_HIGHTYPE, ErrTag::D_LLQUANT_HIGHVAL, "high magnitude"),
                    (ErrTag::D_LLQUANT_NSTEPTYPE, ErrTag::D_LLQUANT_NSTEPVAL, "linear steps per magnitude"),
                ];
                let mut v = [0i64; 4];
                for (i, (ttag, vtag, what)) in params.iter().enumerate() {
                    let Some(n) = konst(self, i + 1) else {
                        return err(
                            *ttag,
                            sp,
                            format!("llquantize( ) argument #{} ({what}) must be an integer constant", i + 1),
                        );
                    };
                    if !(0..=u16::MAX as i64).contains(&n) {
                        return err(
                            *vtag,
                            sp,
                            format!("llquantize( ) argument #{} ({what}) must be an unsigned 16-bit quantity", i + 1),
                        );
                    }
                    v[i] = n;
                }
                let [factor, low, high, nsteps] = v;
                if factor < 2 {
                    return err(
                        ErrTag::D_LLQUANT_FACTORSMALL,
                        sp,
                        "llquantize( ) factor (argument #1) must be two or more",
                    );
                }
                if low >= high {
                    return err(
                        ErrTag::D_LLQUANT_MAGRANGE,
                        sp,
                        "llquantize( ) high magnitude (argument #3) must be greater than low magnitude (argument #2)",
                    );
                }
                if factor > nsteps {
                    return err(ErrTag::D_LLQUANT_FACTORNSTEPS, sp, "llquantize( ) factor (argument #1) must be less than or equal to the number of linear steps per magnitude (argument #4)");
                }
                if nsteps % factor != 0 || !divides_power(nsteps, factor) {
                    return err(ErrTag::D_LLQUANT_FACTOREVEN, sp, "llquantize( ) factor (argument #1) must evenly divide the number of steps per magnitude (argument #4), and the number of steps per magnitude must evenly divide a power of the factor");
                }
                let overflows = (0..=high).try_fold(1u64, |acc, _| acc.checked_mul(factor as u64)).is_none();
                if overflows {
                    return err(ErrTag::D_LLQUANT_MAGTOOBIG, sp, format!("llquantize( ) factor ({factor}) raised to power of high magnitude ({high}) overflows 64-bits"));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// lquantize/llquantize parameters must be the same at every use of an
    /// aggregation (the first use fixes them).
    fn agg_params_match(&mut self, name: &str, f: &str, args: &[Expr], sp: Span) -> SResult<()> {
        let names: &[(&str, ErrTag)] = match f {
            "lquantize" => &[
                ("base", ErrTag::D_LQUANT_MATCHBASE),
                ("limit", ErrTag::D_LQUANT_MATCHLIM),
                ("step", ErrTag::D_LQUANT_MATCHSTEP),
            ],
            "llquantize" => &[
                ("factor", ErrTag::D_LLQUANT_FACTORMATCH),
                ("low magnitude", ErrTag::D_LLQUANT_LOWMATCH),
                ("high magnitude", ErrTag::D_LLQUANT_HIGHMATCH),
                ("linear steps per magnitude", ErrTag::D_LLQUANT_NSTEPMATCH),
            ],
            _ => return Ok(()),
        };
        let now: Vec<i64> = (0..names.len()).map(|i| args.get(i + 1).and_then(|a| self.fold(a)).unwrap_or(1)).collect();
        let Some(agg) = self.aggs.get_mut(name) else {
            return Ok(());
        };
        match &agg.params {
            None => agg.params = Some(now),
            Some(prev) => {
                for (i, ((what, tag), (p, n))) in names.iter().zip(prev.iter().zip(&now)).enumerate() {
                    if p != n {
                        return err(
                            *tag,
                            sp,
                            format!("{f}( ) {what} (argument #{}) doesn't match previous declaration: expected {p}, found {n}", i + 1),
                        );
                    }
                }
            }
        }
        Ok(())
    }

    /// An action's own rules (dt_compile_fun and the dt_action_* checks),
    /// with its arguments already typed.
    fn action(&mut self, b: &'static builtins::Builtin, args: &mut [Expr], sp: Span, st: &mut ActState) -> SResult<()> {
        let name = b.name;
        let types: Vec<TypeId> = args.iter().map(|a| a.ty.unwrap_or(self.b.void)).collect();
        match name {
            "speculate" => {
                if st.speculated {
                    return err(ErrTag::D_SPEC_SPEC, sp, "speculate( ) may not follow speculate( )");
                }
                if st.committed {
                    return err(ErrTag::D_SPEC_COMM, sp, "speculate( ) may not follow commit( )");
                }
                if st.recorded {
                    return err(ErrTag::D_SPEC_DREC, sp, "speculate( ) may not follow data-recording action(s)");
                }
                st.speculated = true;
                return Ok(());
            }
            // discard() only drops a buffer: it has no ordering rules.
            "discard" => return Ok(()),
            "commit" => {
                if st.committed {
                    return err(ErrTag::D_COMM_COMM, sp, "commit( ) may not follow commit( )");
                }
                if st.recorded {
                    return err(ErrTag::D_COMM_DREC, sp, "commit( ) may not follow data-recording action(s)");
                }
                st.committed = true;
                return Ok(());
            }
            "exit" if st.speculated => return err(ErrTag::D_EXIT_SPEC, sp, "exit( ) may not follow speculate( )"),
            _ => {}
        }
        if b.is_destructive() && st.speculated {
            return err(ErrTag::D_ACT_SPEC, sp, "destructive actions may not follow speculate( )");
        }
        match name {
            "printa" => self.printa(args, sp)?,
            "clear" | "trunc" | "normalize" | "denormalize" => self.agg_action(name, args, sp)?,
            "printf" | "system" | "freopen" => {
                if !matches!(args.first().map(|a| &a.kind), Some(ExprKind::Str(_))) {
                    let t = types.first().map(|t| self.types.name(*t)).unwrap_or_default();
                    return err(
                        ErrTag::D_PRINTF_ARG_FMT,
                        sp,
                        format!("{name}( ) argument #1 is incompatible with prototype:\n\tprototype: string constant\n\t argument: {t}"),
                    );
                }
                self.printf_format(name, args, &types, sp, true, None)?;
            }
            "trace" | "print" => {
                if types.first().is_some_and(|t| self.types.is_void(*t)) {
                    let tag = if name == "trace" { ErrTag::D_TRACE_VOID } else { ErrTag::D_PRINT_VOID };
                    return err(tag, sp, format!("{name}( ) may not be applied to a void expression"));
                }
                if args.first().is_some_and(|a| {
                    matches!(&a.kind, ExprKind::Xlate(..)) && a.ty.is_some_and(|t| self.types.is_pointer(t))
                }) {
                    let tag = if name == "trace" { ErrTag::D_TRACE_DYN } else { ErrTag::D_PRINT_DYN };
                    return err(tag, sp, format!("{name}( ) may not be applied to a translated pointer"));
                }
            }
            "tracemem" => {
                if let Some(&t) = types.first() {
                    if !(self.types.is_integer(t) || self.types.is_pointer(t) || self.types.is_array(t)) {
                        return err(
                            ErrTag::D_TRACEMEM_ADDR,
                            sp,
                            format!("tracemem( ) argument #1 is incompatible with prototype:\n\tprototype: pointer or integer\n\t argument: {}", self.types.name(t)),
                        );
                    }
                }
                if args.get(1).and_then(|a| self.fold(a)).is_none_or(|n| n <= 0) {
                    return err(
                        ErrTag::D_TRACEMEM_SIZE,
                        sp,
                        "tracemem( ) argument #2 must be a non-zero positive integral constant expression",
                    );
                }
                if let Some(&t) = types.get(2) {
                    if !self.types.is_scalar(t) {
                        return err(
                            ErrTag::D_TRACEMEM_DYNSIZE,
                            sp,
                            "tracemem ( ) dynamic size (argument #3) must be of scalar type",
                        );
                    }
                }
            }
            "stack" => {
                if args.len() > 1 {
                    return err(ErrTag::D_STACK_PROTO, sp, "stack( ) prototype mismatch: too many arguments");
                }
                if args.first().is_some_and(|a| self.fold(a).is_none_or(|n| n <= 0)) {
                    return err(
                        ErrTag::D_STACK_SIZE,
                        sp,
                        "stack( ) size must be a non-zero positive integral constant expression",
                    );
                }
            }
            "ustack" | "jstack" => {
                if args.len() > 2 {
                    return err(ErrTag::D_USTACK_PROTO, sp, "ustack( ) prototype mismatch: too many arguments");
                }
                if args.first().is_some_and(|a| self.fold(a).is_none_or(|n| n <= 0)) {
                    return err(
                        ErrTag::D_USTACK_FRAMES,
                        sp,
                        "ustack( ) argument #1 must be a non-zero positive integer constant",
                    );
                }
                if args.get(1).is_some_and(|a| self.fold(a).is_none_or(|n| n < 0)) {
                    return err(
                        ErrTag::D_USTACK_STRSIZE,
                        sp,
                        "ustack( ) argument #2 must be a positive integer constant",
                    );
                }
            }
            _ => {}
        }
        // Actions that only change state record nothing.
        let records = !matches!(
            name,
            "exit"
                | "setopt"
                | "breakpoint"
                | "panic"
                | "stop"
                | "raise"
                | "chill"
                | "clear"
                | "trunc"
                | "normalize"
                | "denormalize"
        );
        self.data_record(sp, st, records)
    }

    /// `printa([fmt,] @a, ...)`.
    fn printa(&mut self, args: &[Expr], sp: Span) -> SResult<()> {
        let has_fmt = matches!(args.first().map(|a| &a.kind), Some(ExprKind::Str(_)));
        let required = if has_fmt { 2 } else { 1 };
        if args.len() < required {
            return err(
                ErrTag::D_PRINTA_PROTO,
                sp,
                format!("printa( ) prototype mismatch: {} args passed, {required} expected", args.len()),
            );
        }
        let mut aggs = Vec::new();
        for (i, a) in args.iter().enumerate().skip(required - 1) {
            let ExprKind::Agg(name) = &a.kind else {
                let t = a.ty.map(|t| self.types.name(t)).unwrap_or_default();
                return err(
                    ErrTag::D_PRINTA_AGGARG,
                    sp,
                    format!("printa( ) argument #{} is incompatible with prototype:\n\tprototype: aggregation\n\t argument: {t}", i + 1),
                );
            };
            let Some(agg) = self.aggs.get(name) else {
                return err(ErrTag::D_PRINTA_AGGBAD, sp, format!("undefined aggregation: @{name}"));
            };
            aggs.push((name.clone(), agg.keys.clone()));
        }
        if let Some((first, fkeys)) = aggs.first() {
            for (other, okeys) in aggs.iter().skip(1) {
                if okeys.len() != fkeys.len() {
                    let pl = |n: usize| if n == 1 { "" } else { "s" };
                    return err(
                        ErrTag::D_PRINTA_AGGKEY,
                        sp,
                        format!(
                            "printa( ): @{first} and @{other} do not have matching key signatures: @{first} has {} key{}, @{other} has {} key{}",
                            fkeys.len(),
                            pl(fkeys.len()),
                            okeys.len(),
                            pl(okeys.len())
                        ),
                    );
                }
                for (k, (a, b)) in fkeys.iter().zip(okeys).enumerate() {
                    if !(self.same_type(*a, *b) || self.types.is_integer(*a) && self.types.is_integer(*b)) {
                        return err(
                            ErrTag::D_PRINTA_AGGPROTO,
                            sp,
                            format!(
                                "printa( ): @{other}[ ] key #{n} is incompatible with @{first}:\n{first:>9} key #{n}: {}\n{other:>9} key #{n}: {}",
                                self.types.name(*a),
                                self.types.name(*b),
                                first = format!("@{first}"),
                                other = format!("@{other}"),
                                n = k + 1
                            ),
                        );
                    }
                }
            }
        }
        if has_fmt {
            // The format's conversions take the first aggregation's keys in
            // turn; `%@` takes its value.
            let mut types = vec![self.b.void];
            types.extend(aggs.first().map(|(_, k)| k.clone()).unwrap_or_default());
            let func = aggs.first().and_then(|(n, _)| self.aggs.get(n)).map_or("count", |a| a.func);
            self.printf_format("printa", args, &types, sp, false, Some(func))?;
        }
        Ok(())
    }

    /// `clear(@a)`, `trunc(@a[, n])`, `normalize(@a, n)`, `denormalize(@a)`.
    fn agg_action(&mut self, name: &str, args: &[Expr], sp: Span) -> SResult<()> {
        let (proto_tag, argt_tag, bad_tag, scalar_tag) = match name {
            "clear" => (ErrTag::D_CLEAR_PROTO, ErrTag::D_CLEAR_AGGARG, ErrTag::D_CLEAR_AGGBAD, ErrTag::D_CLEAR_PROTO),
            "trunc" => (ErrTag::D_TRUNC_PROTO, ErrTag::D_TRUNC_AGGARG, ErrTag::D_TRUNC_AGGBAD, ErrTag::D_TRUNC_SCALAR),
            _ => (
                ErrTag::D_NORMALIZE_PROTO,
                ErrTag::D_NORMALIZE_AGGARG,
                ErrTag::D_NORMALIZE_AGGBAD,
                ErrTag::D_NORMALIZE_SCALAR,
            ),
        };
        let n = args.len();
        let bad_count = match name {
            "clear" | "denormalize" => (n != 1).then(|| "1".to_string()),
            "normalize" => (n != 2).then(|| "2".to_string()),
            _ => match n {
                0 => Some("at least 1".to_string()),
                1 | 2 => None,
                _ => Some("no more than 2".to_string()),
            },
        };
        if let Some(expected) = bad_count {
            return err(proto_tag, sp, format!("{name}( ) prototype mismatch: {n} args passed, {expected} expected"));
        }
        let ExprKind::Agg(agg) = &args[0].kind else {
            let t = args[0].ty.map(|t| self.types.name(t)).unwrap_or_default();
            return err(
                argt_tag,
                sp,
                format!(
                    "{name}( ) argument #1 is incompatible with prototype:\n\tprototype: aggregation\n\t argument: {t}"
                ),
            );
        };
        if !self.aggs.contains_key(agg) {
            return err(bad_tag, sp, format!("undefined aggregation: @{agg}"));
        }
        if let Some(t) = args.get(1).and_then(|a| a.ty) {
            if !self.types.is_scalar(t) {
                return err(scalar_tag, sp, format!("{name}( ) argument #2 must be of scalar type"));
            }
        }
        Ok(())
    }

    /// Checks a printf-family format against its arguments (dt_printf_validate).
    /// `exact`: every argument must be consumed (printf, system, freopen).
    /// `agg_func`: for printa, the first aggregation's function, which
    /// types what `%@` prints.
    fn printf_format(
        &mut self,
        func: &str,
        args: &[Expr],
        types: &[TypeId],
        sp: Span,
        exact: bool,
        agg_func: Option<&str>,
    ) -> SResult<()> {
        let ExprKind::Str(fmt) = &args[0].kind else {
            return Ok(());
        };
        if fmt.is_empty() {
            if func == "freopen" {
                // freopen("") restores the original output.
                return Ok(());
            }
            return err(ErrTag::D_PRINTF_FMT_EMPTY, sp, format!("{func}( ) format string is empty"));
        }
        let pieces =
            printf::parse(fmt).map_err(|m| crate::parser::CompileError::new(ErrTag::D_SYNTAX, Some(sp.line), m))?;
        // `types[0]` is the format itself (printa: a placeholder before the
        // keys): arguments are numbered from 1 with it, as dtrace(1) does.
        let mut argi = 1;
        for c in pieces.iter().filter_map(|p| match p {
            printf::Piece::Conv(c) => Some(c),
            printf::Piece::Lit(_) => None,
        }) {
            let Some(conv) = c.entry() else { continue };
            if conv.check == Check::Percent {
                continue;
            }
            for (star, text) in [(c.dyn_width, "*"), (c.dyn_prec, ".*")] {
                if !star {
                    continue;
                }
                let Some(&t) = types.get(argi) else {
                    return err(
                        ErrTag::D_PRINTF_DYN_PROTO,
                        sp,
                        format!("{func}( ) prototype mismatch: conversion #{} (%{}) is missing a corresponding \"{text}\" argument", c.index, c.name),
                    );
                };
                if !self.types.is_integer(t) {
                    return err(
                        ErrTag::D_PRINTF_DYN_TYPE,
                        sp,
                        format!(
                            "{func}( ) argument #{} is incompatible with conversion #{} prototype:\n\tconversion: % {text} {}\n\t prototype: int\n\t  argument: {}",
                            argi + 1,
                            c.index,
                            c.name,
                            self.types.name(t)
                        ),
                    );
                }
                argi += 1;
            }
            let (what, t) = if c.agg {
                let Some(f) = agg_func else {
                    return err(
                        ErrTag::D_PRINTF_AGG_CONV,
                        sp,
                        format!("%@ conversion requires an aggregation and is not for use with {func}( )"),
                    );
                };
                // The value of every aggregating function but count() is
                // signed.
                let name = if f == "count" { "uint64_t" } else { "int64_t" };
                ("aggregating action".to_string(), self.parse_type_str(name, sp)?)
            } else {
                let Some(&t) = types.get(argi) else {
                    return err(
                        ErrTag::D_PRINTF_ARG_PROTO,
                        sp,
                        format!(
                            "{func}( ) prototype mismatch: conversion #{} (%{}) is missing a corresponding value argument",
                            c.index, c.name
                        ),
                    );
                };
                argi += 1;
                (format!("argument #{argi}"), t)
            };
            if !self.conv_accepts(conv, t, sp)? {
                return err(
                    ErrTag::D_PRINTF_ARG_TYPE,
                    sp,
                    format!(
                        "{func}( ) {what} is incompatible with conversion #{} prototype:\n\tconversion: %{}\n\t prototype: {}\n\t  argument: {}",
                        c.index,
                        c.name,
                        conv.proto,
                        self.types.name(t)
                    ),
                );
            }
        }
        if exact && argi < types.len() {
            return err(
                ErrTag::D_PRINTF_ARG_EXTRA,
                sp,
                format!("{func}( ) prototype mismatch: only {} arguments required by this format string", argi - 1),
            );
        }
        Ok(())
    }

    /// Whether conversion `conv` takes a value of type `t` (the pfcheck_*
    /// functions).
    fn conv_accepts(&mut self, conv: &printf::Conv, t: TypeId, sp: Span) -> SResult<bool> {
        let stack = self.parse_type_str("stack", sp)?;
        let usymaddr = self.parse_type_str("_usymaddr", sp)?;
        let ty = &self.types;
        let int = ty.is_integer(t);
        // dt_node_is_pointer counts arrays; strings are not pointers.
        let ptr = ty.is_pointer(t) || ty.is_array(t);
        // The resolved type's name as illumos CTF spells base types.
        let base_name = || match ty.base(t) {
            Type::Int { name, .. } => Some(canonical_int_name(name)),
            _ => None,
        };
        Ok(match conv.check {
            Check::Addr => ptr || int,
            // A `_symaddr` is an integer too (a typedef of uint64_t).
            Check::KernelAddr => ptr || int,
            Check::UserAddr => t == usymaddr || self.opts.target.is_some_and(|p| p != 0) && (ptr || int),
            Check::Stack => t == stack,
            Check::Time => int && ty.size_of(t, 0) == 8,
            Check::Str => {
                ty.is_string(t)
                    || matches!(ty.base(t), Type::Array { elem, .. } if matches!(ty.base(*elem),
                        Type::Int { name, size: 1, signed: true } if matches!(canonical_int_name(name).as_str(), "char" | "signed char")))
            }
            Check::WideStr => {
                matches!(ty.base(t), Type::Array { elem, .. } if matches!(ty.base(*elem), Type::Int { size: 4, .. }))
            }
            Check::CharShortInt => int && ty.size_of(t, 0) <= 4,
            Check::Float => matches!(ty.base(t), Type::Float { .. }),
            Check::Int | Check::SignedInt => int,
            Check::AnyShort => base_name().is_some_and(|n| matches!(n.as_str(), "short" | "unsigned short")),
            Check::AnyLong => base_name().is_some_and(|n| matches!(n.as_str(), "long" | "unsigned long")),
            Check::AnyLongLong => {
                base_name().is_some_and(|n| matches!(n.as_str(), "long long" | "unsigned long long")) || {
                    // Typedefs only: a qualifier ends the walk, as in
                    // pfcheck_xlonglong.
                    let mut id = t;
                    let mut found = false;
                    for _ in 0..64 {
                        let Type::Typedef { name, target } = ty.get(id) else { break };
                        if name == "int64_t" || name == "uint64_t" {
                            found = true;
                            break;
                        }
                        id = *target;
                    }
                    found
                }
            }
            Check::Type => match ty.base(t) {
                Type::Int { name, .. } => canonical_int_name(name) == conv.proto,
                Type::Float { name, .. } => name == conv.proto,
                _ => false,
            },
            Check::Percent => true,
        })
    }
}

/// An integer type's name as illumos CTF spells it, which is what
/// ctf_type_compat compares: Linux BTF says `long unsigned int` where
/// illumos says `unsigned long`. `signed` is dropped except on `char`
/// (D's `signed short` is `short`), and `int` after a size.
fn canonical_int_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let longs = words.iter().filter(|w| **w == "long").count();
    let size = match longs {
        0 if has("short") => "short",
        0 if has("char") => "char",
        0 if has("int") || has("signed") || has("unsigned") => "int",
        0 => return name.to_string(),
        1 => "long",
        _ => "long long",
    };
    match (has("unsigned"), size) {
        (true, _) => format!("unsigned {size}"),
        (false, "char") if has("signed") => "signed char".to_string(),
        (false, _) => size.to_string(),
    }
}

/// Whether `nsteps` divides some power of `factor` (llquantize's rule).
fn divides_power(nsteps: i64, factor: i64) -> bool {
    let mut p: i64 = factor;
    for _ in 0..64 {
        if p % nsteps == 0 {
            return true;
        }
        match p.checked_mul(factor) {
            Some(n) => p = n,
            None => return false,
        }
    }
    false
}

/// The aggregation an assignment's left side names (`@a` or `@a[...]`).
fn agg_target(lhs: &Expr) -> Option<String> {
    match &lhs.kind {
        ExprKind::Agg(n) => Some(n.clone()),
        ExprKind::Index(base, _) => agg_target(base),
        _ => None,
    }
}

/// The name of a called identifier.
fn action_name(callee: &Expr) -> Option<&str> {
    match &callee.kind {
        ExprKind::Ident(n) => Some(n),
        _ => None,
    }
}

/// Whether a callee names an action (as opposed to a subroutine, which is
/// an ordinary expression).
fn is_action(callee: &Expr) -> bool {
    action_name(callee).and_then(builtins::lookup).is_some_and(|b| b.kind == BuiltinKind::Action)
}

/// Actions whose arguments include aggregations.
fn takes_aggregations(name: &str) -> bool {
    matches!(name, "printa" | "clear" | "trunc" | "normalize" | "denormalize")
}

impl Sema<'_> {
    /// The checks dtrace(1) makes while parsing a clause, before any clause
    /// is typed: function names, literal division by zero, and integer
    /// constants that fit no type.
    pub(crate) fn parse_time_checks(&mut self, c: &Clause) -> SResult<()> {
        if let Some(p) = &c.pred {
            self.parse_time_expr(p)?;
        }
        if let Some(body) = &c.body {
            self.parse_time_stmts(body)?;
        }
        Ok(())
    }

    fn parse_time_stmts(&mut self, body: &[Stmt]) -> SResult<()> {
        for s in body {
            match s {
                Stmt::Empty => {}
                Stmt::Block(b) => self.parse_time_stmts(b)?,
                Stmt::If { cond, then, els, .. } => {
                    self.parse_time_expr(cond)?;
                    self.parse_time_stmts(then)?;
                    if let Some(e) = els {
                        self.parse_time_stmts(e)?;
                    }
                }
                Stmt::Expr(e) => self.parse_time_expr(e)?,
            }
        }
        Ok(())
    }

    fn parse_time_expr(&mut self, e: &Expr) -> SResult<()> {
        let sp = e.span;
        match &e.kind {
            ExprKind::Int { value, suffix, decimal } => {
                self.int_literal_type(*value, *suffix, *decimal, sp)?;
            }
            ExprKind::Str(_) | ExprKind::Ident(_) | ExprKind::SelfVar(_) | ExprKind::ThisVar(_) | ExprKind::Agg(_) => {}
            ExprKind::SizeofType(_) | ExprKind::Offsetof(..) => {}
            ExprKind::Unary(_, a) | ExprKind::Cast(_, a) | ExprKind::SizeofExpr(a) | ExprKind::Stringof(a) => {
                self.parse_time_expr(a)?;
            }
            ExprKind::Xlate(_, a) | ExprKind::Member { base: a, .. } => self.parse_time_expr(a)?,
            ExprKind::Binary(op, a, b) => {
                self.parse_time_expr(a)?;
                self.parse_time_expr(b)?;
                if matches!(op, BinOp::Div | BinOp::Mod) && is_zero_literal(b) {
                    return err(ErrTag::D_DIV_ZERO, sp, "expression contains division by zero");
                }
            }
            ExprKind::Assign(op, a, b) => {
                self.parse_time_expr(a)?;
                self.parse_time_expr(b)?;
                if matches!(op.0, Some(BinOp::Div | BinOp::Mod)) && is_zero_literal(b) {
                    return err(ErrTag::D_DIV_ZERO, sp, "expression contains division by zero");
                }
            }
            ExprKind::Ternary(c, a, b) => {
                self.parse_time_expr(c)?;
                self.parse_time_expr(a)?;
                self.parse_time_expr(b)?;
            }
            ExprKind::Index(b, keys) => {
                self.parse_time_expr(b)?;
                for k in keys {
                    self.parse_time_expr(k)?;
                }
            }
            ExprKind::Call(callee, args) => {
                let ExprKind::Ident(name) = &callee.kind else {
                    return err(ErrTag::D_FUNC_IDENT, sp, "function designator is not of function type");
                };
                match builtins::lookup(name) {
                    Some(b) if b.is_function() => {}
                    Some(b) => {
                        let kind = if b.kind == BuiltinKind::Array { "associative array" } else { "scalar" };
                        return err(
                            ErrTag::D_FUNC_IDKIND,
                            sp,
                            format!("{kind} '{name}' may not be referenced as a function"),
                        );
                    }
                    None => {
                        if let Some(kind) = self.global_kind(name) {
                            return err(
                                ErrTag::D_FUNC_IDKIND,
                                sp,
                                format!("{kind} '{name}' may not be referenced as a function"),
                            );
                        }
                        return err(ErrTag::D_FUNC_UNDEF, sp, format!("undefined function name: {name}"));
                    }
                }
                for a in args {
                    self.parse_time_expr(a)?;
                }
            }
        }
        Ok(())
    }

    /// How dtrace(1) names the kind of a global identifier already declared.
    fn global_kind(&self, name: &str) -> Option<&'static str> {
        if let Some(v) = self.lookup_var(super::VarScope::Global, name) {
            return Some(if v.keys.is_some() { "associative array" } else { "scalar" });
        }
        if self.inlines.contains_key(name) {
            return Some("scalar");
        }
        if self.enumerators.contains_key(name) {
            return Some("enumerator");
        }
        None
    }
}

fn is_zero_literal(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Int { value: 0, .. })
}

#[cfg(test)]
mod tests {
    use super::canonical_int_name;

    #[test]
    fn btf_integer_names_compare_as_illumos_spells_them() {
        for (btf, d) in [
            ("long int", "long"),
            ("long unsigned int", "unsigned long"),
            ("long long int", "long long"),
            ("long long unsigned int", "unsigned long long"),
            ("short int", "short"),
            ("short unsigned int", "unsigned short"),
            ("unsigned int", "unsigned int"),
            ("int", "int"),
            ("char", "char"),
            ("signed char", "signed char"),
            ("unsigned char", "unsigned char"),
            ("_Bool", "_Bool"),
        ] {
            assert_eq!(canonical_int_name(btf), d, "{btf}");
        }
    }
}
