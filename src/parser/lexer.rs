//! The D lexer: `logos` tokens plus the context D's grammar needs.
//!
//! D cannot be tokenized without context, and dtrace(1) resolves that in its
//! lexer; so do we, with the same rules:
//!
//! - At the outer scope (before a clause or declaration) words are probe
//!   descriptions, which may contain `-`, `:`, globs and `$` macros
//!   (`profile-97`, `syscall::open*:entry`). A word that is a declaration
//!   keyword, or (when it has no `:`) a type name, starts a declaration.
//! - Inside clauses and declarations, identifiers that name a type are type
//!   names unless followed by `=`, `[`, `++` or `--` (an undeclared variable
//!   being assigned); identifiers after `->`, `.` and `struct`/`union`/`enum`
//!   are always identifiers.
//! - `/` ends a predicate when the next non-blank character is `;`, `{`, `/`
//!   or the end of input, and divides otherwise.
//! - `$1`, `$$1`, `$pid`, ... are replaced by their values as tokens.
//! - Control lines (`#pragma`, `#line`, cpp's `# N "file"`) are handled here:
//!   options are recorded, `#pragma error` and malformed pragmas fail.
//!
//! The grammar sees a plain token stream; [`Lexer`] is its iterator.

use crate::parser::ast::IntSuffix;
use crate::parser::errtags::ErrTag;
use crate::parser::CompileError;
use logos::Logos;
use std::cell::RefCell;
use std::collections::HashSet;

/// An integer literal as lexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntLit {
    pub value: u64,
    pub suffix: IntSuffix,
    pub decimal: bool,
    /// Came from a `$N` macro argument written with a leading `-`.
    pub negative: bool,
}

/// The tokens the grammar consumes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Int(IntLit),
    Str(Vec<u8>),
    Ident(String),
    TypeName(String),
    Agg(String),
    Pspec(String),
    // Keywords.
    Auto,
    Break,
    Case,
    Char,
    Const,
    Continue,
    Counter,
    Default,
    Do,
    Double,
    Else,
    Enum,
    Extern,
    Float,
    For,
    Goto,
    If,
    Import,
    Inline,
    IntKw,
    Long,
    Offsetof,
    Probe,
    Provider,
    Register,
    Restrict,
    Return,
    SelfKw,
    Short,
    Signed,
    Sizeof,
    Static,
    StringKw,
    Stringof,
    Struct,
    Switch,
    This,
    Translator,
    Typedef,
    Union,
    Unsigned,
    Void,
    Volatile,
    While,
    Xlate,
    // Punctuation.
    LPar,
    RPar,
    LBrac,
    RBrac,
    LBrace,
    RBrace,
    BitOr,
    BitXor,
    BitAnd,
    LogAnd,
    LogXor,
    LogOr,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Shl,
    Shr,
    Plus,
    Minus,
    Star,
    Percent,
    Slash,
    /// The `/` that closes a predicate.
    EndPred,
    Tilde,
    Bang,
    Question,
    Colon,
    Dot,
    Arrow,
    Assign,
    AddEq,
    SubEq,
    MulEq,
    DivEq,
    ModEq,
    AndEq,
    XorEq,
    OrEq,
    ShlEq,
    ShrEq,
    PlusPlus,
    MinusMinus,
    Ellipsis,
    Comma,
    Semi,
}

/// Keywords, as written; `decl` says whether the word starts a declaration
/// at the outer scope (dtrace(1)'s outer-scope keyword set).
const KEYWORDS: &[(&str, Tok, bool)] = &[
    ("auto", Tok::Auto, true),
    ("break", Tok::Break, false),
    ("case", Tok::Case, false),
    ("char", Tok::Char, true),
    ("const", Tok::Const, true),
    ("continue", Tok::Continue, false),
    ("counter", Tok::Counter, true),
    ("default", Tok::Default, false),
    ("do", Tok::Do, false),
    ("double", Tok::Double, true),
    ("else", Tok::Else, false),
    ("enum", Tok::Enum, true),
    ("extern", Tok::Extern, true),
    ("float", Tok::Float, true),
    ("for", Tok::For, false),
    ("goto", Tok::Goto, false),
    ("if", Tok::If, false),
    ("import", Tok::Import, true),
    ("inline", Tok::Inline, true),
    ("int", Tok::IntKw, true),
    ("long", Tok::Long, true),
    ("offsetof", Tok::Offsetof, false),
    ("probe", Tok::Probe, false),
    ("provider", Tok::Provider, true),
    ("register", Tok::Register, true),
    ("restrict", Tok::Restrict, true),
    ("return", Tok::Return, false),
    ("self", Tok::SelfKw, true),
    ("short", Tok::Short, true),
    ("signed", Tok::Signed, true),
    ("sizeof", Tok::Sizeof, false),
    ("static", Tok::Static, true),
    ("string", Tok::StringKw, true),
    ("stringof", Tok::Stringof, false),
    ("struct", Tok::Struct, true),
    ("switch", Tok::Switch, false),
    ("this", Tok::This, true),
    ("translator", Tok::Translator, true),
    ("typedef", Tok::Typedef, true),
    ("union", Tok::Union, true),
    ("unsigned", Tok::Unsigned, true),
    ("void", Tok::Void, true),
    ("volatile", Tok::Volatile, true),
    ("while", Tok::While, false),
    ("xlate", Tok::Xlate, false),
];

fn keyword(word: &str) -> Option<(&'static Tok, bool)> {
    KEYWORDS.iter().find(|(w, _, _)| *w == word).map(|(_, t, d)| (t, *d))
}

