//! The D compiler front end: D source in, checked program out.
//!
//! The stages, each a module whose output is the next one's input:
//!
//! 1. [`cpp`] — with `-C`, the system C preprocessor; `#!` lines dropped.
//! 2. [`lexer`] — `logos` tokens, made context-sensitive the way D needs:
//!    probe descriptions at the outer scope, type names versus identifiers,
//!    `/` as division or end of predicate, macro variables, control lines
//!    (`#pragma`, `#line`).
//! 3. `grammar` — the LALR(1) grammar in `grammar/d.lalrpop`, producing the
//!    [`ast`].
//! 4. [`sema`] — scopes, identifiers, the type system (with kernel types from
//!    [`btf`]), actions and aggregations; fills each expression's type and
//!    returns a [`sema::Checked`] program, the only input code generation
//!    accepts.
//!
//! Every failure is a [`CompileError`] carrying DTrace's tag ([`ErrTag`]) and
//! the logical source line.

pub mod ast;
pub mod btf;
pub mod builtins;
pub mod cpp;
pub mod errtags;
pub mod lexer;
pub mod pdesc;
pub mod sema;
pub mod types;

#[allow(clippy::all, unused_parens, dead_code)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/d.rs"));
}

pub use errtags::ErrTag;

/// A compile error as dtrace(1) reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub tag: ErrTag,
    /// Logical line of the offending construct, when it has one.
    pub line: Option<u32>,
    /// The message, without tag, line or trailing newline.
    pub message: String,
}

impl CompileError {
    pub fn new(tag: ErrTag, line: Option<u32>, message: impl Into<String>) -> Self {
        CompileError { tag, line, message: message.into() }
    }

    /// The full stderr line dtrace(1) prints for this error, without the
    /// trailing newline: `dtrace: failed to compile script F: line N: MSG`
    /// for scripts, `dtrace: invalid probe specifier TEXT: MSG` for `-n` & co.
    pub fn render(&self, origin: &Origin, errtags: bool) -> String {
        let tag = if errtags { format!("[{}] ", self.tag) } else { String::new() };
        match origin {
            Origin::Script(path) => match self.line {
                Some(n) => format!("dtrace: failed to compile script {path}: line {n}: {tag}{}", self.message),
                None => format!("dtrace: failed to compile script {path}: {tag}{}", self.message),
            },
            Origin::ProbeSpec(text) => {
                format!("dtrace: invalid probe specifier {text}: {tag}{}", self.message)
            }
        }
    }
}

/// Where a program's text came from; it decides how errors are worded and
/// whether the text is a whole program or a probe description first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `-s FILE` (or a `#!` script): the path as given.
    Script(String),
    /// `-n`, `-P`, `-m`, `-f`, `-i`: the text as given.
    ProbeSpec(String),
}

/// Where kernel types come from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum BtfSource {
    /// `/sys/kernel/btf/vmlinux` if it exists.
    #[default]
    Auto,
    /// No kernel types: references to them fail with a clear error.
    None,
    /// A BTF file at this path.
    Path(std::path::PathBuf),
}

/// Everything besides the text that decides how a program compiles.
#[derive(Clone, Debug, Default)]
pub struct CompileOptions {
    /// Macro arguments: `$0` is the script name, `$1..` what followed it.
    pub macro_args: Vec<String>,
    /// `-x defaultargs`: unset `$N` are 0 / "" instead of an error.
    pub defaultargs: bool,
    /// `-Z`: probe descriptions that match nothing are allowed.
    pub zdefs: bool,
    /// Where kernel types come from.
    pub btf: BtfSource,
}
