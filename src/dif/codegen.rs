//! Code generation: a checked D program becomes DIF objects — one per
//! predicate and one per traced value — grouped into the clauses' actions.
//!
//! Expressions are compiled into registers `%r1`..`%r7` (`%r0` reads zero)
//! allocated like a stack; a clause too deep for eight registers fails with
//! dtrace(1)'s "Insufficient registers to generate code". Branches only go
//! forward, so every DIFO terminates.

use crate::consumer::print::{self, PrintType};
use crate::parser::ast::{AssignOp, BinOp, Clause, Expr, ExprKind, Item, Stmt, UnOp};
use crate::parser::builtins::{self, BuiltinKind};
use crate::parser::errtags::ErrTag;
use crate::parser::sema::{Checked, VarScope};
use crate::parser::types::{TagKind, Type, TypeId};
use crate::parser::CompileError;
use dtrace_core::difo::{DifType, DifVar, Difo};
use dtrace_core::isa::{act, diftype, difv, var, Instr, Op, NREGS};
use std::collections::HashMap;
use std::sync::Arc;

/// A compiled program: its clauses, in order, and the printf-style formats
/// their actions refer to by 1-based index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compiled {
    pub clauses: Vec<ClauseCode>,
    pub formats: Vec<Vec<u8>>,
    /// Each aggregation's id and name (without `@`; `_` for `@`), by id,
    /// for output that names them (`-x json`).
    pub aggregations: Vec<(u32, String)>,
}

/// One clause: the probe descriptions it enables, its predicate, actions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClauseCode {
    pub probes: Vec<String>,
    pub pred: Option<Difo>,
    pub actions: Vec<ActionCode>,
    /// The D clause (index into `Checked::clauses`) this ECB comes from;
    /// `None` for the ERROR clause if/else lowering adds.
    pub origin: Option<usize>,
}

/// One action (a `dtrace_actdesc_t`): what to record and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionCode {
    /// Action kind ([`act`]).
    pub kind: u16,
    /// The value recorded, if any.
    pub difo: Option<Difo>,
    /// Kind-specific argument: a format index (printf, printa), packed
    /// lquantize/llquantize parameters, a frame count (stack).
    pub arg: u64,
    /// Aggregations: the number of key actions just before this one.
    pub ntuple: u32,
    /// Aggregations and the actions on them: the aggregation's id; for
    /// `printa()` with the statement's number above it
    /// ([`dtrace_core::dof::printa_uarg`]).
    pub uarg: u64,
    /// Whether the value's D type is signed (for printing; not in DOF).
    pub signed: bool,
    /// `print()`: the value's D type, for the consumer to print it by
    /// (libdtrace's "module`id" type string; not in DOF).
    pub print: Option<Arc<PrintType>>,
}

/// The message dtrace(1) gives when an expression needs more registers.
const NOREG: &str = "Insufficient registers to generate code";

type GResult<T> = Result<T, CompileError>;

fn unsupported<T>(what: &str, line: u32) -> GResult<T> {
    Err(CompileError::new(ErrTag::D_UNKNOWN, Some(line), format!("code generation for {what} is not yet supported")))
}

/// Compiles every clause of a checked program.
pub fn generate(ck: &Checked) -> GResult<Compiled> {
    let mut g = Gen {
        ck,
        ids: HashMap::new(),
        next: HashMap::new(),
        out: Compiled::default(),
        has_sugar: false,
        printa_statements: 0,
        agg_keys: HashMap::new(),
    };
    let clauses = ck.program.items.iter().filter_map(|i| if let Item::Clause(c) = i { Some(c) } else { None });
    for (origin, c) in clauses.enumerate() {
        let codes = g.clause(c, origin)?;
        g.out.clauses.extend(codes);
    }
    let mut aggs: Vec<(u32, String)> =
        g.ids.iter().filter(|((space, _), _)| *space == Space::Agg).map(|((_, n), id)| (*id, n.clone())).collect();
    aggs.sort();
    g.out.aggregations = aggs;
    Ok(g.out)
}

/// Variable-id bookkeeping shared by all of a program's DIFOs.
struct Gen<'a> {
    ck: &'a Checked,
    /// (scope or aggregation, name) → id.
    ids: HashMap<(Space, String), u32>,
    next: HashMap<Space, u32>,
    out: Compiled,
    /// Whether an if/else clause was lowered (and so the ERROR clause added).
    has_sugar: bool,
    /// `printa()` statements so far: each one's number marks its actions.
    printa_statements: u32,
    /// Each aggregation's key prototype, (action kind, action argument,
    /// record type, signed) per key, as its first use in the program set it.
    agg_keys: HashMap<u64, Vec<(u16, u64, DifType, bool)>>,
}

/// The id namespaces: each D scope, and aggregations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Space {
    Var(VarScope),
    Agg,
}