/// Raw tokens of the clause/expression context, before classification.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
enum Raw {
    #[regex(r"[a-zA-Z_`][0-9a-zA-Z_`]*")]
    Word,
    #[regex(r"\$\$[0-9]+")]
    MacroStrArg,
    #[regex(r"\$[0-9]+")]
    MacroArg,
    #[regex(r"\$\$[a-zA-Z_`][0-9a-zA-Z_`]*")]
    MacroStrVar,
    #[regex(r"\$[a-zA-Z_`][0-9a-zA-Z_`]*")]
    MacroVar,
    #[regex(r"@[a-zA-Z_][0-9a-zA-Z_]*")]
    Agg,
    #[token("@")]
    AggAnon,
    // DTrace's integer syntax: `u` may only precede the `l`s (`10ul`, not `10lu`).
    #[regex(r"([0-9]+|0[xX][0-9A-Fa-f]+)[uU]?[lL]?[lL]?", priority = 5)]
    Int,
    #[regex(r"([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFlL]?")]
    Float,
    #[regex(r#""([^"\\\n]|\\[^\n])*""#)]
    Str,
    #[regex(r#""([^"\\\n]|\\[^\n])*"#)]
    StrNl,
    #[regex(r"'([^'\\\n]|\\[^\n])*'")]
    Chr,
    #[regex(r"'([^'\\\n]|\\[^\n])*")]
    ChrNl,
    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LBrac,
    #[token("]")]
    RBrac,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("|")]
    BitOr,
    #[token("^")]
    BitXor,
    #[token("&")]
    BitAnd,
    #[token("&&")]
    LogAnd,
    #[token("^^")]
    LogXor,
    #[token("||")]
    LogOr,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("%")]
    Percent,
    #[token("/")]
    Slash,
    #[token("~")]
    Tilde,
    #[token("!")]
    Bang,
    #[token("?")]
    Question,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("->")]
    Arrow,
    #[token("=")]
    Assign,
    #[token("+=")]
    AddEq,
    #[token("-=")]
    SubEq,
    #[token("*=")]
    MulEq,
    #[token("/=")]
    DivEq,
    #[token("%=")]
    ModEq,
    #[token("&=")]
    AndEq,
    #[token("^=")]
    XorEq,
    #[token("|=")]
    OrEq,
    #[token("<<=")]
    ShlEq,
    #[token(">>=")]
    ShrEq,
    #[token("++")]
    PlusPlus,
    #[token("--")]
    MinusMinus,
    #[token("...")]
    Ellipsis,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
}

/// Maps byte offsets of the lexed text to logical lines, honouring `#line`.
#[derive(Clone, Debug, Default)]
pub struct LineMap {
    /// (offset where a line starts, its logical number), ascending.
    starts: Vec<(usize, u32)>,
    /// Start offsets of the tokens lexed so far, ascending.
    tokens: Vec<usize>,
}

impl LineMap {
    /// The line dtrace(1) gives a node that ends at `end`: the line of the
    /// token after it, which its yacc parser had read when building the node
    /// (the end of input if there is none yet).
    pub fn line_after(&self, end: usize) -> u32 {
        let i = self.tokens.partition_point(|&t| t < end);
        match self.tokens.get(i) {
            Some(&t) => self.line(t),
            None => self.line(end),
        }
    }

    fn push_token(&mut self, lo: usize) {
        if self.tokens.last().is_none_or(|&t| t < lo) {
            self.tokens.push(lo);
        }
    }

    /// The logical line of byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search_by(|(o, _)| o.cmp(&offset)) {
            Ok(i) => self.starts[i].1,
            Err(0) => 1,
            Err(i) => self.starts[i - 1].1,
        }
    }

    fn push(&mut self, offset: usize, line: u32) {
        if let Some(last) = self.starts.last_mut() {
            if last.0 == offset {
                last.1 = line;
                return;
            }
        }
        self.starts.push((offset, line));
    }
}

/// A `#pragma D option name[=value]` seen while lexing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PragmaOption {
    pub name: String,
    pub value: Option<String>,
    pub line: u32,
}

/// Validates a `#pragma D option` (name, value); `Err` is the reason.
pub type OptionCheck<'a> = dyn Fn(&str, Option<&str>) -> Result<(), String> + 'a;

/// What the lexer needs from the outside world.
pub struct LexConfig<'a> {
    /// `$0`, `$1`, ... as given on the command line.
    pub macro_args: &'a [String],
    /// `-x defaultargs`: unset `$N` are `0`/`""`.
    pub defaultargs: bool,
    /// Values of `$pid`, `$target`, ... (name without `$`).
    pub macro_vars: &'a dyn Fn(&str) -> Option<u64>,
    /// Whether a name is a type name known outside the program (D's builtin
    /// typedefs, kernel typedefs from BTF).
    pub is_type: &'a mut dyn FnMut(&str) -> bool,
    /// Validates a `#pragma D option` (name, value) pair; `Err` is the reason
    /// text that follows `failed to set option ...: `.
    pub check_option: &'a OptionCheck<'a>,
    /// Text given with `-n` & co.: the outer scope is always a probe
    /// description, never a type.
    pub pspec: bool,
    /// `#pragma D depends_on provider|module NAME`: whether it exists.
    pub has_dependency: &'a dyn Fn(&str, &str) -> bool,
}

/// The state between tokens that decides how the next word is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Outer scope: probe descriptions and declarations.
    Outer,
    /// Inside a clause (predicate or body).
    Clause,
    /// Inside a declaration, until its `;`.
    Decl,
}

/// The grammar's token iterator. Produces `(lo, token, hi)` triples.
pub struct Lexer<'src, 'cfg> {
    src: &'src str,
    lines: &'cfg RefCell<LineMap>,
    pos: usize,
    cfg: LexConfig<'cfg>,
    mode: Mode,
    /// Brace depth inside the current clause or declaration.
    braces: u32,
    parens: i32,
    brackets: i32,
    /// Previous token, for the identifier/type-name rules.
    prev: Option<Tok>,
    /// Typedef names the program declares (found as the lexer goes).
    typedefs: HashSet<String>,
    /// Identifiers already taken as variables despite naming a type.
    variables: HashSet<String>,
    typedef_scan: TypedefScan,
    pending: std::collections::VecDeque<(usize, Tok, usize)>,
    /// Logical line of the current physical line.
    line: u32,
    /// Offset where scanning of line starts has reached.
    line_scan: usize,
    /// Macro arguments referenced so far (index into `macro_args`).
    pub used_args: Vec<bool>,
    pub options: Vec<PragmaOption>,
    /// `#pragma D attributes|binding ... ident`: (pragma, ident, line), to
    /// be matched with a definition of the identifier.
    pub pragma_idents: Vec<(&'static str, String, u32)>,
    defaultargs: bool,
    failed: bool,
}

/// Tracks a `typedef` declaration so its declared names become type names.
#[derive(Clone, Debug, Default)]
struct TypedefScan {
    active: bool,
    depth: i32,
    named_in_segment: bool,
}

type Spanned = (usize, Tok, usize);

impl<'src, 'cfg> Lexer<'src, 'cfg> {
    pub fn new(src: &'src str, cfg: LexConfig<'cfg>, lines: &'cfg RefCell<LineMap>) -> Self {
        let nargs = cfg.macro_args.len();
        let cfg_defaultargs = cfg.defaultargs;
        *lines.borrow_mut() = LineMap::default();
        lines.borrow_mut().push(0, 1);
        Lexer {
            src,
            lines,
            pos: 0,
            cfg,
            mode: Mode::Outer,
            braces: 0,
            parens: 0,
            brackets: 0,
            prev: None,
            typedefs: HashSet::new(),
            variables: HashSet::new(),
            typedef_scan: TypedefScan::default(),
            pending: Default::default(),
            line: 1,
            line_scan: 0,
            used_args: vec![false; nargs],
            options: Vec::new(),
            pragma_idents: Vec::new(),
            defaultargs: cfg_defaultargs,
            failed: false,
        }
    }

