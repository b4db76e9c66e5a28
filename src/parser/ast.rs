//! The D abstract syntax tree, as the grammar builds it.
//!
//! Every node that can be the subject of a diagnostic carries a [`Span`], so
//! semantic errors report the line DTrace would report. Sema fills in the
//! `ty` slot of each expression; nothing else is mutated after parsing.

use crate::parser::types::TypeId;

/// A source position: byte offsets into the lexed text and the logical line
/// (after `#line` directives) where the node starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    // u32 keeps every node small (the parser moves nodes constantly); D
    // programs are far below 4 GiB.
    pub lo: u32,
    pub hi: u32,
    pub line: u32,
}

/// A whole translation unit: the items of one `-s` file or `-n` text.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub items: Vec<Item>,
}

/// A top-level item.
#[derive(Clone, Debug)]
pub enum Item {
    /// Probe descriptions with an optional predicate and action list.
    Clause(Box<Clause>),
    /// A declaration: variables, typedefs, struct/union/enum definitions.
    Decl(Box<Decl>),
    /// `inline type name = expr;`
    Inline(Box<Inline>),
    /// `translator out < in name > { member = expr; ... };`
    Translator(Box<Translator>),
    /// `provider name { probe p(args) : (xargs); ... };`
    Provider(Box<Provider>),
}

/// One probe clause.
#[derive(Clone, Debug)]
pub struct Clause {
    pub probes: Vec<ProbeSpec>,
    pub pred: Option<Expr>,
    /// `None` when the clause has no braces at all (`-n BEGIN`).
    pub body: Option<Vec<Stmt>>,
    pub span: Span,
}

/// A probe description as written (`syscall::read:entry`, `BEGIN`, `123`).
#[derive(Clone, Debug)]
pub struct ProbeSpec {
    pub text: String,
    pub span: Span,
}

/// A statement inside a clause body.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// `expr;` (actions, assignments and aggregations are all expressions).
    Expr(Expr),
    /// `if (cond) stmt [else stmt]`, FreeBSD's extension; `then`/`els` are blocks.
    If { cond: Box<Expr>, then: Vec<Stmt>, els: Option<Vec<Stmt>>, span: Span },
    /// `{ ... }` nested block.
    Block(Vec<Stmt>),
    /// A bare `;`.
    Empty,
}

/// An expression with its span and, after sema, its type.
#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    pub ty: Option<TypeId>,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span, ty: None }
    }
}

/// Integer literal suffix flags (`u`, `l`, `ll` in any combination C allows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IntSuffix {
    pub unsigned: bool,
    /// 0, 1 (`l`) or 2 (`ll`).
    pub longs: u8,
}

/// Binary operators, in no particular order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    LogAnd,
    LogXor,
    LogOr,
    /// The comma operator.
    Comma,
}

impl BinOp {
    /// The operator as written in D, for messages.
    pub fn text(self) -> &'static str {
        match self {
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::BitAnd => "&",
            BinOp::BitXor => "^",
            BinOp::BitOr => "|",
            BinOp::LogAnd => "&&",
            BinOp::LogXor => "^^",
            BinOp::LogOr => "||",
            BinOp::Comma => ",",
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `!x`
    Not,
    /// `~x`
    BitNot,
    /// `*x`
    Deref,
    /// `&x`
    AddrOf,
    PreInc,
    PreDec,
    PostInc,
    PostDec,
}

impl UnOp {
    pub fn text(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Plus => "+",
            UnOp::Not => "!",
            UnOp::BitNot => "~",
            UnOp::Deref => "*",
            UnOp::AddrOf => "&",
            UnOp::PreInc | UnOp::PostInc => "++",
            UnOp::PreDec | UnOp::PostDec => "--",
        }
    }
}

/// Assignment operators; `None` is plain `=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssignOp(pub Option<BinOp>);

impl AssignOp {
    pub fn text(self) -> &'static str {
        match self.0 {
            None => "=",
            Some(BinOp::Add) => "+=",
            Some(BinOp::Sub) => "-=",
            Some(BinOp::Mul) => "*=",
            Some(BinOp::Div) => "/=",
            Some(BinOp::Mod) => "%=",
            Some(BinOp::BitAnd) => "&=",
            Some(BinOp::BitXor) => "^=",
            Some(BinOp::BitOr) => "|=",
            Some(BinOp::Shl) => "<<=",
            Some(BinOp::Shr) => ">>=",
            Some(_) => "=",
        }
    }
}

/// Expression forms.
#[derive(Clone, Debug)]
pub enum ExprKind {
    Int {
        value: u64,
        suffix: IntSuffix,
        /// Written in decimal (decides signedness the way C does).
        decimal: bool,
    },
    /// A string literal, escapes already decoded.
    Str(Vec<u8>),
    /// A plain identifier, possibly backquote-scoped (`` vmlinux`jiffies ``).
    Ident(String),
    /// `self->name`
    SelfVar(String),
    /// `this->name`
    ThisVar(String),
    /// `@name` (`@` alone is `@_`).
    Agg(String),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Assign(AssignOp, Box<Expr>, Box<Expr>),
    Ternary(Box<Expr>, Box<Expr>, Box<Expr>),
    Cast(Box<TypeName>, Box<Expr>),
    SizeofType(Box<TypeName>),
    SizeofExpr(Box<Expr>),
    Offsetof(Box<TypeName>, String),
    Stringof(Box<Expr>),
    /// `base.name` (`arrow == false`) or `base->name`.
    Member {
        base: Box<Expr>,
        name: String,
        arrow: bool,
    },
    /// `base[k1, k2, ...]`
    Index(Box<Expr>, Vec<Expr>),
    /// `f(args)`; the callee is an expression so `(*fp)(x)` parses and sema
    /// can say D_FUNC_IDENT.
    Call(Box<Expr>, Vec<Expr>),
    /// `xlate <type> (expr)`
    Xlate(Box<TypeName>, Box<Expr>),
}