impl Gen<'_> {
    fn id(&mut self, space: Space, name: &str) -> u32 {
        if let Some(id) = self.ids.get(&(space, name.to_string())) {
            return *id;
        }
        let next = self.next.entry(space).or_insert(var::OTHER_MIN as u32);
        let id = *next;
        *next += 1;
        self.ids.insert((space, name.to_string()), id);
        id
    }

    /// A clause becomes one ECB, or — when its body has `if`/`else` — the
    /// sub-clauses illumos's dt_sugar.c turns it into, so that output, probe
    /// counts and fault behaviour are DTrace's: each run of statements is an
    /// ECB predicated on clause-local conditions (`this->%condition_N`,
    /// evaluated by ECBs of their own), a thread-local `self->%error` set by
    /// an ERROR clause stops the rest of the clause after a fault, and a
    /// first ECB clears it.
    fn clause(&mut self, c: &Clause, origin: usize) -> GResult<Vec<ClauseCode>> {
        let probes: Vec<String> = c.probes.iter().map(|p| p.text.clone()).collect();
        let body: &[Stmt] = c.body.as_deref().unwrap_or(&[]);
        if !body.iter().any(has_if) {
            let pred = match &c.pred {
                Some(p) => Some(self.predicate(p)?),
                None => None,
            };
            let mut actions = Vec::new();
            for s in body {
                self.statement(s, &mut actions)?;
            }
            return Ok(vec![ClauseCode { probes, pred, actions, origin: Some(origin) }]);
        }
        let mut sugar = Sugar { probes, origin, line: c.span.line, out: Vec::new(), conditions: 0 };
        let mut cond = 0;
        if let Some(p) = &c.pred {
            cond = self.new_condition(&mut sugar, p.clone(), 0)?;
        }
        self.sugar_stmts(&mut sugar, body, cond)?;
        let int = self.ck.builtin.int;
        let line = sugar.line;
        let mut clauses = Vec::new();
        if !self.has_sugar {
            // One ERROR clause per session (dt_has_sugar), before the first
            // lowered clause.
            self.has_sugar = true;
            let mut actions = Vec::new();
            self.assign(self.error_var(line), int_lit(1, int, line), &mut actions)?;
            clauses.push(ClauseCode { probes: vec!["dtrace:::ERROR".into()], pred: None, actions, origin: None });
        }
        if sugar.conditions != 0 {
            let mut actions = Vec::new();
            self.assign(self.error_var(line), int_lit(0, int, line), &mut actions)?;
            clauses.push(ClauseCode { probes: sugar.probes.clone(), pred: None, actions, origin: Some(origin) });
        }
        clauses.extend(sugar.out);
        Ok(clauses)
    }

    /// `self->%error`: set when a fault fires ERROR during a lowered clause.
    fn error_var(&self, line: u32) -> Expr {
        let span = crate::parser::ast::Span { lo: 0, hi: 0, line };
        Expr { kind: ExprKind::SelfVar("%error".into()), span, ty: Some(self.ck.builtin.int) }
    }

    /// `this->%condition_N`.
    fn condition_var(&self, n: u32, line: u32) -> Expr {
        let span = crate::parser::ast::Span { lo: 0, hi: 0, line };
        Expr { kind: ExprKind::ThisVar(format!("%condition_{n}")), span, ty: Some(self.ck.builtin.int) }
    }

    /// An action storing `value` into `var`.
    fn assign(&mut self, var: Expr, value: Expr, out: &mut Vec<ActionCode>) -> GResult<()> {
        let int = self.ck.builtin.int;
        let assign = Expr {
            kind: ExprKind::Assign(AssignOp(None), Box::new(var.clone()), Box::new(value)),
            span: var.span,
            ty: Some(int),
        };
        self.difexpr(&assign, false, out)
    }

    /// An ECB `/!self->%error/ { this->%condition_N = (outer && cond); }`
    /// (`1 && cond` at the top, which also makes it a 0/1 int); returns N.
    fn new_condition(&mut self, s: &mut Sugar, cond: Expr, outer: u32) -> GResult<u32> {
        let (int, line) = (self.ck.builtin.int, s.line);
        s.conditions += 1;
        let n = s.conditions;
        let lhs = if outer == 0 { int_lit(1, int, line) } else { self.condition_var(outer, line) };
        let mut actions = Vec::new();
        self.assign(self.condition_var(n, line), bin(BinOp::LogAnd, lhs, cond, int), &mut actions)?;
        let pred = Some(self.predicate(&not(self.error_var(line), int))?);
        s.out.push(ClauseCode { probes: s.probes.clone(), pred, actions, origin: Some(s.origin) });
        Ok(n)
    }

    /// Splits statements into ECBs at each `if`, under condition `cond`
    /// (0: none).
    fn sugar_stmts(&mut self, s: &mut Sugar, body: &[Stmt], cond: u32) -> GResult<()> {
        let mut block: Vec<&Stmt> = Vec::new();
        let mut stmts: Vec<&Stmt> = Vec::new();
        flatten(body, &mut stmts);
        for st in stmts {
            let Stmt::If { cond: test, then, els, .. } = st else {
                block.push(st);
                continue;
            };
            if !block.is_empty() {
                self.basic_block(s, cond, &std::mem::take(&mut block))?;
            }
            let int = self.ck.builtin.int;
            let then_cond = self.new_condition(s, (**test).clone(), cond)?;
            self.sugar_stmts(s, then, then_cond)?;
            if let Some(els) = els {
                let negated = not(self.condition_var(then_cond, s.line), int);
                let else_cond = self.new_condition(s, negated, cond)?;
                self.sugar_stmts(s, els, else_cond)?;
            }
        }
        if !block.is_empty() {
            self.basic_block(s, cond, &block)?;
        }
        Ok(())
    }

    /// An ECB running `stmts` when no fault happened and `cond` holds.
    fn basic_block(&mut self, s: &mut Sugar, cond: u32, stmts: &[&Stmt]) -> GResult<()> {
        let (int, line) = (self.ck.builtin.int, s.line);
        let guard = match cond {
            // The first block of a clause without a predicate runs before
            // anything could fault, so it has no guard.
            0 if s.conditions == 0 => None,
            0 => Some(not(self.error_var(line), int)),
            n => Some(bin(BinOp::LogAnd, not(self.error_var(line), int), self.condition_var(n, line), int)),
        };
        let pred = match guard {
            Some(g) => Some(self.predicate(&g)?),
            None => None,
        };
        let mut actions = Vec::new();
        for st in stmts {
            self.statement(st, &mut actions)?;
        }
        s.out.push(ClauseCode { probes: s.probes.clone(), pred, actions, origin: Some(s.origin) });
        Ok(())
    }

    fn predicate(&mut self, p: &Expr) -> GResult<Difo> {
        let rtype = self.diftype(p.ty);
        let mut a = Asm::new(self);
        let r = a.expr(p)?;
        Ok(a.finish(r, rtype))
    }

    fn statement(&mut self, s: &Stmt, out: &mut Vec<ActionCode>) -> GResult<()> {
        match s {
            Stmt::Empty => Ok(()),
            Stmt::Block(b) => b.iter().try_for_each(|s| self.statement(s, out)),
            Stmt::If { span, .. } => unsupported("nested if/else", span.line),
            Stmt::Expr(e) => self.expr_statement(e, out),
        }
    }

    /// A DIFO computing `e`, with the result type sema gave it.
    fn value(&mut self, e: &Expr) -> GResult<Difo> {
        let mut a = Asm::new(self);
        let r = a.expr(e)?;
        let rtype = a.g.diftype(e.ty);
        Ok(a.finish(r, rtype))
    }

    fn expr_statement(&mut self, e: &Expr, out: &mut Vec<ActionCode>) -> GResult<()> {
        match &e.kind {
            ExprKind::Assign(AssignOp(None), lhs, rhs) if agg_name(lhs).is_some() => self.aggregation(lhs, rhs, out),
            ExprKind::Call(f, args) => match callee(f).and_then(builtins::lookup) {
                Some(b) if b.kind == BuiltinKind::Action => self.action(b, args, e.span.line, out),
                _ => self.difexpr(e, true, out),
            },
            ExprKind::Assign(..) | ExprKind::Unary(UnOp::PreInc | UnOp::PreDec | UnOp::PostInc | UnOp::PostDec, _) => {
                self.difexpr(e, false, out)
            }
            _ => self.difexpr(e, true, out),
        }
    }

    /// An expression statement; assignments record nothing (size 0).
    fn difexpr(&mut self, e: &Expr, records: bool, out: &mut Vec<ActionCode>) -> GResult<()> {
        let mut difo = self.value(e)?;
        if !records {
            difo.rtype.size = 0;
        }
        out.push(ActionCode { kind: act::DIFEXPR, difo: Some(difo), signed: self.signed(e), ..Default::default() });
        Ok(())
    }

    fn format(&mut self, e: &Expr) -> u64 {
        let fmt = match &e.kind {
            ExprKind::Str(s) => s.clone(),
            _ => Vec::new(),
        };
        self.out.formats.push(fmt);
        self.out.formats.len() as u64
    }

    fn action(&mut self, b: &builtins::Builtin, args: &[Expr], line: u32, out: &mut Vec<ActionCode>) -> GResult<()> {
        let kind = b.id;
        match b.name {
            "printf" | "system" | "freopen" => {
                let fmt = args.first().map(|f| self.format(f)).unwrap_or(0);
                if args.len() <= 1 {
                    out.push(ActionCode { kind, arg: fmt, ..Default::default() });
                }
                for a in args.iter().skip(1) {
                    let difo = self.value(a)?;
                    out.push(ActionCode {
                        kind,
                        difo: Some(difo),
                        arg: fmt,
                        signed: self.signed(a),
                        ..Default::default()
                    });
                }
                Ok(())
            }
            "printa" => {
                let (fmt, aggs) = match args.first().map(|a| &a.kind) {
                    Some(ExprKind::Str(_)) => (self.format(&args[0]), &args[1..]),
                    _ => (0, args),
                };
                // One statement number for all of this printa's actions,
                // so the consumer joins them (dof::printa_uarg).
                self.printa_statements += 1;
                let statement = self.printa_statements;
                for a in aggs {
                    let id = self.agg_id(a);
                    let uarg = dtrace_core::dof::printa_uarg(statement, id as u32);
                    out.push(ActionCode { kind, difo: Some(const_difo(id)), arg: fmt, uarg, ..Default::default() });
                }
                Ok(())
            }
            "clear" | "trunc" | "normalize" | "denormalize" => {
                let id = args.first().map(|a| self.agg_id(a)).unwrap_or(0);
                out.push(ActionCode {
                    kind,
                    difo: Some(const_difo(id)),
                    arg: b.libact as u64,
                    uarg: id,
                    ..Default::default()
                });
                // trunc(@a) is trunc(@a, 0), as libdtrace compiles it: the
                // consumer always finds the count after the id.
                let count = match args.get(1) {
                    Some(n) => Some(self.value(n)?),
                    None if b.name == "trunc" => Some(const_difo(0)),
                    None => None,
                };
                if let Some(difo) = count {
                    out.push(ActionCode {
                        kind: act::LIBACT,
                        difo: Some(difo),
                        arg: b.libact as u64,
                        ..Default::default()
                    });
                }
                Ok(())
            }
            "stack" | "ustack" | "jstack" => {
                out.push(ActionCode { kind, arg: stack_arg(args), ..Default::default() });
                Ok(())
            }
            "tracemem" => {
                let size = args.get(1).and_then(const_value).unwrap_or(0);
                // The dynamic size comes first: the consumer prints that many
                // of the bytes the next TRACEMEM record holds (dt_consume.c).
                if let Some(d) = args.get(2) {
                    let difo = self.value(d)?;
                    out.push(ActionCode { kind: act::TRACEMEM_DYNSIZE, difo: Some(difo), ..Default::default() });
                }
                let difo = match args.first() {
                    Some(a) => {
                        // The value is an address: the engine records `size` bytes from it.
                        let mut d = self.value(a)?;
                        d.rtype.flags |= diftype::F_BYREF;
                        d.rtype.size = u32::try_from(size).unwrap_or(u32::MAX);
                        Some(d)
                    }
                    None => None,
                };
                out.push(ActionCode { kind: act::TRACEMEM, difo, arg: size, ..Default::default() });
                Ok(())
            }
            "setopt" => {
                // The option's name, then its value: a string, or 0 when
                // none was given (the consumer then uses "1"), as dt_cc.c
                // records them.
                let libact = |difo| ActionCode {
                    kind: act::LIBACT,
                    difo: Some(difo),
                    arg: b.libact as u64,
                    ..Default::default()
                };
                let name = match args.first() {
                    Some(a) => self.value(a)?,
                    None => return unsupported("setopt() without an option", line),
                };
                out.push(libact(name));
                let value = match args.get(1) {
                    Some(v) => self.value(v)?,
                    None => const_difo(0),
                };
                out.push(libact(value));
                Ok(())
            }
            _ => {
                // Actions of one value (trace, exit, speculate, commit,
                // discard, raise, chill, func, sym, ...) or none.
                let difo = match args.first() {
                    Some(a) => Some(self.value(a)?),
                    None => None,
                };
                let kind = if b.libact != 0 { act::LIBACT } else { kind };
                let signed = args.first().is_some_and(|a| self.signed(a));
                let print = match (b.name, args.first().and_then(|a| a.ty)) {
                    ("print", Some(t)) => Some(Arc::new(print::describe(&self.ck.types, t))),
                    _ => None,
                };
                out.push(ActionCode { kind, difo, arg: b.libact as u64, signed, print, ..Default::default() });
                Ok(())
            }
        }
    }

    /// Whether `e`'s D type is a signed integer.
    fn signed(&self, e: &Expr) -> bool {
        e.ty.is_some_and(|t| self.ck.types.is_signed(t))
    }

    fn agg_id(&mut self, e: &Expr) -> u64 {
        match &e.kind {
            ExprKind::Agg(n) => self.id(Space::Agg, n) as u64,
            _ => 0,
        }
    }

    /// `@a[keys] = f(args)`: one DIFEXPR per key, then the aggregating
    /// action with the value (and, for the quantizers, packed parameters).
    fn aggregation(&mut self, lhs: &Expr, rhs: &Expr, out: &mut Vec<ActionCode>) -> GResult<()> {
        let name = agg_name(lhs).unwrap_or_default();
        let id = self.id(Space::Agg, &name) as u64;
        let keys: &[Expr] = match &lhs.kind {
            ExprKind::Index(_, k) => k,
            _ => &[],
        };
        let proto = self.agg_keys.get(&id).cloned();
        let mut first = Vec::with_capacity(keys.len());
        for (j, k) in keys.iter().enumerate() {
            let key = self.stack_or_symbol_key(k, id)?;
            // The consumer decodes every entry of an aggregation by its
            // first use's key layout (DTrace keeps one per clause), so a
            // key recorded by another action, or a stack of other depth,
            // would be misread.
            let (kind, arg) = key.as_ref().map_or((act::DIFEXPR, 0), |a| (a.kind, a.arg));
            if let Some(&(pk, pa, ..)) = proto.as_ref().and_then(|p| p.get(j)) {
                if (pk, pa) != (kind, arg) {
                    let what =
                        format!("@{name} key #{} unlike its first use (a stack or symbol key, or its depth)", j + 1);
                    return unsupported(&what, lhs.span.line);
                }
            }
            if let Some(key) = key {
                first.push((kind, arg, key.difo.as_ref().map(|d| d.rtype).unwrap_or_default(), false));
                out.push(key);
                continue;
            }
            let mut difo = self.value(k)?;
            let mut signed = self.signed(k);
            // An integer key is recorded as the prototype's key is, whatever
            // the width of the value passed here: the entries of one
            // aggregation share one key layout, so (int64_t)1 and (int)1
            // name the same entry.
            if let Some(&(_, _, t, s)) = proto.as_ref().and_then(|p| p.get(j)) {
                let by_value = |t: &DifType| {
                    t.kind == diftype::CTF && t.flags & diftype::F_BYREF == 0 && (1..=8).contains(&t.size)
                };
                if by_value(&t) && by_value(&difo.rtype) {
                    difo.rtype = t;
                    signed = s;
                }
            }
            first.push((act::DIFEXPR, 0, difo.rtype, signed));
            out.push(ActionCode { kind: act::DIFEXPR, difo: Some(difo), uarg: id, signed, ..Default::default() });
        }
        self.agg_keys.entry(id).or_insert(first);
        let ExprKind::Call(f, args) = &rhs.kind else { return Ok(()) };
        let Some(b) = callee(f).and_then(builtins::lookup) else { return Ok(()) };
        let difo = match args.first() {
            Some(v) => Some(self.value(v)?),
            None => None,
        };
        let c = |i: usize| args.get(i).and_then(const_value).unwrap_or(0);
        let arg = match b.name {
            // Packed as dtrace(1) packs them: base, levels and step; factor,
            // low, high and steps.
            "lquantize" => {
                let (base, limit, step) = (c(1), c(2), args.get(3).and_then(const_value).unwrap_or(1).max(1));
                let levels = (limit as i64 - base as i64) / step as i64;
                (step & 0xffff) << 48 | (levels as u64 & 0xffff) << 32 | (base & 0xffff_ffff)
            }
            "llquantize" => (c(1) & 0xffff) << 48 | (c(2) & 0xffff) << 32 | (c(3) & 0xffff) << 16 | (c(4) & 0xffff),
            _ => 0,
        };
        out.push(ActionCode { kind: b.id, difo, arg, ntuple: keys.len() as u32, uarg: id, signed: true, print: None });
        // An increment argument (quantize's 2nd, lquantize's 5th, ...) is
        // one more value.
        let incr_at = match b.name {
            "quantize" => Some(1),
            "lquantize" => Some(4),
            "llquantize" => Some(5),
            _ => None,
        };
        if let Some(i) = incr_at.filter(|i| *i < args.len()) {
            let difo = self.value(&args[i])?;
            out.push(ActionCode {
                kind: act::DIFEXPR,
                difo: Some(difo),
                arg: dtrace_core::record::INCREMENT_ARG,
                uarg: id,
                ..Default::default()
            });
        }
        Ok(())
    }

    /// A key that is a stack(), ustack(), jstack(), sym(), mod(), usym(),
    /// umod() or uaddr() call (or func(), ufunc()): recorded by the action
    /// of that name, as dt_cc.c's dt_action_aggregate records it, so the
    /// key holds the frames, or the address (8 bytes, as
    /// dt_action_symmod_args sizes it) that the consumer symbolizes.
    fn stack_or_symbol_key(&mut self, k: &Expr, id: u64) -> GResult<Option<ActionCode>> {
        let ExprKind::Call(f, args) = &k.kind else { return Ok(None) };
        let Some(b) = callee(f).and_then(builtins::lookup).filter(|b| b.kind == BuiltinKind::Action) else {
            return Ok(None);
        };
        let code = match b.id {
            act::STACK | act::USTACK | act::JSTACK => {
                ActionCode { kind: b.id, arg: stack_arg(args), uarg: id, ..Default::default() }
            }
            act::SYM | act::MOD | act::USYM | act::UMOD | act::UADDR => {
                let Some(a) = args.first() else { return Ok(None) };
                let mut difo = self.value(a)?;
                difo.rtype = DifType { kind: diftype::CTF, ckind: 0, flags: 0, size: 8 };
                ActionCode { kind: b.id, difo: Some(difo), uarg: id, ..Default::default() }
            }
            _ => return Ok(None),
        };
        Ok(Some(code))
    }

    /// How a value of type `t` is returned: by value (integers, pointers)
    /// or by reference (strings, structs, arrays).
    fn diftype(&self, t: Option<TypeId>) -> DifType {
        let types = &self.ck.types;
        let Some(t) = t else { return DifType { kind: diftype::CTF, ckind: 0, flags: 0, size: 0 } };
        if types.is_string(t) {
            return DifType { kind: diftype::STRING, ckind: 0, flags: diftype::F_BYREF, size: STRSIZE };
        }
        let size = types.size_of(t, STRSIZE as u64) as u32;
        let base = types.base(t);
        let byref = matches!(base, Type::Sou { .. } | Type::Array { .. });
        // CTF kind numbers, which only -S shows.
        let ckind = match base {
            Type::Int { .. } => 1,
            Type::Float { .. } => 2,
            Type::Pointer(_) => 3,
            Type::Array { .. } => 4,
            Type::Function { .. } => 5,
            Type::Sou { kind: TagKind::Union, .. } => 7,
            Type::Sou { .. } => 6,
            Type::Enum { .. } => 8,
            _ => 0,
        };
        DifType { kind: diftype::CTF, ckind, flags: if byref { diftype::F_BYREF } else { 0 }, size }
    }
}

