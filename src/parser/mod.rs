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

mod actions;
pub mod ast;
pub mod btf;
pub mod builtins;
pub mod cpp;
pub mod dlib;
pub mod errtags;
pub mod lexer;
pub mod pdesc;
pub mod printf;
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
    /// The part of a clause being checked (`action list`, `predicate`):
    /// dtrace(1) names it instead of a line for `-n` programs.
    pub region: Option<&'static str>,
}

impl CompileError {
    pub fn new(tag: ErrTag, line: Option<u32>, message: impl Into<String>) -> Self {
        CompileError { tag, line, message: message.into(), region: None }
    }

    /// The same error, reported at `line`.
    pub fn with_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }

    /// The full stderr line dtrace(1) prints for this error, without the
    /// trailing newline: `dtrace: failed to compile script F: line N: MSG`
    /// for scripts, `dtrace: invalid probe specifier TEXT: MSG` for `-n` & co.
    pub fn render(&self, origin: &Origin, errtags: bool) -> String {
        // Tag first, then one location: `line N: ` for scripts, else the
        // clause region for `-n` text (libdtrace's dt_set_errmsg order).
        let mut msg = if errtags { format!("[{}] ", self.tag) } else { String::new() };
        let line = match origin {
            Origin::Script(_) => self.line,
            Origin::ProbeSpec(_) => None,
        };
        match (line, self.region) {
            (Some(n), _) => msg.push_str(&format!("line {n}: ")),
            (None, Some(r)) => msg.push_str(&format!("in {r}: ")),
            (None, None) => {}
        }
        msg.push_str(&self.message);
        match origin {
            Origin::Script(path) => format!("dtrace: failed to compile script {path}: {msg}"),
            Origin::ProbeSpec(text) => format!("dtrace: invalid probe specifier {text}: {msg}"),
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
    /// `$target`: the `-c` child or `-p` process.
    pub target: Option<u32>,
    /// `-x argref`: macro arguments need not all be referenced.
    pub argref: bool,
    /// `-C`: run the C preprocessor with these extra arguments (`-D`, `-U`,
    /// `-I`, `-H`).
    pub cpp: Option<Vec<String>>,
}

/// Compiles D source: preprocess, lex, parse and check.
///
/// `catalog` says which probes exist (for matching probe descriptions).
pub fn compile(
    text: &str,
    origin: &Origin,
    opts: &CompileOptions,
    catalog: &dyn crate::consumer::probes::ProbeCatalog,
) -> Result<sema::Checked, CompileError> {
    let text = match &opts.cpp {
        Some(args) => cpp::preprocess(text, origin, args)?,
        None => text.to_string(),
    };
    let (table, builtin) = types::TypeTable::new();
    let mut kernel = sema::Kernel::NotLoaded(opts.btf.clone());
    let check_option = |name: &str, value: Option<&str>| {
        crate::dif::options::set(name, value, crate::dif::options::SetContext::Pragma)
            .map(|_| ())
            .map_err(|e| e.message().to_string())
    };
    let has_dependency = |class: &str, name: &str| match class {
        "provider" => {
            !catalog.matching(&pdesc::ProbeDesc { provider: name.to_string(), ..Default::default() }).is_empty()
        }
        _ => name == "vmlinux",
    };
    let parsed = {
        let mut is_type = |name: &str| {
            table.typedef(name).is_some() || kernel.get().is_some_and(|k| types::KernelTypes::is_typedef(k, name))
        };
        parse(&text, origin, opts, &mut is_type, &check_option, &has_dependency)?
    };
    let Parsed { program, options, used_args: used, pragma_idents } = parsed;
    // Errors found after parsing carry the line the lexer ended on.
    let eof_line = 1 + text.bytes().filter(|&b| b == b'\n').count() as u32;
    if program.items.is_empty() {
        return Err(CompileError::new(ErrTag::D_EMPTY, Some(eof_line), "empty D program translation unit"));
    }
    let argref = opts.argref || options.iter().any(|o| o.name == "argref");
    let after_parse = sema::AfterParse { eof_line, used_args: used, argref, pragma_idents };
    sema::check(program, options, (table, builtin), &mut kernel, opts, catalog, &after_parse)
}

/// Parses a type name given as text (`"struct task_struct *"`).
pub fn parse_type_name(text: &str, is_type: &mut dyn FnMut(&str) -> bool) -> Result<ast::TypeName, CompileError> {
    let lines = std::cell::RefCell::new(lexer::LineMap::default());
    let cfg = lexer::LexConfig {
        macro_args: &[],
        defaultargs: false,
        macro_vars: &|_| None,
        is_type,
        check_option: &|_, _| Ok(()),
        pspec: false,
        has_dependency: &|_, _| true,
    };
    let mut lx = lexer::Lexer::new(text, cfg, &lines);
    grammar::TypeNameOnlyParser::new().parse(&lines, false, &mut lx).map_err(|e| match e {
        lalrpop_util::ParseError::User { error } => error,
        _ => CompileError::new(ErrTag::D_SYNTAX, None, format!("invalid type name: {text}")),
    })
}

/// What parsing produces besides the AST.
pub struct Parsed {
    pub program: ast::Program,
    /// `#pragma D option` settings, in order.
    pub options: Vec<lexer::PragmaOption>,
    /// Which macro arguments (`$0`, `$1`, ...) the program referenced.
    pub used_args: Vec<bool>,
    /// `#pragma D attributes|binding` targets: (pragma, ident, line).
    pub pragma_idents: Vec<(&'static str, String, u32)>,
}

/// Lexes and parses `text` into an AST (no semantic checks).
///
/// `is_type` answers whether a name is a type known outside the program;
/// the lexer needs it to tell casts from parenthesized expressions.
pub fn parse(
    text: &str,
    origin: &Origin,
    opts: &CompileOptions,
    is_type: &mut dyn FnMut(&str) -> bool,
    check_option: &lexer::OptionCheck,
    has_dependency: &dyn Fn(&str, &str) -> bool,
) -> Result<Parsed, CompileError> {
    use lalrpop_util::ParseError;
    let lines = std::cell::RefCell::new(lexer::LineMap::default());
    let macro_vars = |name: &str| macro_variable(name, opts);
    let cfg = lexer::LexConfig {
        macro_args: &opts.macro_args,
        defaultargs: opts.defaultargs,
        macro_vars: &macro_vars,
        is_type,
        check_option,
        pspec: matches!(origin, Origin::ProbeSpec(_)),
        has_dependency,
    };
    let mut lx = lexer::Lexer::new(text, cfg, &lines);
    let file = matches!(origin, Origin::Script(_));
    let result = grammar::ProgramParser::new().parse(&lines, file, &mut lx);
    let line_of = |at: usize| lines.borrow().line(at);
    let near = |lo: usize, hi: usize| {
        let t = text.get(lo..hi).unwrap_or("");
        format!("syntax error near \"{t}\"")
    };
    let program = result.map_err(|e| match e {
        ParseError::User { error } => error,
        ParseError::UnrecognizedToken { token: (lo, _, hi), .. } | ParseError::ExtraToken { token: (lo, _, hi) } => {
            CompileError::new(ErrTag::D_SYNTAX, Some(line_of(lo)), near(lo, hi))
        }
        ParseError::UnrecognizedEof { location, .. } | ParseError::InvalidToken { location } => CompileError::new(
            ErrTag::D_SYNTAX,
            Some(line_of(location.max(text.len()))),
            "syntax error near end of input",
        ),
    })?;
    Ok(Parsed {
        program,
        options: lx.options.clone(),
        used_args: lx.used_args.clone(),
        pragma_idents: lx.pragma_idents.clone(),
    })
}

/// Values of the `$pid`-style macro variables.
fn macro_variable(name: &str, opts: &CompileOptions) -> Option<u64> {
    let status = || std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |key: &str, idx: usize| -> Option<u64> {
        status()
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().nth(idx))
            .and_then(|v| v.parse().ok())
    };
    let stat_field = |idx: usize| -> Option<u64> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the parenthesized command name, which may hold spaces.
        let rest = &stat[stat.rfind(')')? + 2..];
        rest.split_whitespace().nth(idx).and_then(|v| v.parse().ok())
    };
    match name {
        "pid" => Some(std::process::id() as u64),
        "ppid" => field("PPid:", 0),
        "uid" => field("Uid:", 0),
        "euid" => field("Uid:", 1),
        "gid" => field("Gid:", 0),
        "egid" => field("Gid:", 1),
        "pgid" => stat_field(2),
        "sid" => stat_field(3),
        "target" => Some(opts.target.unwrap_or(0) as u64),
        "projid" | "taskid" => Some(0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn parse_str(src: &str) -> Result<ast::Program, CompileError> {
        let opts = CompileOptions { macro_args: vec!["t.d".into()], ..Default::default() };
        let mut is_type = |n: &str| matches!(n, "uint64_t" | "int64_t" | "uint32_t" | "size_t" | "pid_t");
        parse(src, &Origin::Script("t.d".into()), &opts, &mut is_type, &|_, _| Ok(()), &|_, _| true).map(|p| p.program)
    }

    #[test]
    fn parses_the_language() {
        let ok = [
            "BEGIN { trace(\"hello\"); exit(0); }",
            "BEGIN { trace(1) }",
            "syscall::read:entry, syscall::write:entry /pid == 1 && execname != \"x\"/ { @[probefunc] = count(); }",
            "tick-1sec { printa(\"%s %@d\\n\", @); trunc(@, 10); }",
            "int x; uint64_t y[string, int]; self int z; this string s;",
            "struct foo { int a; unsigned b : 3; char *c[4]; struct foo *next; }; union u { int i; long l; };",
            "enum color { RED, GREEN = 5, BLUE, }; typedef struct foo foo_t; foo_t *p;",
            "typedef int (*fp_t)(int, char *, ...); fp_t f;",
            "inline int MAX = 100; inline string NAME = \"x\";",
            "translator struct out < struct in *p > { a = p->x; b = *p->y; };",
            "provider myprov { probe start(int, char *); probe done(int) : (int); };",
            "BEGIN { x = (uint64_t)1 << 3; y = sizeof (int) + sizeof x; z = offsetof(struct foo, a); }",
            "BEGIN { a = b ? c : d ? e : f; a += 1; a <<= 2; a ^= 3; ++a; a--; a = -~!*&b; }",
            "BEGIN { s = stringof(curthread->comm); t = xlate<struct x>(curthread).y; u = args[0]->f.g[2]; }",
            "BEGIN { if (x) { y = 1; } else if (z) { y = 2; } else y = 3; if (a) b = 1; }",
            "BEGIN { self->ts = timestamp; this->x = 1; @a[1, \"s\"] = quantize(x); @ = lquantize(x, 0, 100, 10); }",
            "BEGIN /x/ { } END { }",
            "fbt:vmlinux:vfs_*:entry, fbt::[a-c]*:return, ::f?o:entry, *:::BEGIN { }",
            "BEGIN { x = 'a' + 0x10 + 010 + 10UL + 5ll; }",
            "BEGIN { x = (char)y; z = (struct task_struct *)curthread; w = (int (*)(void))0; }",
            "int*p; BEGIN {}",
            "BEGIN { ; ; a = 1; ; }",
            "BEGIN { x = `jiffies + vmlinux`max_threads; }",
        ];
        for src in ok {
            if let Err(e) = parse_str(src) {
                panic!("{src}\n  -> {e:?}");
            }
        }
    }

    #[test]
    fn syntax_errors_name_the_token() {
        let cases = [
            ("BEGIN { x = ; }", 1, "syntax error near \";\""),
            ("BEGIN {\n x = 1\n y = 2; }", 3, "syntax error near \"y\""),
            ("BEGIN { x = (1; }", 1, "syntax error near \";\""),
            ("BEGIN {", 1, "syntax error near end of input"),
            ("BEGIN { x = 1; }}", 1, "syntax error near \"}\""),
        ];
        for (src, line, msg) in cases {
            let e = parse_str(src).expect_err(src);
            assert_eq!((e.tag, e.line, e.message.as_str()), (ErrTag::D_SYNTAX, Some(line), msg), "{src}");
        }
    }
}