    /// Logical line of a byte offset already scanned.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.lines.borrow().line(offset)
    }

    fn err(&self, tag: ErrTag, at: usize, msg: impl Into<String>) -> CompileError {
        CompileError::new(tag, Some(self.line_at(at)), msg)
    }

    /// Records line starts up to `upto` so `LineMap` knows every newline.
    fn track_lines(&mut self, upto: usize) {
        let upto = upto.min(self.src.len());
        while self.line_scan < upto {
            let rest = &self.src.as_bytes()[self.line_scan..upto];
            match rest.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    let next = self.line_scan + i + 1;
                    self.line += 1;
                    self.lines.borrow_mut().push(next, self.line);
                    self.line_scan = next;
                }
                None => self.line_scan = upto,
            }
        }
    }

    fn at_line_start(&self, at: usize) -> bool {
        let before = &self.src[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        before[line_start..].chars().all(|c| matches!(c, ' ' | '\t' | '\x0b' | '\x0c'))
    }

    /// Skips blanks, comments, `\`-newlines and control lines.
    fn skip_trivia(&mut self) -> Result<(), CompileError> {
        let bytes = self.src.as_bytes();
        loop {
            let Some(&c) = bytes.get(self.pos) else {
                return Ok(());
            };
            match c {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'\\' if bytes.get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
                b'/' if bytes.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    let body = &self.src[start + 2..];
                    let end = body.find("*/");
                    // Only an opening inside this comment counts.
                    let nested = body[..end.unwrap_or(body.len())].find("/*");
                    match (end, nested) {
                        (Some(e), Some(n)) if n < e => {
                            self.track_lines(start + 2 + n);
                            return Err(self.err(ErrTag::D_SYNTAX, start + 2 + n, "/* encountered inside a comment"));
                        }
                        (Some(e), _) => self.pos = start + 2 + e + 2,
                        (None, _) => {
                            self.track_lines(self.src.len());
                            return Err(self.err(
                                ErrTag::D_SYNTAX,
                                self.src.len(),
                                "end-of-file encountered before matching */",
                            ));
                        }
                    }
                }
                b'#' if self.at_line_start(self.pos) => self.control_line()?,
                _ => return Ok(()),
            }
            self.track_lines(self.pos);
        }
    }

    /// Handles one control line starting at `self.pos` (a `#`).
    fn control_line(&mut self) -> Result<(), CompileError> {
        let start = self.pos;
        let end = self.src[start..].find('\n').map_or(self.src.len(), |i| start + i);
        let text = &self.src[start + 1..end];
        self.track_lines(start);
        let line = self.line;
        // The newline ends the directive; consume it so a `#line` takes
        // effect on the line that follows.
        self.pos = (end + 1).min(self.src.len());
        self.track_lines(self.pos);
        if text.starts_with('!') {
            return Ok(()); // `#!` interpreter line
        }
        if end == self.src.len() {
            // dtrace(1) needs the newline that ends a control line.
            return Err(CompileError::new(
                ErrTag::D_SYNTAX,
                Some(line),
                "end-of-file encountered before end of control line",
            ));
        }
        let words = pragma_words(text).map_err(|m| CompileError::new(ErrTag::D_SYNTAX, Some(line), m))?;
        let at_line = |tag, msg: String| CompileError::new(tag, Some(line), msg);
        let mut i = 0;
        let mut kind = 0; // 0: bare #, 1: after #pragma, 2: after #pragma D
        while i < words.len() {
            let w = &words[i];
            if let PragmaWord::Int(n) = w {
                return self.line_directive(&words[i..], *n, line, "line");
            }
            let PragmaWord::Word(name) = w else {
                return Err(at_line(ErrTag::D_PRAGCTL_INVAL, "invalid control directive".into()));
            };
            if kind == 0 && name == "pragma" {
                kind = 1;
                i += 1;
                continue;
            }
            if kind == 1 && name == "D" {
                kind = 2;
                i += 1;
                continue;
            }
            let args = &words[i + 1..];
            let known = match name.as_str() {
                "error" | "ident" | "line" => true,
                "attributes" | "binding" | "depends_on" | "option" => kind == 2,
                _ => false,
            };
            if !known {
                return match kind {
                    0 => Err(at_line(ErrTag::D_PRAGCTL_INVAL, format!("invalid control directive: #{name}"))),
                    1 => Ok(()), // unknown non-D pragmas are ignored, as in C
                    _ => Err(at_line(ErrTag::D_PRAGMA_INVAL, format!("invalid D pragma: {name}"))),
                };
            }
            return match name.as_str() {
                "ident" => Ok(()),
                // `#line N` numbers the next line N + 1 in dtrace(1), unlike
                // cpp's bare `# N` markers.
                "line" => match args.first() {
                    Some(PragmaWord::Int(n)) => self.line_directive(args, n.saturating_add(1), line, "line"),
                    _ => Err(at_line(ErrTag::D_PRAGMA_MALFORM, "malformed #line <line> [ [\"file\"] state ]".into())),
                },
                "error" => {
                    let mut s = String::new();
                    for a in args {
                        match a {
                            PragmaWord::Word(t) | PragmaWord::Str(t) => {
                                s.push_str(t);
                                s.push(' ');
                            }
                            PragmaWord::Int(_) => {}
                        }
                    }
                    Err(at_line(ErrTag::D_PRAGERR, format!("#error: {s}")))
                }
                "option" => {
                    let [PragmaWord::Word(opt)] = args else {
                        let msg = if matches!(args.first(), Some(PragmaWord::Word(_))) {
                            "superfluous arguments specified for #pragma option"
                        } else {
                            "malformed #pragma option <option>=<val>"
                        };
                        return Err(at_line(ErrTag::D_PRAGMA_MALFORM, msg.into()));
                    };
                    let (oname, val) = match opt.split_once('=') {
                        Some((n, v)) => (n.to_string(), Some(v.to_string())),
                        None => (opt.clone(), None),
                    };
                    if let Err(why) = (self.cfg.check_option)(&oname, val.as_deref()) {
                        let msg = match &val {
                            None => format!("failed to set option '{oname}': {why}"),
                            Some(v) => format!("failed to set option '{oname}' to '{v}': {why}"),
                        };
                        return Err(at_line(ErrTag::D_PRAGMA_OPTSET, msg));
                    }
                    // Options that change how the rest of the program lexes
                    // take effect at once, as in dtrace(1).
                    if oname == "defaultargs" {
                        self.defaultargs = true;
                    }
                    self.options.push(PragmaOption { name: oname, value: val, line });
                    Ok(())
                }
                "attributes" => match args {
                    [PragmaWord::Word(attr), PragmaWord::Word(ident), ..] => {
                        if valid_attributes(attr) {
                            self.pragma_idents.push(("attributes", ident.clone(), line));
                            Ok(())
                        } else {
                            Err(at_line(
                                ErrTag::D_PRAGMA_INVAL,
                                "invalid attributes specified by #pragma attributes".into(),
                            ))
                        }
                    }
                    _ => Err(at_line(
                        ErrTag::D_PRAGMA_MALFORM,
                        "malformed #pragma attributes <attributes> <ident>".into(),
                    )),
                },
                "binding" => match args {
                    [PragmaWord::Str(v), PragmaWord::Word(ident), ..] => {
                        if valid_version(v) {
                            self.pragma_idents.push(("binding", ident.clone(), line));
                            Ok(())
                        } else {
                            Err(at_line(
                                ErrTag::D_PRAGMA_INVAL,
                                "invalid version string specified by #pragma binding".into(),
                            ))
                        }
                    }
                    _ => Err(at_line(ErrTag::D_PRAGMA_MALFORM, "malformed #pragma binding \"version\" <ident>".into())),
                },
                "depends_on" => match args {
                    [PragmaWord::Word(class), PragmaWord::Word(name), ..] => match class.as_str() {
                        "provider" | "module" => {
                            if (self.cfg.has_dependency)(class, name) {
                                Ok(())
                            } else {
                                Err(at_line(ErrTag::D_PRAGMA_DEPEND, format!("program requires {class} {name}")))
                            }
                        }
                        "library" => Err(at_line(
                            ErrTag::D_PRAGMA_DEPEND,
                            "main program may not explicitly depend on a library".into(),
                        )),
                        _ => Err(at_line(
                            ErrTag::D_PRAGMA_INVAL,
                            format!("invalid class {class} specified by #pragma depends_on"),
                        )),
                    },
                    _ => Err(at_line(ErrTag::D_PRAGMA_MALFORM, "malformed #pragma depends_on <class> <name>".into())),
                },
                _ => Ok(()),
            };
        }
        Ok(()) // a null directive
    }

    /// `#line N ["file" [state]]` or cpp's `# N "file" flags`: the line after
    /// the directive is line N.
    fn line_directive(&mut self, words: &[PragmaWord], n: u64, line: u32, name: &str) -> Result<(), CompileError> {
        let ok = words.iter().skip(1).enumerate().all(|(i, w)| match (i, w) {
            (0, PragmaWord::Str(_)) => true,
            (i, PragmaWord::Int(_)) => i >= 1,
            _ => false,
        });
        if !ok {
            return Err(CompileError::new(
                ErrTag::D_PRAGMA_MALFORM,
                Some(line),
                format!("malformed #{name} <line> [ [\"file\"] state ]"),
            ));
        }
        self.line = u32::try_from(n).unwrap_or(u32::MAX);
        self.lines.borrow_mut().push(self.pos, self.line);
        Ok(())
    }

    /// Reads the next token, or `None` at end of input.
    fn next_token(&mut self) -> Result<Option<Spanned>, CompileError> {
        if let Some(t) = self.pending.pop_front() {
            return Ok(Some(t));
        }
        self.skip_trivia()?;
        if self.pos >= self.src.len() {
            return Ok(None);
        }
        match self.mode {
            Mode::Outer => self.outer_token().map(Some),
            Mode::Clause | Mode::Decl => self.inner_token().map(Some),
        }
    }

    /// A token at the outer scope.
    fn outer_token(&mut self) -> Result<Spanned, CompileError> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let c = bytes[start];
        let single = |t: Tok| (start, t, start + 1);
        match c {
            b'/' => {
                self.pos += 1;
                self.mode = Mode::Clause;
                self.braces = 0;
                return Ok(single(Tok::Slash));
            }
            b',' => {
                self.pos += 1;
                return Ok(single(Tok::Comma));
            }
            b'{' => {
                self.pos += 1;
                self.mode = Mode::Clause;
                self.braces = 1;
                return Ok(single(Tok::LBrace));
            }
            b'0'..=b'9' => {
                let len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                self.pos += len;
                let lit = self.int_literal(&self.src[start..start + len], start)?;
                return Ok((start, Tok::Int(lit), start + len));
            }
            _ => {}
        }
        let len = bytes[start..].iter().take_while(|&&b| is_pspec_char(b)).count();
        if len == 0 || c == b'`' || c.is_ascii_digit() {
            return Err(self.err(
                ErrTag::D_SYNTAX,
                start,
                format!("syntax error near \"{}\"", char_at(self.src, start)),
            ));
        }
        let word = &self.src[start..start + len];
        // A declaration keyword starts a declaration.
        if let Some((tok, true)) = keyword(word) {
            self.pos += len;
            return Ok(self.begin_decl(start, tok.clone(), start + len));
        }
        // Without a ':' the word may be a type name, possibly followed by
        // '*' ("int*x;" is a declaration, not a glob).
        if !self.cfg.pspec && !word.contains(':') {
            let head = match word.find('*') {
                Some(i) if i > 0 => &word[..i],
                _ => word,
            };
            if let Some((tok, true)) = keyword(head) {
                self.pos += head.len();
                return Ok(self.begin_decl(start, tok.clone(), start + head.len()));
            }
            if self.is_type_name(head) {
                self.pos += head.len();
                return Ok(self.begin_decl(start, Tok::TypeName(head.to_string()), start + head.len()));
            }
        }
        self.pos += len;
        let text = self.expand_pspec(word, start)?;
        Ok((start, Tok::Pspec(text), start + len))
    }

    /// Replaces `$N`, `$$N` and `$name` inside a probe description.
    fn expand_pspec(&mut self, word: &str, at: usize) -> Result<String, CompileError> {
        if !word.contains('$') {
            return Ok(word.to_string());
        }
        let bad = || {
            CompileError::new(
                ErrTag::D_PDESC_INVAL,
                None,
                format!("invalid probe description \"{word}\": Undefined macro variable in probe description"),
            )
        };
        let mut out = String::new();
        let mut rest = word;
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            let after = rest[i + 1..].trim_start_matches('$');
            let digits = after.bytes().take_while(|b| b.is_ascii_digit()).count();
            if digits > 0 {
                let n: usize = after[..digits].parse().unwrap_or(usize::MAX);
                match self.cfg.macro_args.get(n) {
                    Some(v) => {
                        out.push_str(v);
                        if let Some(u) = self.used_args.get_mut(n) {
                            *u = true;
                        }
                    }
                    None if self.defaultargs => out.push('0'),
                    None => return Err(bad().with_line(self.line_at(at))),
                }
                rest = &after[digits..];
            } else {
                let nlen = after.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
                match (self.cfg.macro_vars)(&after[..nlen]) {
                    Some(v) if nlen > 0 => out.push_str(&v.to_string()),
                    _ => return Err(bad().with_line(self.line_at(at))),
                }
                rest = &after[nlen..];
            }
        }
        out.push_str(rest);
        Ok(out)
    }

    fn begin_decl(&mut self, lo: usize, tok: Tok, hi: usize) -> Spanned {
        self.mode = Mode::Decl;
        self.braces = 0;
        if tok == Tok::Typedef {
            self.typedef_scan = TypedefScan { active: true, ..Default::default() };
        }
        (lo, tok, hi)
    }

    fn is_type_name(&mut self, name: &str) -> bool {
        self.typedefs.contains(name) || (self.cfg.is_type)(name)
    }

    /// A token inside a clause or declaration.
    fn inner_token(&mut self) -> Result<Spanned, CompileError> {
        let start = self.pos;
        let mut raw = Raw::lexer(&self.src[start..]);
        let Some(res) = raw.next() else {
            return Err(self.err(ErrTag::D_SYNTAX, start, "syntax error near end of input"));
        };
        let span = raw.span();
        let (lo, hi) = (start + span.start, start + span.end);
        self.pos = hi;
        let text = &self.src[lo..hi];
        let Ok(kind) = res else {
            return Err(self.err(ErrTag::D_SYNTAX, lo, format!("syntax error near \"{}\"", char_at(self.src, lo))));
        };
        let tok = match kind {
            Raw::Word => self.classify_word(text, hi),
            Raw::MacroArg | Raw::MacroStrArg => self.macro_arg(text, lo, hi)?,
            Raw::MacroVar | Raw::MacroStrVar => {
                let strvar = kind == Raw::MacroStrVar;
                let name = text.trim_start_matches('$');
                match (self.cfg.macro_vars)(name) {
                    Some(v) if strvar => Tok::Str(v.to_string().into_bytes()),
                    Some(v) => {
                        Tok::Int(IntLit { value: v, suffix: IntSuffix::default(), decimal: true, negative: false })
                    }
                    None => {
                        return Err(self.err(
                            ErrTag::D_MACRO_UNDEF,
                            lo,
                            format!("macro variable {text} is not defined"),
                        ))
                    }
                }
            }
            Raw::Agg => Tok::Agg(text[1..].to_string()),
            Raw::AggAnon => Tok::Agg("_".to_string()),
            Raw::Int => Tok::Int(self.int_literal(text, lo)?),
            Raw::Float => {
                return Err(self.err(ErrTag::D_SYNTAX, lo, "floating-point constants are not permitted"));
            }
            Raw::Str => Tok::Str(unescape(&text[1..text.len() - 1])),
            Raw::StrNl => {
                return Err(self.err(ErrTag::D_STR_NL, lo, "newline encountered in string literal"));
            }
            Raw::ChrNl => {
                return Err(self.err(ErrTag::D_CHR_NL, lo, "newline encountered in character constant"));
            }
            Raw::Chr => {
                let bytes = unescape(&text[1..text.len() - 1]);
                if bytes.is_empty() {
                    return Err(self.err(ErrTag::D_CHR_NULL, lo, "empty character constant"));
                }
                if bytes.len() > 8 {
                    return Err(self.err(ErrTag::D_CHR_OFLOW, lo, "character constant is too long"));
                }
                // Multi-character constants pack big-endian, as C compilers do.
                let value = bytes.iter().fold(0u64, |v, &b| (v << 8) | b as u64);
                let value = if bytes.len() == 1 { bytes[0] as i8 as i64 as u64 } else { value };
                Tok::Int(IntLit { value, suffix: IntSuffix::default(), decimal: true, negative: false })
            }
            Raw::Slash => {
                let rest = self.src[hi..].trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
                if rest.is_empty() || rest.starts_with([';', '{', '/']) {
                    if self.parens > 0 {
                        return Err(self.err(ErrTag::D_SYNTAX, lo, "closing ) expected in predicate before /"));
                    }
                    if self.brackets > 0 {
                        return Err(self.err(ErrTag::D_SYNTAX, lo, "closing ] expected in predicate before /"));
                    }
                    if self.mode == Mode::Clause && self.braces == 0 && !rest.starts_with('{') {
                        self.mode = Mode::Outer; // a clause without actions
                    }
                    Tok::EndPred
                } else {
                    Tok::Slash
                }
            }
            Raw::LPar => {
                self.parens += 1;
                Tok::LPar
            }
            Raw::RPar => {
                self.parens -= 1;
                if self.parens < 0 {
                    return Err(self.err(ErrTag::D_SYNTAX, lo, "extra ) in input stream"));
                }
                Tok::RPar
            }
            Raw::LBrac => {
                self.brackets += 1;
                Tok::LBrac
            }
            Raw::RBrac => {
                self.brackets -= 1;
                if self.brackets < 0 {
                    return Err(self.err(ErrTag::D_SYNTAX, lo, "extra ] in input stream"));
                }
                Tok::RBrac
            }
            Raw::LBrace => {
                self.braces += 1;
                Tok::LBrace
            }
            Raw::RBrace => {
                if self.braces == 0 {
                    return Err(self.err(ErrTag::D_SYNTAX, lo, "extra } in input stream"));
                }
                self.braces -= 1;
                if self.braces == 0 && self.mode == Mode::Clause {
                    self.end_item();
                }
                Tok::RBrace
            }
            Raw::Semi => {
                if self.braces == 0 && self.mode == Mode::Decl {
                    self.end_item();
                }
                Tok::Semi
            }
            Raw::BitOr => Tok::BitOr,
            Raw::BitXor => Tok::BitXor,
            Raw::BitAnd => Tok::BitAnd,
            Raw::LogAnd => Tok::LogAnd,
            Raw::LogXor => Tok::LogXor,
            Raw::LogOr => Tok::LogOr,
            Raw::EqEq => Tok::EqEq,
            Raw::NotEq => Tok::NotEq,
            Raw::Lt => Tok::Lt,
            Raw::Le => Tok::Le,
            Raw::Gt => Tok::Gt,
            Raw::Ge => Tok::Ge,
            Raw::Shl => Tok::Shl,
            Raw::Shr => Tok::Shr,
            Raw::Plus => Tok::Plus,
            Raw::Minus => Tok::Minus,
            Raw::Star => Tok::Star,
            Raw::Percent => Tok::Percent,
            Raw::Tilde => Tok::Tilde,
            Raw::Bang => Tok::Bang,
            Raw::Question => Tok::Question,
            Raw::Colon => Tok::Colon,
            Raw::Dot => Tok::Dot,
            Raw::Arrow => Tok::Arrow,
            Raw::Assign => Tok::Assign,
            Raw::AddEq => Tok::AddEq,
            Raw::SubEq => Tok::SubEq,
            Raw::MulEq => Tok::MulEq,
            Raw::DivEq => Tok::DivEq,
            Raw::ModEq => Tok::ModEq,
            Raw::AndEq => Tok::AndEq,
            Raw::XorEq => Tok::XorEq,
            Raw::OrEq => Tok::OrEq,
            Raw::ShlEq => Tok::ShlEq,
            Raw::ShrEq => Tok::ShrEq,
            Raw::PlusPlus => Tok::PlusPlus,
            Raw::MinusMinus => Tok::MinusMinus,
            Raw::Ellipsis => Tok::Ellipsis,
            Raw::Comma => Tok::Comma,
        };
        self.scan_typedef(&tok);
        Ok((lo, tok, hi))
    }

    fn end_item(&mut self) {
        self.mode = Mode::Outer;
        self.typedef_scan.active = false;
        self.parens = 0;
        self.brackets = 0;
    }

    /// Keyword, type name or identifier, by dtrace(1)'s rules.
    fn classify_word(&mut self, word: &str, hi: usize) -> Tok {
        if let Some((tok, _)) = keyword(word) {
            return tok.clone();
        }
        let ident = || Tok::Ident(word.to_string());
        // Member names and tags are identifiers whatever else they name.
        if matches!(self.prev, Some(Tok::Arrow | Tok::Dot | Tok::Struct | Tok::Union | Tok::Enum)) {
            return ident();
        }
        if word.contains('`') || self.variables.contains(word) || !self.is_type_name(word) {
            return ident();
        }
        // After a complete type in a declaration (`uint64_t u64;`, `int *
        // size_t;`) a name can only be the declarator, even if the kernel
        // also has a type by that name; remember it as a variable.
        if self.mode == Mode::Decl && self.declarator_expected() {
            self.variables.insert(word.to_string());
            return ident();
        }
        // A type name used like a variable being assigned is a variable.
        let rest = self.src[hi..].trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
        let assigned = rest.starts_with("++")
            || rest.starts_with("--")
            || rest.starts_with('[')
            || (rest.starts_with('=') && !rest.starts_with("=="));
        if assigned && self.mode == Mode::Clause {
            self.variables.insert(word.to_string());
            return ident();
        }
        Tok::TypeName(word.to_string())
    }

    /// Whether the previous token ends a type, so a name must be a declarator.
    fn declarator_expected(&self) -> bool {
        matches!(
            self.prev,
            Some(
                Tok::TypeName(_)
                    | Tok::Void
                    | Tok::Char
                    | Tok::Short
                    | Tok::IntKw
                    | Tok::Long
                    | Tok::Float
                    | Tok::Double
                    | Tok::Signed
                    | Tok::Unsigned
                    | Tok::StringKw
                    | Tok::Star
                    | Tok::RBrace
            )
        )
    }

    /// Tracks the names a `typedef` declares, so later uses lex as types.
    fn scan_typedef(&mut self, tok: &Tok) {
        if *tok == Tok::Typedef && self.mode == Mode::Decl {
            self.typedef_scan = TypedefScan { active: true, ..Default::default() };
            return;
        }
        let scan = &mut self.typedef_scan;
        if !scan.active {
            return;
        }
        match tok {
            Tok::LBrace => scan.depth += 1,
            Tok::RBrace => scan.depth -= 1,
            Tok::Comma if scan.depth == 0 => scan.named_in_segment = false,
            Tok::Ident(name)
                if scan.depth == 0
                    && !scan.named_in_segment
                    && !matches!(self.prev, Some(Tok::Struct | Tok::Union | Tok::Enum)) =>
            {
                scan.named_in_segment = true;
                self.typedefs.insert(name.clone());
            }
            _ => {}
        }
    }

    /// `$N` / `$$N`: the argument's text as a token.
    fn macro_arg(&mut self, text: &str, lo: usize, hi: usize) -> Result<Tok, CompileError> {
        let strarg = text.starts_with("$$");
        let digits = text.trim_start_matches('$');
        let idx: Option<usize> = digits.parse().ok();
        let arg = idx.and_then(|i| self.cfg.macro_args.get(i));
        let value = match arg {
            Some(v) => {
                if let Some(i) = idx {
                    if let Some(u) = self.used_args.get_mut(i) {
                        *u = true;
                    }
                }
                v.clone()
            }
            None if self.defaultargs => {
                if strarg {
                    String::new()
                } else {
                    "0".to_string()
                }
            }
            None => {
                return Err(self.err(ErrTag::D_MACRO_UNDEF, lo, format!("macro argument {text} is not defined")));
            }
        };
        if strarg {
            return Ok(Tok::Str(unescape(&value)));
        }
        if !is_ident_or_number(&value) {
            let inner = if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
                &value[1..value.len() - 1]
            } else {
                &value[..]
            };
            return Ok(Tok::Str(unescape(inner)));
        }
        let first = value.as_bytes()[0];
        if first.is_ascii_digit() || first == b'-' || first == b'+' {
            let (negative, num) = match first {
                b'-' => (true, &value[1..]),
                b'+' => (false, &value[1..]),
                _ => (false, &value[..]),
            };
            let mut lit = parse_int(num).map_err(|e| match e {
                IntError::Overflow => self.err(
                    ErrTag::D_MACRO_OFLOW,
                    lo,
                    format!("macro argument {text} constant {num} results in integer overflow"),
                ),
                IntError::Digit(c) => {
                    self.err(ErrTag::D_INT_DIGIT, lo, format!("constant {num} contains invalid digit {c}"))
                }
            })?;
            lit.negative = negative;
            return Ok(Tok::Int(lit));
        }
        Ok(self.classify_word(&value, hi))
    }

    fn int_literal(&self, text: &str, at: usize) -> Result<IntLit, CompileError> {
        parse_int(text).map_err(|e| match e {
            IntError::Overflow => {
                self.err(ErrTag::D_INT_OFLOW, at, format!("constant {text} results in integer overflow"))
            }
            IntError::Digit(c) => {
                self.err(ErrTag::D_INT_DIGIT, at, format!("constant {text} contains invalid digit {c}"))
            }
        })
    }
}