/// The sub-clauses one if/else clause is being lowered into.
struct Sugar {
    probes: Vec<String>,
    origin: usize,
    line: u32,
    out: Vec<ClauseCode>,
    /// Conditions numbered so far (`this->%condition_1` ...).
    conditions: u32,
}

/// Statements with plain blocks opened, so that an `if` inside `{ }` splits
/// the clause as one at the top does.
fn flatten<'s>(body: &'s [Stmt], out: &mut Vec<&'s Stmt>) {
    for s in body {
        match s {
            Stmt::Block(b) => flatten(b, out),
            Stmt::Empty => {}
            other => out.push(other),
        }
    }
}

fn not(e: Expr, ty: TypeId) -> Expr {
    Expr { kind: ExprKind::Unary(UnOp::Not, Box::new(e.clone())), span: e.span, ty: Some(ty) }
}

fn has_if(s: &Stmt) -> bool {
    match s {
        Stmt::If { .. } => true,
        Stmt::Block(b) => b.iter().any(has_if),
        _ => false,
    }
}

fn int_lit(v: u64, ty: TypeId, line: u32) -> Expr {
    let span = crate::parser::ast::Span { lo: 0, hi: 0, line };
    Expr { kind: ExprKind::Int { value: v, suffix: Default::default(), decimal: true }, span, ty: Some(ty) }
}

