//! The back end: everything between a checked D program and the bytes an
//! engine loads — the DIF instruction set, code generation, DOF, the `-S`
//! disassembler — and the D option table shared by the command line,
//! `#pragma D option` and `setopt()`.

pub mod codegen;
pub mod dis;
pub mod dof;
pub mod options;

/// The pass corpus (`tests/d/pass`) compiled without kernel types: every
/// program that needs no flags, arguments or BTF and compiles, with its
/// path. The tests of code generation and DOF both walk it.
#[cfg(test)]
pub(crate) fn pass_corpus() -> Vec<(std::path::PathBuf, crate::parser::sema::Checked)> {
    use crate::consumer::probes::KnownProviders;
    use crate::parser::{compile, BtfSource, CompileOptions, Origin};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/d/pass");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        if text.contains("@@requires btf") || text.contains("@@flags") || text.contains("@@args") {
            continue;
        }
        let opts = CompileOptions { macro_args: vec!["t.d".into()], btf: BtfSource::None, ..Default::default() };
        let origin = Origin::Script(path.display().to_string());
        if let Ok(ck) = compile(&text, &origin, &opts, &KnownProviders::new()) {
            out.push((path, ck));
        }
    }
    out
}