impl Iterator for Lexer<'_, '_> {
    type Item = Result<Spanned, CompileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.next_token() {
            Ok(Some(t)) => {
                // dtrace(1)'s lexer reads past blanks after a closing `/` to
                // decide what it is, so nodes built then carry the line of
                // the character that follows it.
                let at = if t.1 == Tok::EndPred {
                    let rest = &self.src[t.2..];
                    t.2 + (rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']).len())
                } else {
                    t.0
                };
                self.track_lines(t.2.max(at));
                self.lines.borrow_mut().push_token(at);
                self.prev = Some(t.1.clone());
                Some(Ok(t))
            }
            Ok(None) => None,
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

fn is_pspec_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-$:_.?*\\[]!`".contains(&b)
}

fn char_at(src: &str, at: usize) -> char {
    src[at..].chars().next().unwrap_or(' ')
}

/// Whether a macro argument reads as a number or identifier (else a string).
fn is_ident_or_number(v: &str) -> bool {
    let b = v.as_bytes();
    match b.first() {
        None => false,
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' || *c == b'`' => {
            b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'`')
        }
        Some(b'-' | b'+') => b.len() > 1 && b[1].is_ascii_digit() && parse_int(&v[1..]).is_ok(),
        Some(c) if c.is_ascii_digit() => parse_int(v).is_ok(),
        _ => false,
    }
}