fn bin(op: BinOp, a: Expr, b: Expr, ty: TypeId) -> Expr {
    let span = a.span;
    Expr { kind: ExprKind::Binary(op, Box::new(a), Box::new(b)), span, ty: Some(ty) }
}

/// The default `strsize`; the engine enforces the option's actual value.
const STRSIZE: u32 = 256;

/// A DIFO returning the constant `v`.
fn const_difo(v: u64) -> Difo {
    Difo {
        code: vec![Instr::table(Op::Setx, 0, 1).0, Instr::alu(Op::Ret, 0, 0, 1).0],
        inttab: vec![v],
        rtype: DifType { kind: diftype::CTF, ckind: 0, flags: 0, size: 8 },
        ..Default::default()
    }
}

/// The value of an integer literal (sema folds constants into literals).
fn const_value(e: &Expr) -> Option<u64> {
    match &e.kind {
        ExprKind::Int { value, .. } => Some(*value),
        ExprKind::Unary(UnOp::Neg, inner) => const_value(inner).map(|v| v.wrapping_neg()),
        _ => None,
    }
}

/// A stack(), ustack() or jstack() action's argument: the frames, and
/// for ustack() and jstack() the string space above them (0: the
/// defaults, [`dtrace_core::record::stack_frames`]).
fn stack_arg(args: &[Expr]) -> u64 {
    let frames = args.first().and_then(const_value).unwrap_or(0);
    let strsize = args.get(1).and_then(const_value).unwrap_or(0);
    frames | strsize << 32
}

fn callee(f: &Expr) -> Option<&str> {
    match &f.kind {
        ExprKind::Ident(n) => Some(n),
        _ => None,
    }
}

fn agg_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Agg(n) => Some(n.clone()),
        ExprKind::Index(b, _) => agg_name(b),
        _ => None,
    }
}

/// The assembler for one DIFO: code, tables and the register stack.
struct Asm<'g, 'a> {
    g: &'g mut Gen<'a>,
    code: Vec<u32>,
    inttab: Vec<u64>,
    strtab: Vec<u8>,
    vartab: Vec<DifVar>,
    /// Registers in use (bit r set), `%r0` never.
    used: u8,
}

impl<'g, 'a> Asm<'g, 'a> {
    fn new(g: &'g mut Gen<'a>) -> Self {
        Asm { g, code: Vec::new(), inttab: Vec::new(), strtab: Vec::new(), vartab: Vec::new(), used: 1 }
    }

    fn finish(mut self, r: u8, rtype: DifType) -> Difo {
        self.emit(Instr::alu(Op::Ret, 0, 0, r));
        Difo { code: self.code, inttab: self.inttab, strtab: self.strtab, vartab: self.vartab, rtype }
    }

    fn emit(&mut self, i: Instr) -> usize {
        self.code.push(i.0);
        self.code.len() - 1
    }

    fn reg(&mut self, line: u32) -> GResult<u8> {
        for r in 1..NREGS {
            if self.used & (1 << r) == 0 {
                self.used |= 1 << r;
                return Ok(r);
            }
        }
        let _ = line;
        Err(CompileError::new(ErrTag::D_UNKNOWN, None, NOREG))
    }

    fn free(&mut self, r: u8) {
        if r != 0 {
            self.used &= !(1 << r);
        }
    }

    /// A forward branch whose target is patched by `here`.
    fn branch(&mut self, op: Op) -> usize {
        self.emit(Instr::branch(op, 0))
    }

    /// Points the branch at `at` to the next instruction.
    fn here(&mut self, at: usize) {
        let target = self.code.len() as u32;
        if let Some(w) = self.code.get_mut(at) {
            *w = Instr::branch(Instr(*w).op().unwrap_or(Op::Ba), target).0;
        }
    }

    fn int(&mut self, v: u64, rd: u8) {
        let idx = match self.inttab.iter().position(|x| *x == v) {
            Some(i) => i,
            None => {
                self.inttab.push(v);
                self.inttab.len() - 1
            }
        };
        self.emit(Instr::table(Op::Setx, idx as u16, rd));
    }

    fn string(&mut self, s: &[u8]) -> u16 {
        // Look for the string already in the table.
        let mut at = 0;
        while at < self.strtab.len() {
            let end = self.strtab[at..].iter().position(|b| *b == 0).map_or(self.strtab.len(), |i| at + i);
            if &self.strtab[at..end] == s {
                return at as u16;
            }
            at = end + 1;
        }
        let off = self.strtab.len();
        self.strtab.extend_from_slice(s);
        self.strtab.push(0);
        off as u16
    }

    /// Registers variable `name` in the DIFO's variable table.
    fn var(&mut self, id: u32, name: &str, kind: u8, scope: u8, flags: u16, ty: Option<TypeId>) {
        if let Some(v) = self.vartab.iter_mut().find(|v| v.id == id && v.scope == scope && v.kind == kind) {
            v.flags |= flags;
            return;
        }
        let name = self.string(name.as_bytes()) as u32;
        let ty = self.g.diftype(ty);
        self.vartab.push(DifVar { name, id, kind, scope, flags, ty });
    }

    fn types(&self) -> &crate::parser::types::TypeTable {
        &self.g.ck.types
    }

