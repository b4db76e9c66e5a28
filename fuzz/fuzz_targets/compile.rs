//! Fuzzes the whole front end: lexer, parser and checker, as a script and as
//! `-n` text. Any input must give a program or a compile error, never a
//! panic, a hang or an abort.
#![no_main]

use dtrace::consumer::probes::KnownProviders;
use dtrace::parser::{compile, BtfSource, CompileOptions, Origin};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let catalog = KnownProviders::new();
    // Kernel types are left out so runs are fast and reproducible anywhere.
    let opts = CompileOptions {
        macro_args: vec!["fuzz.d".into(), "1".into(), "x".into()],
        btf: BtfSource::None,
        argref: true,
        ..Default::default()
    };
    for origin in [Origin::Script("fuzz.d".into()), Origin::ProbeSpec(text.to_string())] {
        if let Err(e) = compile(text, &origin, &opts, &catalog) {
            let _ = e.render(&origin, true);
        }
    }
});
