//! Property tests: whatever the input, the front end answers with a
//! program or a compile error — never a panic. Inputs are soups of D
//! tokens (so they get past the lexer and deep into the parser and checker)
//! and raw byte strings.

use dtrace::consumer::probes::KnownProviders;
use dtrace::parser::{compile, BtfSource, CompileOptions, Origin};
use proptest::prelude::*;

/// Tokens that exercise every part of the grammar and the checker.
const TOKENS: &[&str] = &[
    "BEGIN",
    "END",
    "tick-1sec",
    "profile-97",
    "syscall::read:entry",
    "dtrace:::ERROR",
    "*:::",
    "123",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "/",
    ";",
    ",",
    ":",
    "?",
    "=",
    "+=",
    "-=",
    "<<=",
    "++",
    "--",
    "+",
    "-",
    "*",
    "%",
    "&",
    "&&",
    "|",
    "||",
    "^",
    "^^",
    "!",
    "~",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "!=",
    "<<",
    ">>",
    ".",
    "->",
    "...",
    "@",
    "@a",
    "@cnt",
    "self",
    "this",
    "self->x",
    "this->y",
    "x",
    "y",
    "pid",
    "execname",
    "timestamp",
    "args",
    "arg0",
    "curthread",
    "probefunc",
    "0",
    "1",
    "42",
    "0x1f",
    "077",
    "10UL",
    "'c'",
    "\"str\"",
    "\"%d %s\\n\"",
    "int",
    "char",
    "long",
    "unsigned",
    "signed",
    "short",
    "void",
    "string",
    "struct",
    "union",
    "enum",
    "typedef",
    "inline",
    "translator",
    "provider",
    "probe",
    "extern",
    "static",
    "const",
    "volatile",
    "sizeof",
    "offsetof",
    "stringof",
    "xlate",
    "if",
    "else",
    "count()",
    "sum(",
    "quantize(",
    "lquantize(",
    "printf(",
    "printa(",
    "trace(",
    "exit(",
    "speculate(",
    "commit(",
    "strlen(",
    "copyinstr(",
    "stack()",
    "uint64_t",
    "int32_t",
    "foo_t",
    "$1",
    "$$1",
    "$pid",
    "$target",
    "#pragma D option quiet\n",
    "\n",
    " ",
    "/* c */",
    "`jiffies",
    "vmlinux`max",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|v| v.join(" "))
}

fn check(text: &str) {
    let catalog = KnownProviders::new();
    let opts =
        CompileOptions { macro_args: vec!["prop.d".into(), "7".into()], btf: BtfSource::None, ..Default::default() };
    for origin in [Origin::Script("prop.d".into()), Origin::ProbeSpec(text.to_string())] {
        if let Err(e) = compile(text, &origin, &opts, &catalog) {
            // Every error renders to one dtrace(1)-style message.
            let line = e.render(&origin, true);
            assert!(line.starts_with("dtrace: "), "{line}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn token_soups_never_panic(text in soup()) {
        check(&text);
    }

    #[test]
    fn clause_bodies_never_panic(body in soup()) {
        check(&format!("BEGIN\n{{\n{body}\n}}\n"));
        check(&format!("BEGIN /{body}/ {{ }}"));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
    }
}