    /// Compiles `e`, returning the register holding its value.
    fn expr(&mut self, e: &Expr) -> GResult<u8> {
        let line = e.span.line;
        match &e.kind {
            ExprKind::Int { value, .. } => {
                let r = self.reg(line)?;
                if *value == 0 {
                    self.emit(Instr::alu(Op::Mov, 0, 0, r));
                } else {
                    self.int(*value, r);
                }
                Ok(r)
            }
            ExprKind::Str(s) => {
                let r = self.reg(line)?;
                let off = self.string(s);
                self.emit(Instr::table(Op::Sets, off, r));
                Ok(r)
            }
            ExprKind::Ident(name) => self.ident(name, e),
            ExprKind::SelfVar(name) => self.load_var(VarScope::Thread, name, e),
            ExprKind::ThisVar(name) => self.load_var(VarScope::Local, name, e),
            ExprKind::Unary(op, inner) => self.unary(*op, inner, e),
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, e),
            ExprKind::Assign(op, lhs, rhs) => self.assign(*op, lhs, rhs, e),
            ExprKind::Ternary(c, a, b) => {
                let rc = self.expr(c)?;
                self.emit(Instr::alu(Op::Tst, rc, 0, 0));
                self.free(rc);
                let to_else = self.branch(Op::Be);
                let r = self.expr(a)?;
                let to_end = self.branch(Op::Ba);
                self.here(to_else);
                let rb = self.expr(b)?;
                if rb != r {
                    self.emit(Instr::alu(Op::Mov, rb, 0, r));
                    self.free(rb);
                }
                self.here(to_end);
                Ok(r)
            }
            ExprKind::Cast(_, inner) => {
                let r = self.expr(inner)?;
                let to = e.ty.unwrap_or(self.g.ck.builtin.long);
                self.narrow(r, to, line)?;
                Ok(r)
            }
            // sema folds sizeof and offsetof into integer literals.
            ExprKind::SizeofType(_) | ExprKind::SizeofExpr(_) | ExprKind::Offsetof(..) => {
                unsupported("an unfolded sizeof or offsetof", line)
            }
            ExprKind::Stringof(inner) => self.expr(inner),
            ExprKind::Member { base, name, arrow } => self.member(base, name, *arrow, e),
            ExprKind::Index(base, keys) => self.index(base, keys, e),
            ExprKind::Call(f, args) => self.call(f, args, e),
            ExprKind::Agg(_) => unsupported("an aggregation in an expression", line),
            ExprKind::Xlate(..) => unsupported("xlate", line),
        }
    }

    fn ident(&mut self, name: &str, e: &Expr) -> GResult<u8> {
        let line = e.span.line;
        let ck = self.g.ck;
        if ck.vars.contains_key(&(VarScope::Global, name.to_string())) {
            return self.load_var(VarScope::Global, name, e);
        }
        if let Some(b) = builtins::lookup(name).filter(|b| b.kind == BuiltinKind::Scalar) {
            let r = self.reg(line)?;
            self.var(b.id as u32, name, difv::KIND_SCALAR, difv::SCOPE_GLOBAL, difv::F_REF, e.ty);
            self.emit(Instr::table(Op::Ldgs, b.id, r));
            return Ok(r);
        }
        if let Some(i) = ck.inlines.get(name) {
            if i.params.is_none() {
                let value = i.value.clone();
                return self.expr(&value);
            }
        }
        if let Some((_, v)) = ck.enumerators.get(name) {
            let r = self.reg(line)?;
            self.int(*v as u64, r);
            return Ok(r);
        }
        unsupported(&format!("the identifier {name}"), line)
    }

    fn var_op(scope: VarScope, load: bool) -> (Op, u8) {
        match (scope, load) {
            (VarScope::Global, true) => (Op::Ldgs, difv::SCOPE_GLOBAL),
            (VarScope::Global, false) => (Op::Stgs, difv::SCOPE_GLOBAL),
            (VarScope::Thread, true) => (Op::Ldts, difv::SCOPE_THREAD),
            (VarScope::Thread, false) => (Op::Stts, difv::SCOPE_THREAD),
            (VarScope::Local, true) => (Op::Ldls, difv::SCOPE_LOCAL),
            (VarScope::Local, false) => (Op::Stls, difv::SCOPE_LOCAL),
        }
    }

    fn load_var(&mut self, scope: VarScope, name: &str, e: &Expr) -> GResult<u8> {
        let r = self.reg(e.span.line)?;
        let id = self.g.id(Space::Var(scope), name);
        let (op, sc) = Self::var_op(scope, true);
        self.var(id, name, difv::KIND_SCALAR, sc, difv::F_REF, e.ty);
        self.emit(Instr::table(op, id as u16, r));
        Ok(r)
    }

    fn store_var(&mut self, scope: VarScope, name: &str, r: u8, ty: Option<TypeId>) {
        let id = self.g.id(Space::Var(scope), name);
        let (op, sc) = Self::var_op(scope, false);
        self.var(id, name, difv::KIND_SCALAR, sc, difv::F_MOD, ty);
        self.emit(Instr::table(op, id as u16, r));
    }

    /// Truncates and extends `r` to the width and signedness of `to`.
    fn narrow(&mut self, r: u8, to: TypeId, line: u32) -> GResult<()> {
        if !self.types().is_integer(to) {
            return Ok(());
        }
        let size = self.types().size_of(to, 0);
        if size >= 8 || size == 0 {
            return Ok(());
        }
        let shift = 64 - size * 8;
        let signed = self.types().is_signed(to);
        let rs = self.reg(line)?;
        self.int(shift, rs);
        self.emit(Instr::alu(Op::Sll, r, rs, r));
        self.emit(Instr::alu(if signed { Op::Sra } else { Op::Srl }, r, rs, r));
        self.free(rs);
        Ok(())
    }

    /// Loads a value of type `t` from the address in `r` (in place); by-ref
    /// types (structs, arrays, strings) stay addresses.
    fn load(&mut self, r: u8, t: Option<TypeId>) {
        let Some(t) = t else { return };
        let types = self.types();
        if matches!(types.base(t), Type::Sou { .. } | Type::Array { .. } | Type::String) {
            return;
        }
        let op = match (types.size_of(t, 0), types.is_signed(t)) {
            (1, true) => Op::Ldsb,
            (1, false) => Op::Ldub,
            (2, true) => Op::Ldsh,
            (2, false) => Op::Lduh,
            (4, true) => Op::Ldsw,
            (4, false) => Op::Lduw,
            _ => Op::Ldx,
        };
        self.emit(Instr::alu(op, r, 0, r));
    }

    fn unary(&mut self, op: UnOp, inner: &Expr, e: &Expr) -> GResult<u8> {
        let line = e.span.line;
        match op {
            UnOp::Plus => self.expr(inner),
            UnOp::Neg => {
                let r = self.expr(inner)?;
                self.emit(Instr::alu(Op::Sub, 0, r, r));
                Ok(r)
            }
            UnOp::BitNot => {
                let r = self.expr(inner)?;
                self.emit(Instr::alu(Op::Not, r, 0, r));
                Ok(r)
            }
            UnOp::Not => {
                let r = self.expr(inner)?;
                self.emit(Instr::alu(Op::Tst, r, 0, 0));
                self.bool_from(Op::Be, r)?;
                Ok(r)
            }
            UnOp::Deref => {
                let r = self.expr(inner)?;
                self.load(r, e.ty);
                Ok(r)
            }
            UnOp::AddrOf => self.address(inner),
            UnOp::PreInc | UnOp::PreDec | UnOp::PostInc | UnOp::PostDec => {
                let r = self.expr(inner)?;
                let one = self.reg(line)?;
                let step = match inner.ty.and_then(|t| self.types().pointee(t)) {
                    Some(p) => self.types().size_of(p, 1).max(1),
                    None => 1,
                };
                self.int(step, one);
                let add = if matches!(op, UnOp::PreInc | UnOp::PostInc) { Op::Add } else { Op::Sub };
                let new = self.reg(line)?;
                self.emit(Instr::alu(add, r, one, new));
                self.free(one);
                self.store(inner, new)?;
                if matches!(op, UnOp::PreInc | UnOp::PreDec) {
                    self.free(r);
                    Ok(new)
                } else {
                    self.free(new);
                    Ok(r)
                }
            }
        }
    }

    /// Sets `r` to 1 when the branch `cond` (on the condition codes just
    /// set) is taken, else 0.
    fn bool_from(&mut self, cond: Op, r: u8) -> GResult<()> {
        let to_true = self.branch(cond);
        self.emit(Instr::alu(Op::Mov, 0, 0, r));
        let to_end = self.branch(Op::Ba);
        self.here(to_true);
        self.int(1, r);
        self.here(to_end);
        Ok(())
    }

    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr, e: &Expr) -> GResult<u8> {
        let types = &self.g.ck.types;
        let unsigned = e.ty.is_some_and(|t| types.is_integer(t) && !types.is_signed(t));
        match op {
            BinOp::Comma => {
                let ra = self.expr(a)?;
                self.free(ra);
                self.expr(b)
            }
            BinOp::LogAnd | BinOp::LogOr => {
                let r = self.expr(a)?;
                self.emit(Instr::alu(Op::Tst, r, 0, 0));
                // && stops at a false left side, || at a true one.
                let short = self.branch(if op == BinOp::LogAnd { Op::Be } else { Op::Bne });
                let rb = self.expr(b)?;
                self.emit(Instr::alu(Op::Tst, rb, 0, 0));
                self.free(rb);
                self.here(short);
                self.bool_from(Op::Bne, r)?;
                Ok(r)
            }
            BinOp::LogXor => {
                let ra = self.expr(a)?;
                self.emit(Instr::alu(Op::Tst, ra, 0, 0));
                self.bool_from(Op::Bne, ra)?;
                let rb = self.expr(b)?;
                self.emit(Instr::alu(Op::Tst, rb, 0, 0));
                self.bool_from(Op::Bne, rb)?;
                self.emit(Instr::alu(Op::Xor, ra, rb, ra));
                self.free(rb);
                Ok(ra)
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne => {
                let (ta, tb) = (a.ty, b.ty);
                let strings =
                    ta.is_some_and(|t| self.types().is_string(t)) && tb.is_some_and(|t| self.types().is_string(t));
                let unsigned_cmp = [ta, tb].iter().flatten().any(|t| {
                    let types = self.types();
                    (types.is_integer(*t) && !types.is_signed(*t) && types.size_of(*t, 0) >= 8) || types.is_pointer(*t)
                });
                let ra = self.expr(a)?;
                let rb = self.expr(b)?;
                self.emit(Instr::alu(if strings { Op::Scmp } else { Op::Cmp }, ra, rb, 0));
                self.free(rb);
                let cond = match (op, unsigned_cmp) {
                    (BinOp::Eq, _) => Op::Be,
                    (BinOp::Ne, _) => Op::Bne,
                    (BinOp::Lt, false) => Op::Bl,
                    (BinOp::Lt, true) => Op::Blu,
                    (BinOp::Le, false) => Op::Ble,
                    (BinOp::Le, true) => Op::Bleu,
                    (BinOp::Gt, false) => Op::Bg,
                    (BinOp::Gt, true) => Op::Bgu,
                    (_, false) => Op::Bge,
                    (_, true) => Op::Bgeu,
                };
                self.bool_from(cond, ra)?;
                Ok(ra)
            }
            _ => {
                let ra = self.expr(a)?;
                let rb = self.expr(b)?;
                // Pointer arithmetic scales the integer by the pointee size.
                if matches!(op, BinOp::Add | BinOp::Sub) {
                    let scale_b =
                        a.ty.and_then(|t| self.types().pointee(t))
                            .filter(|_| b.ty.is_some_and(|t| self.types().is_integer(t)));
                    let scale_a =
                        b.ty.and_then(|t| self.types().pointee(t))
                            .filter(|_| a.ty.is_some_and(|t| self.types().is_integer(t)));
                    if let Some((p, r)) = scale_b.map(|p| (p, rb)).or(scale_a.map(|p| (p, ra))) {
                        let size = self.types().size_of(p, 1).max(1);
                        if size > 1 {
                            let rs = self.reg(e.span.line)?;
                            self.int(size, rs);
                            self.emit(Instr::alu(Op::Mul, r, rs, r));
                            self.free(rs);
                        }
                    }
                }
                let op = match op {
                    BinOp::Add => Op::Add,
                    BinOp::Sub => Op::Sub,
                    BinOp::Mul => Op::Mul,
                    BinOp::Div if unsigned => Op::Udiv,
                    BinOp::Div => Op::Sdiv,
                    BinOp::Mod if unsigned => Op::Urem,
                    BinOp::Mod => Op::Srem,
                    BinOp::Shl => Op::Sll,
                    BinOp::Shr if unsigned => Op::Srl,
                    BinOp::Shr => Op::Sra,
                    BinOp::BitAnd => Op::And,
                    BinOp::BitOr => Op::Or,
                    _ => Op::Xor,
                };
                self.emit(Instr::alu(op, ra, rb, ra));
                self.free(rb);
                Ok(ra)
            }
        }
    }

    fn assign(&mut self, op: AssignOp, lhs: &Expr, rhs: &Expr, e: &Expr) -> GResult<u8> {
        let value = match op.0 {
            None => self.expr(rhs)?,
            Some(bop) => {
                let combined = Expr {
                    kind: ExprKind::Binary(bop, Box::new(lhs.clone()), Box::new(rhs.clone())),
                    span: e.span,
                    ty: lhs.ty,
                };
                self.expr(&combined)?
            }
        };
        self.store(lhs, value)?;
        Ok(value)
    }

    /// Stores register `r` into the lvalue `lhs`.
    fn store(&mut self, lhs: &Expr, r: u8) -> GResult<()> {
        match &lhs.kind {
            ExprKind::Ident(name) => {
                self.store_var(VarScope::Global, name, r, lhs.ty);
                Ok(())
            }
            ExprKind::SelfVar(name) => {
                self.store_var(VarScope::Thread, name, r, lhs.ty);
                Ok(())
            }
            ExprKind::ThisVar(name) => {
                self.store_var(VarScope::Local, name, r, lhs.ty);
                Ok(())
            }
            ExprKind::Index(base, keys) if self.assoc(base).is_some() => {
                let (scope, name) = self.assoc(base).unwrap_or((VarScope::Global, String::new()));
                self.tuple(keys)?;
                let id = self.g.id(Space::Var(scope), &name);
                let (op, sc) = if scope == VarScope::Thread {
                    (Op::Sttaa, difv::SCOPE_THREAD)
                } else {
                    (Op::Stgaa, difv::SCOPE_GLOBAL)
                };
                self.var(id, &name, difv::KIND_ARRAY, sc, difv::F_MOD, lhs.ty);
                self.emit(Instr::table(op, id as u16, r));
                Ok(())
            }
            _ => {
                let addr = self.address(lhs)?;
                if let Some(field) = self.bitfield(lhs) {
                    self.field_set(addr, r, field, lhs.span.line)?;
                    self.free(addr);
                    return Ok(());
                }
                let size = lhs.ty.map(|t| self.types().size_of(t, 0)).unwrap_or(8);
                let op = match size {
                    1 => Op::Stb,
                    2 => Op::Sth,
                    4 => Op::Stw,
                    _ => Op::Stx,
                };
                self.emit(Instr::alu(op, r, 0, addr));
                self.free(addr);
                Ok(())
            }
        }
    }

    /// The (scope, name) of an associative array expression base.
    fn assoc(&self, base: &Expr) -> Option<(VarScope, String)> {
        let (scope, name) = match &base.kind {
            ExprKind::Ident(n) => (VarScope::Global, n),
            ExprKind::SelfVar(n) => (VarScope::Thread, n),
            _ => return None,
        };
        self.g.ck.vars.get(&(scope, name.clone())).filter(|v| v.keys.is_some()).map(|_| (scope, name.clone()))
    }

    /// Pushes `keys` onto the tuple stack.
    fn tuple(&mut self, keys: &[Expr]) -> GResult<()> {
        // Every value first: a key or argument may itself use the tuple
        // stack (a nested call or associative array), as dtrace(1) allows.
        let regs = keys.iter().map(|k| self.expr(k)).collect::<GResult<Vec<u8>>>()?;
        self.emit(Instr::alu(Op::Flushts, 0, 0, 0));
        for (k, r) in keys.iter().zip(regs) {
            let ty = self.g.diftype(k.ty);
            let byref = ty.flags & diftype::F_BYREF != 0;
            let size = self.reg(k.span.line)?;
            self.int(ty.size as u64, size);
            self.emit(Instr::alu(if byref { Op::Pushtr } else { Op::Pushtv }, ty.kind, size, r));
            self.free(size);
            self.free(r);
        }
        Ok(())
    }

    /// The address of an lvalue.
    fn address(&mut self, e: &Expr) -> GResult<u8> {
        match &e.kind {
            ExprKind::Unary(UnOp::Deref, p) => self.expr(p),
            ExprKind::Member { base, name, arrow } => {
                let r = if *arrow { self.expr(base)? } else { self.address(base)? };
                let sou = base.ty.map(|t| if *arrow { self.types().pointee(t).unwrap_or(t) } else { t });
                let (mut off, bits) = sou.and_then(|s| member_offset(self.types(), s, name)).unwrap_or((0, None));
                if let Some((shift, width)) = bits {
                    // A bit-field is reached through its aligned container.
                    match bit_container(off * 8 + shift, u64::from(width)) {
                        Some((container, _, _)) => off = container,
                        None => return unsupported("a bit-field that straddles 8-byte units", e.span.line),
                    }
                }
                if off != 0 {
                    let ro = self.reg(e.span.line)?;
                    self.int(off, ro);
                    self.emit(Instr::alu(Op::Add, r, ro, r));
                    self.free(ro);
                }
                Ok(r)
            }
            ExprKind::Index(base, keys) if keys.len() == 1 && self.assoc(base).is_none() => {
                let rb = self.expr(base)?;
                let ri = self.expr(&keys[0])?;
                let size = e.ty.map(|t| self.types().size_of(t, STRSIZE as u64)).unwrap_or(1).max(1);
                if size > 1 {
                    let rs = self.reg(e.span.line)?;
                    self.int(size, rs);
                    self.emit(Instr::alu(Op::Mul, ri, rs, ri));
                    self.free(rs);
                }
                self.emit(Instr::alu(Op::Add, rb, ri, rb));
                self.free(ri);
                Ok(rb)
            }
            // By-reference values (structs in variables) are their address.
            _ => self.expr(e),
        }
    }

    fn member(&mut self, base: &Expr, name: &str, arrow: bool, e: &Expr) -> GResult<u8> {
        let me = Expr {
            kind: ExprKind::Member { base: Box::new(base.clone()), name: name.to_string(), arrow },
            span: e.span,
            ty: e.ty,
        };
        let r = self.address(&me)?;
        match self.bitfield(&me) {
            Some((shift, width, size)) => self.field_get(r, shift, width, size, e)?,
            None => self.load(r, e.ty),
        }
        Ok(r)
    }

    /// For bit-field member `e` (`None` for other expressions and members):
    /// its shift within its container ([`bit_container`], whose address
    /// [`Gen::address`] gives), its width and the container's size.
    fn bitfield(&self, e: &Expr) -> Option<(u64, u64, u64)> {
        let ExprKind::Member { base, name, arrow } = &e.kind else { return None };
        let sou = base.ty.map(|t| if *arrow { self.types().pointee(t).unwrap_or(t) } else { t })?;
        let (off, (shift, width)) = match member_offset(self.types(), sou, name)? {
            (off, Some(bits)) => (off, bits),
            (_, None) => return None,
        };
        let width = u64::from(width).clamp(1, 64);
        let (_, shift, size) = bit_container(off * 8 + shift, width)?;
        Some((shift, width, size))
    }

    /// Reads the bit-field at the address in `r` (in place), as
    /// dt_cg_field_get does: the bytes holding it, shifted down and masked,
    /// or for a signed field shifted up and arithmetically back down.
    fn field_get(&mut self, r: u8, shift: u64, width: u64, size: u64, e: &Expr) -> GResult<()> {
        self.emit(Instr::alu(container_ops(size).0, r, 0, r));
        let rs = self.reg(e.span.line)?;
        if e.ty.is_some_and(|t| self.types().is_signed(t)) {
            self.int(64 - shift - width, rs);
            self.emit(Instr::alu(Op::Sll, r, rs, r));
            self.int(64 - width, rs);
            self.emit(Instr::alu(Op::Sra, r, rs, r));
        } else {
            if shift != 0 {
                self.int(shift, rs);
                self.emit(Instr::alu(Op::Srl, r, rs, r));
            }
            if width < 64 {
                self.int((1u64 << width) - 1, rs);
                self.emit(Instr::alu(Op::And, r, rs, r));
            }
        }
        self.free(rs);
        Ok(())
    }

    /// Stores the low bits of `r` into the bit-field at `addr`, as
    /// dt_cg_field_set does: the bytes holding it are read, the field's
    /// bits replaced, and the bytes written back. `r` is left as it was.
    fn field_set(&mut self, addr: u8, r: u8, (shift, width, size): (u64, u64, u64), line: u32) -> GResult<()> {
        let (load, store) = container_ops(size);
        let mask = if width < 64 { (1u64 << width) - 1 } else { u64::MAX };
        let rc = self.reg(line)?;
        let rm = self.reg(line)?;
        let rt = self.reg(line)?;
        self.emit(Instr::alu(load, addr, 0, rc));
        self.int(!(mask << shift), rm);
        self.emit(Instr::alu(Op::And, rc, rm, rc));
        self.int(mask, rm);
        self.emit(Instr::alu(Op::And, r, rm, rt));
        if shift != 0 {
            self.int(shift, rm);
            self.emit(Instr::alu(Op::Sll, rt, rm, rt));
        }
        self.emit(Instr::alu(Op::Or, rc, rt, rc));
        self.emit(Instr::alu(store, rc, 0, addr));
        self.free(rt);
        self.free(rm);
        self.free(rc);
        Ok(())
    }

    fn index(&mut self, base: &Expr, keys: &[Expr], e: &Expr) -> GResult<u8> {
        let line = e.span.line;
        if let ExprKind::Ident(n) = &base.kind {
            if let Some(b) = builtins::lookup(n).filter(|b| b.kind == BuiltinKind::Array) {
                let ri = self.expr(&keys[0])?;
                self.var(b.id as u32, n, difv::KIND_ARRAY, difv::SCOPE_GLOBAL, difv::F_REF, e.ty);
                self.emit(Instr::ldga(b.id as u8, ri, ri));
                return Ok(ri);
            }
        }
        if let Some((scope, name)) = self.assoc(base) {
            self.tuple(keys)?;
            let r = self.reg(line)?;
            let id = self.g.id(Space::Var(scope), &name);
            let (op, sc) = if scope == VarScope::Thread {
                (Op::Ldtaa, difv::SCOPE_THREAD)
            } else {
                (Op::Ldgaa, difv::SCOPE_GLOBAL)
            };
            self.var(id, &name, difv::KIND_ARRAY, sc, difv::F_REF, e.ty);
            self.emit(Instr::table(op, id as u16, r));
            return Ok(r);
        }
        let r = self.address(e)?;
        self.load(r, e.ty);
        Ok(r)
    }

    fn call(&mut self, f: &Expr, args: &[Expr], e: &Expr) -> GResult<u8> {
        let line = e.span.line;
        let Some(b) = callee(f).and_then(builtins::lookup).filter(|b| b.kind == BuiltinKind::Subroutine) else {
            return unsupported("this call", line);
        };
        self.tuple(args)?;
        let r = self.reg(line)?;
        self.emit(Instr::table(Op::Call, b.id, r));
        Ok(r)
    }
}