enum IntError {
    Overflow,
    Digit(char),
}

/// Parses a C integer constant with optional `u`/`l`/`ll` suffixes.
fn parse_int(text: &str) -> Result<IntLit, IntError> {
    let (radix, digits_start) = if text.starts_with("0x") || text.starts_with("0X") {
        (16, 2)
    } else if text.starts_with('0') && text.len() > 1 {
        (8, 1)
    } else {
        (10, 0)
    };
    let body = &text[digits_start..];
    let ndig = body.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
    let (digits, suffix) = body.split_at(ndig);
    let mut value: u64 = 0;
    let mut consumed = 0;
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else { break };
        value = value.checked_mul(radix as u64).and_then(|v| v.checked_add(d as u64)).ok_or(IntError::Overflow)?;
        consumed += 1;
    }
    let rest = &body[consumed..];
    if radix == 16 && consumed == 0 {
        return Err(IntError::Digit(rest.chars().next().unwrap_or('x')));
    }
    if consumed < digits.len() {
        return Err(IntError::Digit(rest.chars().next().unwrap_or('?')));
    }
    let suffix = parse_suffix(suffix).ok_or_else(|| IntError::Digit(suffix.chars().next().unwrap_or('?')))?;
    Ok(IntLit { value, suffix, decimal: radix == 10, negative: false })
}