/// Storage classes and the D scope keywords a declaration may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageClass {
    Auto,
    Register,
    Static,
    Extern,
    Typedef,
    /// `self` — thread-local variable declaration.
    SelfScope,
    /// `this` — clause-local variable declaration.
    ThisScope,
}

/// Type qualifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    Const,
    Volatile,
    Restrict,
}

/// struct or union.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SouKind {
    Struct,
    Union,
}

/// One type specifier keyword or construct, in the order written; sema
/// combines them (`unsigned long long int`) and reports D_DECL_COMBO & co.
#[derive(Clone, Debug)]
pub enum TypeSpec {
    Void,
    Char,
    Short,
    Int,
    Long,
    Float,
    Double,
    Signed,
    Unsigned,
    /// D's `string` type.
    String,
    /// A typedef name (possibly backquote-scoped).
    Named(String),
    /// `span` is the tag (references) or the opening `{` (definitions),
    /// where dtrace(1) reports redefinitions.
    Sou {
        kind: SouKind,
        name: Option<String>,
        members: Option<Vec<MemberDecl>>,
        span: Span,
    },
    Enum {
        name: Option<String>,
        enumerators: Option<Vec<Enumerator>>,
        span: Span,
    },
}

/// `name [= value]` inside an enum body.
#[derive(Clone, Debug)]
pub struct Enumerator {
    pub name: String,
    pub value: Option<Box<Expr>>,
    pub span: Span,
}

/// One struct/union member declaration line: `int a, b : 3;`.
#[derive(Clone, Debug)]
pub struct MemberDecl {
    pub specs: DeclSpecs,
    pub declarators: Vec<MemberDeclarator>,
    pub span: Span,
}

/// A member declarator, possibly a bit-field.
#[derive(Clone, Debug)]
pub struct MemberDeclarator {
    pub decl: Option<Declarator>,
    pub bits: Option<Box<Expr>>,
}

/// Declaration specifiers: class, qualifiers and type specifiers.
#[derive(Clone, Debug, Default)]
pub struct DeclSpecs {
    pub classes: Vec<StorageClass>,
    pub quals: Vec<Qualifier>,
    pub types: Vec<TypeSpec>,
    pub span: Span,
}

/// What a declarator adds to the base type, outermost first as read from the
/// name outward (`int *a[3]` is `[Array(3), Pointer]`: array of pointers).
#[derive(Clone, Debug)]
pub enum Derived {
    Pointer(Vec<Qualifier>),
    Array(ArrayDim),
    Function { params: Vec<Param>, varargs: bool },
}

/// The inside of `[...]` in a declarator.
#[derive(Clone, Debug)]
pub enum ArrayDim {
    /// `[]`
    Empty,
    /// `[N]`
    Size(Expr),
    /// `[type, type, ...]`: an associative array's key signature.
    Tuple(Vec<Param>),
}

/// A function or tuple parameter: specifiers plus an optional declarator.
#[derive(Clone, Debug)]
pub struct Param {
    pub specs: DeclSpecs,
    pub decl: Option<Declarator>,
    pub span: Span,
}

/// A declarator: an optional name (abstract declarators have none) plus the
/// derivations applied to the base type.
#[derive(Clone, Debug, Default)]
pub struct Declarator {
    pub name: Option<String>,
    pub derived: Vec<Derived>,
    pub span: Span,
}

/// A type name as in casts and sizeof: specifiers plus an abstract declarator.
#[derive(Clone, Debug)]
pub struct TypeName {
    pub specs: DeclSpecs,
    pub decl: Declarator,
    pub span: Span,
}

/// `specs declarator [= init], ...;`
#[derive(Clone, Debug)]
pub struct Decl {
    pub specs: DeclSpecs,
    pub declarators: Vec<Declarator>,
    pub span: Span,
}

/// `inline type name = expr;`
#[derive(Clone, Debug)]
pub struct Inline {
    pub specs: DeclSpecs,
    pub decl: Declarator,
    pub value: Expr,
    pub span: Span,
}

/// `translator out < in name > { member = expr; ... };`
#[derive(Clone, Debug)]
pub struct Translator {
    pub output: TypeName,
    pub input: TypeName,
    pub input_name: String,
    pub members: Vec<(String, Expr, Span)>,
    pub span: Span,
}

/// `provider name { probe ...; };`
#[derive(Clone, Debug)]
pub struct Provider {
    pub name: String,
    pub probes: Vec<ProviderProbe>,
    pub span: Span,
}

/// `probe name(native args) [: (translated args)];`
#[derive(Clone, Debug)]
pub struct ProviderProbe {
    pub name: String,
    pub args: Vec<Param>,
    /// The input list ends with `...` (not allowed; kept to report it).
    pub varargs: bool,
    pub xargs: Option<Vec<Param>>,
    pub xvarargs: bool,
    pub span: Span,
}