/// Where member `name` of struct/union `sou` is, looking through anonymous
/// members: the byte offset of its first byte, and for a bit-field the
/// shift of its lowest bit within the bytes there and its width
/// (little-endian, as dt_cg_field_get counts).
fn member_offset(types: &crate::parser::types::TypeTable, sou: TypeId, name: &str) -> Option<(u64, Option<(u64, u8)>)> {
    let Type::Sou { members: Some(ms), .. } = types.base(sou) else { return None };
    for m in ms {
        if m.name == name {
            return Some((m.bit_offset / 8, m.bits.map(|w| (m.bit_offset % 8, w))));
        }
    }
    ms.iter()
        .filter(|m| m.name.is_empty())
        .find_map(|m| member_offset(types, m.ty, name).map(|(o, bits)| (o + m.bit_offset / 8, bits)))
}

/// A bit-field's container: the smallest naturally aligned 1, 2, 4 or
/// 8 bytes that hold the `width` bits starting at bit `pos` of the struct,
/// so the load and store never fault on alignment. Its byte offset, the
/// field's shift within it, and its size; `None` if the field straddles
/// 8-byte units.
fn bit_container(pos: u64, width: u64) -> Option<(u64, u64, u64)> {
    let last = pos + width.max(1) - 1;
    [1u64, 2, 4, 8].into_iter().find(|sz| pos / (8 * sz) == last / (8 * sz)).map(|sz| {
        let off = pos / (8 * sz) * sz;
        (off, pos - off * 8, sz)
    })
}