fn parse_suffix(s: &str) -> Option<IntSuffix> {
    let lower = s.to_ascii_lowercase();
    let (unsigned, longs) = match lower.as_str() {
        "" => (false, 0),
        "u" => (true, 0),
        "l" => (false, 1),
        "ll" => (false, 2),
        "ul" | "lu" => (true, 1),
        "ull" | "llu" => (true, 2),
        _ => return None,
    };
    // C allows `ll`/`LL` but not mixed-case `lL`.
    if longs == 2 && (s.contains("lL") || s.contains("Ll")) {
        return None;
    }
    Some(IntSuffix { unsigned, longs })
}

/// Decodes C escape sequences; unknown escapes keep the character.
pub fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = b[i];
        i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'v' => out.push(0x0b),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            b'x' => {
                let mut v: u32 = 0;
                let mut n = 0;
                while i < b.len() && b[i].is_ascii_hexdigit() && n < 2 {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push(b'x');
                } else {
                    out.push(v as u8);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A word of a control line.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PragmaWord {
    Int(u64),
    Str(String),
    Word(String),
}

fn pragma_words(text: &str) -> Result<Vec<PragmaWord>, String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | 0x0b | 0x0c | b'\r' => i += 1,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                if j >= b.len() {
                    return Err("newline encountered in string literal".into());
                }
                out.push(PragmaWord::Str(String::from_utf8_lossy(&unescape(&text[start..j])).into_owned()));
                i = j + 1;
            }
            _ => {
                let start = i;
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | 0x0b | 0x0c | b'\r' | b'"') {
                    i += 1;
                }
                let w = &text[start..i];
                match parse_int(w) {
                    Ok(lit) if w.as_bytes()[0].is_ascii_digit() => out.push(PragmaWord::Int(lit.value)),
                    _ => out.push(PragmaWord::Word(w.to_string())),
                }
            }
        }
    }
    Ok(out)
}

