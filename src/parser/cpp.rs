//! `-C`: runs the system C preprocessor over a program before lexing.
//!
//! dtrace(1) feeds cpp the program and reads back its output, whose `# N
//! "file"` line markers the lexer turns back into source lines. D-specific
//! lines (`#pragma D`, `#!`) pass through cpp untouched.

use crate::parser::errtags::ErrTag;
use crate::parser::{CompileError, Origin};
use std::io::Write;
use std::process::{Command, Stdio};

/// The preprocessor dtrace(1) runs; `-x cpppath` may name another.
pub const DEFAULT_CPP: &str = "cpp";

/// Runs `cpp` over `text` with `args` (`-D`, `-U`, `-I`, `-H` as given).
pub fn preprocess(text: &str, origin: &Origin, args: &[String]) -> Result<String, CompileError> {
    let fail = |msg: String| CompileError::new(ErrTag::D_UNKNOWN, None, msg);
    // The host compiler's own macros stay defined (system headers need
    // __x86_64__ and friends); D's are added and __GNUC__ removed, as
    // dtrace(1) on Linux does.
    let mut cmd = Command::new(DEFAULT_CPP);
    cmd.args([
        "-E",
        "-D__linux",
        "-D__Linux",
        "-D__unix",
        "-D__SVR4",
        "-D__x86_64",
        "-D__SUNW_D=1",
        "-D__SUNW_D_64",
        "-U__GNUC__",
    ]);
    cmd.args(args);
    cmd.arg("-");
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| fail(format!("failed to run {DEFAULT_CPP}: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // cpp rejects `#!`: blank the interpreter line but keep its newline,
        // so line numbers stay right (dtrace(1) seeks past it likewise).
        let owned = match text.strip_prefix("#!") {
            Some(rest) => rest.find('\n').map_or(String::new(), |i| rest[i..].to_string()),
            None => text.to_string(),
        };
        // cpp reads all input before writing much, but write from a thread
        // anyway so a large program cannot deadlock on full pipes.
        std::thread::spawn(move || {
            let _ = stdin.write_all(owned.as_bytes());
        });
    }
    let out = child.wait_with_output().map_err(|e| fail(format!("failed to run {DEFAULT_CPP}: {e}")))?;
    if !out.status.success() {
        let name = match origin {
            Origin::Script(p) => p.clone(),
            Origin::ProbeSpec(_) => "<stdin>".into(),
        };
        let err = String::from_utf8_lossy(&out.stderr).replace("<stdin>", &name);
        let first = err.lines().find(|l| l.contains("error")).unwrap_or("preprocessor failed").trim().to_string();
        return Err(fail(format!("failed to preprocess {name}: {first}")));
    }
    String::from_utf8(out.stdout).map_err(|_| fail("preprocessor output is not valid UTF-8".into()))
}