/// The unsigned load and the store of a container of `size` bytes.
fn container_ops(size: u64) -> (Op, Op) {
    match size {
        1 => (Op::Ldub, Op::Stb),
        2 => (Op::Lduh, Op::Sth),
        4 => (Op::Lduw, Op::Stw),
        _ => (Op::Ldx, Op::Stx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consumer::probes::KnownProviders;
    use crate::parser::{compile, BtfSource, CompileOptions, Origin};

    fn gen(src: &str) -> Compiled {
        let opts = CompileOptions { macro_args: vec!["t.d".into()], btf: BtfSource::None, ..Default::default() };
        let ck = compile(src, &Origin::ProbeSpec(src.into()), &opts, &KnownProviders::new()).expect("compiles");
        generate(&ck).expect("generates")
    }

    #[test]
    fn bit_fields_are_reached_through_aligned_containers() {
        // (byte offset, shift, size) of the container.
        assert_eq!(bit_container(0, 4), Some((0, 0, 1)));
        assert_eq!(bit_container(4, 4), Some((0, 4, 1)));
        assert_eq!(bit_container(9, 12), Some((0, 9, 4)));
        assert_eq!(bit_container(16, 16), Some((2, 0, 2)));
        assert_eq!(bit_container(10, 40), Some((0, 10, 8)));
        assert_eq!(bit_container(72, 3), Some((9, 0, 1)));
        assert_eq!(bit_container(60, 8), None);
    }
    #[test]
    fn trace_of_a_constant() {
        let c = gen("BEGIN { trace(42); }");
        assert_eq!(c.clauses.len(), 1);
        let a = &c.clauses[0].actions[0];
        assert_eq!(a.kind, act::DIFEXPR);
        let d = a.difo.as_ref().expect("difo");
        assert_eq!(d.code, vec![Instr::table(Op::Setx, 0, 1).0, Instr::alu(Op::Ret, 0, 0, 1).0]);
        assert_eq!(d.inttab, vec![42]);
        assert_eq!(d.rtype.size, 4);
    }

    #[test]
    fn predicate_and_variables() {
        let c = gen("tick-1s /x > 3/ { x = 1; self->t = timestamp; }");
        let pred = c.clauses[0].pred.as_ref().expect("predicate");
        assert!(pred.code.iter().any(|w| Instr(*w).op() == Some(Op::Cmp)));
        assert!(pred.code.iter().any(|w| Instr(*w).op() == Some(Op::Bg)));
        let acts = &c.clauses[0].actions;
        assert_eq!(acts.len(), 2);
        // Assignments record nothing.
        assert!(acts.iter().all(|a| a.difo.as_ref().is_some_and(|d| d.rtype.size == 0)));
        let st = &acts[1].difo.as_ref().expect("difo").code;
        assert!(st.iter().any(|w| Instr(*w).op() == Some(Op::Stts)));
    }

    #[test]
    fn printf_and_aggregations() {
        let c = gen("BEGIN { printf(\"%d %s\\n\", pid, execname); @c[execname, pid] = count(); @l = lquantize(pid, 0, 100, 10); }");
        let acts = &c.clauses[0].actions;
        assert_eq!(c.formats, vec![b"%d %s\n".to_vec()]);
        assert_eq!(acts[0].kind, act::PRINTF);
        assert_eq!(acts[1].kind, act::PRINTF);
        assert_eq!(acts[1].difo.as_ref().map(|d| d.rtype.kind), Some(diftype::STRING));
        // Two keys, then count with ntuple 2.
        assert_eq!(acts[4].kind, act::AGG_COUNT);
        assert_eq!(acts[4].ntuple, 2);
        assert_eq!(acts[5].kind, act::AGG_LQUANTIZE);
        assert_eq!(acts[5].arg, 10 << 48 | 10 << 32);
        assert_ne!(acts[4].uarg, acts[5].uarg);
    }

    #[test]
    fn stack_and_symbol_keys() {
        let c = gen("BEGIN { @[stack(5), execname] = count(); @u[ustack(3, 100), usym(arg0), func(arg1)] = sum(1); }");
        let acts = &c.clauses[0].actions;
        // A stack key is the stack action itself: its frames, no DIFO.
        assert_eq!((acts[0].kind, acts[0].arg, acts[0].difo.is_none()), (act::STACK, 5, true));
        assert_eq!(acts[1].kind, act::DIFEXPR);
        assert_eq!((acts[2].kind, acts[2].ntuple), (act::AGG_COUNT, 2));
        assert_eq!((acts[3].kind, acts[3].arg), (act::USTACK, 3 | 100 << 32));
        // Symbol keys: the action with the address, an 8-byte value.
        for (a, kind) in [(&acts[4], act::USYM), (&acts[5], act::SYM)] {
            assert_eq!(a.kind, kind);
            assert_eq!(a.difo.as_ref().map(|d| (d.rtype.size, d.rtype.flags)), Some((8, 0)));
        }
        assert_eq!((acts[6].kind, acts[6].ntuple), (act::AGG_SUM, 3));
        assert!(acts[3..6].iter().all(|a| a.uarg == acts[6].uarg));
    }

    #[test]
    fn printa_statements_and_trunc_counts() {
        use dtrace_core::dof::printa_statement;
        let c = gen("BEGIN { @a = count(); @b = sum(1); printa(@a, @b); printa(@a); printa(@b); trunc(@a); }");
        let acts = &c.clauses[0].actions;
        let printa: Vec<&ActionCode> = acts.iter().filter(|a| a.kind == act::PRINTA).collect();
        assert_eq!(printa.len(), 4);
        // One statement's actions share its number; the next ones differ.
        let stmt: Vec<u32> = printa.iter().map(|a| printa_statement(a.uarg)).collect();
        assert_eq!(stmt[0], stmt[1]);
        assert!(stmt[1] != stmt[2] && stmt[2] != stmt[3] && stmt[0] != 0);
        // The low half is the aggregation id.
        assert_eq!(printa[0].uarg as u32, printa[2].uarg as u32);
        assert_eq!(printa[1].uarg as u32, printa[3].uarg as u32);
        // trunc(@a) carries the count 0 after the id.
        let n = acts.len();
        assert_eq!((acts[n - 2].kind, acts[n - 1].kind), (act::LIBACT, act::LIBACT));
        assert_eq!(acts[n - 1].uarg, 0);
        assert_eq!(acts[n - 1].difo.as_ref().map(|d| d.inttab.clone()), Some(vec![0]));
    }

    #[test]
    fn if_else_lowers_to_guarded_clauses() {
        let c = gen("BEGIN /pid/ { a = 1; if (a > 0) { trace(1); } else { trace(2); } trace(3); }");
        // dt_sugar's shape: the ERROR clause, the clear-error clause, the
        // predicate's condition, `a = 1`, the if's condition, then, the
        // else's condition, else, after.
        assert_eq!(c.clauses.len(), 9);
        assert_eq!(c.clauses[0].probes, vec!["dtrace:::ERROR".to_string()]);
        assert_eq!(c.clauses[0].origin, None);
        assert!(c.clauses[1..].iter().all(|e| e.origin == Some(0) && e.probes == vec!["BEGIN".to_string()]));
        assert!(c.clauses[..2].iter().all(|e| e.pred.is_none()));
        assert!(c.clauses[2..].iter().all(|e| e.pred.is_some()));
        let kinds: Vec<Vec<u16>> = c.clauses.iter().map(|e| e.actions.iter().map(|a| a.kind).collect()).collect();
        assert_eq!(kinds, vec![vec![act::DIFEXPR]; 9]);
        let ops = |i: usize| c.clauses[i].actions[0].difo.as_ref().expect("difo").code.clone();
        // self->%error is thread-local, the conditions clause-local.
        assert!(ops(1).iter().any(|w| Instr(*w).op() == Some(Op::Stts)));
        assert!(ops(2).iter().any(|w| Instr(*w).op() == Some(Op::Stls)));
        // Only the first lowered clause of a program adds the ERROR clause.
        let two = gen("BEGIN { if (1) trace(1); } END { if (2) trace(2); }");
        assert_eq!(two.clauses.iter().filter(|e| e.origin.is_none()).count(), 1);
    }

    #[test]
    fn too_deep_runs_out_of_registers() {
        let deep = "BEGIN { trace(1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + 9)))))))); }";
        let opts = CompileOptions { macro_args: vec!["t.d".into()], btf: BtfSource::None, ..Default::default() };
        let ck = compile(deep, &Origin::ProbeSpec(deep.into()), &opts, &KnownProviders::new()).expect("compiles");
        let e = generate(&ck).expect_err("too deep");
        assert_eq!(e.message, NOREG);
    }
}

#[cfg(test)]
mod corpus {
    use super::*;

    /// Every program of the pass corpus that compiles without kernel types
    /// generates code, or says which construct is not supported yet.
    #[test]
    fn pass_corpus_generates() {
        let (mut ok, mut unsupported) = (0, 0);
        for (path, ck) in crate::dif::pass_corpus() {
            match generate(&ck) {
                Ok(_) => ok += 1,
                Err(e) => {
                    assert!(
                        e.message.contains("not yet supported") || e.message == NOREG,
                        "{}: {}",
                        path.display(),
                        e.message
                    );
                    unsupported += 1;
                }
            }
        }
        eprintln!("codegen: {ok} generated, {unsupported} not yet supported");
        assert!(ok > 100, "only {ok} programs generated");
    }
}