/// `name/name/class` stability triple of `#pragma D attributes`.
fn valid_attributes(s: &str) -> bool {
    const STAB: &[&str] =
        &["Internal", "Private", "Obsolete", "External", "Unstable", "Evolving", "Stable", "Standard"];
    const CLASS: &[&str] = &["Unknown", "CPU", "Platform", "Group", "ISA", "Common"];
    let parts: Vec<&str> = s.split('/').collect();
    match parts.as_slice() {
        [n, d, c] => STAB.contains(n) && STAB.contains(d) && CLASS.contains(c),
        _ => false,
    }
}

/// `major.minor[.micro]` version strings of `#pragma D binding`.
fn valid_version(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    (2..=3).contains(&parts.len()) && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex_with(src: &str, pspec: bool) -> Result<Vec<Tok>, CompileError> {
        let mut is_type = |n: &str| matches!(n, "uint64_t" | "int32_t" | "size_t");
        let vars = |n: &str| match n {
            "pid" => Some(42),
            "target" => Some(0),
            _ => None,
        };
        let args = vec!["script".to_string(), "17".to_string(), "foo".to_string(), "hello world".to_string()];
        let cfg = LexConfig {
            macro_args: &args,
            defaultargs: false,
            macro_vars: &vars,
            is_type: &mut is_type,
            check_option: &|n, _| {
                if n == "bogus" {
                    Err("Invalid option name".into())
                } else {
                    Ok(())
                }
            },
            pspec,
            has_dependency: &|_, _| true,
        };
        let lines = RefCell::new(LineMap::default());
        Lexer::new(src, cfg, &lines).map(|r| r.map(|(_, t, _)| t)).collect()
    }

    fn lex(src: &str) -> Vec<Tok> {
        lex_with(src, false).expect("lexes")
    }

    fn err(src: &str) -> (ErrTag, u32, String) {
        let e = lex_with(src, false).expect_err("fails");
        (e.tag, e.line.unwrap_or(0), e.message)
    }

    fn ident(s: &str) -> Tok {
        Tok::Ident(s.into())
    }

    #[test]
    fn probe_descriptions_at_outer_scope() {
        let t = lex("syscall::open*:entry, profile-97\n/pid == $pid/ { x = 1; }");
        assert_eq!(t[0], Tok::Pspec("syscall::open*:entry".into()));
        assert_eq!(t[1], Tok::Comma);
        assert_eq!(t[2], Tok::Pspec("profile-97".into()));
        assert_eq!(t[3], Tok::Slash);
        assert_eq!(t[4], ident("pid"));
        assert!(matches!(t[6], Tok::Int(IntLit { value: 42, .. })));
        assert_eq!(t[7], Tok::EndPred);
        assert_eq!(t[8], Tok::LBrace);
    }

    #[test]
    fn clause_end_returns_to_outer_scope() {
        let t = lex("BEGIN { a = b / c; } tick-1sec /x/ {} END{}");
        assert!(t.contains(&Tok::Slash));
        assert!(t.contains(&Tok::Pspec("tick-1sec".into())));
        assert!(t.contains(&Tok::Pspec("END".into())));
    }

    #[test]
    fn declarations_at_outer_scope() {
        let t = lex("int*x; uint64_t y; typedef int myint_t; myint_t z;");
        assert_eq!(&t[..4], &[Tok::IntKw, Tok::Star, ident("x"), Tok::Semi]);
        assert_eq!(t[4], Tok::TypeName("uint64_t".into()));
        assert!(t.contains(&Tok::TypeName("myint_t".into())));
    }

    #[test]
    fn pspec_mode_never_makes_type_names() {
        let t = lex_with("uint64_t", true).expect("lexes");
        assert_eq!(t, vec![Tok::Pspec("uint64_t".into())]);
    }

    #[test]
    fn type_name_assigned_is_a_variable() {
        let t = lex("BEGIN { size_t = 3; x = (size_t)y; }");
        assert_eq!(t[2], ident("size_t"));
        assert!(
            t.contains(&Tok::TypeName("size_t".into())) || t.iter().filter(|t| **t == ident("size_t")).count() == 2
        );
    }

    #[test]
    fn macro_arguments() {
        let t = lex("BEGIN { a = $1; b = $2; c = $$1; d = $3; }");
        assert!(matches!(t[4], Tok::Int(IntLit { value: 17, .. })));
        assert_eq!(t[8], ident("foo"));
        assert_eq!(t[12], Tok::Str(b"17".to_vec()));
        assert_eq!(t[16], Tok::Str(b"hello world".to_vec()));
        assert_eq!(err("BEGIN { a = $9; }"), (ErrTag::D_MACRO_UNDEF, 1, "macro argument $9 is not defined".into()));
        assert_eq!(err("BEGIN\n{ a = $nope; }").0, ErrTag::D_MACRO_UNDEF);
    }

    #[test]
    fn literals() {
        let t = lex("BEGIN { a = 0x1fULL + 010 + 'A' + \"a\\tb\\x41\\101\"; }");
        assert!(matches!(
            t[4],
            Tok::Int(IntLit { value: 31, suffix: IntSuffix { unsigned: true, longs: 2 }, decimal: false, .. })
        ));
        assert!(matches!(t[6], Tok::Int(IntLit { value: 8, .. })));
        assert!(matches!(t[8], Tok::Int(IntLit { value: 65, .. })));
        assert_eq!(t[10], Tok::Str(b"a\tbAA".to_vec()));
        assert_eq!(err("BEGIN { a = 089; }").0, ErrTag::D_INT_DIGIT);
        assert_eq!(err("BEGIN { a = 99999999999999999999999; }").0, ErrTag::D_INT_OFLOW);
        assert_eq!(err("BEGIN { a = 1.5; }").2, "floating-point constants are not permitted");
        assert_eq!(
            err("BEGIN {\n a = \"abc\n\"; }"),
            (ErrTag::D_STR_NL, 2, "newline encountered in string literal".into())
        );
        assert_eq!(err("BEGIN { a = ''; }").0, ErrTag::D_CHR_NULL);
        assert_eq!(err("BEGIN { a = 'abcdefghi'; }").0, ErrTag::D_CHR_OFLOW);
    }

    #[test]
    fn comments_and_lines() {
        let src = "/* a\n b */\nBEGIN\n{\n  x = 1 /* c */;\n}\n";
        let cfg_types = &mut |_: &str| false;
        let args: Vec<String> = vec![];
        let lines = RefCell::new(LineMap::default());
        let mut lx = Lexer::new(
            src,
            LexConfig {
                macro_args: &args,
                defaultargs: false,
                macro_vars: &|_| None,
                is_type: cfg_types,
                check_option: &|_, _| Ok(()),
                pspec: false,
                has_dependency: &|_, _| true,
            },
            &lines,
        );
        let toks: Vec<_> = lx.by_ref().map(|r| r.expect("lexes")).collect();
        let x = toks.iter().find(|t| t.1 == ident("x")).expect("x");
        assert_eq!(lx.line_at(x.0), 5);
        assert_eq!(err("BEGIN { /* a /* b */ }").2, "/* encountered inside a comment");
        assert_eq!(err("BEGIN { /* a ").2, "end-of-file encountered before matching */");
    }

    #[test]
    fn control_lines() {
        let t = lex("#!/usr/sbin/dtrace -s\n#pragma D option quiet\n#pragma ident \"x\"\nBEGIN {}");
        assert_eq!(t[0], Tok::Pspec("BEGIN".into()));
        assert_eq!(err("#pragma error this is bad\nBEGIN {}"), (ErrTag::D_PRAGERR, 1, "#error: this is bad ".into()));
        assert_eq!(err("\n#pragma D option bogus\n").0, ErrTag::D_PRAGMA_OPTSET);
        assert_eq!(err("#pragma D nonsense\n").2, "invalid D pragma: nonsense");
        assert_eq!(err("#frobnicate\n").2, "invalid control directive: #frobnicate");
        assert_eq!(err("#line 20\nBEGIN { a = $7; }").1, 21);
        assert_eq!(err("# 7 \"foo.d\"\n\nBEGIN { a = $7; }").1, 8);
    }

    #[test]
    fn predicate_slash_rules() {
        let t = lex("BEGIN /a / b/ { }");
        assert_eq!(t[2], ident("a"));
        assert_eq!(t[3], Tok::Slash);
        assert_eq!(t[5], Tok::EndPred);
        assert_eq!(err("BEGIN /(a/ {}").2, "closing ) expected in predicate before /");
    }

    #[test]
    fn aggregations_and_members() {
        let t = lex("BEGIN { @[1] = count(); @foo = sum(x->size_t); }");
        assert_eq!(t[2], Tok::Agg("_".into()));
        assert!(t.contains(&Tok::Agg("foo".into())));
        assert!(t.contains(&ident("size_t")));
    }

    #[test]
    fn bad_characters() {
        assert_eq!(err("BEGIN { a = #; }").2, "syntax error near \"#\"");
    }
}
