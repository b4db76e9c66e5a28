//! Small constructors the grammar's actions share, so `d.lalrpop` stays a
//! grammar rather than a program.

use crate::parser::ast::*;
use crate::parser::lexer::{IntLit, LineMap};
use crate::parser::{pdesc, CompileError, ErrTag};
use std::cell::RefCell;

/// One declaration-specifier item, before `DeclSpecs` sorts them.
pub enum SpecItem {
    Class(StorageClass),
    Qual(Qualifier),
    Type(TypeSpec),
}

/// Sorts specifier items into classes, qualifiers and type specifiers.
pub fn specs(lines: &RefCell<LineMap>, lo: usize, hi: usize, items: Vec<SpecItem>) -> DeclSpecs {
    let mut s = DeclSpecs { span: span(lines, lo, hi), ..DeclSpecs::default() };
    for it in items {
        match it {
            SpecItem::Class(c) => s.classes.push(c),
            SpecItem::Qual(q) => s.quals.push(q),
            SpecItem::Type(t) => s.types.push(t),
        }
    }
    s
}

/// The span `lo..hi`, on the line dtrace(1) would report for a node built
/// from it: its yacc parser has usually read the next token by then.
pub fn span(lines: &RefCell<LineMap>, lo: usize, hi: usize) -> Span {
    span_on(lo, hi, lines.borrow().line_after(hi))
}

/// The span of a single token that dtrace(1) turns into a node as soon as
/// it is read (identifiers, constants, probe descriptions): its own line.
pub fn token_span(lines: &RefCell<LineMap>, lo: usize, hi: usize) -> Span {
    span_on(lo, hi, lines.borrow().line(lo))
}

pub fn bin(lines: &RefCell<LineMap>, lo: usize, hi: usize, op: BinOp, a: Expr, b: Expr) -> Expr {
    Expr::new(ExprKind::Binary(op, Box::new(a), Box::new(b)), span(lines, lo, hi))
}

pub fn un(lines: &RefCell<LineMap>, lo: usize, hi: usize, op: UnOp, e: Expr) -> Expr {
    Expr::new(ExprKind::Unary(op, Box::new(e)), span(lines, lo, hi))
}

/// `base.name` / `base->name`; `self->x` and `this->x` become variables.
pub fn member(lines: &RefCell<LineMap>, lo: usize, hi: usize, base: Expr, name: String, arrow: bool) -> Expr {
    let sp = span(lines, lo, hi);
    if arrow {
        if let ExprKind::Ident(b) = &base.kind {
            match b.as_str() {
                "self" => return Expr::new(ExprKind::SelfVar(name), sp),
                "this" => return Expr::new(ExprKind::ThisVar(name), sp),
                _ => {}
            }
        }
    }
    Expr::new(ExprKind::Member { base: Box::new(base), name, arrow }, sp)
}

/// An integer literal; a `$N` argument written `-5` is the negation of 5.
pub fn int_expr(lines: &RefCell<LineMap>, lo: usize, hi: usize, i: IntLit) -> Expr {
    let sp = token_span(lines, lo, hi);
    let lit = Expr::new(ExprKind::Int { value: i.value, suffix: i.suffix, decimal: i.decimal }, sp);
    if i.negative {
        Expr::new(ExprKind::Unary(UnOp::Neg, Box::new(lit)), sp)
    } else {
        lit
    }
}

/// A probe description, checked for form as dtrace(1) does while parsing.
pub fn probe_spec(lines: &RefCell<LineMap>, lo: usize, hi: usize, text: String) -> Result<ProbeSpec, CompileError> {
    let span = token_span(lines, lo, hi);
    if let Err(e) = pdesc::parse(&text) {
        return Err(CompileError::new(
            ErrTag::D_PDESC_INVAL,
            Some(span.line),
            format!("invalid probe description \"{text}\": {e}"),
        ));
    }
    Ok(ProbeSpec { text, span })
}

/// A probe named by id.
pub fn probe_id(lines: &RefCell<LineMap>, lo: usize, hi: usize, id: u64) -> Result<ProbeSpec, CompileError> {
    let span = token_span(lines, lo, hi);
    if id > u32::MAX as u64 {
        return Err(CompileError::new(
            ErrTag::D_PDESC_INVAL,
            Some(span.line),
            format!("identifier {id} exceeds maximum probe id"),
        ));
    }
    Ok(ProbeSpec { text: id.to_string(), span })
}

/// A call `f(args)`, on the line of `f`.
pub fn call(lo: usize, hi: usize, f: Expr, args: Vec<Expr>) -> Expr {
    let line = f.span.line;
    Expr::new(ExprKind::Call(Box::new(f), args), span_on(lo, hi, line))
}

/// Unboxes the items of a list the parser built boxed.
pub fn unbox<T>(v: Vec<Box<T>>) -> Vec<T> {
    v.into_iter().map(|b| *b).collect()
}

/// A span from `lo` to `hi` reported on `line`.
pub fn span_on(lo: usize, hi: usize, line: u32) -> Span {
    Span { lo: lo as u32, hi: hi as u32, line }
}
